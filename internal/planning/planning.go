// Package planning carries the units' plans and reports for a phase of the
// movement (§V.1): issuing, launching and sending a plan, sending reports,
// and the questions leaders ask of them (who has no plan, no launch, a late
// report).
package planning

import (
	"context"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/phase"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Phase finds a phase by name ("2022-2025").
func Phase(ctx context.Context, client *ent.Client, name string) (*ent.Phase, error) {
	p, err := client.Phase.Query().Where(phase.Name(name)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.Validation, "Giai đoạn %q không tồn tại (ví dụ: 2022-2025).", name)
	}
	return p, err
}

// expected lists the units a phase expects a plan from: every unit but the
// city that exists during some of the phase, within the viewer's subtree
// for a scoped viewer.
func expected(ctx context.Context, p *ent.Phase) []predicate.Unit {
	return openBetween(ctx, time.Date(p.StartYear, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(p.EndYear+1, 1, 1, 0, 0, 0, 0, time.UTC))
}

// openBetween lists the units but the city open at some time in [from, until),
// within the viewer's subtree for a scoped viewer.
func openBetween(ctx context.Context, from, until time.Time) []predicate.Unit {
	ps := []predicate.Unit{
		unit.TypeNEQ(domain.UnitTypeCity),
		unit.Or(unit.ValidFromIsNil(), unit.ValidFromLT(until)),
		unit.Or(unit.ValidToIsNil(), unit.ValidToGT(from)),
	}
	if v := access.FromContext(ctx); !v.ReadsCityWide() && v.Scoped() {
		ps = append(ps, unit.PathHasPrefix(v.UnitPath))
	}
	return ps
}

// WithoutPlan: the expected units with no plan for the phase.
func WithoutPlan(ctx context.Context, p *ent.Phase) []predicate.Unit {
	return append(expected(ctx, p), unit.Not(unit.HasPlansWith(unitplan.PhaseID(p.ID))))
}

// WithoutLaunch: the expected units whose plan for the phase is not launched.
func WithoutLaunch(ctx context.Context, p *ent.Phase) []predicate.Unit {
	return append(expected(ctx, p), unit.HasPlansWith(unitplan.PhaseID(p.ID), unitplan.LaunchedOnIsNil()))
}

// WithLatePlan: the units that owed their plan for the phase on its plans
// due day (open that day, not the city) and did not send it by the end of
// that day in Asia/Ho_Chi_Minh — sent after it, or still unsent once today
// is past it. A unit opened after the due day owed nothing by it; without
// a due day no plan is late.
func WithLatePlan(ctx context.Context, p *ent.Phase, today time.Time) []predicate.Unit {
	if p.PlansDueOn == nil || !today.After(*p.PlansDueOn) {
		// Before the day is over no plan can be late: a sent day is never
		// one still to come.
		return []predicate.Unit{func(s *sql.Selector) { s.Where(sql.False()) }}
	}
	due := *p.PlansDueOn
	sentInTime := unit.HasPlansWith(unitplan.PhaseID(p.ID), unitplan.SentOnNotNil(), unitplan.SentOnLTE(due))
	return append(openBetween(ctx, due, due.AddDate(0, 0, 1)), unit.Not(sentInTime))
}

// WithLateReport: units with a report of the phase (and year) sent after
// its due day, or not sent and overdue today.
func WithLateReport(ctx context.Context, p *ent.Phase, year *int, today time.Time) []predicate.Unit {
	late := []predicate.UnitReport{
		unitreport.PhaseID(p.ID),
		unitreport.DueOnNotNil(),
		unitreport.Or(
			unitreport.And(unitreport.SentOnIsNil(), unitreport.DueOnLT(today)),
			unitreport.And(unitreport.SentOnNotNil(), func(s *sql.Selector) {
				s.Where(sql.ColumnsGT(s.C(unitreport.FieldSentOn), s.C(unitreport.FieldDueOn)))
			}),
		),
	}
	if year != nil {
		late = append(late, unitreport.Year(*year))
	}
	return append(expected(ctx, p), unit.HasReportsWith(late...))
}

// system reads past the viewer's scope for the rules' own lookups.
func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }
