package warehouse

import (
	"context"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

func TestMain(m *testing.M) { chtest.Main(m, chcluster.StopShared) }

func TestStatementsOneNode(t *testing.T) {
	s := strings.Join(Target{Database: "thidua"}.Statements(v1), "\n")
	for _, want := range []string{
		"CREATE TABLE IF NOT EXISTS `thidua`.`fact_idea` (",
		") ENGINE = MergeTree PARTITION BY year ORDER BY (unit_id, idea_id)",
		") ENGINE = ReplacingMergeTree(version) ORDER BY run_id",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(s, "ON CLUSTER") || strings.Contains(s, "Distributed") {
		t.Error("cluster DDL on one node")
	}
}

func TestStatementsCluster(t *testing.T) {
	s := strings.Join(Target{Database: "thidua", Cluster: "hcm"}.Statements(v1), "\n")
	for _, want := range []string{
		"CREATE TABLE IF NOT EXISTS `thidua`.`fact_idea_local` ON CLUSTER `hcm` (",
		"ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/thidua/fact_idea_local', '{replica}') PARTITION BY year",
		"ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/thidua/etl_run_local', '{replica}', version) ORDER BY run_id",
		"CREATE TABLE IF NOT EXISTS `thidua`.`fact_idea` ON CLUSTER `hcm` AS `thidua`.`fact_idea_local` ENGINE = Distributed(`hcm`, `thidua`, `fact_idea_local`, rand())",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q", want)
		}
	}
}

// TestMigrateOnRealClickHouse applies the warehouse to the installed
// server (18.16 here) twice: the second time applies nothing.
func TestMigrateOnRealClickHouse(t *testing.T) {
	srv := chtest.Shared(t)
	db := srv.Database(t)
	conn, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	target := Target{Database: db}
	done, err := Migrate(ctx, conn, target)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != len(Migrations) {
		t.Fatalf("applied %v", done)
	}
	again, err := Migrate(ctx, conn, target)
	if err != nil || len(again) != 0 {
		t.Fatalf("second run: %v %v", again, err)
	}
	var n uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ?", db).Scan(&n); err != nil {
		t.Fatal(err)
	}
	want := uint64(1) // the ledger
	for _, m := range Migrations {
		want += uint64(len(m.Tables))
	}
	if n != want {
		t.Fatalf("%d tables, want %d", n, want)
	}
}
