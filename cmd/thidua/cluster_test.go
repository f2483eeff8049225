package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
)

// TestETLRunCluster: an operator's commands on a 2 × 2 cluster, as
// docs/operations.md gives them: `migrate --warehouse --cluster`, then
// `etl run` refused without the cluster's name (saying how to give it),
// loading with THIDUA_CLICKHOUSE_CLUSTER, and a run after it with
// --cluster that has nothing to do. Only with THIDUA_TEST_CLUSTER=1.
func TestETLRunCluster(t *testing.T) {
	c := chcluster.Shared(t, 2, 2)
	db := seedtest.URL(t, "sqlite") // the demo data, seeded once a run (internal/seed/seedtest)
	ctx := context.Background()
	wh := c.URL(c.Database(t))
	t.Setenv("THIDUA_PSEUDONYM_KEY", "cmd-test-key-cmd-test-key-cmd-test-key")
	t.Setenv("THIDUA_CLICKHOUSE_CLUSTER", "")
	var out bytes.Buffer
	if err := run(ctx, []string{"migrate", "--warehouse", "--db", db, "--clickhouse", wh, "--cluster", c.Name}, &out); err != nil {
		t.Fatalf("migrate --warehouse --cluster: %v\n%s", err, out.String())
	}
	err := run(ctx, []string{"etl", "run", "--db", db, "--clickhouse", wh}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "THIDUA_CLICKHOUSE_CLUSTER") {
		t.Fatalf("etl run without the cluster: %v", err)
	}
	t.Setenv("THIDUA_CLICKHOUSE_CLUSTER", c.Name)
	out.Reset()
	if err := run(ctx, []string{"etl", "run", "--db", db, "--clickhouse", wh}, &out); err != nil {
		t.Fatalf("etl run with THIDUA_CLICKHOUSE_CLUSTER: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), ": SUCCEEDED, snapshot ") || !strings.Contains(out.String(), "fact_participation") {
		t.Errorf("etl run on the cluster printed\n%s", out.String())
	}
	t.Setenv("THIDUA_CLICKHOUSE_CLUSTER", "")
	out.Reset()
	if err := run(ctx, []string{"etl", "run", "--quiet", "--cluster", c.Name, "--db", db, "--clickhouse", wh}, &out); err != nil ||
		!strings.Contains(out.String(), "nothing the warehouse reads has changed") {
		t.Errorf("a second run with --cluster: %v\n%s", err, out.String())
	}
}
