package etl

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// touched lists what a run replaced or dropped, as "table year STATUS".
func touched(res Result) []string {
	var out []string
	for _, p := range res.Partitions {
		if p.Status == Replaced || p.Status == Dropped {
			out = append(out, fmt.Sprintf("%s %d %s", p.Table, p.Year, p.Status))
		}
	}
	slices.Sort(out)
	return out
}

// checkNoRead: every fact table of the run was left as it was without
// reading a year of it (the untouched path records no time: no digest
// pass ran; the change counters alone said nothing moved).
func checkNoRead(t *testing.T, res Result) {
	t.Helper()
	if res.Status != StatusSucceeded || res.Restored != "" {
		t.Fatalf("run: %s %q", res.Status, res.Restored)
	}
	for _, p := range res.Partitions {
		if p.Status != Unchanged || (p.Table != "dim_unit" && p.Duration != 0) {
			t.Errorf("a run over an unchanged store read or loaded %s %d (%s, %s)", p.Table, p.Year, p.Status, p.Duration)
		}
	}
}

// checkOnly: the run replaced or dropped the wanted partitions, nothing
// else but what allowed names, and of the table of the edit it read only
// the edited years (the other years are unchanged without a digest pass).
func checkOnly(t *testing.T, res Result, table string, want []string, allowed ...string) {
	t.Helper()
	got := touched(res)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("the run did not do %q: %v", w, got)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) && !slices.Contains(allowed, g) {
			t.Errorf("the run touched %q, which the edit did not: %v", g, got)
		}
	}
	for _, p := range res.Partitions {
		if p.Table == table && p.Status == Unchanged && p.Duration != 0 {
			t.Errorf("%s %d was digested though its change counter did not move", p.Table, p.Year)
		}
	}
}

// TestChangesBehindTheBack covers issue 21's finding "edits made outside
// the application are missed", on both stores: raw SQL that leaves
// updated_at alone (a DBA's fix) is caught by the store's change counters
// and the next run reloads exactly the years it touched (1: an UPDATE
// moving a participation from 2023 to 2022; 2: a DELETE of a headcount of
// 2024); a run over an unchanged store reads no year of any fact table
// (4); and a store put back from an older copy is detected and loaded
// whole (3), ending equal to it.
func TestChangesBehindTheBack(t *testing.T) {
	srv := chtest.Shared(t)
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d, srv)
			if first := f.run(false); first.Status != StatusSucceeded {
				t.Fatalf("first run: %+v", first)
			}
			f.checkEqual()
			// (4) Nothing changed: the counters say so, no year is read.
			checkNoRead(t, f.run(false))

			// The older copy (3), taken before the edits.
			older := copyStore(t, f)

			// (1) A participation of 2023 moved to 2022, updated_at untouched.
			var id int
			if err := f.st.DB.QueryRowContext(f.ctx, `SELECT max(id) FROM participations WHERE year = 2023`).Scan(&id); err != nil {
				t.Fatal(err)
			}
			if _, err := f.st.DB.ExecContext(f.ctx, fmt.Sprintf(`UPDATE participations SET year = 2022 WHERE id = %d`, id)); err != nil {
				t.Fatal(err)
			}
			// Eligibility reads participation (registration) of those years.
			checkOnly(t, f.run(false), "fact_participation",
				[]string{"fact_participation 2022 REPLACED", "fact_participation 2023 REPLACED"},
				"fact_eligibility 2022 REPLACED", "fact_eligibility 2023 REPLACED")
			f.checkEqual()

			// (2) A headcount of 2024 deleted.
			if _, err := f.st.DB.ExecContext(f.ctx, `DELETE FROM headcounts WHERE id = (SELECT min(id) FROM headcounts WHERE year = 2024)`); err != nil {
				t.Fatal(err)
			}
			checkOnly(t, f.run(false), "fact_headcount", []string{"fact_headcount 2024 REPLACED"})
			f.checkEqual()
			before := f.contents()
			checkNoRead(t, f.run(false))
			if after := f.contents(); !maps.Equal(before, after) {
				t.Errorf("a run over an unchanged store changed the warehouse")
			}

			// (3) The older copy put back: its counters are behind those the
			// warehouse was last loaded from, so every year is loaded again.
			g := *f
			g.url, g.st, g.cfg.Store = older.url, older.st, older.url
			res := g.run(false)
			if res.Restored == "" || !res.Full || statuses(res)[Unchanged] != 0 {
				t.Errorf("a restored store was not loaded whole: %q, %+v", res.Restored, statuses(res))
			}
			g.checkEqual()
			checkNoRead(t, g.run(false))
		})
	}
}

type storeCopy struct {
	url string
	st  *store.Store
}

// copyStore copies the fixture's store as a backup would: VACUUM INTO on
// SQLite (a consistent copy of an open file); on PostgreSQL a database
// made from it as a template (which wants no session on it: the
// fixture's store is closed for the copy and opened again).
func copyStore(t *testing.T, f *fixture) storeCopy {
	t.Helper()
	var to string
	if f.st.Dialect != dialect.Postgres {
		path := filepath.Join(t.TempDir(), "older.db")
		if _, err := f.st.DB.ExecContext(f.ctx, `VACUUM INTO '`+path+`'`); err != nil {
			t.Fatal(err)
		}
		to = "sqlite:" + path
	} else {
		u, err := url.Parse(f.url)
		if err != nil {
			t.Fatal(err)
		}
		f.st.Close()
		var drop func()
		to, drop, err = storetest.CreateDatabaseFrom(f.ctx, storetest.PostgresURL(), "thidua_older", strings.TrimPrefix(u.Path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(drop)
		if f.st, err = store.Open(f.ctx, f.url, store.Options{}); err != nil {
			t.Fatal(err)
		}
		st := f.st
		t.Cleanup(func() { st.Close() })
	}
	st, err := store.Open(context.Background(), to, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return storeCopy{url: to, st: st}
}

// TestChangeTriggers: every table a fact table reads keeps change counters
// (a SQLite migration that rebuilds a table drops its triggers with it),
// and the per-year counters a fact table reads its years by are kept by
// a year of the row.
func TestChangeTriggers(t *testing.T) {
	for _, ft := range factTables {
		for _, s := range ft.sources {
			if _, ok := changeYears[s]; !ok && s != todaySource {
				t.Errorf("%s reads %s, which keeps no change counters", ft.name, s)
			}
		}
		if ft.yearly != "" && changeYears[ft.yearly] == "" {
			t.Errorf("%s reads its years by %s's counters, which are not kept by year", ft.name, ft.yearly)
		}
	}
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			st, err := store.Open(context.Background(), storetest.URL(t, d), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			q := `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%_etl_%'`
			want := 3 // insert, update, delete
			if d == "postgres" {
				q = `SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST($1 AS regclass) AND tgname LIKE '%_etl_%' AND NOT tgisinternal`
			}
			for table, year := range changeYears {
				if d == "postgres" {
					want = 1 // one statement trigger
					if year != "" {
						// Statement triggers over transition tables, one per
						// event (a trigger with transition tables takes one
						// event), and one for TRUNCATE, which has none.
						want = 4
					}
				}
				var n int
				if err := st.DB.QueryRowContext(context.Background(), q, table).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != want {
					t.Errorf("%s has %d change triggers, want %d", table, n, want)
				}
			}
		})
	}
}

// TestRestoredAndMoved: how a run reads the store's counters against those
// the last successful run recorded (issue 21: a restore is detected; only
// the years whose counters moved are read).
func TestRestoredAndMoved(t *testing.T) {
	rec := func(c changes) map[stateKey]stateRow {
		st := map[stateKey]stateRow{{epochScope, 0}: {fingerprint: c.epoch}}
		for table, years := range c.counters {
			for y, n := range years {
				st[stateKey{changesScope + table, y}] = stateRow{fingerprint: n.String(), rows: uint64(n.changes)}
			}
		}
		return st
	}
	last := changes{epoch: "e1", counters: map[string]map[int]counter{
		"participations": {2022: {5, "a"}, 2023: {7, "b"}, 2024: {1, "c"}},
		"people":         {0: {9, "d"}},
	}}
	for _, tc := range []struct {
		name     string
		now      changes
		restored bool
		moved    []int // participations' years to read; nil: all of them
	}{
		{"unchanged", last, false, []int{}},
		{"another store", changes{epoch: "e2", counters: last.counters}, true, []int{}},
		{"a year edited", changes{epoch: "e1", counters: map[string]map[int]counter{
			"participations": {2022: {6, "x"}, 2023: {8, "y"}, 2024: {1, "c"}}, "people": {0: {9, "d"}}}}, false, []int{2022, 2023}},
		{"edited as often after a restore", changes{epoch: "e1", counters: map[string]map[int]counter{
			"participations": {2022: {5, "z"}, 2023: {7, "b"}, 2024: {1, "c"}}, "people": {0: {9, "d"}}}}, false, []int{2022}},
		{"a counter went back", changes{epoch: "e1", counters: map[string]map[int]counter{
			"participations": {2022: {4, "a"}, 2023: {7, "b"}, 2024: {1, "c"}}, "people": {0: {9, "d"}}}}, true, []int{2022}},
		{"a counter gone", changes{epoch: "e1", counters: map[string]map[int]counter{
			"participations": {2022: {5, "a"}, 2023: {7, "b"}}, "people": {0: {9, "d"}}}}, true, []int{2024}},
		{"a row without a year", changes{epoch: "e1", counters: map[string]map[int]counter{
			"participations": {0: {1, "n"}, 2022: {5, "a"}, 2023: {7, "b"}, 2024: {1, "c"}}, "people": {0: {9, "d"}}}}, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &runner{state: rec(last), changes: tc.now}
			if got := r.restored() != ""; got != tc.restored {
				t.Errorf("restored: %v (%q), want %v", got, r.restored(), tc.restored)
			}
			got := r.movedYears("participations")
			if (got == nil) != (tc.moved == nil) || !slices.Equal(slices.Sorted(maps.Keys(got)), tc.moved) && tc.moved != nil {
				t.Errorf("moved years: %v, want %v", slices.Sorted(maps.Keys(got)), tc.moved)
			}
		})
	}
}

// TestChangeCountersPerStatement: on PostgreSQL a statement that touches
// many rows of a year bumps that year's counter once per transition table,
// not once per row. Per row, every bump in one transaction was a new
// version of one counter row that nothing could prune before the commit,
// so a bulk write took quadratic time (seeding `city` passed 12 minutes
// against 5.6). Counted from the transaction's own statistics, not timed.
func TestChangeCountersPerStatement(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, seedtest.URL(t, "postgres"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tx, err := st.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	var before int64
	if err := tx.QueryRowContext(ctx, `SELECT changes FROM etl_changes WHERE source = 'participations' AND year = 2023`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	res, err := tx.ExecContext(ctx, `UPDATE participations SET year = year WHERE year = 2023`)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := res.RowsAffected()
	var writes, after int64
	if err := tx.QueryRowContext(ctx, `SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'etl_changes'`).Scan(&writes); err != nil {
		t.Fatal(err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT changes FROM etl_changes WHERE source = 'participations' AND year = 2023`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if rows < 100 {
		t.Fatalf("only %d participations of 2023 to update", rows)
	}
	if writes > 2 {
		t.Errorf("an UPDATE of %d rows of one year wrote the counters %d times (want one per transition table: 2)", rows, writes)
	}
	// Each row counts twice, as its old and its new version.
	if after-before != 2*rows {
		t.Errorf("the counter moved by %d for %d rows updated, want %d", after-before, rows, 2*rows)
	}
}
