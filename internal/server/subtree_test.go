package server_test

import (
	"fmt"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// Every list's hasUnitWith: {pathHasPrefix} (answered by policy.InSubtree)
// counts what a join on the unit tree counts, on both stores, at the top of
// the where and inside an or.
func TestListsFilteredByUnitSubtree(t *testing.T) {
	lists := []struct{ field, table string }{
		{"ideas", "ideas"}, {"memberships", "memberships"}, {"participations", "participations"},
		{"awards", "awards"}, {"nominations", "nominations"}, {"adoptions", "adoptions"},
		{"headcounts", "headcounts"}, {"unitPlans", "unit_plans"}, {"unitReports", "unit_reports"},
		{"integrityFlags", "integrity_flags"},
	}
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		count := func(sql string) int {
			t.Helper()
			var n int
			if err := e.store.DB.QueryRow(sql).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, l := range lists {
			for _, path := range []string{"/HCM/", "/HCM/TD/", "/HCM/Q1/"} {
				var got map[string]struct {
					TotalCount int `json:"totalCount"`
				}
				e.do(t, board, fmt.Sprintf(`query($p: String!) { x: %s(where: {hasUnitWith: {pathHasPrefix: $p}}) { totalCount } }`, l.field),
					map[string]any{"p": path}).decode(t, &got)
				want := count(fmt.Sprintf(`SELECT COUNT(*) FROM %s t JOIN units u ON u.id = t.unit_id WHERE u.path LIKE '%s%%'`, l.table, path))
				if got["x"].TotalCount != want {
					t.Errorf("%s under %s: %d, want %d", l.field, path, got["x"].TotalCount, want)
				}
				if path == "/HCM/" && want == 0 {
					t.Errorf("%s: the demo data has none, so the test proves nothing", l.field)
				}
			}
		}
		var got map[string]struct {
			TotalCount int `json:"totalCount"`
		}
		e.do(t, board, `{ x: ideas(where: {or: [{hasUnitWith: {pathHasPrefix: "/HCM/TD/"}}, {hasUnitWith: {pathHasPrefix: "/HCM/Q1/"}}], statusNEQ: DRAFT}) { totalCount } }`, nil).decode(t, &got)
		want := count(`SELECT COUNT(*) FROM ideas t JOIN units u ON u.id = t.unit_id WHERE (u.path LIKE '/HCM/TD/%' OR u.path LIKE '/HCM/Q1/%') AND t.status <> 'DRAFT'`)
		if got["x"].TotalCount != want || want == 0 {
			t.Errorf("ideas of TD or Q1 not drafts: %d, want %d (> 0)", got["x"].TotalCount, want)
		}
	})
}
