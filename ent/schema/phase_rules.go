package schema

import (
	"context"
	"time"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/planning"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the Phase.
func (Phase) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(phaseMilestones, ent.OpCreate|ent.OpUpdateOne)}
}

// phaseMilestones checks the phase as it will be after the mutation
// (planning.Milestones.Check), whoever writes it: the API, an import, the seed.
func phaseMilestones(next ent.Mutator) ent.Mutator {
	return hook.PhaseFunc(func(ctx context.Context, m *gen.PhaseMutation) (gen.Value, error) {
		var ms planning.Milestones
		if m.Op().Is(ent.OpUpdateOne) {
			id, _ := m.ID()
			old, err := m.Client().Phase.Get(privacy.DecisionContext(ctx, privacy.Allow), id)
			if err != nil {
				return nil, err
			}
			ms = planning.Milestones{Name: old.Name, StartYear: old.StartYear, EndYear: old.EndYear,
				PlansDue: old.PlansDueOn, InterimDue: old.InterimReviewDueOn, FinalDue: old.FinalReviewDueOn,
				YearlyReportDue: old.YearlyReportDue}
		} else {
			var okN, okS, okE bool
			ms.Name, okN = m.Name()
			ms.StartYear, okS = m.StartYear()
			ms.EndYear, okE = m.EndYear()
			if !okN || !okS || !okE {
				return nil, problem.New(problem.Validation, "Giai đoạn cần có tên, năm bắt đầu và năm kết thúc.")
			}
		}
		date := func(set func() (time.Time, bool), cleared bool, prev *time.Time) *time.Time {
			if v, ok := set(); ok {
				return &v
			}
			if cleared {
				return nil
			}
			return prev
		}
		ms.PlansDue = date(m.PlansDueOn, m.PlansDueOnCleared(), ms.PlansDue)
		ms.InterimDue = date(m.InterimReviewDueOn, m.InterimReviewDueOnCleared(), ms.InterimDue)
		ms.FinalDue = date(m.FinalReviewDueOn, m.FinalReviewDueOnCleared(), ms.FinalDue)
		if v, ok := m.YearlyReportDue(); ok {
			ms.YearlyReportDue = &v
		} else if m.YearlyReportDueCleared() {
			ms.YearlyReportDue = nil
		}
		if err := ms.Check(); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}
