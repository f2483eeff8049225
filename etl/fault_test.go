package etl

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

// A killed run is a real process killed without a chance to clean up: the
// test binary runs itself as the ETL and exits hard at the named step.
const killEnv = "THIDUA_ETL_KILL_AT"

func killedRun(at string) int {
	name, nth, _ := strings.Cut(at, "#")
	n, _ := strconv.Atoi(nth)
	var seen atomic.Int64 // years load side by side
	cfg := Config{Store: os.Getenv("THIDUA_ETL_STORE"), Warehouse: os.Getenv("THIDUA_ETL_WAREHOUSE"), PseudonymKey: testKey,
		Point: func(p string) {
			if p == name {
				if seen.Add(1) == int64(max(n, 1)) {
					os.Exit(137)
				}
			}
		}}
	if _, err := Run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return 3 // the step was never reached
}

// seedBogusYear gives the warehouse a year the store never had, so the run
// has a year to drop as well as years to load.
func (f *fixture) seedBogusYear() {
	f.t.Helper()
	conn, target, err := warehouse.Open(f.ctx, f.cfg.Warehouse, "")
	if err != nil {
		f.t.Fatal(err)
	}
	defer conn.Close()
	if _, err := warehouse.Migrate(f.ctx, conn, target); err != nil {
		f.t.Fatal(err)
	}
	table, _ := warehouse.Lookup("fact_award")
	row := []any{uint16(2031), uint64(1), uint64(1), "X", uint64(1), "X", "UNIT_HEAD_CERTIFICATE", "COLLECTIVE", "",
		"1/QĐ", time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC), "X", []uint64{}, uint8(0)}
	if _, _, err := LoadPartition(f.ctx, conn, Partition{Database: target.Database, Table: table, Target: table.Name, Year: 2031, Want: 1,
		Rows: func(emit func([]any) error) error { return emit(row) }}, "bogus"); err != nil {
		f.t.Fatal(err)
	}
}

// yearCounts are the rows of every table's years.
func (f *fixture) yearCounts() map[string]uint64 {
	f.t.Helper()
	out := map[string]uint64{}
	for _, t := range factNames() {
		rows, err := f.wh.Query(f.ctx, fmt.Sprintf("SELECT year, count() FROM `%s`.`%s` GROUP BY year", f.db, t))
		if err != nil {
			f.t.Fatal(err)
		}
		for rows.Next() {
			var y uint16
			var n uint64
			if err := rows.Scan(&y, &n); err != nil {
				f.t.Fatal(err)
			}
			out[fmt.Sprintf("%s %d", t, y)] = n
		}
		rows.Close()
	}
	return out
}

// TestKilledRuns: a run killed at any of its steps leaves every year
// either as it was or fully loaded, and the next run ends equal to a clean
// rebuild. On PostgreSQL several years load at once (Config.Readers), so a
// kill also catches the others half-staged.
func TestKilledRuns(t *testing.T) {
	srv := chtest.Shared(t)
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { killedRuns(t, srv, d) })
	}
}

func killedRuns(t *testing.T, srv *chtest.Server, dialectName string) {
	base := newThinFixture(t, srv, dialectName)
	base.run(true)
	want := base.contents()
	wantYears := base.yearCounts()

	points := []string{"locked", "snapshot", "dim_staged", "dim_swapped", "stage_created", "block_sent",
		"counted", "replaced", "dropped", "state_written", "tables_done", "signatures_written", "finishing"}
	rng := rand.New(rand.NewPCG(1821, 2023))
	for _, p := range points {
		nth := 1
		switch p {
		case "stage_created", "block_sent", "counted", "replaced":
			nth = 1 + rng.IntN(12) // somewhere among the ~22 years the run loads
		case "state_written":
			nth = 1 + rng.IntN(6) // after dim_unit or one of the five fact tables
		}
		at := fmt.Sprintf("%s#%d", p, nth)
		t.Run(at, func(t *testing.T) {
			f := attach(t, base.url, base.st, srv)
			f.seedBogusYear()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), killEnv+"="+at, "THIDUA_ETL_STORE="+f.url, "THIDUA_ETL_WAREHOUSE="+f.cfg.Warehouse)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 137 {
				t.Fatalf("the run was not killed at %s: %v\n%s", at, err, out)
			}
			// Never half a year: each year holds nothing, the bogus year, or
			// exactly what a clean rebuild holds.
			for k, n := range f.yearCounts() {
				if k != "fact_award 2031" && n != wantYears[k] {
					t.Errorf("after the kill %s holds %d rows; a clean rebuild holds %d", k, n, wantYears[k])
				}
			}
			// The killed process's PostgreSQL session ends when its
			// backend reads the closed socket, a moment after the kill:
			// until then it holds the ETL's lock, and a run started at
			// once is (rightly) refused as busy.
			if dialectName == dialect.Postgres {
				waitLockFree(t, f)
			}
			res := f.run(false)
			if res.Status != StatusSucceeded {
				t.Fatalf("the next run: %s", res.Status)
			}
			if got := f.contents(); !maps.Equal(want, got) {
				t.Errorf("after the kill and a run the warehouse differs from a clean rebuild:\n%v\n%v", want, got)
			}
			f.checkNoStages()
			f.checkRunsClosed()
		})
	}
}

func (f *fixture) checkNoStages() {
	f.t.Helper()
	var n uint64
	if err := f.wh.QueryRow(f.ctx, "SELECT count() FROM system.tables WHERE database = ? AND (name LIKE '%\\_stage\\_%' OR name LIKE '%\\_next' OR name LIKE '%\\_prev')", f.db).Scan(&n); err != nil || n != 0 {
		f.t.Errorf("staging tables left behind: %d %v", n, err)
	}
}

// checkRunsClosed: no run is left RUNNING once a later run has finished.
func (f *fixture) checkRunsClosed() {
	f.t.Helper()
	rows, err := f.wh.Query(f.ctx, fmt.Sprintf("SELECT run_id, toString(argMax(status, version)) FROM `%s`.etl_run GROUP BY run_id", f.db))
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, st string
		if err := rows.Scan(&id, &st); err != nil {
			f.t.Fatal(err)
		}
		if st == StatusRunning {
			f.t.Errorf("run %s still RUNNING", id)
		}
	}
}

// TestWarehouseStoppedMidRun: the warehouse dies during a run, which ends
// with an error after its retries; once the warehouse is back, the next
// run completes the work. A warehouse that comes back while the run is
// still retrying is ridden out.
func TestWarehouseStoppedMidRun(t *testing.T) {
	shared := chtest.Shared(t)
	base := newThinFixture(t, shared, "sqlite")
	base.run(true)
	want := base.contents()

	own := chtest.Own(t)
	f := attach(t, base.url, base.st, own)
	cfg := f.cfg
	var hit atomic.Int32
	cfg.Point = func(p string) {
		if p == "replaced" && hit.Add(1) == 3 {
			own.Kill()
		}
	}
	_, err := Run(f.ctx, cfg)
	if err == nil || !strings.Contains(err.Error(), "warehouse") {
		t.Fatalf("a run whose warehouse died ended with %v", err)
	}
	if err := own.Restart(); err != nil {
		t.Fatal(err)
	}
	f.wh.Close()
	if f.wh, err = own.Open("default"); err != nil {
		t.Fatal(err)
	}
	if res := f.run(false); res.Status != StatusSucceeded {
		t.Fatal(res.Status)
	}
	if got := f.contents(); !maps.Equal(want, got) {
		t.Errorf("after the outage and a run the warehouse differs from a clean rebuild:\n%v\n%v", want, got)
	}
	f.checkRunsClosed()

	// The warehouse restarts within the run's backoff: the run succeeds.
	g := attach(t, base.url, base.st, own)
	cfg = g.cfg
	cfg.Backoff = DefaultBackoff
	var wg sync.WaitGroup
	hit.Store(0)
	cfg.Point = func(p string) {
		if p == "replaced" {
			if hit.Add(1) == 2 {
				own.Kill()
				wg.Add(1)
				go func() {
					defer wg.Done()
					time.Sleep(time.Second)
					if err := own.Restart(); err != nil {
						t.Error(err)
					}
				}()
			}
		}
	}
	res, err := Run(g.ctx, cfg)
	wg.Wait()
	if err != nil {
		t.Fatalf("the run did not ride out a restart of the warehouse: %v", err)
	}
	g.wh.Close()
	if g.wh, err = own.Open("default"); err != nil {
		t.Fatal(err)
	}
	if got := g.contents(); res.Status != StatusSucceeded || !maps.Equal(want, got) {
		t.Errorf("after a ridden-out restart: %s\n%v\n%v", res.Status, want, got)
	}
}

// TestConcurrentRuns: a second run started while one holds the lock does
// nothing and says so; the warehouse ends equal to a clean rebuild.
func TestConcurrentRuns(t *testing.T) {
	srv := chtest.Shared(t)
	f := newThinFixture(t, srv, "sqlite")
	cfg := f.cfg
	var second error
	cfg.Point = func(p string) {
		if p == "locked" {
			_, second = Run(f.ctx, f.cfg)
		}
	}
	if _, err := Run(f.ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(second, ErrBusy) {
		t.Fatalf("the second run: %v", second)
	}
	g := attach(t, f.url, f.st, srv)
	g.run(true)
	if want, got := g.contents(), f.contents(); !maps.Equal(want, got) {
		t.Errorf("differs from a clean rebuild:\n%v\n%v", want, got)
	}
}

// TestServersDown: a store or a warehouse that cannot be reached ends the
// run at once with a clear message, and the warehouse records nothing.
func TestServersDown(t *testing.T) {
	srv := chtest.Shared(t)
	f := newThinFixture(t, srv, "sqlite")
	cfg := f.cfg
	cfg.Store = "postgres://postgres@127.0.0.1:1/nothing?sslmode=disable&connect_timeout=2"
	if _, err := Run(f.ctx, cfg); err == nil || !strings.Contains(err.Error(), "store unreachable") {
		t.Errorf("store down: %v", err)
	}
	var n uint64
	if err := f.wh.QueryRow(f.ctx, "SELECT count() FROM system.tables WHERE database = ?", f.db).Scan(&n); err != nil || n != 0 {
		t.Errorf("a run without its store touched the warehouse: %d tables, %v", n, err)
	}
	cfg = f.cfg
	cfg.Warehouse = fmt.Sprintf("clickhouse://127.0.0.1:%d/thidua", localch.FreePort())
	if _, err := Run(f.ctx, cfg); err == nil || !strings.Contains(err.Error(), "warehouse unreachable") {
		t.Errorf("warehouse down: %v", err)
	}
}

// waitLockFree waits until no session holds the ETL's advisory lock.
func waitLockFree(t *testing.T, f *fixture) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		var held int
		if err := f.st.DB.QueryRowContext(f.ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1
			AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, etlLockKey).Scan(&held); err != nil {
			t.Fatal(err)
		}
		if held == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the killed run's session still holds the ETL's lock after 30 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
