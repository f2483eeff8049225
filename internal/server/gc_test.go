package server

import (
	"runtime/debug"
	"testing"
)

func TestTuneGCKeepsTheOperatorsSettings(t *testing.T) {
	before, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(before)
	t.Cleanup(func() { debug.SetGCPercent(before); debug.SetMemoryLimit(limit) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	if p, m := TuneGC(); p != DefaultGCPercent || m != DefaultMemoryLimit {
		t.Fatalf("unset: GOGC %d, GOMEMLIMIT %d; want the defaults %d, %d", p, m, DefaultGCPercent, DefaultMemoryLimit)
	}

	// What the runtime read from the environment at start stays.
	debug.SetGCPercent(150)
	debug.SetMemoryLimit(512 << 20)
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "512MiB")
	if p, m := TuneGC(); p != 150 || m != 512<<20 {
		t.Fatalf("set: GOGC %d, GOMEMLIMIT %d; want 150, %d", p, m, 512<<20)
	}
}
