package seed_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/seed"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// BenchmarkSeed measures seeding the small demo data (rows/s); its baseline,
// BenchmarkSeedBaseline, writes as many rows of the same width with plain
// multi-row INSERTs through database/sql: the floor any ent-based writer
// is compared with, measured in the same run on the same machine.
func BenchmarkSeed(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run("small/"+d, func(b *testing.B) {
			var rows int
			var spent time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st, err := store.Open(context.Background(), storetest.URL(b, d), store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				stats, err := seed.Run(context.Background(), st.Client, seed.Scales["small"], seed.DefaultSeed)
				spent += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				rows += stats.Rows()
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows)/spent.Seconds(), "rows/s")
		})
	}
}

// BenchmarkSeedBaseline: the same number of rows, seven columns each, as
// raw multi-row INSERTs in one transaction.
func BenchmarkSeedBaseline(b *testing.B) {
	const total = 35_000
	for _, d := range storetest.Dialects {
		b.Run("small/"+d, func(b *testing.B) {
			var spent time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st, err := store.Open(context.Background(), storetest.URL(b, d), store.Options{SkipMigrate: true})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := st.DB.Exec(`CREATE TABLE rows_baseline (id integer PRIMARY KEY, created_at timestamp, updated_at timestamp,
					year integer, kind varchar(16), registered_on date, unit_id integer, person_id integer)`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				tx, err := st.DB.Begin()
				if err != nil {
					b.Fatal(err)
				}
				const batch = 4000
				now := time.Now()
				for lo := 0; lo < total; lo += batch {
					var q strings.Builder
					q.WriteString(`INSERT INTO rows_baseline (id, created_at, updated_at, year, kind, registered_on, unit_id, person_id) VALUES `)
					args := make([]any, 0, batch*8)
					for k := lo; k < min(lo+batch, total); k++ {
						if k > lo {
							q.WriteString(",")
						}
						n := len(args)
						if d == "postgres" {
							fmt.Fprintf(&q, "($%d,$%d,$%d,$%d,$%d,$%d,$%d,$%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8)
						} else {
							q.WriteString("(?,?,?,?,?,?,?,?)")
						}
						args = append(args, k+1, now, now, 2024, "INDIVIDUAL", now, k%500, k)
					}
					if _, err := tx.Exec(q.String(), args...); err != nil {
						b.Fatal(err)
					}
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
				spent += time.Since(start)
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(total*b.N)/spent.Seconds(), "rows/s")
		})
	}
}
