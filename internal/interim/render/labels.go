package render

import (
	"slices"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// label names an enumeration's value as domain does, so that the page,
// the workbook and the API call things alike; domain shows an unknown
// code as it is.
func label[T interface{ Label() string }](v T) string { return orDash(v.Label()) }

// stepLabels name the milestones of interim.Steps; domain has no
// enumeration of them, as they are columns of the warehouse.
var stepLabels = map[string]string{
	"APPROVED":            "Được phê duyệt",
	"STARTED":             "Bắt đầu triển khai/thí điểm",
	"EVALUATED":           "Được đánh giá",
	"APPLIED_IN_UNIT":     "Áp dụng tại đơn vị",
	"APPLIED_CITY_WIDE":   "Áp dụng toàn Thành phố",
	"RATED_BY_MINISTRIES": "Được Bộ, ngành Trung ương đánh giá",
}

func stepLabel(code string) string {
	if l, ok := stepLabels[code]; ok {
		return l
	}
	return orDash(code)
}

// levelRank orders award levels highest first, as the plan lists them;
// unknown levels go last.
func levelRank(l domain.AwardLevel) int {
	levels := l.Values()
	if i := slices.Index(levels, string(l)); i >= 0 {
		return i
	}
	return len(levels)
}

// orDash keeps an empty code (a fact whose unit has no type) from
// leaving a blank cell that reads as a rendering fault.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
