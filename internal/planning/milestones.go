package planning

import (
	"fmt"
	"time"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Milestones are a phase's years and the board's dates.
type Milestones struct {
	Name                           string
	StartYear, EndYear             int
	PlansDue, InterimDue, FinalDue *time.Time
	YearlyReportDue                *string // MM-DD
}

// Check: a phase is named by its years (2000 to 2100) and spans at most
// ten; the units' plans and the interim review fall inside its years, the
// final review inside them or the first half of the next year (when a
// phase's results are counted); the yearly report's day exists in every
// year (02-29 does not). The Phase hook and the phases import both apply
// it.
func (m Milestones) Check() error {
	if m.Name != fmt.Sprintf("%d-%d", m.StartYear, m.EndYear) {
		return problem.New(problem.Validation, "Tên giai đoạn %q phải là năm bắt đầu và năm kết thúc, ví dụ %d-%d.", m.Name, m.StartYear, m.EndYear)
	}
	if m.EndYear < m.StartYear || m.EndYear-m.StartYear > 10 {
		return problem.New(problem.Validation, "Giai đoạn %s không hợp lệ: năm kết thúc phải từ năm bắt đầu đến 10 năm sau.", m.Name)
	}
	if m.StartYear < 2000 || m.EndYear > 2100 {
		return problem.New(problem.Validation, "Giai đoạn %s không hợp lệ: năm phải từ 2000 đến 2100.", m.Name)
	}
	from := time.Date(m.StartYear, 1, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(m.EndYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range []struct {
		label string
		on    *time.Time
		last  time.Time
	}{
		{"Hạn gửi kế hoạch của đơn vị", m.PlansDue, until},
		{"Hạn báo cáo sơ kết", m.InterimDue, until},
		{"Hạn báo cáo tổng kết", m.FinalDue, until.AddDate(0, 6, 0)},
	} {
		if d.on != nil && (d.on.Before(from) || !d.on.Before(d.last)) {
			return problem.New(problem.Validation, "%s (%s) phải nằm trong giai đoạn %s.", d.label, d.on.Format("02/01/2006"), m.Name)
		}
	}
	if md := m.YearlyReportDue; md != nil {
		if _, err := time.Parse("2006-01-02", "2001-"+*md); err != nil || len(*md) != 5 {
			return problem.New(problem.Validation, "Hạn báo cáo năm %q không phải một ngày có trong mọi năm (tháng-ngày, ví dụ 12-15).", *md)
		}
	}
	return nil
}
