package graph

import (
	"context"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unit"
)

// unitsOn pages through the units whose validity period holds the day.
func (r *queryResolver) unitsOn(ctx context.Context, day time.Time, after *entgql.Cursor[int], first *int,
	before *entgql.Cursor[int], last *int, orderBy *ent.UnitOrder, where *ent.UnitWhereInput,
) (*ent.UnitConnection, error) {
	return r.client.Unit.Query().Where(
		unit.Or(unit.ValidFromIsNil(), unit.ValidFromLTE(day)),
		unit.Or(unit.ValidToIsNil(), unit.ValidToGT(day)),
	).Paginate(ctx, after, first, before, last, ent.WithUnitOrder(orderBy), ent.WithUnitFilter(where.Filter))
}
