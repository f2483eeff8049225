package etl

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestDocsCluster runs every example query of docs/warehouse.md against a
// 2 × 2 cluster loaded by `etl run --cluster` and against a single node
// loaded from the same store: the answers are byte for byte the same
// (GLOBAL IN where a subquery reads another Distributed table, dim_unit a
// view of each node's complete copy). last_refresh names the run, which
// differs between the two warehouses: it only has to answer.
func TestDocsCluster(t *testing.T) {
	_, queries := loadDocQueries(t)
	f := newFixture(t, "sqlite", chtest.Shared(t))
	docCorrectAward(t, f)
	f.run(false)
	c := chcluster.Shared(t, 2, 2)
	db := c.Database(t)
	cfg := f.cfg
	cfg.Warehouse, cfg.Cluster = c.URL(db), c.Name
	if res, err := Run(f.ctx, cfg); err != nil || res.Status != StatusSucceeded {
		t.Fatalf("cluster run: %v %v", res.Status, err)
	}
	conn, err := c.First().Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			one, err := docWarehouseRows(f.ctx, f.wh, docDBRe.ReplaceAllString(q.sql, "`"+f.db+"`."))
			if err != nil {
				t.Fatal(err)
			}
			query := docDBRe.ReplaceAllString(q.sql, "`"+db+"`.")
			got, err := docWarehouseRows(f.ctx, conn, query)
			if err != nil {
				t.Fatalf("on the cluster: %v\n%s", err, query)
			}
			if q.name == "last_refresh" {
				if len(got) != len(one) {
					t.Errorf("%d rows on the cluster, %d on one node", len(got), len(one))
				}
				return
			}
			if a, b := docJoinRows(one), docJoinRows(got); a != b {
				t.Errorf("one node:\n%s\n--- cluster:\n%s", a, b)
			}
		})
	}
}
