package etl

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// The analysts' guide: every example query sits in a ```sql block right
// after an HTML comment naming it.
const docWarehouseGuide = "../docs/warehouse.md"

var (
	docQueryRe  = regexp.MustCompile("(?s)<!--\\s*query:\\s*([A-Za-z0-9_]+)\\s*-->\\s*\n```sql\n(.*?)\n```")
	docMarkerRe = regexp.MustCompile(`<!--\s*query:`)
	docDBRe     = regexp.MustCompile(`\bthidua\.`)
)

type docQuery struct{ name, sql string }

// loadDocQueries reads the guide's example queries: there must be some,
// every marker must name a ```sql block, every ```sql block must have a
// marker, and names are unique.
func loadDocQueries(t *testing.T) (string, []docQuery) {
	t.Helper()
	raw, err := os.ReadFile(docWarehouseGuide)
	if err != nil {
		t.Fatalf("read the warehouse guide: %v", err)
	}
	doc := string(raw)
	var out []docQuery
	seen := map[string]bool{}
	for _, m := range docQueryRe.FindAllStringSubmatch(doc, -1) {
		if seen[m[1]] {
			t.Fatalf("%s: query %q is named twice", docWarehouseGuide, m[1])
		}
		seen[m[1]] = true
		out = append(out, docQuery{name: m[1], sql: m[2]})
	}
	if len(out) == 0 {
		t.Fatalf("%s has no example queries (<!-- query: NAME --> before a ```sql block)", docWarehouseGuide)
	}
	if n := len(docMarkerRe.FindAllString(doc, -1)); n != len(out) {
		t.Fatalf("%s has %d query markers but %d of them stand right before a ```sql block", docWarehouseGuide, n, len(out))
	}
	if n := strings.Count(doc, "```sql"); n != len(out) {
		t.Fatalf("%s has %d sql blocks but %d marked queries: every sql block needs a <!-- query: NAME --> marker", docWarehouseGuide, n, len(out))
	}
	return doc, out
}

// docLint refuses what Debian's ClickHouse 18.16 cannot run, so that the
// guide stays portable whatever server a test happens to start: CTEs,
// window functions and more than one JOIN in a SELECT. It also wants the
// database named as the guide promises, `thidua.`.
func docLint(q string) []string {
	var bad []string
	if !docDBRe.MatchString(q) {
		bad = append(bad, "names no table as thidua.TABLE")
	}
	if regexp.MustCompile(`(?i)\bWITH\s+\w+\s+AS\s*\(`).MatchString(q) {
		bad = append(bad, "uses a CTE (WITH name AS (…)), which 18.16 lacks")
	}
	if regexp.MustCompile(`(?i)\bOVER\s*\(`).MatchString(q) {
		bad = append(bad, "uses a window function (OVER (…)), which 18.16 lacks")
	}
	// One counter of JOINs per parenthesis level, reset by each SELECT.
	q = regexp.MustCompile(`'(?:[^'\\]|\\.)*'`).ReplaceAllString(q, "''")
	tokens := regexp.MustCompile(`[A-Za-z_]+|[()]`).FindAllString(q, -1)
	joins := []int{0}
	prev := ""
	for _, tok := range tokens {
		switch up := strings.ToUpper(tok); up {
		case "(":
			joins = append(joins, 0)
		case ")":
			if len(joins) > 1 {
				joins = joins[:len(joins)-1]
			}
		case "SELECT":
			joins[len(joins)-1] = 0
		case "JOIN":
			if prev != "ARRAY" {
				joins[len(joins)-1]++
				if joins[len(joins)-1] == 2 {
					bad = append(bad, "has more than one JOIN in a SELECT, which 18.16 refuses")
				}
			}
		}
		prev = strings.ToUpper(tok)
	}
	return bad
}

// TestDocsLint: the portability check refuses what 18.16 cannot run and
// lets through what it can.
func TestDocsLint(t *testing.T) {
	for q, ok := range map[string]bool{
		"SELECT 1 FROM thidua.a": true,
		"SELECT 1 FROM thidua.a ANY LEFT JOIN (SELECT x FROM thidua.b ALL INNER JOIN thidua.c USING x) USING x":               true,
		"SELECT 1 FROM thidua.a ARRAY JOIN xs AS x ANY LEFT JOIN thidua.b USING x":                                            true,
		"SELECT 1 FROM (SELECT 1 FROM thidua.a JOIN thidua.b USING x UNION ALL SELECT 1 FROM thidua.a JOIN thidua.b USING x)": true,
		"SELECT 'JOIN JOIN' FROM thidua.a JOIN thidua.b USING x":                                                              true,
		"SELECT 1 FROM thidua.a JOIN thidua.b USING x JOIN thidua.c USING y":                                                  false,
		"WITH t AS (SELECT 1) SELECT * FROM thidua.t":                                                                         false,
		"SELECT row_number() OVER (ORDER BY x) FROM thidua.a":                                                                 false,
		"SELECT 1 FROM a": false,
	} {
		if bad := docLint(q); (len(bad) == 0) != ok {
			t.Errorf("docLint(%q) = %v", q, bad)
		}
	}
}

// docCheck is how a guide query's result is computed independently: by
// SQL on the store (SQLite), optionally reshaped in Go, or from the ETL
// run's own result for the queries about the runs.
type docCheck struct {
	store   string                      // columns in the order of the guide's query; $today is the load's day
	post    func([][]string) [][]string // reshapes the store's rows (medians, labels, sorting inside a cell)
	run     func(Result) [][]string     // instead of store: what the run reported
	rules   func(*fixture) [][]string   // instead of store: what the API's rules say of the store
	ordered bool                        // the guide's ORDER BY is part of the answer (a ranking)
}

// Store expressions shared by the checks.
const (
	docStanding        = `NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id)`
	docLatestEffective = `coalesce((SELECT e.action = 'EVALUATE_EFFECTIVE' FROM idea_events e
		WHERE e.idea_id = i.id AND e.action IN ('EVALUATE_EFFECTIVE', 'EVALUATE_INEFFECTIVE') ORDER BY e.seq DESC LIMIT 1), 0)`
)

func docHasEvent(actions ...string) string {
	return `EXISTS (SELECT 1 FROM idea_events e WHERE e.idea_id = i.id AND e.action IN ('` + strings.Join(actions, "', '") + `'))`
}

// docFirstDay is the day (in Asia/Ho_Chi_Minh) of an idea's first event of
// the actions, from doc_event.
func docFirstDay(actions ...string) string {
	return `(SELECT e.day FROM doc_event e WHERE e.idea_id = i.id AND e.action IN ('` + strings.Join(actions, "', '") + `') ORDER BY e.seq LIMIT 1)`
}

// docChecks: one per query of the guide, by name. doc_rollup(unit_id,
// rollup_code) is every unit's unit today, from Rollups; doc_event(idea_id,
// seq, action, day) is every idea event with its day in Ho Chi Minh City.
var docChecks = map[string]docCheck{
	"nominations_by_stage_year": {store: `
		SELECT year, level, status, count(*),
			sum(CASE WHEN status IN ('DRAFT', 'SUBMITTED', 'COUNCIL_APPROVED', 'FORWARDED') THEN 1 ELSE 0 END)
		FROM nominations GROUP BY year, level, status`},
	"eligible_not_nominated_by_level_year": {rules: func(f *fixture) [][]string {
		type key struct {
			year        int
			level, kind string
		}
		counts := map[key]*[4]int{}
		for y := 2022; y <= time.Now().In(HCM).Year(); y++ {
			cands, err := eligibility.Year(f.ctx, f.st.Client, y)
			if err != nil {
				f.t.Fatal(err)
			}
			for _, c := range cands {
				if c.Highest == "" {
					continue
				}
				k := key{y, string(c.Highest), string(c.Kind)}
				if counts[k] == nil {
					counts[k] = &[4]int{}
				}
				n := counts[k]
				n[0]++
				if c.Nominated {
					n[1]++
				}
				if c.Awarded {
					n[2]++
				}
				if !c.Nominated && !c.Awarded {
					n[3]++
				}
			}
		}
		var out [][]string
		for k, n := range counts {
			out = append(out, []string{strconv.Itoa(k.year), k.level, k.kind,
				strconv.Itoa(n[0]), strconv.Itoa(n[1]), strconv.Itoa(n[2]), strconv.Itoa(n[3])})
		}
		return out
	}},
	"units_without_chosen_problem_by_year": {store: `
		SELECT y.year, count(*),
			sum(CASE WHEN EXISTS (SELECT 1 FROM chosen_problems c WHERE c.unit_id = u.id AND c.year = y.year) THEN 0 ELSE 1 END)
		FROM units u
		JOIN (SELECT 2022 AS year UNION ALL SELECT 2023 UNION ALL SELECT 2024 UNION ALL SELECT 2025) y
		WHERE u.type != 'CITY'
			AND (u.valid_from IS NULL OR substr(u.valid_from, 1, 10) < (y.year + 1) || '-01-01')
			AND (u.valid_to IS NULL OR substr(u.valid_to, 1, 10) > y.year || '-01-01')
		GROUP BY y.year`},
	"plans_by_unit_type": {store: `
		SELECT u.type, count(*),
			sum(CASE WHEN p.issued_on IS NOT NULL THEN 1 ELSE 0 END),
			sum(CASE WHEN p.launched_on IS NOT NULL THEN 1 ELSE 0 END),
			sum(CASE WHEN p.sent_on IS NOT NULL THEN 1 ELSE 0 END),
			sum(CASE WHEN p.issued_on IS NULL THEN 1 ELSE 0 END)
		FROM units u
		LEFT JOIN unit_plans p ON p.unit_id = u.id AND p.phase_id = (SELECT id FROM phases WHERE name = '2022-2025')
		WHERE (u.valid_from IS NULL OR u.valid_from < '2026-01-01') AND (u.valid_to IS NULL OR u.valid_to > '2022-01-01')
			AND u.type != 'CITY'
		GROUP BY u.type`},
	"reports_by_year_kind": {store: `
		SELECT year, kind, count(*),
			sum(CASE WHEN sent_on IS NOT NULL THEN 1 ELSE 0 END),
			sum(CASE WHEN sent_on > due_on THEN 1 ELSE 0 END),
			sum(CASE WHEN sent_on IS NULL THEN 1 ELSE 0 END)
		FROM unit_reports GROUP BY year, kind`},

	"last_refresh": {run: func(r Result) [][]string {
		return [][]string{{r.RunID, r.Snapshot.In(HCM).Format(time.DateTime), r.Finished.In(HCM).Format(time.DateTime), "0"}}
	}},
	"last_refresh_partitions": {run: func(r Result) [][]string {
		var out [][]string
		for _, p := range r.Partitions {
			out = append(out, []string{p.Table, strconv.Itoa(p.Year), p.Status, strconv.FormatUint(p.Source, 10), strconv.FormatUint(p.Loaded, 10)})
		}
		return out
	}},

	"participation_by_unit_year": {store: `
		SELECT year, code, name, individuals, collectives, headcount_total,
			CASE WHEN headcount_total = 0 THEN NULL ELSE 1.0 * individuals / headcount_total END
		FROM (
			SELECT k.year, u.code, u.name,
				(SELECT count(DISTINCT p.person_id) FROM participations p
					WHERE p.year = k.year AND p.unit_id = k.unit_id AND p.kind = 'INDIVIDUAL') AS individuals,
				(SELECT count(*) FROM participations p
					WHERE p.year = k.year AND p.unit_id = k.unit_id AND p.kind = 'COLLECTIVE') AS collectives,
				coalesce((SELECT sum(h.headcount) FROM headcounts h
					WHERE h.year = k.year AND h.unit_id = k.unit_id), 0) AS headcount_total
			FROM (SELECT year, unit_id FROM participations UNION SELECT year, unit_id FROM headcounts) k
			JOIN units u ON u.id = k.unit_id
		)`},
	"individuals_citywide_by_year": {store: `
		SELECT year, count(DISTINCT person_id), count(*) FROM participations WHERE kind = 'INDIVIDUAL' GROUP BY year`},
	"participants_restated_by_unit_year": {store: `
		SELECT p.year, r.rollup_code, ru.name,
			count(DISTINCT CASE WHEN p.kind = 'INDIVIDUAL' THEN p.person_id END),
			sum(CASE WHEN p.kind = 'COLLECTIVE' THEN 1 ELSE 0 END),
			count(DISTINCT p.unit_id)
		FROM participations p
		JOIN doc_rollup r ON r.unit_id = p.unit_id
		JOIN units ru ON ru.code = r.rollup_code
		GROUP BY p.year, r.rollup_code, ru.name`},

	"ideas_by_status_field_year": {store: `SELECT year, field, status, count(*) FROM ideas GROUP BY year, field, status`},
	"idea_milestones_by_year": {store: `
		SELECT i.year, count(*),
			sum(` + docHasEvent("SUBMIT") + `),
			sum(` + docHasEvent("APPROVE_IMPLEMENTATION", "APPROVE_PILOT") + `),
			sum(` + docHasEvent("APPROVE_PILOT", "START_PILOT") + `),
			sum(` + docLatestEffective + `),
			sum(` + docHasEvent("APPLY_CITY_WIDE") + `),
			sum(` + docHasEvent("REJECT", "WITHDRAW") + `)
		FROM ideas i GROUP BY i.year`},
	"ideas_applied_city_wide_by_year_applied": {store: `
		SELECT substr(d.day, 1, 4), count(*), count(DISTINCT r.rollup_code)
		FROM (SELECT i.unit_id, ` + docFirstDay("APPLY_CITY_WIDE") + ` AS day FROM ideas i) d
		JOIN doc_rollup r ON r.unit_id = d.unit_id
		WHERE d.day IS NOT NULL
		GROUP BY substr(d.day, 1, 4)`},
	"days_to_approval_by_year": {
		store: `
			SELECT year, proposed, approved FROM (
				SELECT i.year, substr(i.proposed_on, 1, 10) AS proposed,
					` + docFirstDay("APPROVE_IMPLEMENTATION", "APPROVE_PILOT") + ` AS approved
				FROM ideas i)
			WHERE approved IS NOT NULL`,
		post: docMedianDays,
	},
	"ideas_restated_by_unit_year": {store: `
		SELECT i.year, r.rollup_code, count(DISTINCT i.id),
			count(DISTINCT CASE WHEN ` + docLatestEffective + ` = 1 THEN i.id END),
			count(DISTINCT ip.person_id)
		FROM ideas i
		JOIN doc_rollup r ON r.unit_id = i.unit_id
		LEFT JOIN idea_proposers ip ON ip.idea_id = i.id
		GROUP BY i.year, r.rollup_code`},

	"adoptions_by_unit_year": {store: `
		SELECT substr(a.adopted_on, 1, 4), u.code, count(*), count(DISTINCT a.idea_id), count(DISTINCT i.unit_id)
		FROM adoptions a JOIN units u ON u.id = a.unit_id JOIN ideas i ON i.id = a.idea_id
		GROUP BY substr(a.adopted_on, 1, 4), u.code`},
	"adoptions_restated_by_unit_year": {store: `
		SELECT substr(a.adopted_on, 1, 4), r.rollup_code, count(*), count(DISTINCT a.idea_id),
			sum(CASE WHEN ro.rollup_code != r.rollup_code THEN 1 ELSE 0 END)
		FROM adoptions a
		JOIN doc_rollup r ON r.unit_id = a.unit_id
		JOIN ideas i ON i.id = a.idea_id
		JOIN doc_rollup ro ON ro.unit_id = i.unit_id
		GROUP BY substr(a.adopted_on, 1, 4), r.rollup_code`},
	"ideas_adopted_by_several_units": {ordered: true, store: `
		SELECT i.code, i.year, i.field, o.code, count(DISTINCT a.unit_id) AS n, count(DISTINCT r.rollup_code),
			min(substr(a.adopted_on, 1, 10)), max(substr(a.adopted_on, 1, 10))
		FROM adoptions a
		JOIN ideas i ON i.id = a.idea_id
		JOIN units o ON o.id = i.unit_id
		JOIN doc_rollup r ON r.unit_id = a.unit_id
		GROUP BY i.code, i.year, i.field, o.code
		HAVING count(DISTINCT a.unit_id) >= 2
		ORDER BY n DESC, i.code`},

	"awards_by_level_kind_year": {
		store: `
			SELECT a.year, a.level, a.recipient_kind, count(*),
				count(DISTINCT CASE WHEN a.recipient_kind = 'INDIVIDUAL' THEN a.recipient_person_id END),
				count(DISTINCT a.unit_id)
			FROM awards a WHERE ` + docStanding + `
			GROUP BY a.year, a.level, a.recipient_kind`,
		post: func(rows [][]string) [][]string {
			for i, r := range rows {
				rows[i] = slices.Insert(r, 2, domain.AwardLevel(r[1]).Label())
			}
			return rows
		},
	},
	"awards_resting_on_ideas_by_year": {store: `
		SELECT a.year, count(*),
			sum(EXISTS (SELECT 1 FROM award_ideas ai WHERE ai.award_id = a.id)),
			sum((SELECT count(*) FROM award_ideas ai WHERE ai.award_id = a.id)),
			(SELECT count(DISTINCT ai.idea_id) FROM award_ideas ai JOIN awards b ON b.id = ai.award_id
				WHERE b.year = a.year AND NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = b.id))
		FROM awards a WHERE ` + docStanding + `
		GROUP BY a.year`},
	"awards_by_idea_field_year": {store: `
		SELECT a.year, i.field, count(DISTINCT a.id), count(DISTINCT i.id)
		FROM awards a JOIN award_ideas ai ON ai.award_id = a.id JOIN ideas i ON i.id = ai.idea_id
		WHERE ` + docStanding + `
		GROUP BY a.year, i.field`},
	"awards_by_unit_year": {store: `
		SELECT a.year, u.code, count(*),
			sum(CASE WHEN a.recipient_kind = 'INDIVIDUAL' THEN 1 ELSE 0 END),
			sum(CASE WHEN a.recipient_kind = 'COLLECTIVE' THEN 1 ELSE 0 END)
		FROM awards a JOIN units u ON u.id = a.unit_id
		WHERE ` + docStanding + `
		GROUP BY a.year, u.code`},
	"awards_restated_by_unit_year": {store: `
		SELECT a.year, r.rollup_code, ru.name, count(*),
			count(DISTINCT CASE WHEN a.recipient_kind = 'INDIVIDUAL' THEN a.recipient_person_id END),
			sum(CASE WHEN a.recipient_kind = 'COLLECTIVE' THEN 1 ELSE 0 END)
		FROM awards a
		JOIN doc_rollup r ON r.unit_id = a.unit_id
		JOIN units ru ON ru.code = r.rollup_code
		WHERE ` + docStanding + `
		GROUP BY a.year, r.rollup_code, ru.name`},

	"units_by_type_on_date": {store: `
		SELECT type, count(*) FROM units
		WHERE (valid_from IS NULL OR substr(valid_from, 1, 10) <= '2025-06-30')
			AND (valid_to IS NULL OR substr(valid_to, 1, 10) > '2025-06-30')
		GROUP BY type`},
	"dissolved_units": {
		store: `
			SELECT u.code, u.name, u.type, substr(u.valid_to, 1, 10),
				coalesce((SELECT group_concat(s.code, ', ') FROM unit_successors us JOIN units s ON s.id = us.predecessor_id
					WHERE us.unit_id = u.id), ''),
				r.rollup_code, ru.name
			FROM units u
			JOIN doc_rollup r ON r.unit_id = u.id
			JOIN units ru ON ru.code = r.rollup_code
			WHERE u.valid_to IS NOT NULL AND substr(u.valid_to, 1, 10) <= $today`,
		post: func(rows [][]string) [][]string {
			for _, r := range rows {
				if r[4] != "" {
					s := strings.Split(r[4], ", ")
					slices.Sort(s)
					r[4] = strings.Join(s, ", ")
				}
			}
			return rows
		},
	},
}

// docMedianDays turns (year, proposed day, approved day) into the guide's
// (year, approved, median, min, max days); the median is the one
// medianExact gives: the element at n/2 of the sorted values.
func docMedianDays(rows [][]string) [][]string {
	byYear := map[string][]int{}
	for _, r := range rows {
		p, err1 := time.Parse(time.DateOnly, r[1])
		a, err2 := time.Parse(time.DateOnly, r[2])
		if err1 != nil || err2 != nil {
			return [][]string{{"bad dates", r[1], r[2]}}
		}
		byYear[r[0]] = append(byYear[r[0]], int(a.Sub(p).Hours()/24))
	}
	var out [][]string
	for y, days := range byYear {
		slices.Sort(days)
		n := len(days)
		out = append(out, []string{y, strconv.Itoa(n), strconv.Itoa(days[n/2]), strconv.Itoa(days[0]), strconv.Itoa(days[n-1])})
	}
	return out
}

// TestDocs runs every example query of docs/warehouse.md on ClickHouse
// after a load of the demo data (with one award corrected, so that revoked
// awards exist), twice, and checks that both answers are byte for byte the
// same and equal to the figures computed from the store.
func TestDocs(t *testing.T) {
	_, queries := loadDocQueries(t)
	for _, q := range queries {
		if bad := docLint(q.sql); len(bad) > 0 {
			t.Errorf("query %s %s", q.name, strings.Join(bad, "; "))
		}
		if _, ok := docChecks[q.name]; !ok {
			t.Errorf("query %s of %s has no counterpart computed from the store: add it to docChecks", q.name, docWarehouseGuide)
		}
	}
	for name := range docChecks {
		if !slices.ContainsFunc(queries, func(q docQuery) bool { return q.name == name }) {
			t.Errorf("docChecks has %s, which %s no longer has", name, docWarehouseGuide)
		}
	}
	if t.Failed() {
		return
	}

	f := newFixture(t, "sqlite", chtest.Shared(t))
	docCorrectAward(t, f)
	res := f.run(false)
	if res.Status != StatusSucceeded {
		t.Fatalf("run: %+v", res)
	}
	conn := f.docStore(res)

	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			query := docDBRe.ReplaceAllString(q.sql, "`"+f.db+"`.")
			first, err := docWarehouseRows(f.ctx, f.wh, query)
			if err != nil {
				t.Fatalf("the guide's query fails: %v\n%s", err, query)
			}
			again, err := docWarehouseRows(f.ctx, f.wh, query)
			if err != nil {
				t.Fatalf("the guide's query fails the second time: %v", err)
			}
			if a, b := docJoinRows(first), docJoinRows(again); a != b {
				t.Errorf("two runs of the query gave different answers:\n%s\n---\n%s", a, b)
			}

			c := docChecks[q.name]
			var want [][]string
			if c.run != nil {
				want = c.run(res)
			} else if c.rules != nil {
				want = c.rules(f)
			} else {
				want, err = docStoreRows(f.ctx, conn, strings.ReplaceAll(c.store, "$today", "'"+docToday(res)+"'"))
				if err != nil {
					t.Fatalf("store: %v\n%s", err, c.store)
				}
				if c.post != nil {
					want = c.post(want)
				}
			}
			if len(want) == 0 {
				t.Fatalf("the store has nothing to compare with")
			}
			got := first
			if !c.ordered {
				want, got = docSortedRows(want), docSortedRows(got)
			}
			if d := docRowsDiff(want, got, c.ordered); d != "" {
				t.Errorf("the guide's query differs from the store (- store, + warehouse):\n%s", d)
			}
		})
	}
}

// TestDocsDictionary: the guide describes every table and every column of
// the warehouse, and lists every code of the enumerations the warehouse
// stores with its Vietnamese label.
func TestDocsDictionary(t *testing.T) {
	raw, err := os.ReadFile(docWarehouseGuide)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	sections := map[string]string{}
	for _, s := range strings.Split(doc, "\n### ")[1:] {
		head, body, _ := strings.Cut(s, "\n")
		sections[strings.TrimSpace(head)] = body
	}
	for _, m := range warehouse.Migrations {
		for _, tb := range m.Tables {
			if tb.Name == "etl_state" {
				if !strings.Contains(doc, "`etl_state`") {
					t.Errorf("the guide does not mention etl_state")
				}
				continue
			}
			body, ok := sections[tb.Name]
			if !ok {
				t.Errorf("the guide has no section ### %s", tb.Name)
				continue
			}
			for _, c := range tb.Columns {
				if !strings.Contains(body, "`"+c[0]+"`") {
					t.Errorf("the guide's section %s does not describe column %s", tb.Name, c[0])
				}
			}
		}
	}
	enums := []struct {
		name   string
		values []string
		label  func(string) string
	}{
		{"unit types", domain.UnitType("").Values(), func(c string) string { return domain.UnitType(c).Label() }},
		{"recipient kinds", domain.RecipientKind("").Values(), func(c string) string { return domain.RecipientKind(c).Label() }},
		{"person categories", domain.PersonCategory("").Values(), func(c string) string { return domain.PersonCategory(c).Label() }},
		{"member roles", domain.MemberRole("").Values(), func(c string) string { return domain.MemberRole(c).Label() }},
		{"genders", domain.Gender("").Values(), func(c string) string { return domain.Gender(c).Label() }},
		{"idea fields", domain.IdeaField("").Values(), func(c string) string { return domain.IdeaField(c).Label() }},
		{"idea kinds", domain.IdeaKind("").Values(), func(c string) string { return domain.IdeaKind(c).Label() }},
		{"idea statuses", domain.IdeaStatus("").Values(), func(c string) string { return domain.IdeaStatus(c).Label() }},
		{"award levels", domain.AwardLevel("").Values(), func(c string) string { return domain.AwardLevel(c).Label() }},
	}
	for _, e := range enums {
		var body string
		for head, b := range sections {
			if strings.EqualFold(head, e.name) {
				body = b
			}
		}
		if body == "" {
			t.Errorf("the guide has no section ### %s", e.name)
			continue
		}
		for _, c := range e.values {
			if row := "| `" + c + "` | " + e.label(c) + " |"; !strings.Contains(body, row) {
				t.Errorf("the guide's %s lack the row %s", e.name, row)
			}
		}
	}
}

// docCorrectAward corrects one standing award of 2023 by a new decision at a
// higher level, as the board does: the old award stays, revoked.
func docCorrectAward(t *testing.T, f *fixture) {
	t.Helper()
	ctx := access.NewContext(privacy.DecisionContext(audit.Suppress(context.Background()), privacy.Allow),
		&access.Viewer{Sub: "docs-test", Roles: []access.Role{access.CityAdmin}})
	a, err := f.st.Client.Award.Query().
		Where(award.Year(2023), award.LevelEQ(domain.AwardLevelUnitHeadCertificate), award.RecipientKindEQ(domain.RecipientKindIndividual)).
		Order(ent.Asc(award.FieldID)).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	level := domain.AwardLevelCityChairmanCertificate
	if _, err := nominationflow.Correct(ctx, f.st.Client, a.ID, &level, nominationflow.Decision{
		Number: "1821/QĐ-UBND", Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Issuer: "Chủ tịch Ủy ban nhân dân Thành phố",
	}); err != nil {
		t.Fatal(err)
	}
}

// docToday is the day of the run's snapshot, the day the roll-up is for.
func docToday(res Result) string { return res.Snapshot.In(HCM).Format(time.DateOnly) }

// docStore gives the store's checks one connection with two helper tables:
// doc_rollup, every unit's unit today (Rollups on the snapshot's day), and
// doc_event, every idea event with its day in Ho Chi Minh City.
func (f *fixture) docStore(res Result) *sql.Conn {
	f.t.Helper()
	units, err := readTestUnits(f.ctx, f.st.DB)
	if err != nil {
		f.t.Fatal(err)
	}
	today, _ := time.Parse(time.DateOnly, docToday(res))
	roll := Rollups(units, today)
	codes := map[int]string{}
	for _, u := range units {
		codes[u.ID] = u.Code
	}
	conn, err := f.st.DB.Conn(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { conn.Close() })
	type event struct {
		idea, seq int
		action    string
		at        time.Time
	}
	var events []event
	rows, err := conn.QueryContext(f.ctx, `SELECT idea_id, seq, action, occurred_at FROM idea_events`)
	if err != nil {
		f.t.Fatal(err)
	}
	for rows.Next() {
		var e event
		if err := rows.Scan(&e.idea, &e.seq, &e.action, &e.at); err != nil {
			f.t.Fatal(err)
		}
		events = append(events, e)
	}
	rows.Close()
	for _, s := range []string{
		`CREATE TEMP TABLE doc_rollup (unit_id INTEGER PRIMARY KEY, rollup_code TEXT NOT NULL)`,
		`CREATE TEMP TABLE doc_event (idea_id INTEGER NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, day TEXT NOT NULL)`,
	} {
		if _, err := conn.ExecContext(f.ctx, s); err != nil {
			f.t.Fatal(err)
		}
	}
	for id, r := range roll {
		if _, err := conn.ExecContext(f.ctx, `INSERT INTO doc_rollup VALUES (?, ?)`, id, codes[r]); err != nil {
			f.t.Fatal(err)
		}
	}
	for _, e := range events {
		if _, err := conn.ExecContext(f.ctx, `INSERT INTO doc_event VALUES (?, ?, ?, ?)`, e.idea, e.seq, e.action, e.at.In(HCM).Format(time.DateOnly)); err != nil {
			f.t.Fatal(err)
		}
	}
	return conn
}

// docStoreRows runs a query on the store, every value as a string.
func docStoreRows(ctx context.Context, conn *sql.Conn, query string) ([][]string, error) {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = docFormat(v, "")
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// docWarehouseRows runs a query on the warehouse, every value as a string.
func docWarehouseRows(ctx context.Context, conn driver.Conn, query string) ([][]string, error) {
	rows, err := conn.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	types := rows.ColumnTypes()
	var out [][]string
	for rows.Next() {
		dest := make([]any, len(types))
		for i, ct := range types {
			dest[i] = reflect.New(ct.ScanType()).Interface()
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		row := make([]string, len(types))
		for i, d := range dest {
			row[i] = docFormat(reflect.ValueOf(d).Elem().Interface(), types[i].DatabaseTypeName())
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// docFormat spells a value the same way from either side: NULL, integers
// in decimal, floats in their shortest exact form, dates as YYYY-MM-DD,
// date-times in Ho Chi Minh City.
func docFormat(v any, dbType string) string {
	rv := reflect.ValueOf(v)
	for rv.IsValid() && rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "NULL"
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return "NULL"
	}
	switch x := rv.Interface().(type) {
	case time.Time:
		if strings.Contains(dbType, "DateTime") {
			return x.In(HCM).Format(time.DateTime)
		}
		return x.Format(time.DateOnly)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []byte:
		return string(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(rv.Interface())
}

func docJoinRows(rows [][]string) string {
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, "\t")
	}
	return strings.Join(lines, "\n")
}

func docSortedRows(rows [][]string) [][]string {
	out := slices.Clone(rows)
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, "\t"), strings.Join(b, "\t")) })
	return out
}

// docRowsDiff lists what differs, at most 20 lines: row by row for an ordered
// answer, else the rows only one side has.
func docRowsDiff(want, got [][]string, ordered bool) string {
	var lines []string
	if ordered {
		for i := 0; i < max(len(want), len(got)); i++ {
			var w, g string
			if i < len(want) {
				w = strings.Join(want[i], "\t")
			}
			if i < len(got) {
				g = strings.Join(got[i], "\t")
			}
			if w != g {
				lines = append(lines, fmt.Sprintf("  row %d\n  - %s\n  + %s", i+1, w, g))
			}
		}
	} else {
		count := map[string]int{}
		for _, r := range want {
			count[strings.Join(r, "\t")]++
		}
		for _, r := range got {
			count[strings.Join(r, "\t")]--
		}
		for _, k := range slices.Sorted(maps.Keys(count)) {
			for n := count[k]; n > 0; n-- {
				lines = append(lines, "  - "+k)
			}
			for n := count[k]; n < 0; n++ {
				lines = append(lines, "  + "+k)
			}
		}
	}
	if len(lines) > 20 {
		lines = append(lines[:20], fmt.Sprintf("  … %d more", len(lines)-20))
	}
	if len(lines) > 0 {
		lines = append([]string{fmt.Sprintf("  %d rows from the store, %d from the warehouse", len(want), len(got))}, lines...)
	}
	return strings.Join(lines, "\n")
}

// TestDocsLastRefreshTie: two successful runs whose snapshot, start and
// finish fall in the same second, the earlier one with the greater random
// tail. The guide's last-refresh queries and LastRefresh (the /readyz and
// /metrics figure) all name the later run, every time; a failed run after
// it is not a refresh. Run ids are newRunID's: the start to the microsecond.
func TestDocsLastRefreshTie(t *testing.T) {
	if a, b := newRunID(time.Date(2026, 12, 6, 2, 0, 0, 999999000, HCM)), newRunID(time.Date(2026, 12, 6, 2, 0, 1, 0, HCM)); a >= b {
		t.Fatalf("run ids do not grow with the start: %s then %s", a, b)
	}
	_, queries := loadDocQueries(t)
	ctx := context.Background()
	l := migratedLedger(t)
	conn, db := l.conn, l.db
	at := time.Date(2026, 12, 6, 2, 0, 0, 0, HCM)
	earlier, later, failed := "20261206T020000.100000_ffffff", "20261206T020000.900000_000000", "20261206T020000.950000_ffffff"
	for _, r := range []struct {
		id, status string
		rows       uint64
	}{{earlier, StatusSucceeded, 1}, {later, StatusSucceeded, 2}, {failed, StatusFailed, 3}} {
		if err := l.writeRun(ctx, runRow{ID: r.id, Version: 1, Started: at, Finished: at, Status: StatusRunning, Snapshot: at}); err != nil {
			t.Fatal(err)
		}
		if err := l.writeRun(ctx, runRow{ID: r.id, Version: 2, Started: at, Finished: at, Status: r.status, Snapshot: at}); err != nil {
			t.Fatal(err)
		}
		if err := l.writePartitions(ctx, r.id, []PartitionResult{{Table: "fact_award", Year: 2025, Source: r.rows, Loaded: r.rows, Status: Replaced}}); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{
		"last_refresh":            later + "|2026-12-06 02:00:00|2026-12-06 02:00:00|0",
		"last_refresh_partitions": "fact_award|2025|REPLACED|2|2",
	}
	for _, q := range queries {
		w, ok := want[q.name]
		if !ok {
			continue
		}
		delete(want, q.name)
		query := docDBRe.ReplaceAllString(q.sql, "`"+db+"`.")
		for range 5 {
			rows, err := docWarehouseRows(ctx, conn, query)
			if err != nil {
				t.Fatalf("%s: %v", q.name, err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, strings.Join(r, "|"))
			}
			if g := strings.Join(got, "\n"); g != w {
				t.Fatalf("%s gave\n%s\nwant\n%s", q.name, g, w)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("the guide lacks the queries %v", slices.Sorted(maps.Keys(want)))
	}
	for range 5 {
		r, ok, err := LastRefresh(ctx, conn, db)
		if err != nil || !ok || r.RunID != later {
			t.Fatalf("LastRefresh: %+v %v %v; want %s", r, ok, err, later)
		}
	}
}
