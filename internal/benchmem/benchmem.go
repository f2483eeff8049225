// Package benchmem measures a benchmark's peak Go heap, for the figures
// make bench reports beside time.
package benchmem

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Peak samples the Go heap (live and not yet collected objects) every few
// milliseconds while what follows runs, and returns a function that stops
// and gives the peak in MB. The process's RSS would also count what an
// earlier step (seeding, say) left for the runtime to return.
func Peak() func() float64 {
	debug.FreeOSMemory()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(stop)
		<-done
		return float64(peak) / (1 << 20)
	}
}
