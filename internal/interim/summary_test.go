package interim

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/seed"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

func TestMain(m *testing.M) { chtest.Main(m) }

func TestParsePhase(t *testing.T) {
	if p, err := ParsePhase("2022-2025"); err != nil || p.Start != 2022 || p.End != 2025 {
		t.Errorf("%+v %v", p, err)
	}
	for _, bad := range []string{"", "2022", "2025-2022", "2022-2025x", "2022-2045", "x-y"} {
		if _, err := ParsePhase(bad); err == nil {
			t.Errorf("phase %q accepted", bad)
		}
	}
}

// TestSummaryEqualsStore: every figure of the summary, for the city and for
// a district, equals the same figure computed from the store directly.
func TestSummaryEqualsStore(t *testing.T) {
	srv := chtest.Shared(t)
	ctx := context.Background()
	url := "sqlite:" + filepath.Join(t.TempDir(), "thidua.db")
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := seed.Run(ctx, st.Client, seed.Scales["small"], seed.DefaultSeed); err != nil {
		t.Fatal(err)
	}
	db := srv.Database(t)
	if _, err := etl.Run(ctx, etl.Config{Store: url, Warehouse: srv.URL(db), PseudonymKey: "interim-test-key-interim-test-key-0000"}); err != nil {
		t.Fatal(err)
	}
	conn, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	phase, _ := ParsePhase("2022-2025")
	var district string
	if err := st.DB.QueryRowContext(ctx, `SELECT path FROM units WHERE type = 'DISTRICT' ORDER BY code LIMIT 1`).Scan(&district); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/HCM/", district} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			s, err := Load(ctx, conn, db, phase, path)
			if err != nil {
				t.Fatal(err)
			}
			want := storeFigures(t, st.DB, phase, path)
			got := figures(s)
			for section, w := range want {
				if len(w) == 0 {
					t.Errorf("%s: the store has nothing to compare", section)
				}
				if !slices.Equal(w, got[section]) {
					t.Errorf("%s differs from the store\nstore:   %v\nsummary: %v", section, w, got[section])
				}
			}
		})
	}
}

// figures spells the summary's rows as sorted lines, section by section.
func figures(s Summary) map[string][]string {
	out := map[string][]string{}
	add := func(section string, parts ...any) {
		out[section] = append(out[section], strings.TrimSuffix(fmt.Sprintln(parts...), "\n"))
	}
	for _, p := range s.Plans {
		add("plans", p.UnitType, p.Units, p.Issued, p.Launched, p.Sent, p.Directive)
	}
	for _, p := range s.Reports {
		add("reports", p.Year, p.Kind, p.Due, p.Sent, p.Late, p.Unsent)
	}
	for _, p := range s.Participation {
		rate := "-"
		if p.Rate != nil {
			rate = fmt.Sprintf("%.6f", *p.Rate)
		}
		add("participation", p.Year, p.Individuals, p.Collectives, p.Headcount, rate)
	}
	for _, p := range s.Ideas {
		add("ideas", p.Year, p.Proposed, p.Approved, p.Piloted, p.Effective, p.AppliedInUnit, p.AppliedCityWide, p.RatedByMinistries)
	}
	for _, p := range s.Adoptions {
		add("adoptions", p.Year, p.Adoptions, p.Ideas, p.Spread)
	}
	for _, p := range s.Awards {
		add("awards", p.Year, p.Level, p.Kind, p.Awards)
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// storeFigures computes the same figures from the store (SQLite) with SQL
// of its own: events for how far ideas went, revocations for standing awards.
func storeFigures(t *testing.T, db *sql.DB, p Phase, path string) map[string][]string {
	t.Helper()
	first, after := fmt.Sprintf("%d-01-01", p.Start), fmt.Sprintf("%d-01-01", p.End+1)
	has := func(actions ...string) string {
		return `EXISTS (SELECT 1 FROM idea_events e WHERE e.idea_id = i.id AND e.action IN ('` + strings.Join(actions, "', '") + `'))`
	}
	queries := map[string]string{
		"plans": `SELECT u.type, count(*), sum(p.issued_on IS NOT NULL), sum(p.launched_on IS NOT NULL), sum(p.sent_on IS NOT NULL),
				sum(coalesce(p.linked_to_directive_05, 0))
			FROM units u LEFT JOIN unit_plans p ON p.unit_id = u.id AND p.phase_id = (SELECT id FROM phases WHERE name = $phase)
			WHERE u.path LIKE $path AND (u.valid_from IS NULL OR u.valid_from < $after) AND (u.valid_to IS NULL OR u.valid_to > $first)
				AND u.type != 'CITY'
			GROUP BY u.type`,
		"reports": `SELECT r.year, r.kind, count(*), sum(r.sent_on IS NOT NULL), sum(coalesce(r.sent_on > r.due_on, 0)), sum(r.sent_on IS NULL)
			FROM unit_reports r JOIN units u ON u.id = r.unit_id JOIN phases ph ON ph.id = r.phase_id
			WHERE ph.name = $phase AND u.path LIKE $path GROUP BY r.year, r.kind`,
		"participation": `SELECT p.year, count(DISTINCT CASE WHEN p.kind = 'INDIVIDUAL' THEN p.person_id END), sum(p.kind = 'COLLECTIVE'),
				coalesce((SELECT sum(h.headcount) FROM headcounts h JOIN units hu ON hu.id = h.unit_id WHERE h.year = p.year AND hu.path LIKE $path), 0)
			FROM participations p JOIN units u ON u.id = p.unit_id
			WHERE p.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY p.year`,
		"ideas": `SELECT i.year, count(*), sum(` + has("APPROVE_IMPLEMENTATION", "APPROVE_PILOT") + `), sum(` + has("APPROVE_PILOT", "START_PILOT") + `),
				sum(coalesce((SELECT e.action = 'EVALUATE_EFFECTIVE' FROM idea_events e WHERE e.idea_id = i.id
					AND e.action IN ('EVALUATE_EFFECTIVE', 'EVALUATE_INEFFECTIVE') ORDER BY e.seq DESC LIMIT 1), 0)),
				sum(` + has("APPLY_IN_UNIT") + `), sum(` + has("APPLY_CITY_WIDE") + `), sum(` + has("RATE_BY_MINISTRIES") + `)
			FROM ideas i JOIN units u ON u.id = i.unit_id
			WHERE i.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY i.year`,
		"adoptions": `SELECT y, sum(n), count(*), sum(adopters >= 2) FROM (
				SELECT CAST(substr(a.adopted_on, 1, 4) AS INTEGER) AS y, a.idea_id, count(*) AS n, count(DISTINCT a.unit_id) AS adopters
				FROM adoptions a JOIN units u ON u.id = a.unit_id WHERE u.path LIKE $path GROUP BY y, a.idea_id)
			WHERE y BETWEEN $start AND $end GROUP BY y`,
		"awards": `SELECT a.year, a.level, a.recipient_kind, count(*) FROM awards a JOIN units u ON u.id = a.unit_id
			WHERE NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id) AND a.year BETWEEN $start AND $end AND u.path LIKE $path
			GROUP BY a.year, a.level, a.recipient_kind`,
	}
	vars := strings.NewReplacer("$phase", "'"+p.Name+"'", "$path", "'"+path+"%'", "$first", "'"+first+"'", "$after", "'"+after+"'",
		"$start", fmt.Sprint(p.Start), "$end", fmt.Sprint(p.End))
	out := map[string][]string{}
	for section, q := range queries {
		rows, err := db.Query(vars.Replace(q))
		if err != nil {
			t.Fatalf("%s: %v", section, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]any, len(vals))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				parts[i] = v
			}
			if section == "participation" {
				ind, heads := parts[1].(int64), parts[3].(int64)
				rate := "-"
				if heads > 0 {
					rate = fmt.Sprintf("%.6f", float64(ind)/float64(heads))
				}
				parts = append(parts, rate)
			}
			out[section] = append(out[section], strings.TrimSuffix(fmt.Sprintln(parts...), "\n"))
		}
		rows.Close()
		slices.Sort(out[section])
	}
	return out
}
