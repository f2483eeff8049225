package etl

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

// scrape gathers a monitor's series by name; a series it did not send is
// absent from the map.
func scrape(t *testing.T, m *Monitor) map[string]float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	if err := reg.Register(m); err != nil {
		t.Fatal(err)
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, fam := range families {
		for _, s := range fam.GetMetric() {
			name := fam.GetName()
			for _, l := range s.GetLabel() {
				name += fmt.Sprintf("{%s=%s}", l.GetName(), l.GetValue())
			}
			switch {
			case s.GetGauge() != nil:
				out[name] = s.GetGauge().GetValue()
			case s.GetCounter() != nil:
				out[name] = s.GetCounter().GetValue()
			}
		}
	}
	return out
}

const (
	mLast    = "thidua_warehouse_last_refresh_timestamp_seconds"
	mUp      = "thidua_warehouse_reachable"
	mSkipped = "thidua_etl_runs_skipped_total"
)

// TestFreshnessOnEveryReplica: two replicas over one warehouse; one runs
// the ETL while the other's scheduled run finds the lock taken. Both
// export the warehouse's last refresh, the one that never ran included, a
// fresh third replica too; the skip is counted; scrapes within the cache's
// time do not reread the warehouse.
func TestFreshnessOnEveryReplica(t *testing.T) {
	srv := chtest.Shared(t)
	f := newThinFixture(t, srv, "sqlite")
	ctx := context.Background()
	a, b := &Monitor{URL: f.cfg.Warehouse}, &Monitor{URL: f.cfg.Warehouse}

	before := scrape(t, b)
	if before[mUp] != 1 || before[mLast] != 0 || before[mSkipped] != 0 {
		t.Fatalf("before any run (a warehouse not migrated yet): %v", before)
	}

	sb, err := NewScheduler(f.cfg, DefaultSchedule, b)
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.cfg
	cfg.Point = func(p string) {
		if p == "locked" {
			sb.once(ctx) // replica b's schedule fires while a holds the lock
		}
	}
	sa, err := NewScheduler(cfg, DefaultSchedule, a)
	if err != nil {
		t.Fatal(err)
	}
	sa.once(ctx)
	if a.last.Status != StatusSucceeded {
		t.Fatalf("replica a's run: %s %v", a.last.Status, a.lastErr)
	}
	r, ok, err := LastRefresh(ctx, f.wh, f.db)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	want := float64(r.Snapshot.Unix())

	gotA := scrape(t, a)
	if gotA[mLast] != want || gotA["thidua_etl_last_success_timestamp_seconds"] != want || gotA[mSkipped] != 0 ||
		gotA["thidua_etl_runs_total{status=SUCCEEDED}"] != 1 {
		t.Errorf("replica a, which ran (its own run rereads at once): %v; want last refresh %v", gotA, want)
	}
	cached := scrape(t, b)
	if cached[mLast] != 0 || cached[mSkipped] != 1 || cached["thidua_etl_runs_total{status=FAILED}"] != 0 {
		t.Errorf("replica b within the cache's 30 s: %v (want the cached 0 and one skip, not a failure)", cached)
	}
	b.CacheFor = time.Millisecond
	time.Sleep(5 * time.Millisecond)
	gotB := scrape(t, b)
	if gotB[mLast] != want || gotB[mUp] != 1 {
		t.Errorf("replica b, which never ran: %v; want last refresh %v", gotB, want)
	}
	if _, own := gotB["thidua_etl_last_success_timestamp_seconds"]; own {
		t.Errorf("replica b exports a success of its own: %v", gotB)
	}
	if gotC := scrape(t, &Monitor{URL: f.cfg.Warehouse}); gotC[mLast] != want || gotC[mUp] != 1 {
		t.Errorf("a replica just started: %v; want last refresh %v", gotC, want)
	}
}

// TestFreshnessTieBreak: two successful runs with the same snapshot
// second: the one that started later (the greater run id) is the last
// refresh, every time.
func TestFreshnessTieBreak(t *testing.T) {
	ctx := context.Background()
	l := migratedLedger(t)
	conn, db := l.conn, l.db
	at := time.Date(2026, 12, 6, 2, 0, 0, 0, HCM)
	for _, id := range []string{"20261206T020000_bbbbbb", "20261206T020000_aaaaaa"} {
		for v, st := range []string{StatusRunning, StatusSucceeded} {
			if err := l.writeRun(ctx, runRow{ID: id, Version: uint32(v + 1), Started: at, Finished: at.Add(time.Second), Status: st, Snapshot: at}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for range 5 {
		r, ok, err := LastRefresh(ctx, conn, db)
		if err != nil || !ok || r.RunID != "20261206T020000_bbbbbb" || !r.Snapshot.Equal(at) {
			t.Fatalf("LastRefresh: %+v %v %v", r, ok, err)
		}
	}
}

// TestFreshnessWarehouseStopped: a warehouse that stops answering makes
// reachable 0 and keeps the last refresh it reported; one never reached
// exports reachable 0 and no refresh at all.
func TestFreshnessWarehouseStopped(t *testing.T) {
	own := chtest.Own(t)
	db := own.Database(t)
	m := &Monitor{URL: own.URL(db), CacheFor: time.Nanosecond}
	if got := scrape(t, m); got[mUp] != 1 || got[mLast] != 0 {
		t.Fatalf("warehouse up, never migrated: %v", got)
	}
	own.Kill()
	start := time.Now()
	if got := scrape(t, m); got[mUp] != 0 || got[mLast] != 0 {
		t.Errorf("warehouse stopped: %v", got)
	}
	if took := time.Since(start); took > 2*freshnessTimeout {
		t.Errorf("a scrape with the warehouse stopped took %s", took)
	}
	down := &Monitor{URL: fmt.Sprintf("clickhouse://127.0.0.1:%d/thidua", localch.FreePort())}
	got := scrape(t, down)
	if _, ok := got[mLast]; got[mUp] != 0 || ok || got[mSkipped] != 0 {
		t.Errorf("warehouse never reached: %v", got)
	}
	if err := own.Restart(); err != nil {
		t.Fatal(err)
	}
	// clickhouse-go's pool reconnects: the same monitor sees it back.
	deadline := time.Now().Add(30 * time.Second)
	for scrape(t, m)[mUp] != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the warehouse restarted but the monitor still finds it unreachable")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// migratedLedger is the run ledger of a fresh, migrated warehouse database
// on the shared test server, closed at the test's end.
func migratedLedger(t *testing.T) ledger {
	t.Helper()
	srv := chtest.Shared(t)
	db := srv.Database(t)
	conn, target, err := warehouse.Open(context.Background(), srv.URL(db), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := warehouse.Migrate(context.Background(), conn, target); err != nil {
		t.Fatal(err)
	}
	return ledger{conn: conn, db: db}
}
