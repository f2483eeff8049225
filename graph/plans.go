package graph

import (
	"context"

	"entgo.io/contrib/entgql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/graph/model"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/planning"
)

// phaseQuestion selects the units a question about a phase is about.
type phaseQuestion func(context.Context, *ent.Phase) []predicate.Unit

var (
	withoutPlan   phaseQuestion = planning.WithoutPlan
	withoutLaunch phaseQuestion = planning.WithoutLaunch
)

func withLateReport(year *int) phaseQuestion {
	return func(ctx context.Context, p *ent.Phase) []predicate.Unit {
		return planning.WithLateReport(ctx, p, year, clock.Today(ctx))
	}
}

func withLatePlan(ctx context.Context, p *ent.Phase) []predicate.Unit {
	return planning.WithLatePlan(ctx, p, clock.Today(ctx))
}

func callForReports(ctx context.Context, in model.CallForReportsInput) (*model.CallForReportsPayload, error) {
	c := planning.Call{Phase: in.Phase, Kind: in.Kind, Year: in.Year, DueOn: in.DueOn,
		DocumentNumber: in.DocumentNumber, Note: in.Note}
	if in.Reach != nil {
		c.Reach = planning.Reach{UnitType: in.Reach.UnitType, SubtreeID: in.Reach.SubtreeID, OpenOn: in.Reach.OpenOn}
	}
	res, err := planning.CallForReports(ctx, ent.FromContext(ctx), c)
	if err != nil {
		return nil, err
	}
	return &model.CallForReportsPayload{Call: res.Call, Created: res.Created, Attached: res.Attached, AlreadySent: res.AlreadySent}, nil
}

// unitsOfPhase pages through the units a phase question selects.
func (r *queryResolver) unitsOfPhase(ctx context.Context, name string, selects phaseQuestion,
	after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int, where *ent.UnitWhereInput,
) (*ent.UnitConnection, error) {
	p, err := planning.Phase(ctx, r.client, name)
	if err != nil {
		return nil, err
	}
	return r.client.Unit.Query().Where(selects(ctx, p)...).
		Paginate(ctx, after, first, before, last, ent.WithUnitFilter(where.Filter))
}

func issueUnitPlan(ctx context.Context, in model.IssueUnitPlanInput) (*ent.UnitPlan, error) {
	yes := func(b *bool) bool { return b != nil && *b }
	pr := planning.Programmes{Directive05: yes(in.LinkedToDirective05), Conclusion14: yes(in.ImplementsConclusion14),
		Plan124: yes(in.ImplementsPlan124), Plan3815: yes(in.ImplementsPlan3815)}
	return planning.Issue(ctx, ent.FromContext(ctx), in.UnitID, in.Phase, in.DocumentNumber, in.IssuedOn, pr, in.Note)
}

func launchUnitPlan(ctx context.Context, in model.LaunchUnitPlanInput) (*ent.UnitPlan, error) {
	return planning.Launch(ctx, ent.FromContext(ctx), in.ID, in.LaunchedOn)
}

func sendUnitPlan(ctx context.Context, in model.SendUnitPlanInput) (*ent.UnitPlan, error) {
	return planning.Send(ctx, ent.FromContext(ctx), in.ID, in.SentOn)
}

func sendUnitReport(ctx context.Context, in model.SendUnitReportInput) (*ent.UnitReport, error) {
	return planning.SendReport(ctx, ent.FromContext(ctx), in.ID, in.DocumentNumber, in.SentOn)
}
