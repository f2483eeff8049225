package planning

import (
	"context"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/reportcall"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Reach is which units a call reaches; every part set narrows it.
type Reach struct {
	UnitType  *domain.UnitType
	SubtreeID *int
	OpenOn    *time.Time // the due day when nil
}

// Call is the board's call for reports.
type Call struct {
	Phase          string
	Kind           domain.ReportKind
	Year           int
	DueOn          time.Time
	DocumentNumber *string
	Note           *string
	Reach          Reach
}

// CallResult is what a call did.
type CallResult struct {
	Call                           *ent.ReportCall
	Created, Attached, AlreadySent int
}

// callBatch keeps each bulk statement under SQLite's variable limit.
const callBatch = 400

// CallForReports records the board's call and, in the caller's
// transaction, the report each reached unit owes: created, or — when the
// unit already has that report unsent — attached to the call with its due
// day. Reports already sent are left as they are. The year lies in the
// phase: any of its years for YEARLY and INTERIM (a sơ kết may come midway,
// as 2022–2025's came in its last year), its last year for FINAL (the
// tổng kết covers the whole phase).
func CallForReports(ctx context.Context, client *ent.Client, c Call) (CallResult, error) {
	if !access.FromContext(ctx).Has(access.CityAdmin) {
		return CallResult{}, problem.New(problem.Forbidden, "Chỉ Ban Thi đua – Khen thưởng được yêu cầu các đơn vị báo cáo.")
	}
	p, err := Phase(ctx, client, c.Phase)
	if err != nil {
		return CallResult{}, err
	}
	if !c.Kind.Valid() {
		return CallResult{}, problem.New(problem.Validation, "Loại báo cáo %q không có.", c.Kind)
	}
	if c.Year < p.StartYear || c.Year > p.EndYear {
		return CallResult{}, problem.New(problem.Validation, "Năm %d không thuộc giai đoạn %s.", c.Year, p.Name)
	}
	if c.Kind == domain.ReportKindFinal && c.Year != p.EndYear {
		return CallResult{}, problem.New(problem.Validation, "Báo cáo tổng kết giai đoạn %s là báo cáo của năm %d, năm cuối của giai đoạn.", p.Name, p.EndYear)
	}
	if err := dueInRange(c.DueOn, c.Year); err != nil {
		return CallResult{}, err
	}
	day := c.DueOn
	if c.Reach.OpenOn != nil {
		day = *c.Reach.OpenOn
	}
	reached := openBetween(ctx, day, day.AddDate(0, 0, 1))
	if t := c.Reach.UnitType; t != nil {
		if !t.Valid() {
			return CallResult{}, problem.New(problem.Validation, "Loại đơn vị %q không có.", *t)
		}
		reached = append(reached, unit.TypeEQ(*t))
	}
	if id := c.Reach.SubtreeID; id != nil {
		top, err := client.Unit.Get(ctx, *id)
		if err != nil {
			return CallResult{}, problem.Wrap(err, problem.NotFound, "Không tìm thấy đơn vị.")
		}
		reached = append(reached, unit.PathHasPrefix(top.Path))
	}
	units, err := client.Unit.Query().Where(reached...).IDs(ctx)
	if err != nil {
		return CallResult{}, err
	}
	if len(units) == 0 {
		return CallResult{}, problem.New(problem.Validation, "Không có đơn vị nào trong phạm vi yêu cầu báo cáo.")
	}
	call, err := client.ReportCall.Create().SetPhaseID(p.ID).SetKind(c.Kind).SetYear(c.Year).SetDueOn(c.DueOn).
		SetNillableDocumentNumber(trim(c.DocumentNumber)).SetNillableNote(trim(c.Note)).
		SetNillableReachUnitType(c.Reach.UnitType).SetNillableReachSubtreeID(c.Reach.SubtreeID).
		SetNillableReachOpenOn(c.Reach.OpenOn).Save(ctx)
	if err != nil {
		return CallResult{}, err
	}
	res := CallResult{Call: call}
	for start := 0; start < len(units); start += callBatch {
		batch := units[start:min(start+callBatch, len(units))]
		owed, err := client.UnitReport.Query().Where(unitreport.UnitIDIn(batch...), unitreport.PhaseID(p.ID),
			unitreport.KindEQ(c.Kind), unitreport.Year(c.Year)).All(ctx)
		if err != nil {
			return CallResult{}, err
		}
		has := map[int]bool{}
		var unsent []int
		for _, r := range owed {
			has[r.UnitID] = true
			if r.SentOn != nil {
				res.AlreadySent++
			} else {
				unsent = append(unsent, r.ID)
			}
		}
		if len(unsent) > 0 {
			n, err := client.UnitReport.Update().Where(unitreport.IDIn(unsent...)).
				SetCallID(call.ID).SetDueOn(c.DueOn).Save(ctx)
			if err != nil {
				return CallResult{}, err
			}
			res.Attached += n
		}
		var creates []*ent.UnitReportCreate
		for _, u := range batch {
			if !has[u] {
				creates = append(creates, client.UnitReport.Create().SetUnitID(u).SetPhaseID(p.ID).
					SetKind(c.Kind).SetYear(c.Year).SetDueOn(c.DueOn).SetCallID(call.ID))
			}
		}
		if len(creates) > 0 {
			if err := client.UnitReport.CreateBulk(creates...).Exec(ctx); err != nil {
				return CallResult{}, err
			}
			res.Created += len(creates)
		}
	}
	return res, nil
}

// UpdateCall moves a call's due day (its unsent reports follow) or
// corrects its letter; the board's alone.
func UpdateCall(ctx context.Context, client *ent.Client, id, version int, due *time.Time, number, note *string) (*ent.ReportCall, error) {
	if !access.FromContext(ctx).Has(access.CityAdmin) {
		return nil, problem.New(problem.Forbidden, "Chỉ Ban Thi đua – Khen thưởng được sửa yêu cầu báo cáo.")
	}
	call, err := client.ReportCall.Get(ctx, id)
	if err != nil {
		return nil, problem.Wrap(err, problem.NotFound, "Không tìm thấy yêu cầu báo cáo.")
	}
	if call.Version != version {
		return nil, problem.New(problem.Conflict,
			"Yêu cầu báo cáo vừa được người khác cập nhật (phiên bản hiện tại %d, bạn gửi %d); hãy tải lại rồi sửa lại.", call.Version, version).At("version")
	}
	u := client.ReportCall.UpdateOneID(id).Where(reportcall.Version(version)).SetNillableDocumentNumber(trim(number)).SetNillableNote(trim(note))
	if due != nil {
		if err := dueInRange(*due, call.Year); err != nil {
			return nil, err
		}
		u.SetDueOn(*due)
		if _, err := client.UnitReport.Update().Where(unitreport.CallID(id), unitreport.SentOnIsNil()).
			SetDueOn(*due).Save(ctx); err != nil {
			return nil, err
		}
	}
	return u.Save(ctx)
}

// dueInRange: a call's due day lies in the year its reports cover or the
// next (a year's report is often due in the following January).
func dueInRange(due time.Time, year int) error {
	if first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); due.Before(first) || !due.Before(first.AddDate(2, 0, 0)) {
		return problem.New(problem.Validation, "Hạn nộp %s phải trong năm %d hoặc năm sau.", due.Format("02/01/2006"), year)
	}
	return nil
}

func trim(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	if t == "" {
		return nil
	}
	return &t
}
