package planning

import (
	"context"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Programmes are the texts a plan implements (§III.3.1, §III.3.2.a).
type Programmes struct {
	Directive05, Conclusion14, Plan124, Plan3815 bool
}

// Issue records that a unit issued its plan for the phase.
func Issue(ctx context.Context, client *ent.Client, unitID int, phaseName, number string, issued time.Time, pr Programmes, note *string) (*ent.UnitPlan, error) {
	p, err := Phase(system(ctx), client, phaseName)
	if err != nil {
		return nil, err
	}
	// The write's own policy answers first; only then does the unique index
	// (unit, phase) say the unit has a plan, to a viewer who may write it: a
	// check ahead of the policy told any viewer whether another unit had
	// issued one (found by an outside review). No second read: on
	// PostgreSQL the failed insert has aborted the transaction.
	plan, err := client.UnitPlan.Create().SetUnitID(unitID).SetPhaseID(p.ID).SetDocumentNumber(number).
		SetIssuedOn(issued).SetLinkedToDirective05(pr.Directive05).SetImplementsConclusion14(pr.Conclusion14).
		SetImplementsPlan124(pr.Plan124).SetImplementsPlan3815(pr.Plan3815).SetNillableNote(note).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, problem.New(problem.Conflict, "Đơn vị đã có kế hoạch cho giai đoạn %s; hãy cập nhật kế hoạch đó.", p.Name)
	}
	return plan, err
}

// Launch records the launch (phát động) of an issued plan.
func Launch(ctx context.Context, client *ent.Client, id int, on time.Time) (*ent.UnitPlan, error) {
	return client.UnitPlan.UpdateOneID(id).SetLaunchedOn(on).Save(ctx)
}

// Send records that the plan was sent to the board, on the clock's day.
func Send(ctx context.Context, client *ent.Client, id int, on *time.Time) (*ent.UnitPlan, error) {
	p, err := client.UnitPlan.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	day, err := sentDay(ctx, "UnitPlan", on)
	if err != nil {
		return nil, err
	}
	if p.SentOn != nil {
		return nil, problem.New(problem.Conflict, "Kế hoạch này đã được gửi ngày %s.", p.SentOn.Format("02/01/2006"))
	}
	return client.UnitPlan.UpdateOneID(id).SetSentOn(day).Save(ctx)
}

// SendReport records that a report was sent, on the clock's day; a report
// is sent once.
func SendReport(ctx context.Context, client *ent.Client, id int, number string, on *time.Time) (*ent.UnitReport, error) {
	r, err := client.UnitReport.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	day, err := sentDay(ctx, "UnitReport", on)
	if err != nil {
		return nil, err
	}
	if r.SentOn != nil {
		return nil, problem.New(problem.Conflict, "Báo cáo này đã được gửi ngày %s.", r.SentOn.Format("02/01/2006"))
	}
	if strings.TrimSpace(number) == "" {
		return nil, problem.New(problem.Validation, "Báo cáo đã gửi cần có số văn bản.")
	}
	return client.UnitReport.UpdateOneID(id).SetSentOn(day).SetDocumentNumber(strings.TrimSpace(number)).Save(ctx)
}

// sentDay is the day a plan or report is sent: today in Asia/Ho_Chi_Minh
// by the server's clock, so "late" is a fact and not what a unit types.
// The board alone records another day, for what was sent on paper; never
// a day still to come.
func sentDay(ctx context.Context, kind string, on *time.Time) (time.Time, error) {
	if !access.FromContext(ctx).MayWrite(kind) {
		return time.Time{}, problem.New(problem.Forbidden, "Vai trò của bạn không được thay đổi dữ liệu này.")
	}
	today := clock.Today(ctx)
	if on == nil || on.Equal(today) {
		return today, nil
	}
	if !access.FromContext(ctx).Has(access.CityAdmin) {
		return time.Time{}, problem.New(problem.Validation, "Ngày gửi là ngày hôm nay (%s); chỉ Ban Thi đua – Khen thưởng được ghi ngày gửi khác cho văn bản giấy.", today.Format("02/01/2006"))
	}
	if on.After(today) {
		return time.Time{}, problem.New(problem.Validation, "Ngày gửi %s chưa đến.", on.Format("02/01/2006"))
	}
	return *on, nil
}
