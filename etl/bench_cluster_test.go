package etl

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
)

// The cluster's benchmarks (issue 21, item 5) load the scale's store into a
// 2 × 2 cluster of 18.16 nodes on this machine and into a single node, in
// the same run: BenchmarkClusterETL against BenchmarkClusterETLBaseline
// (the single node), BenchmarkClusterQueries against
// BenchmarkClusterQueriesBaseline (docs/warehouse.md's examples). Four
// nodes and ZooKeeper share the machine's cores with the ETL, so the ratio
// is what the layout costs on one host, not what it gains on four. Only
// with THIDUA_TEST_CLUSTER=1 (make bench sets it where ZooKeeper is
// installed).

// clusterRun is one full run into a fresh, migrated database of the
// cluster (or of the single node when c is nil): its time and the rows
// loaded.
func clusterRun(b *testing.B, e *benchEnv, c *chcluster.Cluster) (time.Duration, uint64, string) {
	b.Helper()
	cfg, db := e.freshWarehouse(b)
	if c != nil {
		db = c.Database(b)
		cfg.Warehouse, cfg.Cluster = c.URL(db), c.Name
	}
	// Migrated before the clock starts: on the cluster every ON CLUSTER
	// statement waits for all four nodes (about 7 s for an empty
	// warehouse), once per warehouse, not per run.
	conn, target, err := warehouse.Open(context.Background(), cfg.Warehouse, cfg.Cluster)
	if err != nil {
		b.Fatal(err)
	}
	_, err = MigrateWarehouse(context.Background(), cfg.Store, conn, target)
	conn.Close()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	res, err := Run(context.Background(), cfg)
	took := time.Since(start)
	if err != nil || res.Status != StatusSucceeded {
		b.Fatalf("run: %s %v", res.Status, err)
	}
	return took, res.Rows(), db
}

func benchClusterETL(b *testing.B, single bool) {
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			c := chcluster.Shared(b, 2, 2)
			e := benchSetup(b, scale)
			if single {
				c = nil
			}
			var spent time.Duration
			var rows uint64
			var db string
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				took, n, d := clusterRun(b, e, c)
				spent, rows, db = spent+took, n, d
			}
			b.StopTimer()
			b.ReportMetric(float64(rows)*float64(b.N)/spent.Seconds(), "rows/s")
			b.ReportMetric(spent.Seconds()/float64(b.N), "s/run")
			if c != nil {
				logShards(b, c, db)
			}
		})
	}
}

// BenchmarkClusterETL: a full run into an empty warehouse on the 2 × 2
// cluster.
func BenchmarkClusterETL(b *testing.B) { benchClusterETL(b, false) }

// BenchmarkClusterETLBaseline: the same run into a single node.
func BenchmarkClusterETLBaseline(b *testing.B) { benchClusterETL(b, true) }

// logShards prints each shard's share of the facts, as the closing note of
// issue 21 asks.
func logShards(b *testing.B, c *chcluster.Cluster, db string) {
	b.Helper()
	ctx := context.Background()
	for s, replicas := range c.Nodes {
		conn, err := replicas[0].Open(db)
		if err != nil {
			b.Fatal(err)
		}
		line := ""
		for _, f := range factNames() {
			var n uint64
			if err := conn.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s_local", f)).Scan(&n); err != nil {
				b.Fatal(err)
			}
			line += fmt.Sprintf(" %s=%d", f, n)
		}
		conn.Close()
		b.Logf("shard %d:%s", s+1, line)
	}
}

func benchClusterQueries(b *testing.B, single bool) {
	raw, err := os.ReadFile(docWarehouseGuide)
	if err != nil {
		b.Fatal(err)
	}
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			c := chcluster.Shared(b, 2, 2)
			e := benchSetup(b, scale)
			var conn driver.Conn
			if single {
				_, _, db := clusterRun(b, e, nil)
				conn, err = e.srv.Open(db)
			} else {
				_, _, db := clusterRun(b, e, c)
				conn, err = c.First().Open(db)
			}
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close()
			for _, m := range docQueryRe.FindAllStringSubmatch(string(raw), -1) {
				query := docDBRe.ReplaceAllString(m[2], "")
				b.Run(m[1], func(b *testing.B) {
					for b.Loop() {
						rows, err := conn.Query(context.Background(), query)
						if err != nil {
							b.Fatal(err)
						}
						for rows.Next() {
						}
						if rows.Err() != nil {
							b.Fatal(rows.Err())
						}
						rows.Close()
					}
				})
			}
		})
	}
}

// BenchmarkClusterQueries: every example query of docs/warehouse.md
// through the 2 × 2 cluster's Distributed tables.
func BenchmarkClusterQueries(b *testing.B) { benchClusterQueries(b, false) }

// BenchmarkClusterQueriesBaseline: the same queries on a single node
// loaded from the same store.
func BenchmarkClusterQueriesBaseline(b *testing.B) { benchClusterQueries(b, true) }
