package apibench

import (
	"runtime"
	"testing"
)

// allocations sums the process's heap allocations over the timed parts of
// a benchmark. The process holds the client, the server under test and the
// other server (idle): the client's share is the same for the API and its
// baseline, so the difference between them is the servers'.
type allocations struct {
	at            runtime.MemStats
	count, nbytes uint64
}

func (a *allocations) start() { runtime.ReadMemStats(&a.at) }

func (a *allocations) stop() {
	var now runtime.MemStats
	runtime.ReadMemStats(&now)
	a.count += now.Mallocs - a.at.Mallocs
	a.nbytes += now.TotalAlloc - a.at.TotalAlloc
}

// report gives the figures per request, as benchmem gives them per op.
func (a *allocations) report(b *testing.B, requests int) {
	if requests == 0 {
		return
	}
	b.ReportMetric(float64(a.count)/float64(requests), "allocs/req")
	b.ReportMetric(float64(a.nbytes)/1024/float64(requests), "kB/req")
}
