package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the Participation.
func (Participation) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(participationRules, ent.OpCreate),
		pastDays(map[string]string{"registered_on": "Ngày đăng ký"})}
}

// participationRules: an individual registers with their person, a
// collective without one; each registers once a year in a unit. Bulk
// loads (the seeder), unique by construction, skip the duplicate check,
// which would cost a query a row.
func participationRules(next ent.Mutator) ent.Mutator {
	return hook.ParticipationFunc(func(ctx context.Context, m *gen.ParticipationMutation) (gen.Value, error) {
		kind, _ := m.Kind()
		personID, hasPerson := m.PersonID()
		switch {
		case kind == domain.RecipientKindIndividual && !hasPerson:
			return nil, problem.New(problem.Validation, "Đăng ký cá nhân cần có người đăng ký (personID).")
		case kind == domain.RecipientKindCollective && hasPerson:
			return nil, problem.New(problem.Validation, "Đăng ký tập thể không kèm người đăng ký; tập thể là chính đơn vị.")
		}
		if audit.Suppressed(ctx) { // a bulk load, unique by construction
			return next.Mutate(ctx, m)
		}
		unitID, _ := m.UnitID()
		year, _ := m.Year()
		q := m.Client().Participation.Query().Where(participation.UnitID(unitID), participation.Year(year), participation.KindEQ(kind))
		if hasPerson {
			q.Where(participation.PersonID(personID))
		}
		dup, err := q.Exist(privacy.DecisionContext(ctx, privacy.Allow))
		if err != nil {
			return nil, err
		}
		if dup {
			return nil, problem.New(problem.Conflict, "Đã đăng ký tham gia thi đua năm %d tại đơn vị này.", year)
		}
		return next.Mutate(ctx, m)
	})
}
