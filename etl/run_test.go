package etl

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/headcount"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

const testKey = "etl-test-key-etl-test-key-etl-test-key"

// fixture is a seeded store and a fresh warehouse database.
type fixture struct {
	t     *testing.T
	url   string
	st    *store.Store
	srv   *chtest.Server
	db    string
	wh    driver.Conn
	ctx   context.Context
	cfg   Config
	quick Backoff
}

func newFixture(t *testing.T, dialectName string, srv *chtest.Server) *fixture {
	t.Helper()
	ctx := context.Background()
	// A copy of the demo data prepared once per test run (seedtest): a
	// file copy on SQLite, a template database on PostgreSQL.
	url := seedtest.URL(t, dialectName)
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return attach(t, url, st, srv)
}

// newThinFixture is newFixture with most participation removed: the
// fault tests run the ETL dozens of times and need every table and year,
// not every row.
func newThinFixture(t *testing.T, srv *chtest.Server, dialectName string) *fixture {
	t.Helper()
	f := newFixture(t, dialectName, srv)
	if _, err := f.st.DB.ExecContext(f.ctx, `DELETE FROM participations WHERE id % 10 != 0`); err != nil {
		t.Fatal(err)
	}
	return f
}

// attach gives an existing store a fresh warehouse database.
func attach(t *testing.T, url string, st *store.Store, srv *chtest.Server) *fixture {
	t.Helper()
	db := srv.Database(t)
	wh, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wh.Close() })
	quick := Backoff{Attempts: 2, Base: 50 * time.Millisecond, Max: 100 * time.Millisecond}
	return &fixture{t: t, url: url, st: st, srv: srv, db: db, wh: wh, ctx: context.Background(), quick: quick,
		cfg: Config{Store: url, Warehouse: srv.URL(db), PseudonymKey: testKey, Backoff: quick}}
}

func (f *fixture) run(full bool) Result {
	f.t.Helper()
	cfg := f.cfg
	cfg.Full = full
	res, err := Run(f.ctx, cfg)
	if err != nil {
		f.t.Fatalf("run: %v", err)
	}
	return res
}

// storeAgg runs an aggregate on the store: key columns, then an integer.
func (f *fixture) storeAgg(query string) map[string]int64 {
	f.t.Helper()
	if f.st.Dialect == dialect.Postgres {
		query = strings.ReplaceAll(query, "YEAR(a.adopted_on)", "CAST(extract(year FROM a.adopted_on) AS integer)")
	} else {
		query = strings.ReplaceAll(query, "YEAR(a.adopted_on)", "CAST(substr(a.adopted_on, 1, 4) AS INTEGER)")
	}
	rows, err := f.st.DB.QueryContext(f.ctx, query)
	if err != nil {
		f.t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	return scanAgg(f.t, rows.Columns, func(dest ...any) error { return rows.Scan(dest...) }, rows.Next)
}

// whAgg runs the same aggregate on the warehouse.
func (f *fixture) whAgg(query string) map[string]int64 {
	f.t.Helper()
	rows, err := f.wh.Query(f.ctx, strings.ReplaceAll(query, "$db", "`"+f.db+"`"))
	if err != nil {
		f.t.Fatalf("%v\n%s", err, query)
	}
	defer rows.Close()
	out := map[string]int64{}
	n := len(rows.Columns())
	for rows.Next() {
		keys := make([]string, n-1)
		dest := make([]any, n)
		for i := range keys {
			dest[i] = &keys[i]
		}
		var v int64
		dest[n-1] = &v
		if err := rows.Scan(dest...); err != nil {
			f.t.Fatal(err)
		}
		out[strings.Join(keys, "|")] += v
	}
	return out
}

func scanAgg(t *testing.T, columns func() ([]string, error), scan func(...any) error, next func() bool) map[string]int64 {
	t.Helper()
	cols, err := columns()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for next() {
		dest := make([]any, len(cols))
		keys := make([]sql.NullString, len(cols)-1)
		for i := range keys {
			dest[i] = &keys[i]
		}
		var v int64
		dest[len(cols)-1] = &v
		if err := scan(dest...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k.String
		}
		out[strings.Join(parts, "|")] += v
	}
	return out
}

// equalities are the checks of the issue: every fact table's counts and
// sums by unit and year, from the store and from the warehouse.
var equalities = []struct{ name, store, warehouse string }{
	{"participants by year, unit and kind",
		`SELECT p.year, u.code, p.kind, count(*) FROM participations p JOIN units u ON u.id = p.unit_id GROUP BY p.year, u.code, p.kind`,
		`SELECT toString(year), unit_code, toString(kind), toInt64(count()) FROM $db.fact_participation GROUP BY year, unit_code, kind`},
	{"headcount by year and unit",
		`SELECT h.year, u.code, sum(h.headcount) FROM headcounts h JOIN units u ON u.id = h.unit_id GROUP BY h.year, u.code`,
		`SELECT toString(year), unit_code, toInt64(sum(headcount)) FROM $db.fact_headcount GROUP BY year, unit_code`},
	{"ideas by year, unit and status",
		`SELECT i.year, u.code, i.status, count(*) FROM ideas i JOIN units u ON u.id = i.unit_id GROUP BY i.year, u.code, i.status`,
		`SELECT toString(year), unit_code, status, toInt64(count()) FROM $db.fact_idea GROUP BY year, unit_code, status`},
	{"proposers by idea year",
		`SELECT i.year, count(*) FROM idea_proposers ip JOIN ideas i ON i.id = ip.idea_id GROUP BY i.year`,
		`SELECT toString(year), toInt64(sum(length(proposer_keys))) FROM $db.fact_idea GROUP BY year`},
	{"piloted ideas by year",
		`SELECT i.year, count(DISTINCT i.id) FROM ideas i JOIN idea_events e ON e.idea_id = i.id WHERE e.action IN ('APPROVE_PILOT', 'START_PILOT') GROUP BY i.year`,
		`SELECT toString(year), toInt64(countIf(piloted = 1)) FROM $db.fact_idea GROUP BY year HAVING countIf(piloted = 1) > 0`},
	{"ideas applied city-wide by year",
		`SELECT i.year, count(DISTINCT i.id) FROM ideas i JOIN idea_events e ON e.idea_id = i.id WHERE e.action = 'APPLY_CITY_WIDE' GROUP BY i.year`,
		`SELECT toString(year), toInt64(count()) FROM $db.fact_idea WHERE applied_city_wide_on IS NOT NULL GROUP BY year`},
	{"adoptions by year, adopting and origin unit",
		`SELECT YEAR(a.adopted_on), u.code, o.code, count(*) FROM adoptions a JOIN units u ON u.id = a.unit_id JOIN ideas i ON i.id = a.idea_id JOIN units o ON o.id = i.unit_id GROUP BY 1, 2, 3`,
		`SELECT toString(year), unit_code, origin_unit_code, toInt64(count()) FROM $db.fact_idea_adoption GROUP BY year, unit_code, origin_unit_code`},
	{"awards by year, unit, level, kind and standing",
		`SELECT a.year, u.code, a.level, a.recipient_kind, CASE WHEN EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id) THEN 1 ELSE 0 END, count(*) FROM awards a JOIN units u ON u.id = a.unit_id GROUP BY 1, 2, 3, 4, 5`,
		`SELECT toString(year), unit_code, toString(level), toString(recipient_kind), toString(revoked), toInt64(count()) FROM $db.fact_award GROUP BY year, unit_code, level, recipient_kind, revoked`},
	{"ideas behind awards by year",
		`SELECT a.year, count(*) FROM award_ideas ai JOIN awards a ON a.id = ai.award_id GROUP BY a.year`,
		`SELECT toString(year), toInt64(sum(length(idea_ids))) FROM $db.fact_award GROUP BY year HAVING sum(length(idea_ids)) > 0`},
	{"plans by phase and unit: issued, launched, sent, linked to Directive 05",
		`SELECT ph.name, u.code, (CASE WHEN p.issued_on IS NULL THEN 0 ELSE 1 END) + 10 * (CASE WHEN p.launched_on IS NULL THEN 0 ELSE 1 END) + 100 * (CASE WHEN p.sent_on IS NULL THEN 0 ELSE 1 END) + 1000 * (CASE WHEN p.linked_to_directive_05 THEN 1 ELSE 0 END) FROM unit_plans p JOIN phases ph ON ph.id = p.phase_id JOIN units u ON u.id = p.unit_id`,
		`SELECT phase, unit_code, toInt64(sum(isNotNull(issued_on) + 10 * isNotNull(launched_on) + 100 * isNotNull(sent_on) + 1000 * linked_to_directive_05)) FROM $db.fact_unit_plan GROUP BY phase, unit_code`},
	{"reports by year, kind and unit: sent, and sent late",
		`SELECT r.year, r.kind, u.code, (CASE WHEN r.sent_on IS NULL THEN 0 ELSE 1 END) + 10 * (CASE WHEN r.sent_on > r.due_on THEN 1 ELSE 0 END) FROM unit_reports r JOIN units u ON u.id = r.unit_id`,
		`SELECT toString(year), toString(kind), unit_code, toInt64(sum(isNotNull(sent_on) + 10 * ifNull(sent_on > due_on, 0))) FROM $db.fact_unit_report GROUP BY year, kind, unit_code`},
	{"nominations by year, proposing unit, level and stage",
		`SELECT n.year, u.code, n.level, n.status, count(*) FROM nominations n JOIN units u ON u.id = n.unit_id GROUP BY 1, 2, 3, 4`,
		`SELECT toString(year), unit_code, toString(level), status, toInt64(count()) FROM $db.fact_nomination GROUP BY year, unit_code, level, status`},
	{"nominations decided into an award, by year",
		`SELECT n.year, count(*) FROM nominations n WHERE EXISTS (SELECT 1 FROM awards a WHERE a.nomination_id = n.id) GROUP BY n.year`,
		`SELECT toString(year), toInt64(count()) FROM $db.fact_nomination WHERE award_id != 0 GROUP BY year`},
	{"chosen problems by year and unit, and those resting on an idea",
		`SELECT c.year, u.code, count(*) + 10 * count(c.idea_id) FROM chosen_problems c JOIN units u ON u.id = c.unit_id GROUP BY 1, 2`,
		`SELECT toString(year), unit_code, toInt64(count() + 10 * countIf(idea_id != 0)) FROM $db.fact_chosen_problem GROUP BY year, unit_code`},
	{"exemplars by year, unit and kind, with their ideas and awards",
		`SELECT x.year, u.code, x.kind, count(*) + 100 * (SELECT count(*) FROM exemplar_ideas l JOIN exemplars y ON y.id = l.exemplar_id WHERE y.year = x.year AND y.unit_id = x.unit_id AND y.kind = x.kind) + 10000 * (SELECT count(*) FROM exemplar_awards l JOIN exemplars y ON y.id = l.exemplar_id WHERE y.year = x.year AND y.unit_id = x.unit_id AND y.kind = x.kind) FROM exemplars x JOIN units u ON u.id = x.unit_id GROUP BY x.year, u.code, x.kind, x.unit_id`,
		`SELECT toString(year), unit_code, toString(kind), toInt64(count() + 100 * sum(length(idea_ids)) + 10000 * sum(length(award_ids))) FROM $db.fact_exemplar GROUP BY year, unit_code, kind`},
	{"units",
		`SELECT code, 1 FROM units`,
		`SELECT code, toInt64(count()) FROM $db.dim_unit GROUP BY code`},
}

func (f *fixture) checkEqual() {
	f.t.Helper()
	for _, e := range equalities {
		want, got := f.storeAgg(e.store), f.whAgg(e.warehouse)
		if len(want) == 0 {
			f.t.Errorf("%s: the store has nothing to compare", e.name)
		}
		if !maps.Equal(want, got) {
			f.t.Errorf("%s: the warehouse differs from the store\n%s", e.name, diff(want, got))
		}
	}
	f.checkDistinctRestated()
	f.checkEligibility()
}

// checkEligibility: the warehouse's eligible recipients are those the
// API's criteria find, year by year, level, kind, nominated and awarded.
func (f *fixture) checkEligibility() {
	f.t.Helper()
	want := map[string]int64{}
	for y := 2022; y <= time.Now().In(HCM).Year(); y++ {
		cands, err := eligibility.Year(f.ctx, f.st.Client, y)
		if err != nil {
			f.t.Fatal(err)
		}
		for _, c := range cands {
			if c.Highest != "" {
				want[fmt.Sprintf("%d|%s|%s|%d|%d", y, c.Highest, c.Kind, b2u(c.Nominated), b2u(c.Awarded))]++
			}
		}
	}
	got := f.whAgg(`SELECT toString(year), toString(level), toString(recipient_kind), toString(nominated), toString(awarded), toInt64(count()) FROM $db.fact_eligibility GROUP BY year, level, recipient_kind, nominated, awarded`)
	if len(want) == 0 {
		f.t.Error("eligibility: nobody eligible in the store")
	}
	if !maps.Equal(want, got) {
		f.t.Errorf("eligibility: the warehouse differs from the criteria\n%s", diff(want, got))
	}
}

// checkDistinctRestated: individuals counted once per unit of today's
// structure, however many of its predecessors they took part in.
func (f *fixture) checkDistinctRestated() {
	f.t.Helper()
	units, err := readTestUnits(f.ctx, f.st.DB)
	if err != nil {
		f.t.Fatal(err)
	}
	today := time.Now().In(HCM)
	roll := Rollups(units, time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC))
	codes := map[int]string{}
	for _, u := range units {
		codes[u.ID] = u.Code
	}
	rows, err := f.st.DB.QueryContext(f.ctx, `SELECT year, unit_id, person_id FROM participations WHERE person_id IS NOT NULL`)
	if err != nil {
		f.t.Fatal(err)
	}
	sets := map[string]map[int]bool{}
	for rows.Next() {
		var y, u, p int
		if err := rows.Scan(&y, &u, &p); err != nil {
			f.t.Fatal(err)
		}
		k := fmt.Sprintf("%d|%s", y, codes[roll[u]])
		if sets[k] == nil {
			sets[k] = map[int]bool{}
		}
		sets[k][p] = true
	}
	rows.Close()
	want := map[string]int64{}
	for k, s := range sets {
		want[k] = int64(len(s))
	}
	got := f.whAgg(`SELECT toString(year), rollup_code, toInt64(uniqExact(person_key)) FROM $db.fact_participation WHERE kind = 'INDIVIDUAL' GROUP BY year, rollup_code`)
	if !maps.Equal(want, got) {
		f.t.Errorf("distinct individuals restated on today's units differ\n%s", diff(want, got))
	}
}

func readTestUnits(ctx context.Context, db *sql.DB) ([]Unit, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, code, valid_to FROM units`)
	if err != nil {
		return nil, err
	}
	byID := map[int]*Unit{}
	var order []int
	for rows.Next() {
		var u Unit
		var to pgtype.Date
		if err := rows.Scan(&u.ID, &u.Code, &to); err != nil {
			rows.Close()
			return nil, err
		}
		u.ValidTo = dateOf(to)
		byID[u.ID] = &u
		order = append(order, u.ID)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT unit_id, predecessor_id FROM unit_successors`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a, b int
		if err := rows.Scan(&a, &b); err != nil {
			rows.Close()
			return nil, err
		}
		byID[a].Successors = append(byID[a].Successors, b)
	}
	rows.Close()
	out := make([]Unit, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, nil
}

func diff(want, got map[string]int64) string {
	var lines []string
	for k, v := range want {
		if got[k] != v {
			lines = append(lines, fmt.Sprintf("  %s: store %d, warehouse %d", k, v, got[k]))
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			lines = append(lines, fmt.Sprintf("  %s: store —, warehouse %d", k, v))
		}
	}
	sort.Strings(lines)
	if len(lines) > 20 {
		lines = append(lines[:20], fmt.Sprintf("  … %d more", len(lines)-20))
	}
	return strings.Join(lines, "\n")
}

// contents digests every table the analysts read, row by row and order-free.
func (f *fixture) contents() map[string]string {
	f.t.Helper()
	out := map[string]string{}
	for _, t := range append([]string{"dim_unit"}, factNames()...) {
		var n uint64
		var h uint64
		if err := f.wh.QueryRow(f.ctx, fmt.Sprintf("SELECT count(), sum(cityHash64(%s)) FROM `%s`.`%s`", rowHash(t), f.db, t)).Scan(&n, &h); err != nil {
			f.t.Fatal(err)
		}
		out[t] = fmt.Sprintf("%d rows, %x", n, h)
	}
	return out
}

func factNames() []string {
	var out []string
	for _, ft := range factTables {
		out = append(out, ft.name)
	}
	return out
}

func statuses(res Result) map[string]int {
	out := map[string]int{}
	for _, p := range res.Partitions {
		out[p.Status]++
	}
	return out
}

// TestRunEqualsStore: after a run every fact table agrees with the store;
// a second run changes nothing; edits and deletes in the store show after
// the next run, which rebuilds only the years they touched.
func TestRunEqualsStore(t *testing.T) {
	srv := chtest.Shared(t)
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d, srv)
			first := f.run(false)
			if first.Status != StatusSucceeded || statuses(first)[Replaced] == 0 {
				t.Fatalf("first run: %+v", statuses(first))
			}
			f.checkEqual()
			before := f.contents()

			second := f.run(false)
			if st := statuses(second); len(st) != 1 || st[Unchanged] < 20 {
				t.Errorf("a run over an unchanged store did work: %+v", second.Partitions)
			}
			if after := f.contents(); !maps.Equal(before, after) {
				t.Errorf("a second run changed the warehouse:\n%v\n%v", before, after)
			}
			full := f.run(true)
			if statuses(full)[Unchanged] != 0 || statuses(full)[Replaced] == 0 {
				t.Errorf("--full skipped years: %+v", statuses(full))
			}
			if after := f.contents(); !maps.Equal(before, after) {
				t.Errorf("a full rebuild gave other rows:\n%v\n%v", before, after)
			}

			// Edits and deletes: a headcount of 2024 changes, a participation
			// of 2023 goes, every award of 2022 is withdrawn from the store.
			ctx := privacy.DecisionContext(audit.Suppress(context.Background()), privacy.Allow)
			edit(t, f, ctx)
			third := f.run(false)
			touched := map[string]bool{}
			for _, p := range third.Partitions {
				if p.Status == Replaced || p.Status == Dropped {
					touched[fmt.Sprintf("%s %d %s", p.Table, p.Year, p.Status)] = true
				}
			}
			for _, want := range []string{"fact_headcount 2024 REPLACED", "fact_participation 2023 REPLACED", "fact_award 2022 DROPPED"} {
				if !touched[want] {
					t.Errorf("the run after the edits did not do %q: %v", want, slices.Sorted(maps.Keys(touched)))
				}
			}
			// What else reads the edited rows: the eligibility of the years
			// (registration, awards), the nominations the awards decided,
			// the register entries resting on those awards.
			for k := range touched {
				if !slices.Contains([]string{"fact_headcount 2024 REPLACED", "fact_participation 2023 REPLACED", "fact_award 2022 DROPPED",
					"fact_eligibility 2022 REPLACED", "fact_eligibility 2023 REPLACED"}, k) &&
					!strings.HasPrefix(k, "fact_nomination 2022 ") && !strings.HasPrefix(k, "fact_exemplar ") {
					t.Errorf("the run after the edits rebuilt a year it did not touch: %v", slices.Sorted(maps.Keys(touched)))
				}
			}
			f.checkEqual()
		})
	}
}

// edit changes the store as the test above describes: through ent where the
// domain allows it, by SQL for the awards (decided awards are immutable in
// the domain; an operator's correction of bad data is what remains).
func edit(t *testing.T, f *fixture, ctx context.Context) {
	t.Helper()
	h, err := f.st.Client.Headcount.Query().Where(headcount.Year(2024)).Order(ent.Asc(headcount.FieldID)).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.Client.Headcount.UpdateOne(h).SetHeadcount(h.Headcount + 7).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := f.st.Client.Participation.Query().Where(participation.Year(2023)).Order(ent.Desc(participation.FieldID)).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.Client.Participation.DeleteOne(p).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB.ExecContext(ctx, `UPDATE awards SET revokes_id = NULL WHERE revokes_id IN (SELECT id FROM awards WHERE year = 2022)`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB.ExecContext(ctx, `DELETE FROM exemplar_awards WHERE award_id IN (SELECT id FROM awards WHERE year = 2022)`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB.ExecContext(ctx, `DELETE FROM awards WHERE year = 2022`); err != nil {
		t.Fatal(err)
	}
}

// rowHash lists a table's columns for cityHash64, NULLs spelled out.
func rowHash(table string) string {
	tb, _ := warehouse.Lookup(table)
	var cols []string
	for _, c := range tb.Columns {
		if strings.HasPrefix(c[1], "Nullable(") {
			cols = append(cols, "ifNull(toString("+c[0]+"), 'NULL')")
		} else {
			cols = append(cols, c[0])
		}
	}
	return strings.Join(cols, ", ")
}
