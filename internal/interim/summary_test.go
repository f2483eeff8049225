package interim

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

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
	url := seedtest.URL(t, "sqlite")
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := srv.Database(t)
	const key = "interim-test-key-interim-test-key-0000"
	if _, err := etl.Run(ctx, etl.Config{Store: url, Warehouse: srv.URL(db), PseudonymKey: key}); err != nil {
		t.Fatal(err)
	}
	pseudonyms, err := etl.NewPseudonymizer(key)
	if err != nil {
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
	// A ward of today that succeeded other units: its restated rows carry
	// their facts.
	var ward string
	if err := st.DB.QueryRowContext(ctx, `SELECT path FROM units WHERE valid_to IS NULL
		AND id IN (SELECT predecessor_id FROM unit_successors) ORDER BY code LIMIT 1`).Scan(&ward); err != nil {
		t.Fatal(err)
	}
	compared := map[string]bool{}
	defer func() {
		for section, ok := range compared {
			if !ok {
				t.Errorf("%s: the store had nothing to compare in any scope", section)
			}
		}
	}()
	for _, path := range []string{"/HCM/", district, ward} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			s, err := Load(ctx, conn, db, phase, path, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			want := storeFigures(t, st.DB, phase, path)
			maps.Copy(want, storeUnits(t, st.DB, phase, path, pseudonyms))
			maps.Copy(want, storeFollowUp(t, st, phase, path))
			got := figures(s)
			t.Logf("%s follow-up: %v; problems %v", path, got["follow_overview"], got["problems"])
			for section := range got {
				if _, ok := want[section]; !ok {
					t.Errorf("%s: not compared with the store", section)
				}
			}
			for section, w := range want {
				compared[section] = compared[section] || len(w) > 0
				if !slices.Equal(w, got[section]) {
					t.Errorf("%s differs from the store\nstore:   %v\nsummary: %v", section, w, got[section])
				}
			}
		})
	}
}

// figures spells the summary's rows as sorted lines, section by section;
// ranked sections carry their rank.
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
		add("participation", p.Year, p.Individuals, p.Collectives, p.Headcount, ratio(p.Rate))
	}
	for _, p := range s.ParticipationByType {
		add("participation_by_type", p.UnitType, p.Year, p.Individuals, p.Collectives, p.Headcount, ratio(p.Rate))
	}
	for _, p := range s.Ideas {
		add("ideas", p.Year, p.Proposed, p.Approved, p.Piloted, p.Effective, p.AppliedInUnit, p.AppliedCityWide, p.RatedByMinistries)
	}
	for _, p := range s.IdeasByField {
		add("ideas_by_field", p.Field, p.Proposed, p.Approved, p.Piloted, p.Effective, p.AppliedInUnit, p.AppliedCityWide, p.RatedByMinistries)
	}
	for _, m := range s.Milestones {
		add("milestones", m.Step, m.Ideas, ratio(m.MedianDays))
	}
	for _, p := range s.IdeasByType {
		add("ideas_by_type", p.UnitType, p.Year, p.Proposed, p.Approved, p.Piloted, p.Effective, p.AppliedInUnit, p.AppliedCityWide, p.RatedByMinistries)
	}
	for _, p := range s.AwardsByType {
		add("awards_by_type", p.UnitType, p.Year, p.Awards, p.OnIdeas)
	}
	for _, p := range s.Adoptions {
		add("adoptions", p.Year, p.Adoptions, p.Ideas, p.Spread)
	}
	for i, t := range s.TopIdeas {
		add("top_ideas", fmt.Sprintf("%02d", i), t.Code, t.Field, t.OriginCode, t.Adoptions, t.Adopters)
	}
	for _, p := range s.Awards {
		add("awards", p.Year, p.Level, p.Kind, p.Awards)
	}
	for _, p := range s.AwardsOnIdeas {
		add("awards_on_ideas", p.Year, p.Awards, p.OnIdeas)
	}
	o := s.Overview
	add("overview", o.Units, o.CurrentUnits, o.PlansIssued, o.PlansSent, o.ReportsDue, o.ReportsSent, o.ReportsLate,
		o.Individuals, o.Ideas, o.IdeasEffective, o.IdeasCityWide, o.Adoptions, o.IdeasSpread, o.Awards, o.AwardsOnIdeas)
	for section, rows := range map[string][]UnitRow{"units": s.Units, "restated": s.Restated} {
		for _, u := range rows {
			add(section, u.Code, u.Type, u.Current, u.Units, u.PlansIssued, u.PlansLaunched, u.PlansSent,
				u.ReportsDue, u.ReportsSent, u.ReportsLate, u.Participations, u.Collectives, u.Headcount, ratio(u.Rate),
				u.Ideas, u.Effective, u.AppliedCityWide, u.Adoptions, u.Awards, u.Problems)
		}
	}
	for i, u := range s.StandoutUnits {
		add("standout_units", fmt.Sprintf("%02d", i), u.Code)
	}
	for i, p := range s.StandoutPeople {
		add("standout_people", fmt.Sprintf("%02d", i), p.Key, p.Awards, p.Ideas)
	}
	for _, l := range s.LaggingUnits {
		add("lagging", l.Code, l.NoPlan, l.NoIdea, l.NoReport, l.NoProblem)
	}
	add("follow_overview", o.IdeasAwaitingCity, o.IdeasHalted, o.PilotsIneffective, o.NominationsInProgress,
		o.EligibleNotNominated, o.UnitYearsWithoutProblem, o.Exemplars)
	for _, f := range s.FollowUpIdeas {
		add("follow_up_ideas", f.ID, f.Code, f.Status, f.Reason, f.UnitCode, f.Year)
	}
	for _, n := range s.Nominations {
		add("nominations", n.Year, n.Level, n.Status, n.Nominations)
	}
	for _, e := range s.Eligible {
		add("eligible", e.Year, e.Level, e.Kind, e.Eligible, e.Nominated, e.Awarded, e.NotNominated)
	}
	for _, p := range s.Problems {
		add("problems", p.Year, p.Units, p.Chosen)
	}
	for _, x := range s.Exemplars {
		add("exemplars", x.ID, x.Kind, x.UnitCode, x.Year, x.RecognizedOn.Format(time.DateOnly), x.Ideas, x.Awards)
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

func ratio(r *float64) string {
	if r == nil {
		return "-"
	}
	return fmt.Sprintf("%.6f", *r)
}

// storeFigures computes the same figures from the store (SQLite) with SQL
// of its own: events for how far ideas went, revocations for standing awards.
func storeFigures(t *testing.T, db *sql.DB, p Phase, path string) map[string][]string {
	t.Helper()
	first, after := fmt.Sprintf("%d-01-01", p.Start), fmt.Sprintf("%d-01-01", p.End+1)
	has := func(actions ...string) string {
		return `EXISTS (SELECT 1 FROM idea_events e WHERE e.idea_id = i.id AND e.action IN ('` + strings.Join(actions, "', '") + `'))`
	}
	// Late: sent after the due day, or still unsent once it is over.
	lateReport := `(CASE WHEN r.sent_on IS NULL THEN coalesce(substr(r.due_on, 1, 10) < $today, 0) ELSE coalesce(r.sent_on > r.due_on, 0) END)`
	inPhase := `(u.valid_from IS NULL OR substr(u.valid_from, 1, 10) < $after) AND (u.valid_to IS NULL OR substr(u.valid_to, 1, 10) > $first)`
	current := `(u.valid_from IS NULL OR substr(u.valid_from, 1, 10) <= $today) AND (u.valid_to IS NULL OR substr(u.valid_to, 1, 10) > $today)`
	// A year's headcount counts the units that still existed at its end.
	heldAtYearEnd := `(hu.valid_to IS NULL OR CAST(substr(hu.valid_to, 1, 4) AS INTEGER) > h.year)`
	standing := `NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id)`
	effective := `coalesce((SELECT e.action = 'EVALUATE_EFFECTIVE' FROM idea_events e WHERE e.idea_id = i.id
					AND e.action IN ('EVALUATE_EFFECTIVE', 'EVALUATE_INEFFECTIVE') ORDER BY e.seq DESC LIMIT 1), 0)`
	ideaCounts := `count(*), sum(` + has("APPROVE_IMPLEMENTATION", "APPROVE_PILOT") + `), sum(` + has("APPROVE_PILOT", "START_PILOT") + `),
				sum(` + effective + `), sum(` + has("APPLY_IN_UNIT") + `), sum(` + has("APPLY_CITY_WIDE") + `), sum(` + has("RATE_BY_MINISTRIES") + `)`
	queries := map[string]string{
		"plans": `SELECT u.type, count(*), sum(p.issued_on IS NOT NULL), sum(p.launched_on IS NOT NULL), sum(p.sent_on IS NOT NULL),
				sum(coalesce(p.linked_to_directive_05, 0))
			FROM units u LEFT JOIN unit_plans p ON p.unit_id = u.id AND p.phase_id = (SELECT id FROM phases WHERE name = $phase)
			WHERE u.path LIKE $path AND ` + inPhase + ` AND u.type != 'CITY'
			GROUP BY u.type`,
		"reports": `SELECT r.year, r.kind, count(*), sum(r.sent_on IS NOT NULL), sum(` + lateReport + `), sum(r.sent_on IS NULL)
			FROM unit_reports r JOIN units u ON u.id = r.unit_id JOIN phases ph ON ph.id = r.phase_id
			WHERE ph.name = $phase AND u.path LIKE $path GROUP BY r.year, r.kind`,
		"participation": `SELECT p.year, count(DISTINCT CASE WHEN p.kind = 'INDIVIDUAL' THEN p.person_id END), sum(p.kind = 'COLLECTIVE'),
				coalesce((SELECT sum(h.headcount) FROM headcounts h JOIN units hu ON hu.id = h.unit_id WHERE h.year = p.year AND hu.path LIKE $path AND ` + heldAtYearEnd + `), 0)
			FROM participations p JOIN units u ON u.id = p.unit_id
			WHERE p.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY p.year`,
		"participation_by_type": `SELECT u.type, p.year, count(DISTINCT CASE WHEN p.kind = 'INDIVIDUAL' THEN p.person_id END), sum(p.kind = 'COLLECTIVE'),
				coalesce((SELECT sum(h.headcount) FROM headcounts h JOIN units hu ON hu.id = h.unit_id
					WHERE h.year = p.year AND hu.type = u.type AND hu.path LIKE $path AND ` + heldAtYearEnd + `), 0)
			FROM participations p JOIN units u ON u.id = p.unit_id
			WHERE p.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY u.type, p.year`,
		"ideas": `SELECT i.year, ` + ideaCounts + ` FROM ideas i JOIN units u ON u.id = i.unit_id
			WHERE i.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY i.year`,
		"ideas_by_field": `SELECT i.field, ` + ideaCounts + ` FROM ideas i JOIN units u ON u.id = i.unit_id
			WHERE i.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY i.field`,
		"ideas_by_type": `SELECT u.type, i.year, ` + ideaCounts + ` FROM ideas i JOIN units u ON u.id = i.unit_id
			WHERE i.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY u.type, i.year`,
		"awards_by_type": `SELECT u.type, a.year, count(*), sum(EXISTS (SELECT 1 FROM award_ideas ai WHERE ai.award_id = a.id))
			FROM awards a JOIN units u ON u.id = a.unit_id
			WHERE ` + standing + ` AND a.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY u.type, a.year`,
		"adoptions": `SELECT y, sum(n), count(*), sum(adopters >= 2) FROM (
				SELECT CAST(substr(a.adopted_on, 1, 4) AS INTEGER) AS y, a.idea_id, count(*) AS n, count(DISTINCT a.unit_id) AS adopters
				FROM adoptions a JOIN units u ON u.id = a.unit_id WHERE u.path LIKE $path GROUP BY y, a.idea_id)
			WHERE y BETWEEN $start AND $end GROUP BY y`,
		"top_ideas": `SELECT printf('%02d', row_number() OVER (ORDER BY count(*) DESC, count(DISTINCT a.unit_id) DESC, i.code) - 1),
				i.code, i.field, ou.code, count(*), count(DISTINCT a.unit_id)
			FROM adoptions a JOIN units u ON u.id = a.unit_id JOIN ideas i ON i.id = a.idea_id JOIN units ou ON ou.id = i.unit_id
			WHERE u.path LIKE $path AND CAST(substr(a.adopted_on, 1, 4) AS INTEGER) BETWEEN $start AND $end
			GROUP BY i.code ORDER BY count(*) DESC, count(DISTINCT a.unit_id) DESC, i.code LIMIT 10`,
		"awards": `SELECT a.year, a.level, a.recipient_kind, count(*) FROM awards a JOIN units u ON u.id = a.unit_id
			WHERE ` + standing + ` AND a.year BETWEEN $start AND $end AND u.path LIKE $path
			GROUP BY a.year, a.level, a.recipient_kind`,
		"awards_on_ideas": `SELECT a.year, count(*), sum(EXISTS (SELECT 1 FROM award_ideas ai WHERE ai.award_id = a.id))
			FROM awards a JOIN units u ON u.id = a.unit_id
			WHERE ` + standing + ` AND a.year BETWEEN $start AND $end AND u.path LIKE $path GROUP BY a.year`,
		"overview": `SELECT
				(SELECT count(*) FROM units u WHERE u.path LIKE $path AND ` + inPhase + ` AND u.type != 'CITY'),
				(SELECT count(*) FROM units u WHERE u.path LIKE $path AND ` + current + ` AND u.type != 'CITY'),
				(SELECT count(*) FROM unit_plans p JOIN units u ON u.id = p.unit_id JOIN phases ph ON ph.id = p.phase_id
					WHERE ph.name = $phase AND p.issued_on IS NOT NULL AND u.path LIKE $path AND ` + inPhase + ` AND u.type != 'CITY'),
				(SELECT count(*) FROM unit_plans p JOIN units u ON u.id = p.unit_id JOIN phases ph ON ph.id = p.phase_id
					WHERE ph.name = $phase AND p.sent_on IS NOT NULL AND u.path LIKE $path AND ` + inPhase + ` AND u.type != 'CITY'),
				(SELECT count(*) FROM unit_reports r JOIN units u ON u.id = r.unit_id JOIN phases ph ON ph.id = r.phase_id
					WHERE ph.name = $phase AND u.path LIKE $path),
				(SELECT count(*) FROM unit_reports r JOIN units u ON u.id = r.unit_id JOIN phases ph ON ph.id = r.phase_id
					WHERE ph.name = $phase AND u.path LIKE $path AND r.sent_on IS NOT NULL),
				(SELECT count(*) FROM unit_reports r JOIN units u ON u.id = r.unit_id JOIN phases ph ON ph.id = r.phase_id
					WHERE ph.name = $phase AND u.path LIKE $path AND ` + lateReport + `),
				(SELECT count(DISTINCT p.person_id) FROM participations p JOIN units u ON u.id = p.unit_id
					WHERE p.kind = 'INDIVIDUAL' AND p.year BETWEEN $start AND $end AND u.path LIKE $path),
				(SELECT count(*) FROM ideas i JOIN units u ON u.id = i.unit_id WHERE i.year BETWEEN $start AND $end AND u.path LIKE $path),
				(SELECT coalesce(sum(` + effective + `), 0) FROM ideas i JOIN units u ON u.id = i.unit_id
					WHERE i.year BETWEEN $start AND $end AND u.path LIKE $path),
				(SELECT count(*) FROM ideas i JOIN units u ON u.id = i.unit_id
					WHERE i.year BETWEEN $start AND $end AND u.path LIKE $path AND ` + has("APPLY_CITY_WIDE") + `),
				(SELECT count(*) FROM adoptions a JOIN units u ON u.id = a.unit_id
					WHERE u.path LIKE $path AND CAST(substr(a.adopted_on, 1, 4) AS INTEGER) BETWEEN $start AND $end),
				(SELECT count(*) FROM (SELECT a.idea_id FROM adoptions a JOIN units u ON u.id = a.unit_id
					WHERE u.path LIKE $path AND CAST(substr(a.adopted_on, 1, 4) AS INTEGER) BETWEEN $start AND $end
					GROUP BY a.idea_id HAVING count(DISTINCT a.unit_id) >= 2)),
				(SELECT count(*) FROM awards a JOIN units u ON u.id = a.unit_id
					WHERE ` + standing + ` AND a.year BETWEEN $start AND $end AND u.path LIKE $path),
				(SELECT count(*) FROM awards a JOIN units u ON u.id = a.unit_id
					WHERE ` + standing + ` AND a.year BETWEEN $start AND $end AND u.path LIKE $path
					AND EXISTS (SELECT 1 FROM award_ideas ai WHERE ai.award_id = a.id))`,
	}
	today := time.Now().In(etl.HCM).Format(time.DateOnly)
	vars := strings.NewReplacer("$today", "'"+today+"'", "$phase", "'"+p.Name+"'", "$path", "'"+path+"%'", "$first", "'"+first+"'", "$after", "'"+after+"'",
		"$start", fmt.Sprint(p.Start), "$end", fmt.Sprint(p.End))
	rated := map[string][2]int{"participation": {1, 3}, "participation_by_type": {2, 4}}
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
			if at, ok := rated[section]; ok {
				ind, heads := parts[at[0]].(int64), parts[at[1]].(int64)
				parts = append(parts, ratio(rate(int(ind), int(heads))))
			}
			out[section] = append(out[section], strings.TrimSuffix(fmt.Sprintln(parts...), "\n"))
		}
		rows.Close()
		slices.Sort(out[section])
	}
	return out
}
