package etl

import (
	"context"
	"errors"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestClusterFaults (issue 21, item 2) on a 2 × 2 cluster of its own, whose
// nodes it kills: the replica the run writes shard 2 through is killed in
// the middle of a year's load, then the whole of shard 2 is down when a run
// starts. Each time the run fails, every shard is as it was (the
// Distributed tables read as before the run; shard 1's local tables too),
// the node comes back, and the next run succeeds and equals a clean
// rebuild (a single node loaded from the same store); a run after it
// changes nothing, and no staging table is left on any node. A replica the
// run does not write through, killed during a run, costs nothing: the run
// succeeds and the replica catches up when it returns.
func TestClusterFaults(t *testing.T) {
	c := chcluster.Own(t, 2, 2)
	f := newFixture(t, "sqlite", chtest.Shared(t))
	ctx := context.Background()
	db := c.Database(t)
	cfg := f.cfg
	cfg.Warehouse, cfg.Cluster = c.URL(db), c.Name
	first, err := c.First().Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	facts, locals := map[string]string{}, map[string]string{}
	for _, n := range append([]string{"dim_unit"}, factNames()...) {
		if n != "dim_unit" {
			facts[n] = n
		}
		locals[n] = n + "_local"
	}
	syncReplicas := func(nodes ...*chcluster.Node) {
		t.Helper()
		for _, n := range nodes {
			conn, err := n.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range locals {
				if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA "+l); err != nil {
					t.Fatalf("node %d/%d: sync %s: %v", n.Shard, n.Replica, l, err)
				}
			}
			conn.Close()
		}
	}
	// rebuilt: the single node brought to the store as it is now, and the
	// cluster's Distributed tables compared with it.
	checkRebuilt := func(step string) {
		t.Helper()
		if res := f.run(false); res.Status != StatusSucceeded {
			t.Fatalf("%s: the single node's run: %s", step, res.Status)
		}
		want := f.contents()
		syncReplicas(c.All()...)
		got := contentsOn(t, first, db, facts)
		for n := range facts {
			if got[n] != want[n] {
				t.Errorf("%s: %s on the cluster %s, a clean rebuild %s", step, n, got[n], want[n])
			}
		}
		for _, n := range c.All() {
			conn, err := n.Open("default")
			if err != nil {
				t.Fatal(err)
			}
			var stages uint64
			if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND (name LIKE '%\\_stage\\_%' OR name LIKE '%\\_next')", db).Scan(&stages); err != nil {
				t.Fatal(err)
			}
			if stages != 0 {
				t.Errorf("%s: node %d/%d keeps %d staging tables", step, n.Shard, n.Replica, stages)
			}
			dim := contentsOn(t, conn, db, map[string]string{"dim_unit": "dim_unit_local"})
			if dim["dim_unit"] != want["dim_unit"] {
				t.Errorf("%s: node %d/%d dim_unit_local %s, want %s", step, n.Shard, n.Replica, dim["dim_unit"], want["dim_unit"])
			}
			conn.Close()
		}
	}
	runOK := func(step string) {
		t.Helper()
		res, err := Run(ctx, cfg)
		if err != nil || res.Status != StatusSucceeded {
			t.Fatalf("%s: %s %v", step, res.Status, err)
		}
		checkRebuilt(step)
		again, err := Run(ctx, cfg)
		if err != nil {
			t.Fatalf("%s, again: %v", step, err)
		}
		if st := statuses(again); st[Replaced] != 0 || st[Dropped] != 0 {
			t.Errorf("%s: a second run did work: %+v", step, st)
		}
	}
	// edit moves the newest participation of a unit of shard 2 from 2023
	// to 2022 behind the application's back: the next run has years to
	// reload on both shards' behalf (the year moves, the unit stays).
	edit := func() {
		t.Helper()
		if _, err := f.st.DB.ExecContext(ctx, `UPDATE participations SET year = 2022 WHERE id = (
			SELECT max(id) FROM participations WHERE year = 2023 AND unit_id % 2 = 1)`); err != nil {
			t.Fatal(err)
		}
	}
	runOK("first run")

	// 1. The replica shard 2 is written through dies while a year is sent.
	edit()
	before := contentsOn(t, first, db, facts)
	victim := c.Nodes[1][0]
	var once sync.Once
	failing := cfg
	failing.Point = func(p string) {
		if p == "block_sent" {
			once.Do(victim.Kill)
		}
	}
	if res, err := Run(ctx, failing); err == nil || res.Status != StatusFailed {
		t.Fatalf("a run whose replica died: %s %v", res.Status, err)
	} else {
		t.Logf("the run whose replica died: %v", err)
	}
	if after := contentsOn(t, first, db, facts); !maps.Equal(before, after) {
		t.Errorf("a replica killed during the load changed the warehouse:\nbefore %v\nafter  %v", before, after)
	}
	if err := victim.Restart(); err != nil {
		t.Fatal(err)
	}
	runOK("after the replica came back")

	// 2. A whole shard down when the run starts.
	edit()
	shard1 := contentsOn(t, first, db, locals)
	for _, n := range c.Nodes[1] {
		n.Kill()
	}
	if res, err := Run(ctx, cfg); err == nil {
		t.Fatalf("a run with shard 2 down succeeded: %s", res.Status)
	} else {
		t.Logf("the run with shard 2 down: %v", err)
	}
	if after := contentsOn(t, first, db, locals); !maps.Equal(shard1, after) {
		t.Errorf("a run with shard 2 down changed shard 1:\nbefore %v\nafter  %v", shard1, after)
	}
	for _, n := range c.Nodes[1] {
		if err := n.Restart(); err != nil {
			t.Fatal(err)
		}
	}
	runOK("after shard 2 came back")

	// 2b. Shard 2's first replica down, so the run writes through the
	// second, which dies during the load: both come back, and the next run
	// (which writes through the first again) drops the second's stage.
	edit()
	c.Nodes[1][0].Kill()
	var once1 sync.Once
	failover := cfg
	failover.Point = func(p string) {
		if p == "block_sent" {
			once1.Do(c.Nodes[1][1].Kill)
		}
	}
	// With nothing to migrate, a run issues no ON CLUSTER DDL: before, its
	// CREATE DATABASE … ON CLUSTER waited 180 s for the dead replica, failed
	// with code 159 and was retried, 6 minutes to fail every run.
	start := time.Now()
	if res, err := Run(ctx, failover); err == nil {
		t.Fatalf("a run whose fallback replica died succeeded: %s", res.Status)
	} else if took := time.Since(start); took > time.Minute {
		t.Errorf("the run with a replica down took %s to fail: %v", took, err)
	}
	// A pending migration with a replica down fails once, saying why, and
	// is not retried for another timeout.
	shortDDL := clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"distributed_ddl_task_timeout": 2}))
	start = time.Now()
	if _, err := warehouse.Migrate(shortDDL, first, warehouse.Target{Database: db + "_fresh", Cluster: c.Name}); !errors.Is(err, warehouse.ErrDDLTimeout) {
		t.Errorf("a migration with a replica down: %v", err)
	} else if transient(err) {
		t.Errorf("a DDL timeout would be retried: %v", err)
	} else {
		t.Logf("a migration with a replica down, after %s: %v", time.Since(start).Round(time.Millisecond), err)
	}
	for _, n := range c.Nodes[1] {
		if err := n.Restart(); err != nil {
			t.Fatal(err)
		}
	}
	runOK("after the fallback replica came back")

	// 3. A replica the run does not write through dies during the run.
	edit()
	bystander := c.Nodes[0][1]
	var once2 sync.Once
	quiet := cfg
	quiet.Point = func(p string) {
		if p == "block_sent" {
			once2.Do(bystander.Kill)
		}
	}
	if res, err := Run(ctx, quiet); err != nil || res.Status != StatusSucceeded {
		t.Fatalf("a run while a replica it does not write through died: %s %v", res.Status, err)
	}
	if err := bystander.Restart(); err != nil {
		t.Fatal(err)
	}
	checkRebuilt("the bystander back")
	want := contentsOn(t, first, db, locals)
	conn, err := bystander.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if got := contentsOn(t, conn, db, locals); !maps.Equal(want, got) {
		t.Errorf("the replica back from the dead differs from its peer:\npeer %v\nit   %v", want, got)
	}
}
