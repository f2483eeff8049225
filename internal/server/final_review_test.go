package server_test

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestFinalReview — Kế hoạch 1821, mục V.1: "tổ chức sơ kết … năm 2025 và
// tổng kết … năm 2030". The final review reads any phase the way the
// interim one does: the same figures, its own title and files, and
// interimSummary answers as it did.
func TestFinalReview(t *testing.T) {
	e := interimEnv(t)
	leader := e.token(t, "leader", "HCM", access.Leader)
	q := `query($p: String!, $r: ReviewKind!) { phaseSummary(phase: $p, review: $r) { review state phase { name }
		summary { overview { units plansIssued reportsDue reportsLate ideas awards } } } }`
	type answer struct {
		PhaseSummary struct {
			Review, State string
			Phase         struct{ Name string }
			Summary       *struct{ Overview map[string]int }
		}
	}
	var final, interimAnswer answer
	e.do(t, leader, q, map[string]any{"p": "2022-2025", "r": "FINAL"}).decode(t, &final)
	e.do(t, leader, q, map[string]any{"p": "2022-2025", "r": "INTERIM"}).decode(t, &interimAnswer)
	if final.PhaseSummary.Review != "FINAL" || interimAnswer.PhaseSummary.Review != "INTERIM" || final.PhaseSummary.Summary == nil {
		t.Fatalf("reviews: %+v / %+v", final.PhaseSummary, interimAnswer.PhaseSummary)
	}
	for k, v := range interimAnswer.PhaseSummary.Summary.Overview {
		if final.PhaseSummary.Summary.Overview[k] != v {
			t.Errorf("overview %s: final %d, interim %d", k, final.PhaseSummary.Summary.Overview[k], v)
		}
	}
	var old struct {
		InterimSummary struct{ Review, State string }
	}
	e.do(t, leader, `{ interimSummary(phase: "2022-2025") { review state } }`, nil).decode(t, &old)
	if old.InterimSummary.Review != "INTERIM" || old.InterimSummary.State != interimAnswer.PhaseSummary.State {
		t.Errorf("interimSummary: %+v", old.InterimSummary)
	}
	res, body := e.get(t, "/reports/final/2026-2030", leader)
	if res.StatusCode != 200 || !strings.Contains(string(body), "Tổng kết giai đoạn 2026–2030") {
		t.Errorf("the final review's page: %d, title missing", res.StatusCode)
	}
	res, body = e.get(t, "/reports/final/2026-2030.xlsx", leader)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "tong-ket-2026-2030") || len(body) == 0 {
		t.Errorf("the final review's workbook: %d %v", res.StatusCode, res.Header)
	}
	res, body = e.get(t, "/reports/interim/2022-2025", leader)
	if res.StatusCode != 200 || !strings.Contains(string(body), "Sơ kết giai đoạn 2022–2025") {
		t.Errorf("the interim review's page: %d", res.StatusCode)
	}
}
