package domain

import (
	"fmt"
	"strings"
	"time"
)

// IntegrityDecision checks that a discipline or integrity record rests on
// the decision that imposed it and is lifted only by a later one — Kế hoạch
// 1821, mục III: the person or collective must "gương mẫu chấp hành …, không
// bị xử lý kỷ luật"; the record's year is the one in which it costs the
// award, so the decision cannot predate it. It answers the Vietnamese
// reason a record is refused, or "" when it stands. The ent hook and the
// import share it, so a dry run refuses what the write would.
func IntegrityDecision(year int, number string, date *time.Time, liftedOn *time.Time, liftNumber string) string {
	switch {
	case strings.TrimSpace(number) == "" || date == nil:
		return "Cần ghi số và ngày của quyết định xử lý kỷ luật hoặc kết luận vi phạm."
	case date.Year() < year:
		return fmt.Sprintf("Quyết định ngày %s không thể áp dụng cho năm %d sau đó.", date.Format("02/01/2006"), year)
	case liftedOn != nil && liftedOn.Before(*date):
		return fmt.Sprintf("Ngày chấm dứt hiệu lực không được trước ngày quyết định %s.", date.Format("02/01/2006"))
	case liftedOn != nil && strings.TrimSpace(liftNumber) == "":
		return "Cần ghi số quyết định chấm dứt hiệu lực (xóa kỷ luật, hủy kết luận)."
	case liftedOn == nil && strings.TrimSpace(liftNumber) != "":
		return "Có số quyết định chấm dứt hiệu lực thì cần ghi ngày chấm dứt hiệu lực."
	}
	return ""
}

// IntegrityYear is the span of days of a record's year in which its person
// must have worked in its unit: [from, to).
func IntegrityYear(year int) (from, to time.Time) {
	from = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(1, 0, 0)
}
