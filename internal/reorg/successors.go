package reorg

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// createSuccessors creates the new successors under their parent, existing
// from the date, and returns every successor by code, existing ones too.
func createSuccessors(ctx context.Context, c *ent.Client, ck *checked, r *Result) (map[string]*ent.Unit, error) {
	all := make(map[string]*ent.Unit, len(ck.create)+len(ck.existing))
	for _, u := range ck.existing {
		all[u.Code] = u
	}
	for _, n := range ck.create {
		b := c.Unit.Create().SetCode(n.Code).SetName(n.Name).SetType(n.Type).
			SetParentID(ck.parent.ID).SetValidFrom(ck.on)
		// A renamed unit is the same body under a new name: its own
		// criteria for the head's certificate go on applying.
		if ck.Kind == Rename && ck.old[0].Level4Criteria != nil {
			b.SetLevel4Criteria(ck.old[0].Level4Criteria)
		}
		u, err := b.Save(ctx)
		if ent.IsConstraintError(err) { // taken since check read the codes
			return nil, problem.Wrap(err, problem.Conflict, "Mã đơn vị %s vừa được dùng cho đơn vị khác; hãy chọn mã khác.", n.Code)
		}
		if err != nil {
			return nil, err
		}
		all[u.Code] = u
		r.Created = append(r.Created, u.Code)
	}
	return all, nil
}

// closeOld ends each old unit at the date and links it to every successor
// (unit_successors), the link the warehouse restates history through. The
// update applies only to a unit still open on the date, so of two
// reorganisations of one unit racing each other, the second gets CONFLICT
// instead of silently rewriting the first.
func closeOld(ctx context.Context, c *ent.Client, ck *checked, successors map[string]*ent.Unit, r *Result) error {
	ids := make([]int, 0, len(successors))
	for _, code := range successorCodes(ck.Plan) {
		ids = append(ids, successors[code].ID)
	}
	for _, u := range ck.old {
		err := c.Unit.UpdateOneID(u.ID).Where(unit.Or(unit.ValidToIsNil(), unit.ValidToGT(ck.on))).
			SetValidTo(ck.on).AddSuccessorIDs(ids...).Exec(ctx)
		if ent.IsNotFound(err) {
			return problem.Wrap(err, problem.Conflict, "Đơn vị %s vừa được tổ chức lại bởi một thao tác khác; hãy tải lại rồi thực hiện lại.", u.Code)
		}
		if err != nil {
			return err
		}
		r.Closed = append(r.Closed, u.Code)
	}
	return nil
}
