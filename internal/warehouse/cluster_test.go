package warehouse

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
)

// TestMigrateCluster applies the warehouse ON CLUSTER through replica 1 of
// shard 1, on a 2 × 2 and a 1 × 2 cluster: every node then holds every
// table as a Replicated NAME_local and a Distributed NAME over the cluster
// (the first bullet), and a second migration, through the last
// node, applies nothing — its ledger is read from any node.
func TestMigrateCluster(t *testing.T) {
	for _, l := range [][2]int{{2, 2}, {1, 2}} {
		t.Run(fmt.Sprintf("%dx%d", l[0], l[1]), func(t *testing.T) {
			c := chcluster.Shared(t, l[0], l[1])
			db := c.Database(t)
			ctx := context.Background()
			target := Target{Database: db, Cluster: c.Name}
			conn, err := c.First().Open("default")
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			done, err := Migrate(ctx, conn, target)
			if err != nil {
				t.Fatal(err)
			}
			if len(done) != len(Migrations) {
				t.Fatalf("applied %v", done)
			}
			names := []string{"warehouse_migrations"}
			for _, m := range Migrations {
				for _, tb := range m.Tables {
					names = append(names, tb.Name)
				}
			}
			for _, n := range c.All() {
				nc, err := n.Open("default")
				if err != nil {
					t.Fatal(err)
				}
				engines := map[string]string{}
				rows, err := nc.Query(ctx, "SELECT name, engine FROM system.tables WHERE database = ?", db)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var name, engine string
					if err := rows.Scan(&name, &engine); err != nil {
						t.Fatal(err)
					}
					engines[name] = engine
				}
				rows.Close()
				// 0004 altered fact_unit_report.kind: the Distributed table
				// was made again over the altered local table on every node.
				var local, dist string
				if err := nc.QueryRow(ctx, "SELECT type FROM system.columns WHERE database = ? AND table = 'fact_unit_report_local' AND name = 'kind'", db).Scan(&local); err != nil {
					t.Fatal(err)
				}
				if err := nc.QueryRow(ctx, "SELECT type FROM system.columns WHERE database = ? AND table = 'fact_unit_report' AND name = 'kind'", db).Scan(&dist); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(local, "'FINAL' = 3") || dist != local {
					t.Errorf("node %d/%d: kind is %s locally, %s distributed", n.Shard, n.Replica, local, dist)
				}
				nc.Close()
				for _, name := range names {
					if e := engines[name+"_local"]; !strings.HasPrefix(e, "Replicated") {
						t.Errorf("node %d/%d: %s_local is %q", n.Shard, n.Replica, name, e)
					}
					want := "Distributed"
					if name == "dim_unit" {
						want = "View" // complete on every shard: 0006
					}
					if e := engines[name]; e != want {
						t.Errorf("node %d/%d: %s is %q", n.Shard, n.Replica, name, e)
					}
				}
				if len(engines) != 2*len(names) {
					t.Errorf("node %d/%d: %d tables, want %d", n.Shard, n.Replica, len(engines), 2*len(names))
				}
			}
			all := c.All()
			last, err := all[len(all)-1].Open("default")
			if err != nil {
				t.Fatal(err)
			}
			defer last.Close()
			again, err := Migrate(ctx, last, target)
			if err != nil || len(again) != 0 {
				t.Fatalf("second migration through node %d/%d: applied %v, %v", all[len(all)-1].Shard, all[len(all)-1].Replica, again, err)
			}
			t.Logf("%d migrations, %d tables × 2 on each of %d nodes; the second migration applied nothing", len(done), len(names), len(all))
		})
	}
}

// TestClusterShards reads the layout from the node a URL names, and opens
// every node with the URL's credentials.
func TestClusterShards(t *testing.T) {
	for _, l := range [][2]int{{2, 2}, {1, 2}} {
		t.Run(fmt.Sprintf("%dx%d", l[0], l[1]), func(t *testing.T) {
			c := chcluster.Shared(t, l[0], l[1])
			ctx := context.Background()
			conn, _, err := Open(ctx, c.URL("thidua"), c.Name)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			shards, err := ClusterShards(ctx, conn, c.Name)
			if err != nil {
				t.Fatal(err)
			}
			if len(shards) != l[0] {
				t.Fatalf("%d shards: %+v", len(shards), shards)
			}
			for i, s := range shards {
				if s.Num != i+1 || len(s.Replicas) != l[1] {
					t.Fatalf("shard %d: %+v", i+1, s)
				}
				for j, addr := range s.Replicas {
					if addr != c.Nodes[i][j].Addr {
						t.Errorf("shard %d replica %d at %s, the cluster put it at %s", i+1, j+1, addr, c.Nodes[i][j].Addr)
					}
					nc, err := OpenNode(ctx, c.URL("thidua"), addr)
					if err != nil {
						t.Fatal(err)
					}
					var shard string
					if err := nc.QueryRow(ctx, "SELECT substitution FROM system.macros WHERE macro = 'shard'").Scan(&shard); err != nil {
						t.Fatal(err)
					}
					nc.Close()
					if shard != fmt.Sprint(i+1) {
						t.Errorf("%s says it is shard %s", addr, shard)
					}
				}
			}
			if _, err := ClusterShards(ctx, conn, "nope"); err == nil {
				t.Error("an unknown cluster was found")
			}
		})
	}
}
