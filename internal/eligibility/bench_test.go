package eligibility_test

import (
	"context"
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// BenchmarkYears: every recipient of the movement's five years evaluated
// at once on PostgreSQL, as the ETL's fact_eligibility does (reading
// included), on the small demo data, on a copy of the city store that
// make bench seeds for the run (seedtest.EnvScaled), or on
// THIDUA_BENCH_STORE when set (a seeded city store). Reports candidates
// per second.
func BenchmarkYears(b *testing.B) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	url := os.Getenv("THIDUA_BENCH_STORE")
	if url == "" {
		scale := "small"
		if os.Getenv(seedtest.EnvScaled("city", "postgres")) != "" {
			scale = "city"
		}
		u, drop, err := seedtest.NewScaled(ctx, "postgres", scale)
		if err != nil {
			if !errors.Is(err, seedtest.ErrUnreachable) || storetest.RequireServers() {
				b.Fatal(err)
			}
			b.Skip(err)
		}
		defer drop()
		url = u
	}
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	years := []int{2022, 2023, 2024, 2025, 2026}
	b.ReportAllocs()
	b.ResetTimer()
	var seen, eligible int
	for i := 0; i < b.N; i++ {
		err := eligibility.YearsConcurrently(ctx, st.Client, years, runtime.GOMAXPROCS(0), func(c eligibility.Candidate) error {
			seen++
			if c.Highest != "" {
				eligible++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(seen)/b.Elapsed().Seconds(), "candidates/s")
	b.ReportMetric(float64(eligible)/float64(b.N), "eligible/op")
}
