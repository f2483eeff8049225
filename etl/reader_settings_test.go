package etl

import (
	"context"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestReadersReadWithoutParallelWorkers: the run's snapshot and every
// reader that imports it read with their own settings, for their
// transactions only: work_mem for a year's sort, and no parallel workers
// (the readers are the ETL's parallelism; docs/operations.md).
func TestReadersReadWithoutParallelWorkers(t *testing.T) {
	ctx := context.Background()
	url, drop, err := storetest.CreateDatabase(ctx, storetest.PostgresURL(), "thidua_settings")
	if err != nil {
		t.Skipf("PostgreSQL not available: %v", err)
	}
	defer drop()
	src, err := openSource(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	if err := src.begin(ctx); err != nil {
		t.Fatal(err)
	}
	rd, err := src.reader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.close()
	for name, s := range map[string]*source{"snapshot": src, "reader": rd} {
		for setting, want := range map[string]string{"max_parallel_workers_per_gather": "0", "work_mem": "64MB"} {
			var got string
			if err := s.queryRow(ctx, []any{&got}, `SELECT current_setting('`+setting+`')`); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: %s = %s, want %s", name, setting, got, want)
			}
		}
	}
	// SET LOCAL: once the transaction ends, the session is back to the
	// server's own setting.
	if err := rd.ptx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	rd.ptx = nil
	var after, server string
	if err := rd.pg.QueryRow(ctx, `SELECT current_setting('max_parallel_workers_per_gather'),
		(SELECT reset_val FROM pg_settings WHERE name = 'max_parallel_workers_per_gather')`).Scan(&after, &server); err != nil {
		t.Fatal(err)
	}
	if after != server {
		t.Errorf("after the transaction max_parallel_workers_per_gather = %s, the server's %s: set for the session, not the transaction", after, server)
	}
}
