package etl

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestLoadPartitionCluster settles the 18.16 question the cluster-aware
// ETL rests on: LoadPartition run against replica 1 of each shard, with
// the Replicated NAME_local table as its target, stages in a plain
// MergeTree and REPLACE PARTITION swaps the year into the Replicated table
// (18.16 accepts a non-replicated source); replication carries the new
// parts to the shard's other replica, the other shard is untouched, the
// Distributed table shows the sum of the shards, and a second load of a
// year replaces it rather than doubling it. Both layouts, 2 × 2 and 1 × 2.
func TestLoadPartitionCluster(t *testing.T) {
	for _, l := range [][2]int{{2, 2}, {1, 2}} {
		t.Run(fmt.Sprintf("%dx%d", l[0], l[1]), func(t *testing.T) {
			c := chcluster.Shared(t, l[0], l[1])
			db := c.Database(t)
			ctx := context.Background()
			first, err := c.First().Open("default")
			if err != nil {
				t.Fatal(err)
			}
			defer first.Close()
			if _, err := warehouse.Migrate(ctx, first, warehouse.Target{Database: db, Cluster: c.Name}); err != nil {
				t.Fatal(err)
			}
			table, _ := warehouse.Lookup("fact_headcount")
			// Shard s holds units s*100+1 … s*100+n: rows of its own.
			load := func(shard, n, headcount int) {
				t.Helper()
				var rows [][]any
				for i := 1; i <= n; i++ {
					u := uint64(shard*100 + i)
					rows = append(rows, []any{uint16(2024), u, "U", u, "U", uint32(headcount)})
				}
				p := Partition{Database: db, Table: table, Target: table.Name + "_local", Year: 2024, Want: int64(len(rows)),
					Rows: func(emit func([]any) error) error {
						for _, r := range rows {
							if err := emit(r); err != nil {
								return err
							}
						}
						return nil
					}}
				conn, err := c.Nodes[shard][0].Open("default")
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				if _, _, err := LoadPartition(ctx, conn, p, "r1"); err != nil {
					t.Fatalf("shard %d: %v", shard+1, err)
				}
			}
			check := func(headcount int) {
				t.Helper()
				var total uint64
				for s, replicas := range c.Nodes {
					want := uint64(3 + s) // shard s+1 was loaded with 3+s rows
					for _, n := range replicas {
						conn, err := n.Open(db)
						if err != nil {
							t.Fatal(err)
						}
						if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA fact_headcount_local"); err != nil {
							t.Fatal(err)
						}
						var got, sum uint64
						if err := conn.QueryRow(ctx, "SELECT count(), sum(toUInt64(headcount)) FROM fact_headcount_local WHERE year = 2024").Scan(&got, &sum); err != nil {
							t.Fatal(err)
						}
						conn.Close()
						if got != want || sum != want*uint64(headcount) {
							t.Errorf("node %d/%d: %d rows summing %d, want %d × %d", n.Shard, n.Replica, got, sum, want, headcount)
						}
					}
					total += want
				}
				var got uint64
				if err := first.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM `%s`.fact_headcount WHERE year = 2024", db)).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != total {
					t.Errorf("the Distributed table shows %d rows, the shards hold %d", got, total)
				}
			}
			for s := range c.Nodes {
				load(s, 3+s, 10)
			}
			check(10)
			for s := range c.Nodes {
				load(s, 3+s, 20)
			}
			check(20)
		})
	}
}

// TestRunRefusesCluster: a run pointed at a node of a cluster's warehouse
// refuses before it writes anything, instead of staging dim_unit through
// its Distributed table into the live one (the second bullet) and
// migrating one node: no unit, no run, no table more than the migration's.
func TestRunRefusesCluster(t *testing.T) {
	c := chcluster.Shared(t, 2, 2)
	db := c.Database(t)
	ctx := context.Background()
	first, err := c.First().Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if _, err := warehouse.Migrate(ctx, first, warehouse.Target{Database: db, Cluster: c.Name}); err != nil {
		t.Fatal(err)
	}
	tables := func() (n uint64) {
		t.Helper()
		if err := first.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ?", db).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := tables()
	f := newFixture(t, "sqlite", chtest.Shared(t))
	cfg := f.cfg
	cfg.Warehouse = c.URL(db)
	if _, err := Run(ctx, cfg); !errors.Is(err, ErrCluster) {
		t.Fatalf("run against a cluster: %v", err)
	}
	// serve's start and `migrate --warehouse` without --cluster: a pending
	// migration would reach this node only.
	if _, err := MigrateWarehouse(ctx, cfg.Store, first, warehouse.Target{Database: db}); !errors.Is(err, ErrCluster) {
		t.Fatalf("migration without the cluster: %v", err)
	}
	for _, table := range []string{"dim_unit", "etl_run", "fact_participation"} {
		var n uint64
		if err := first.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM `%s`.`%s`", db, table)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s holds %d rows after a refused run", table, n)
		}
	}
	if after := tables(); after != before {
		t.Errorf("%d tables before the run, %d after", before, after)
	}
}

// TestLoadShardedCluster: a year's rows go to the shard of their unit
// (unit_id % shards) through one replica of each shard, and reach the
// other replica; the Distributed table shows them all once; a count that
// disagrees with the store leaves every shard as it was; a reload with
// fewer units replaces the year on every shard (a shard left with none has
// it dropped); a year the store no longer has is dropped everywhere.
func TestLoadShardedCluster(t *testing.T) {
	for _, l := range [][2]int{{2, 2}, {1, 2}} {
		t.Run(fmt.Sprintf("%dx%d", l[0], l[1]), func(t *testing.T) {
			c := chcluster.Shared(t, l[0], l[1])
			db := c.Database(t)
			ctx := context.Background()
			first, err := c.First().Open("default")
			if err != nil {
				t.Fatal(err)
			}
			defer first.Close()
			if _, err := warehouse.Migrate(ctx, first, warehouse.Target{Database: db, Cluster: c.Name}); err != nil {
				t.Fatal(err)
			}
			shards, err := warehouse.ClusterShards(ctx, first, c.Name)
			if err != nil {
				t.Fatal(err)
			}
			var conns []driver.Conn
			for _, s := range shards {
				conn, err := warehouse.OpenNode(ctx, c.URL(db), s.Replicas[0])
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				conns = append(conns, conn)
			}
			table, _ := warehouse.Lookup("fact_headcount")
			part := func(units, headcount int, want int64) Partition {
				var rows [][]any
				for u := uint64(1); u <= uint64(units); u++ {
					rows = append(rows, []any{uint16(2024), u, "U", u, "U", uint32(headcount)})
				}
				if want == 0 {
					want = int64(len(rows))
				}
				return Partition{Database: db, Table: table, Target: table.Name + "_local", Year: 2024, Want: want,
					Rows: func(emit func([]any) error) error {
						for _, r := range rows {
							if err := emit(r); err != nil {
								return err
							}
						}
						return nil
					}}
			}
			// check: every replica of every shard holds exactly the units
			// of its shard, with the headcount.
			check := func(units, headcount int) {
				t.Helper()
				var total uint64
				for s, replicas := range c.Nodes {
					var want uint64
					for u := 1; u <= units; u++ {
						if ShardOf(uint64(u), len(c.Nodes)) == s {
							want++
						}
					}
					for _, n := range replicas {
						conn, err := n.Open(db)
						if err != nil {
							t.Fatal(err)
						}
						if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA fact_headcount_local"); err != nil {
							t.Fatal(err)
						}
						var got, sum, stray uint64
						if err := conn.QueryRow(ctx, "SELECT count(), sum(toUInt64(headcount)), countIf(unit_id % ? != ?) FROM fact_headcount_local WHERE year = 2024",
							uint64(len(c.Nodes)), uint64(s)).Scan(&got, &sum, &stray); err != nil {
							t.Fatal(err)
						}
						conn.Close()
						if got != want || sum != want*uint64(headcount) || stray != 0 {
							t.Errorf("node %d/%d: %d rows summing %d (%d of another shard), want %d × %d", n.Shard, n.Replica, got, sum, stray, want, headcount)
						}
					}
					total += want
				}
				var got uint64
				if err := first.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM `%s`.fact_headcount WHERE year = 2024", db)).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != total {
					t.Errorf("the Distributed table shows %d rows, the shards hold %d", got, total)
				}
			}
			if n, _, err := LoadSharded(ctx, conns, part(10, 10, 0), "r1"); err != nil || n != 10 {
				t.Fatalf("first load: %d, %v", n, err)
			}
			check(10, 10)
			if _, _, err := LoadSharded(ctx, conns, part(10, 99, 11), "r2"); err == nil {
				t.Fatal("a count short of the store's was swapped in")
			}
			check(10, 10)
			// One unit: shard 2 (units 2, 4, …) is left with none of 2024.
			if n, _, err := LoadSharded(ctx, conns, part(1, 20, 0), "r3"); err != nil || n != 1 {
				t.Fatalf("reload: %d, %v", n, err)
			}
			check(1, 20)
			gone := part(0, 0, 0)
			gone.Rows = nil
			if _, _, err := LoadSharded(ctx, conns, gone, "r4"); err != nil {
				t.Fatal(err)
			}
			check(0, 0)
			var stages uint64
			for _, conn := range conns {
				var n uint64
				if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND name LIKE '%\\_stage\\_%'", db).Scan(&n); err != nil {
					t.Fatal(err)
				}
				stages += n
			}
			if stages != 0 {
				t.Errorf("%d staging tables left", stages)
			}
		})
	}
}

// contentsOn is fixture.contents on any node and database: per table, its
// rows' count and an order-free hash of them.
func contentsOn(t *testing.T, conn driver.Conn, db string, tables map[string]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, table := range tables {
		var n, h uint64
		if err := conn.QueryRow(context.Background(), fmt.Sprintf("SELECT count(), sum(cityHash64(%s)) FROM `%s`.`%s`", rowHash(name), db, table)).Scan(&n, &h); err != nil {
			t.Fatal(err)
		}
		out[name] = fmt.Sprintf("%d rows, %x", n, h)
	}
	return out
}

// TestRunCluster: `etl run --cluster` on a 2 × 2 and a 1 × 2 cluster gives, through
// the Distributed tables, the same fact rows as a single node loaded from
// the same store; every node's dim_unit_local holds every unit; the rows
// are on every shard; the ledger shows each run once; a second
// run changes nothing.
func TestRunCluster(t *testing.T) {
	f := newFixture(t, "sqlite", chtest.Shared(t))
	f.run(false)
	facts := map[string]string{}
	for _, n := range factNames() {
		facts[n] = n
	}
	want := f.contents()
	for _, l := range [][2]int{{2, 2}, {1, 2}} {
		t.Run(fmt.Sprintf("%dx%d", l[0], l[1]), func(t *testing.T) { runCluster(t, f, facts, want, l[0], l[1]) })
	}
}

func runCluster(t *testing.T, f *fixture, facts, want map[string]string, shards, replicas int) {
	c := chcluster.Shared(t, shards, replicas)
	db := c.Database(t)
	ctx := context.Background()
	cfg := f.cfg
	cfg.Warehouse, cfg.Cluster = c.URL(db), c.Name
	first, err := c.First().Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	check := func() {
		t.Helper()
		got := contentsOn(t, first, db, facts)
		for _, n := range c.All() {
			conn, err := n.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			for _, table := range append([]string{"dim_unit_local"}, "fact_participation_local") {
				if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA "+table); err != nil {
					t.Fatal(err)
				}
			}
			dim := contentsOn(t, conn, db, map[string]string{"dim_unit": "dim_unit_local"})
			if dim["dim_unit"] != want["dim_unit"] {
				t.Errorf("node %d/%d: dim_unit_local %s, one node %s", n.Shard, n.Replica, dim["dim_unit"], want["dim_unit"])
			}
			var local uint64
			if err := conn.QueryRow(ctx, "SELECT count() FROM fact_participation_local").Scan(&local); err != nil {
				t.Fatal(err)
			}
			if local == 0 {
				t.Errorf("node %d/%d holds no participation", n.Shard, n.Replica)
			}
			t.Logf("node %d/%d: %d participations", n.Shard, n.Replica, local)
			// Every fact on the shard its unit_id names (warehouse.ShardKey),
			// where the Distributed tables' sharding key would send it.
			for _, fact := range factNames() {
				var astray uint64
				q := fmt.Sprintf("SELECT count() FROM %s_local WHERE unit_id %% %d != %d", fact, shards, n.Shard-1)
				if err := conn.QueryRow(ctx, q).Scan(&astray); err != nil {
					t.Fatal(err)
				}
				if astray != 0 {
					t.Errorf("node %d/%d: %d rows of %s belong to another shard", n.Shard, n.Replica, astray, fact)
				}
			}
			conn.Close()
		}
		for name := range facts {
			if got[name] != want[name] {
				t.Errorf("%s: cluster %s, one node %s", name, got[name], want[name])
			}
		}
	}
	res, err := Run(ctx, cfg)
	if err != nil || res.Status != StatusSucceeded {
		t.Fatalf("cluster run: %v %v", res.Status, err)
	}
	check()
	second, err := Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st := statuses(second); st[Replaced] != 0 || st[Dropped] != 0 {
		t.Errorf("a second run did work: %+v", st)
	}
	check()
	var runs uint64
	if err := first.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM `%s`.etl_run FINAL", db)).Scan(&runs); err != nil {
		t.Fatal(err)
	}
	if runs != 2 {
		t.Errorf("etl_run FINAL shows %d rows for 2 runs", runs)
	}
}

// TestSchedulerCluster: serve's schedule with THIDUA_CLICKHOUSE_CLUSTER
// (Config.Cluster) migrates an empty warehouse ON CLUSTER as it starts
// (every node gets every table), then its run loads the cluster and the
// freshness gauge reads the run from the ledger.
func TestSchedulerCluster(t *testing.T) {
	c := chcluster.Shared(t, 2, 2)
	db := c.Database(t)
	ctx := context.Background()
	f := newFixture(t, "sqlite", chtest.Shared(t))
	cfg := f.cfg
	cfg.Warehouse, cfg.Cluster = c.URL(db), c.Name
	m := &Monitor{URL: cfg.Warehouse}
	s, err := NewScheduler(cfg, DefaultSchedule, m)
	if err != nil {
		t.Fatal(err)
	}
	s.migrate(ctx)
	var want uint64
	for _, n := range c.All() {
		conn, err := n.Open("default")
		if err != nil {
			t.Fatal(err)
		}
		var got uint64
		if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND name LIKE 'fact\\_%\\_local'", db).Scan(&got); err != nil {
			t.Fatal(err)
		}
		conn.Close()
		if want == 0 {
			want = got
		}
		if got == 0 || got != want {
			t.Errorf("node %d/%d has %d fact tables after serve's start, the first %d", n.Shard, n.Replica, got, want)
		}
	}
	s.once(ctx)
	if m.last.Status != StatusSucceeded {
		t.Fatalf("scheduled run on the cluster: %s %v", m.last.Status, m.lastErr)
	}
	conn, err := c.First().Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r, ok, err := LastRefresh(ctx, conn, db)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if got := scrape(t, m); got[mLast] != float64(r.Snapshot.Unix()) {
		t.Errorf("freshness %v, last refresh %v", got[mLast], r.Snapshot.Unix())
	}
	var units uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM dim_unit").Scan(&units); err != nil || units == 0 {
		t.Errorf("dim_unit after the scheduled run: %d %v", units, err)
	}
}
