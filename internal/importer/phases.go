package importer

import (
	"context"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/phase"
	"github.com/hcmc-thidua/thidua/internal/planning"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// phaseColumns: a phase of the movement and the board's milestones.
var phaseColumns = []Column{
	{Key: "name", Header: "Giai đoạn", Aliases: []string{"phase", "name"}, Required: true, Help: "Năm bắt đầu và năm kết thúc, ví dụ 2026-2030; không đổi được sau khi tạo.", Example: "2026-2030"},
	{Key: "plans_due_on", Header: "Hạn gửi kế hoạch", Aliases: []string{"plans due on"}, Help: "Ngày cuối các đơn vị gửi kế hoạch thực hiện phong trào về Ban Thi đua – Khen thưởng (dd/mm/yyyy).", Example: "31/03/2026"},
	{Key: "yearly_report_due", Header: "Hạn báo cáo năm", Aliases: []string{"yearly report due"}, Help: "Ngày trong năm (tháng-ngày), ví dụ 12-15 là ngày 15 tháng 12 mỗi năm.", Example: "12-15"},
	{Key: "interim_review_due_on", Header: "Hạn báo cáo sơ kết", Aliases: []string{"interim review due on"}, Help: "dd/mm/yyyy.", Example: "30/09/2028"},
	{Key: "final_review_due_on", Header: "Hạn báo cáo tổng kết", Aliases: []string{"final review due on"}, Help: "dd/mm/yyyy.", Example: "30/09/2030"},
}

// importPhases creates phases or sets their milestones, through the same
// rules as createPhase and updatePhase (the Phase hooks).
func importPhases(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	type row struct {
		n                     int
		name                  string
		start, end            int
		plans, interim, final *time.Time
		yearly                *string
	}
	var rows []row
	seen := map[string]int{}
	for _, r := range t.rows {
		c := rowCheck{kind: Phases, t: t, r: r, problems: &res.Problems}
		p := row{n: r.n, name: c.text("name", true, 9)}
		if p.name != "" {
			if _, err := time.Parse("2006", p.name[:min(4, len(p.name))]); err != nil || len(p.name) != 9 || p.name[4] != '-' {
				c.fail("name", "Tên giai đoạn %q phải là năm bắt đầu và năm kết thúc, ví dụ 2026-2030.", p.name)
				continue
			}
			s, _ := time.Parse("2006", p.name[:4])
			e, err := time.Parse("2006", p.name[5:])
			if err != nil {
				c.fail("name", "Tên giai đoạn %q phải là năm bắt đầu và năm kết thúc, ví dụ 2026-2030.", p.name)
				continue
			}
			p.start, p.end = s.Year(), e.Year()
		}
		p.plans, p.interim, p.final = c.date("plans_due_on", false), c.date("interim_review_due_on", false), c.date("final_review_due_on", false)
		if y := c.text("yearly_report_due", false, 5); y != "" {
			p.yearly = &y
		}
		if p.name == "" {
			continue
		}
		ms := planning.Milestones{Name: p.name, StartYear: p.start, EndYear: p.end, PlansDue: p.plans,
			InterimDue: p.interim, FinalDue: p.final, YearlyReportDue: p.yearly}
		if err := ms.Check(); err != nil {
			msg := err.Error()
			if pe, ok := problem.As(err); ok {
				msg = pe.Message
			}
			c.fail("name", "%s", msg)
			continue
		}
		if first, dup := seen[p.name]; dup {
			c.fail("name", "Giai đoạn %s đã có ở dòng %d.", p.name, first)
			continue
		}
		seen[p.name] = r.n
		rows = append(rows, p)
	}
	if !res.OK() {
		return nil
	}
	for _, p := range rows {
		old, err := client.Phase.Query().Where(phase.Name(p.name)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return err
		}
		changed := old != nil && (!sameDay(old.PlansDueOn, p.plans) || !sameDay(old.InterimReviewDueOn, p.interim) ||
			!sameDay(old.FinalReviewDueOn, p.final) || !sameText(old.YearlyReportDue, p.yearly))
		res.outcome(old == nil, changed)
		if !write {
			continue
		}
		switch {
		case old == nil:
			err = client.Phase.Create().SetName(p.name).SetStartYear(p.start).SetEndYear(p.end).
				SetNillablePlansDueOn(p.plans).SetNillableInterimReviewDueOn(p.interim).
				SetNillableFinalReviewDueOn(p.final).SetNillableYearlyReportDue(p.yearly).Exec(ctx)
		case changed:
			u := client.Phase.UpdateOne(old)
			if p.plans != nil {
				u.SetPlansDueOn(*p.plans)
			} else {
				u.ClearPlansDueOn()
			}
			if p.interim != nil {
				u.SetInterimReviewDueOn(*p.interim)
			} else {
				u.ClearInterimReviewDueOn()
			}
			if p.final != nil {
				u.SetFinalReviewDueOn(*p.final)
			} else {
				u.ClearFinalReviewDueOn()
			}
			if p.yearly != nil {
				u.SetYearlyReportDue(*p.yearly)
			} else {
				u.ClearYearlyReportDue()
			}
			err = u.Exec(ctx)
		}
		if err != nil {
			return rowError(p.n, err)
		}
	}
	return nil
}

func sameText(a, b *string) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
