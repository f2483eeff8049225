package etl

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

// TestMonitor: what /readyz and /metrics say of the warehouse before any
// run, after a run, and when the warehouse cannot be reached.
func TestMonitor(t *testing.T) {
	srv := chtest.Shared(t)
	f := newThinFixture(t, srv, "sqlite")
	ctx := context.Background()
	m := &Monitor{URL: f.cfg.Warehouse}
	if got := m.Ready(ctx)["state"]; got != "not migrated" {
		t.Errorf("before the first run: %v", got)
	}
	f.seedBogusYear() // migrates
	if got := m.Ready(ctx); got["state"] != "never refreshed" || got["lastRefresh"] != nil {
		t.Errorf("migrated, never run: %v", got)
	}
	s, err := NewScheduler(f.cfg, DefaultSchedule, m)
	if err != nil {
		t.Fatal(err)
	}
	s.once(ctx)
	m.scheduled(s.Next(time.Now()))
	got := m.Ready(ctx)
	if got["state"] != "ok" || got["lastRun"] != m.last.RunID || got["lastRefresh"] != m.last.Snapshot.Format(time.RFC3339) || got["nextRun"] == nil {
		t.Errorf("after a run: %v (run %+v)", got, m.last)
	}
	if own, _ := got["thisReplica"].(map[string]any); own["status"] != StatusSucceeded {
		t.Errorf("this replica's run: %v", got["thisReplica"])
	}
	r, ok, err := LastRefresh(ctx, f.wh, f.db)
	if err != nil || !ok || r.RunID != m.last.RunID || !r.Snapshot.Equal(m.last.Snapshot) {
		t.Errorf("LastRefresh: %+v %v %v", r, ok, err)
	}
	down := &Monitor{URL: fmt.Sprintf("clickhouse://127.0.0.1:%d/thidua", localch.FreePort())}
	if got := down.Ready(ctx)["state"]; got != "unreachable" {
		t.Errorf("warehouse down: %v", got)
	}
}
