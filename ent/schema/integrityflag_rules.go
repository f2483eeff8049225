package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the IntegrityFlag.
func (IntegrityFlag) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(integrityDecision, ent.OpCreate|ent.OpUpdateOne),
		pastDays(map[string]string{"decision_date": "Ngày quyết định"})}
}

// integrityDecision: a record rests on the decision that imposed it (its
// number and date, in or after the year it applies to), names a person of
// the record's unit in that year, and is lifted only by a later decision.
func integrityDecision(next ent.Mutator) ent.Mutator {
	return hook.IntegrityFlagFunc(func(ctx context.Context, m *gen.IntegrityFlagMutation) (gen.Value, error) {
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		var cur gen.IntegrityFlag
		if m.Op().Is(ent.OpUpdateOne) {
			id, _ := m.ID()
			old, err := m.Client().IntegrityFlag.Get(sys, id)
			if err != nil {
				return nil, err
			}
			cur = *old
		}
		if v, ok := m.UnitID(); ok {
			cur.UnitID = v
		}
		if v, ok := m.PersonID(); ok {
			cur.PersonID = &v
		} else if m.PersonCleared() {
			cur.PersonID = nil
		}
		if v, ok := m.Year(); ok {
			cur.Year = v
		}
		if v, ok := m.DecisionNumber(); ok {
			cur.DecisionNumber = v
		} else if m.DecisionNumberCleared() {
			cur.DecisionNumber = ""
		}
		if v, ok := m.DecisionDate(); ok {
			cur.DecisionDate = &v
		} else if m.DecisionDateCleared() {
			cur.DecisionDate = nil
		}
		if v, ok := m.LiftedOn(); ok {
			cur.LiftedOn = &v
		} else if m.LiftedOnCleared() {
			cur.LiftedOn = nil
		}
		if v, ok := m.LiftDecisionNumber(); ok {
			cur.LiftDecisionNumber = v
		} else if m.LiftDecisionNumberCleared() {
			cur.LiftDecisionNumber = ""
		}
		if why := domain.IntegrityDecision(cur.Year, cur.DecisionNumber, cur.DecisionDate, cur.LiftedOn, cur.LiftDecisionNumber); why != "" {
			return nil, problem.New(problem.Validation, "%s", why)
		}
		if cur.PersonID != nil {
			from, to := domain.IntegrityYear(cur.Year)
			ok, err := m.Client().Membership.Query().Where(membership.PersonID(*cur.PersonID), membership.UnitID(cur.UnitID),
				membership.ValidFromLT(to),
				membership.Or(membership.ValidToIsNil(), membership.ValidToGT(from))).Exist(sys)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, problem.New(problem.Validation, "Người này không công tác tại đơn vị của hồ sơ trong năm %d.", cur.Year)
			}
		}
		return next.Mutate(ctx, m)
	})
}
