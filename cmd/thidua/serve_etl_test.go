package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestServeShutdownRecordsScheduledETL: serve told to stop (what SIGTERM
// does) while its scheduled ETL run is loading a year waits for the run:
// serve returns within the grace, etl_run holds the run FAILED
// "interrupted by shutdown", and no staging table is left.
func TestServeShutdownRecordsScheduledETL(t *testing.T) {
	srv := chtest.Shared(t)
	whDB := srv.Database(t)
	wh, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer wh.Close()
	t.Setenv("THIDUA_JWT_SECRET", "shutdown-secret-shutdown-secret-0123456789")
	t.Setenv("THIDUA_PSEUDONYM_KEY", "cmd-test-key-cmd-test-key-cmd-test-key")
	t.Setenv("THIDUA_ETL_SHUTDOWN_GRACE", "15s")
	db := seedtest.URL(t, "sqlite") // the demo data, seeded once a run (internal/seed/seedtest)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", freeAddr(t), "--files-dir", t.TempDir(),
			"--clickhouse", srv.URL(whDB), "--etl-on-start"}, io.Discard)
	}()
	bg := context.Background()
	stages := func() uint64 {
		var n uint64
		_ = wh.QueryRow(bg, `SELECT count() FROM system.tables WHERE database = ? AND name LIKE '%\\_stage\\_%'`, whDB).Scan(&n)
		return n
	}
	for deadline := time.Now().Add(3 * time.Minute); stages() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the scheduled run never staged a year")
		}
	}
	start := time.Now()
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return")
	}
	took := time.Since(start)
	if took > 15*time.Second {
		t.Errorf("serve returned %s after the shutdown began; the grace is 15 s", took)
	}
	var id, status, msg string
	if err := wh.QueryRow(bg, "SELECT run_id, toString(argMax(status, version)), argMax(message, version) FROM `"+whDB+"`.etl_run GROUP BY run_id").
		Scan(&id, &status, &msg); err != nil {
		t.Fatal(err)
	}
	if status != "FAILED" || !strings.HasPrefix(msg, "interrupted by shutdown") {
		t.Errorf("run %s: %s %q", id, status, msg)
	}
	if n := stages(); n != 0 {
		t.Errorf("%d staging tables left behind", n)
	}
	t.Logf("run %s interrupted mid-load; serve returned %s after the shutdown began", id, took.Round(time.Millisecond))
}
