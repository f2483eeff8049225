package chcluster

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestMain(m *testing.M) { Main(m) }

// TestClusterLayouts: every node of a 2 × 2 and a 1 × 2 cluster sees the
// whole cluster in system.clusters and its own macros; a replicated table
// created ON CLUSTER gets a row written on one replica to the other (through
// ZooKeeper and interserver HTTP), and not to the other shard.
func TestClusterLayouts(t *testing.T) {
	for _, l := range [][2]int{{2, 2}, {1, 2}} {
		t.Run(fmt.Sprintf("%dx%d", l[0], l[1]), func(t *testing.T) {
			start := time.Now()
			c := Shared(t, l[0], l[1])
			t.Logf("%d × %d cluster up in %s", l[0], l[1], time.Since(start).Round(time.Millisecond))
			ctx := context.Background()
			for _, n := range c.All() {
				conn, err := n.Open("default")
				if err != nil {
					t.Fatal(err)
				}
				var hosts uint64
				if err := conn.QueryRow(ctx, "SELECT count() FROM system.clusters WHERE cluster = ?", c.Name).Scan(&hosts); err != nil {
					t.Fatal(err)
				}
				if int(hosts) != l[0]*l[1] {
					t.Errorf("node %d/%d: %d hosts in %s", n.Shard, n.Replica, hosts, c.Name)
				}
				var shard, replica string
				if err := conn.QueryRow(ctx, "SELECT substitution FROM system.macros WHERE macro = 'shard'").Scan(&shard); err != nil {
					t.Fatal(err)
				}
				if err := conn.QueryRow(ctx, "SELECT substitution FROM system.macros WHERE macro = 'replica'").Scan(&replica); err != nil {
					t.Fatal(err)
				}
				if shard != fmt.Sprint(n.Shard) || replica != fmt.Sprint(n.Replica) {
					t.Errorf("node %d/%d has macros %s/%s", n.Shard, n.Replica, shard, replica)
				}
				conn.Close()
			}

			db := c.Database(t)
			first, err := c.First().Open(db)
			if err != nil {
				t.Fatal(err)
			}
			defer first.Close()
			if err := first.Exec(ctx, fmt.Sprintf("CREATE TABLE probe ON CLUSTER %s (n UInt64) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/%s/probe', '{replica}') ORDER BY n", c.Name, db)); err != nil {
				t.Fatal(err)
			}
			batch, err := first.PrepareBatch(ctx, "INSERT INTO probe (n)")
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 10; i++ {
				if err := batch.Append(uint64(i)); err != nil {
					t.Fatal(err)
				}
			}
			if err := batch.Send(); err != nil {
				t.Fatal(err)
			}
			for _, n := range c.All() {
				want := uint64(0)
				if n.Shard == 1 {
					want = 10
				}
				conn, err := n.Open(db)
				if err != nil {
					t.Fatal(err)
				}
				// SYNC REPLICA waits until the replica has fetched what its
				// shard's log holds.
				if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA probe"); err != nil {
					t.Fatal(err)
				}
				var got uint64
				if err := conn.QueryRow(ctx, "SELECT count() FROM probe").Scan(&got); err != nil {
					t.Fatal(err)
				}
				conn.Close()
				if got != want {
					t.Errorf("node %d/%d holds %d rows, want %d", n.Shard, n.Replica, got, want)
				}
			}
		})
	}
}
