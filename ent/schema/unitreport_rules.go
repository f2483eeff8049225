package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the UnitReport.
func (UnitReport) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(unitReportAnswers, ent.OpUpdateOne|ent.OpUpdate)}
}

// unitReportAnswers: a report's unit, phase, kind and year are what it
// answers. Once it answers the board's call or has been sent they stay as
// they are, for everyone: moving a late report to another year or phase
// would take it off the list it is late on, and the due day the call set
// would belong to a report the call never asked for.
func unitReportAnswers(next ent.Mutator) ent.Mutator {
	return hook.UnitReportFunc(func(ctx context.Context, m *gen.UnitReportMutation) (gen.Value, error) {
		unitID, setUnit := m.UnitID()
		phaseID, setPhase := m.PhaseID()
		kind, setKind := m.Kind()
		year, setYear := m.Year()
		if !setUnit && !setPhase && !setKind && !setYear {
			return next.Mutate(ctx, m)
		}
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		ids, err := m.IDs(sys)
		if err != nil {
			return nil, err
		}
		fixed, err := m.Client().UnitReport.Query().
			Where(unitreport.IDIn(ids...), unitreport.Or(unitreport.CallIDNotNil(), unitreport.SentOnNotNil())).All(sys)
		if err != nil {
			return nil, err
		}
		for _, r := range fixed {
			if (setUnit && unitID != r.UnitID) || (setPhase && phaseID != r.PhaseID) ||
				(setKind && kind != r.Kind) || (setYear && year != r.Year) {
				return nil, problem.New(problem.Validation,
					"Báo cáo đã được Ban Thi đua – Khen thưởng yêu cầu hoặc đã gửi: không đổi được đơn vị, giai đoạn, loại hay năm báo cáo.")
			}
		}
		return next.Mutate(ctx, m)
	})
}
