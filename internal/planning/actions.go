package planning

import (
	"context"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Issue records that a unit issued its plan for the phase.
func Issue(ctx context.Context, client *ent.Client, unitID int, phaseName, number string, issued time.Time, directive05 bool, note *string) (*ent.UnitPlan, error) {
	p, err := Phase(system(ctx), client, phaseName)
	if err != nil {
		return nil, err
	}
	dup, err := client.UnitPlan.Query().Where(unitplan.UnitID(unitID), unitplan.PhaseID(p.ID)).Exist(system(ctx))
	if err != nil {
		return nil, err
	}
	if dup {
		return nil, problem.New(problem.Conflict, "Đơn vị đã có kế hoạch cho giai đoạn %s; hãy cập nhật kế hoạch đó.", p.Name)
	}
	return client.UnitPlan.Create().SetUnitID(unitID).SetPhaseID(p.ID).SetDocumentNumber(number).
		SetIssuedOn(issued).SetLinkedToDirective05(directive05).SetNillableNote(note).Save(ctx)
}

// Launch records the launch (phát động) of an issued plan.
func Launch(ctx context.Context, client *ent.Client, id int, on time.Time) (*ent.UnitPlan, error) {
	return client.UnitPlan.UpdateOneID(id).SetLaunchedOn(on).Save(ctx)
}

// Send records that the plan was sent to the board.
func Send(ctx context.Context, client *ent.Client, id int, on time.Time) (*ent.UnitPlan, error) {
	return client.UnitPlan.UpdateOneID(id).SetSentOn(on).Save(ctx)
}

// SendReport records that a report was sent; a report is sent once.
func SendReport(ctx context.Context, client *ent.Client, id int, number string, on time.Time) (*ent.UnitReport, error) {
	r, err := client.UnitReport.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.SentOn != nil {
		return nil, problem.New(problem.Conflict, "Báo cáo này đã được gửi ngày %s.", r.SentOn.Format("02/01/2006"))
	}
	return client.UnitReport.UpdateOneID(id).SetSentOn(on).SetDocumentNumber(number).Save(ctx)
}
