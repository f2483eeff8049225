package warehouse

import (
	"context"
	"slices"
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
		"CREATE TABLE IF NOT EXISTS `thidua`.`fact_idea` ON CLUSTER `hcm` AS `thidua`.`fact_idea_local` ENGINE = Distributed(`hcm`, `thidua`, `fact_idea_local`, unit_id)",
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

// TestEveryFactShardsByUnit replays every migration's cluster DDL as the
// server would (CREATE … IF NOT EXISTS keeps the first, DROP removes) and
// checks what each analysts' name ends as: a table with a unit_id is a
// Distributed table sharded by it (where the ETL puts its rows) or a view
// of a table held whole on every shard; the others keep rand(). A fact
// table added later without being sharded by unit fails here.
func TestEveryFactShardsByUnit(t *testing.T) {
	tg := Target{Database: "thidua", Cluster: "hcm"}
	final := map[string]string{}
	name := func(s, after string) string {
		rest := strings.TrimPrefix(s[strings.Index(s, after)+len(after):], "`thidua`.`")
		return rest[:strings.Index(rest, "`")]
	}
	for _, m := range Migrations {
		stmts := slices.Concat(tg.Statements(m.Tables), tg.AlterStatements(m.Alters),
			tg.EveryShardStatements(m.EveryShard), tg.ReshardStatements(m.Reshard))
		for _, s := range stmts {
			switch {
			case strings.HasPrefix(s, "DROP TABLE IF EXISTS "):
				delete(final, name(s, "DROP TABLE IF EXISTS "))
			case strings.HasPrefix(s, "CREATE TABLE IF NOT EXISTS ") && strings.Contains(s, "ENGINE = Distributed("):
				if n := name(s, "CREATE TABLE IF NOT EXISTS "); final[n] == "" {
					final[n] = s
				}
			case strings.HasPrefix(s, "CREATE VIEW IF NOT EXISTS "):
				if n := name(s, "CREATE VIEW IF NOT EXISTS "); final[n] == "" {
					final[n] = s
				}
			}
		}
	}
	seen := 0
	for _, m := range Migrations {
		for _, tb := range m.Tables {
			s := final[tb.Name]
			if s == "" {
				t.Errorf("%s: no analysts' name on a cluster", tb.Name)
				continue
			}
			hasUnit := slices.Contains(tb.ColumnNames(), ShardKey)
			switch {
			case strings.HasPrefix(s, "CREATE VIEW"):
			case hasUnit && !strings.HasSuffix(s, ", unit_id)"):
				t.Errorf("%s has a unit_id but its Distributed table ends as %q", tb.Name, s)
			case !hasUnit && !strings.HasSuffix(s, ", rand())"):
				t.Errorf("%s: %q", tb.Name, s)
			}
			if hasUnit {
				seen++
			}
		}
	}
	if seen < 11 {
		t.Errorf("only %d tables with a unit_id", seen)
	}
}
