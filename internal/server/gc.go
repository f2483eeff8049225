package server

import (
	"os"
	"runtime/debug"
	rtmetrics "runtime/metrics"
)

// The server's defaults for Go's garbage collector, used when the operator
// sets neither GOGC nor GOMEMLIMIT. A GraphQL page allocates about a
// megabyte that dies with the request while the live heap stays in tens of
// megabytes, so collecting at every doubling spent a fifth of the CPU on
// the collector: at 400 the API served a fifth to a third more pages a second
// (docs/performance.md). The soft limit keeps the larger headroom from
// growing without bound: near it the collector runs as often as it must.
const (
	DefaultGCPercent   = 400
	DefaultMemoryLimit = 1 << 30 // bytes
)

// TuneGC applies the defaults that the environment does not override and
// reports the collector's settings as they then are.
func TuneGC() (gcPercent int, memoryLimit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(DefaultGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(DefaultMemoryLimit)
	}
	s := []rtmetrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	rtmetrics.Read(s)
	return int(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}
