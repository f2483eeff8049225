package interim

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestSummaryCluster: the interim summary read through a 2 × 2 cluster's
// Distributed tables (and each node's dim_unit view) equals, section by
// section, the summary of a single node loaded from the same store, for
// the city, a district and a ward. Only with THIDUA_TEST_CLUSTER=1 (make
// test-cluster).
func TestSummaryCluster(t *testing.T) {
	c := chcluster.Shared(t, 2, 2)
	one := chtest.Shared(t)
	ctx := context.Background()
	url := seedtest.URL(t, "sqlite")
	const key = "interim-test-key-interim-test-key-0000"
	oneDB, clusterDB := one.Database(t), c.Database(t)
	if _, err := etl.Run(ctx, etl.Config{Store: url, Warehouse: one.URL(oneDB), PseudonymKey: key}); err != nil {
		t.Fatal(err)
	}
	res, err := etl.Run(ctx, etl.Config{Store: url, Warehouse: c.URL(clusterDB), Cluster: c.Name, PseudonymKey: key})
	if err != nil || res.Status != etl.StatusSucceeded {
		t.Fatalf("cluster run: %v %v", res.Status, err)
	}
	oneConn, err := one.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer oneConn.Close()
	// Any node answers for the cluster: the last one, a replica of the
	// second shard, here.
	last := c.All()[len(c.All())-1]
	clusterConn, err := last.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer clusterConn.Close()
	for _, n := range c.All() {
		conn, err := n.Open(clusterDB)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range []string{"dim_unit_local", "fact_participation_local", "fact_idea_local", "fact_award_local"} {
			if err := conn.Exec(ctx, "SYSTEM SYNC REPLICA "+tb); err != nil {
				t.Fatal(err)
			}
		}
		conn.Close()
	}
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var district, ward string
	if err := st.DB.QueryRowContext(ctx, `SELECT path FROM units WHERE type = 'DISTRICT' ORDER BY code LIMIT 1`).Scan(&district); err != nil {
		t.Fatal(err)
	}
	if err := st.DB.QueryRowContext(ctx, `SELECT path FROM units WHERE valid_to IS NULL
		AND id IN (SELECT predecessor_id FROM unit_successors) ORDER BY code LIMIT 1`).Scan(&ward); err != nil {
		t.Fatal(err)
	}
	phase, _ := ParsePhase("2022-2025")
	now := time.Now()
	for _, path := range []string{"/HCM/", district, ward} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			want, err := Load(ctx, oneConn, oneDB, phase, path, now)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Load(ctx, clusterConn, clusterDB, phase, path, now)
			if err != nil {
				t.Fatal(err)
			}
			w, g := figures(want), figures(got)
			nonEmpty := 0
			for section, rows := range w {
				if len(rows) > 0 {
					nonEmpty++
				}
				if !slices.Equal(rows, g[section]) {
					t.Errorf("%s: cluster differs from one node\none node: %v\ncluster:  %v", section, rows, g[section])
				}
			}
			if nonEmpty < 5 {
				t.Errorf("only %d sections hold rows: nothing much compared", nonEmpty)
			}
		})
	}
}
