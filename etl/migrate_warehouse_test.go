package etl

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestFreshWarehouseMigrationsAtOnce: three callers migrate an empty
// warehouse database at the same moment, on each kind of store; all
// succeed, between them they apply every version once, and the ledger
// lists each version once.
func TestFreshWarehouseMigrationsAtOnce(t *testing.T) {
	srv := chtest.Shared(t)
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			storeURL := storetest.URL(t, d)
			db := srv.Database(t)
			ctx := context.Background()
			const n = 3
			done := make([][]string, n)
			errs := make([]error, n)
			start := make(chan struct{})
			finished := make(chan int)
			for i := range n {
				go func() {
					defer func() { finished <- i }()
					conn, target, err := warehouse.Open(ctx, srv.URL(db), "")
					if err != nil {
						errs[i] = err
						return
					}
					defer conn.Close()
					<-start
					done[i], errs[i] = MigrateWarehouse(ctx, storeURL, conn, target)
				}()
			}
			close(start)
			for range n {
				<-finished
			}
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			applied := map[string]int{}
			for _, d := range done {
				for _, v := range d {
					applied[v]++
				}
			}
			ledger := map[string]uint64{}
			wh, err := srv.Open("default")
			if err != nil {
				t.Fatal(err)
			}
			defer wh.Close()
			q, err := wh.Query(ctx, fmt.Sprintf("SELECT version, count() FROM `%s`.warehouse_migrations GROUP BY version", db))
			if err != nil {
				t.Fatal(err)
			}
			for q.Next() {
				var v string
				var c uint64
				if err := q.Scan(&v, &c); err != nil {
					t.Fatal(err)
				}
				ledger[v] = c
			}
			q.Close()
			for _, m := range warehouse.Migrations {
				if applied[m.Version] != 1 || ledger[m.Version] != 1 {
					t.Errorf("version %s: applied %d times by the callers, %d times in the ledger", m.Version, applied[m.Version], ledger[m.Version])
				}
			}
			if len(ledger) != len(warehouse.Migrations) {
				t.Errorf("the ledger lists %d versions, there are %d", len(ledger), len(warehouse.Migrations))
			}
		})
	}
}
