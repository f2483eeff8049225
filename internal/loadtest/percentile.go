package loadtest

import (
	"math"
	"slices"
	"time"
)

// Latencies summarises a set of request durations.
type Latencies struct {
	Count              int
	P50, P90, P99, Max time.Duration
}

// Summarize computes the nearest-rank percentiles of ds (which it sorts in
// place). Nearest rank, rather than interpolation, so every figure printed
// is a latency some request really had.
func Summarize(ds []time.Duration) Latencies {
	if len(ds) == 0 {
		return Latencies{}
	}
	slices.Sort(ds)
	return Latencies{
		Count: len(ds),
		P50:   Percentile(ds, 50),
		P90:   Percentile(ds, 90),
		P99:   Percentile(ds, 99),
		Max:   ds[len(ds)-1],
	}
}

// Percentile is the nearest-rank p-th percentile of sorted: the smallest
// value at least p% of the values are less than or equal to.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	// rank = ceil(p*n/100), 1-based; multiplying before dividing keeps an
	// exact rank exact (p/100 first would make 0.9*10 slightly off).
	rank := int(math.Ceil(p * float64(n) / 100))
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}
