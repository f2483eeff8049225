package schema

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the UnitPlan.
func (UnitPlan) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(unitPlanOrder, ent.OpCreate|ent.OpUpdateOne),
		pastDays(map[string]string{"issued_on": "Ngày ban hành", "launched_on": "Ngày phát động"})}
}

// unitPlanOrder: a plan is issued (with its document number) before it is
// launched or sent, and not launched or sent before the day it was issued;
// a sent plan keeps its unit and phase.
func unitPlanOrder(next ent.Mutator) ent.Mutator {
	return hook.UnitPlanFunc(func(ctx context.Context, m *gen.UnitPlanMutation) (gen.Value, error) {
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		var old *gen.UnitPlan
		if m.Op().Is(ent.OpUpdateOne) {
			id, _ := m.ID()
			p, err := m.Client().UnitPlan.Get(sys, id)
			if err != nil {
				return nil, err
			}
			old = p
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
		var prevIssued, prevLaunched, prevSent *time.Time
		prevNumber := ""
		if old != nil {
			prevIssued, prevLaunched, prevSent, prevNumber = old.IssuedOn, old.LaunchedOn, old.SentOn, old.DocumentNumber
		}
		issued := date(m.IssuedOn, m.IssuedOnCleared(), prevIssued)
		launched := date(m.LaunchedOn, m.LaunchedOnCleared(), prevLaunched)
		sent := date(m.SentOn, m.SentOnCleared(), prevSent)
		number, ok := m.DocumentNumber()
		if !ok {
			number = prevNumber
		}
		unitID, setUnit := m.UnitID()
		phaseID, setPhase := m.PhaseID()
		switch {
		case prevSent != nil && ((setUnit && unitID != old.UnitID) || (setPhase && phaseID != old.PhaseID)):
			// Sent is a fact about this unit's plan for this phase: moving
			// it would make another phase's plan on time, or this one's late.
			return nil, problem.New(problem.Validation, "Kế hoạch đã gửi: không đổi được đơn vị hay giai đoạn.")
		case issued != nil && strings.TrimSpace(number) == "":
			return nil, problem.New(problem.Validation, "Kế hoạch đã ban hành cần có số văn bản.")
		case launched != nil && issued == nil:
			return nil, problem.New(problem.InvalidTransition, "Chưa thể phát động: kế hoạch chưa được ban hành.")
		case sent != nil && issued == nil:
			return nil, problem.New(problem.InvalidTransition, "Chưa thể gửi: kế hoạch chưa được ban hành.")
		case launched != nil && launched.Before(*issued):
			return nil, problem.New(problem.Validation, "Ngày phát động không được trước ngày ban hành kế hoạch.")
		case sent != nil && sent.Before(*issued):
			return nil, problem.New(problem.Validation, "Ngày gửi không được trước ngày ban hành kế hoạch.")
		}
		return next.Mutate(ctx, m)
	})
}
