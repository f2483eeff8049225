package render

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		dec  int
		want string
	}{
		{0, 0, "0"}, {999, 0, "999"}, {1000, 0, "1.000"}, {1234567, 0, "1.234.567"},
		{45.67, 1, "45,7"}, {-1234.5, 1, "-1.234,5"}, {-0.01, 1, "0,0"},
	} {
		if got := number(c.v, c.dec); got != c.want {
			t.Errorf("number(%v, %d) = %q, want %q", c.v, c.dec, got, c.want)
		}
	}
	if got := percent(0.4567); got != "45,7%" {
		t.Errorf("percent = %q", got)
	}
}

func TestNiceScale(t *testing.T) {
	for _, c := range []struct {
		max       float64
		whole     bool
		top, step float64
	}{
		{0, true, 1, 1}, {3, true, 3, 1}, {17, true, 20, 5}, {45.67, false, 50, 10}, {230, true, 250, 50}, {62.5, false, 80, 20}, {0.7, false, 0.8, 0.2},
	} {
		if top, step := niceScale(c.max, c.whole); top != c.top || step != c.step {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", c.max, top, step, c.top, c.step)
		}
	}
}

func TestLabels(t *testing.T) {
	for got, want := range map[string]string{
		label(domain.UnitType("WARD")):                      "Phường",
		label(domain.UnitType("")):                          "—",
		label(domain.UnitType("GALAXY")):                    "GALAXY",
		label(domain.ReportKind("INTERIM")):                 "Báo cáo sơ kết",
		label(domain.AwardLevel("LABOR_ORDER_THIRD_CLASS")): "Huân chương Lao động hạng Ba",
		label(domain.RecipientKind("COLLECTIVE")):           "Tập thể",
		stepLabel("RATED_BY_MINISTRIES"):                    "Được Bộ, ngành Trung ương đánh giá",
		stepLabel("NEW_STEP"):                               "NEW_STEP",
		personName(interim.Person{Key: "abc"}):              "Mã ẩn danh abc",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if levelRank("LABOR_ORDER_THIRD_CLASS") >= levelRank("UNIT_HEAD_CERTIFICATE") || levelRank("UNKNOWN") <= levelRank("UNIT_HEAD_CERTIFICATE") {
		t.Error("award levels are not ranked highest first")
	}
}
