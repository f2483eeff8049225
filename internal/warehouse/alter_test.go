package warehouse

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

func TestAlterStatements(t *testing.T) {
	one := Target{Database: "thidua"}.AlterStatements(v4)
	if len(one) != 1 || one[0] != "ALTER TABLE `thidua`.`fact_unit_report` MODIFY COLUMN `kind` "+reportKind {
		t.Errorf("one node: %q", one)
	}
	s := strings.Join(Target{Database: "thidua", Cluster: "hcm"}.AlterStatements(v4), "\n")
	for _, want := range []string{
		"ALTER TABLE `thidua`.`fact_unit_report_local` ON CLUSTER `hcm` MODIFY COLUMN `kind` " + reportKind,
		"DROP TABLE IF EXISTS `thidua`.`fact_unit_report` ON CLUSTER `hcm`",
		"CREATE TABLE IF NOT EXISTS `thidua`.`fact_unit_report` ON CLUSTER `hcm` AS `thidua`.`fact_unit_report_local` ENGINE = Distributed(`hcm`, `thidua`, `fact_unit_report_local`, unit_id)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in %s", want, s)
		}
	}
	if tb, _ := Lookup("fact_unit_report"); tb.Columns[2] != [2]string{"kind", reportKind} {
		t.Errorf("Lookup does not carry the alteration: %v", tb.Columns[2])
	}
}

// TestFinalReportsUpgrade: a warehouse made before the final review (version
// 3) keeps its reports and takes FINAL after the upgrade, on the installed
// server (18.16 here), where kind is part of the sorting key.
func TestFinalReportsUpgrade(t *testing.T) {
	srv := chtest.Shared(t)
	db := srv.Database(t)
	conn, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	target := Target{Database: db}
	if _, err := migrate(ctx, conn, target, Migrations[:3]); err != nil {
		t.Fatal(err)
	}
	insert := func(kind string) error {
		b, err := conn.PrepareBatch(ctx, "INSERT INTO `"+db+"`.fact_unit_report (year, phase, kind, unit_id, unit_code, rollup_id, rollup_code, document_number, due_on, sent_on)")
		if err != nil {
			return err
		}
		due := time.Date(2030, 9, 30, 0, 0, 0, 0, time.UTC)
		if err := b.Append(uint16(2030), "2026-2030", kind, uint64(7), "Q1", uint64(7), "Q1", "", &due, nil); err != nil {
			return err
		}
		return b.Send()
	}
	if err := insert("INTERIM"); err != nil {
		t.Fatal(err)
	}
	if err := insert("FINAL"); err == nil {
		t.Fatal("version 3 took a FINAL report: the test does not test the upgrade")
	}
	done, err := migrate(ctx, conn, target, Migrations[:4])
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || done[0] != "0004_final_reports" {
		t.Fatalf("applied %v", done)
	}
	if err := insert("FINAL"); err != nil {
		t.Fatal(err)
	}
	var kinds string
	if err := conn.QueryRow(ctx, "SELECT arrayStringConcat(groupArray(toString(kind)), ',') FROM (SELECT kind FROM `"+db+"`.fact_unit_report ORDER BY kind)").Scan(&kinds); err != nil {
		t.Fatal(err)
	}
	if kinds != "INTERIM,FINAL" {
		t.Errorf("reports after the upgrade: %s", kinds)
	}
}
