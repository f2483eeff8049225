package benchmem

import (
	"os"
	"testing"
	"time"
)

// TestCPU burns a fifth of a second of this process's CPU, watching the
// process itself: the machine's figure must hold it, and /proc's count of
// the process must agree with getrusage's to within a few ticks.
func TestCPU(t *testing.T) {
	cpu := CPU(os.Getpid())
	begin, deadline := selfCPU(), time.Now().Add(20*time.Second)
	x := 0
	for selfCPU()-begin < 0.2 && time.Now().Before(deadline) {
		for i := range 1_000_000 {
			x += i
		}
	}
	c := cpu()
	t.Logf("machine %.2f s, self %.2f s, watched %.2f s (%d)", c.Machine, c.Self, c.Watched, x)
	if c.Self < 0.2 {
		t.Fatalf("self %.2f s after burning 0.2 s", c.Self)
	}
	if c.Machine < c.Self-0.05 {
		t.Errorf("the machine's %.2f s is less than this process's %.2f s", c.Machine, c.Self)
	}
	if d := c.Watched - c.Self; d < -0.05 || d > 0.05 {
		t.Errorf("/proc counts %.2f s of this process, getrusage %.2f s", c.Watched, c.Self)
	}
}
