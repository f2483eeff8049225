package benchmem

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestCPU burns a fifth of a second of this process's CPU and runs a
// child that burns some of its own, watching this process as a server:
// the watched figure must hold both (the child once, though it ended in
// between), /proc's count of this process must agree with getrusage's
// to within a few ticks, and the machine's figure must hold all of it.
func TestCPU(t *testing.T) {
	cpu := CPU(map[string]int{"test": os.Getpid(), "gone": 0})
	begin, deadline := selfCPU(), time.Now().Add(20*time.Second)
	x := 0
	for selfCPU()-begin < 0.2 && time.Now().Before(deadline) {
		for i := range 1_000_000 {
			x += i
		}
	}
	child := exec.Command("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done")
	if err := child.Run(); err != nil {
		t.Fatal(err)
	}
	childCPU := (child.ProcessState.UserTime() + child.ProcessState.SystemTime()).Seconds()
	c := cpu()
	t.Logf("machine %.2f s, self %.2f s, watched %v, child %.2f s (%d)", c.Machine, c.Self, c.Watched, childCPU, x)
	if c.Self < 0.2 {
		t.Fatalf("self %.2f s after burning 0.2 s", c.Self)
	}
	if _, ok := c.Watched["gone"]; ok {
		t.Errorf("a server not on this machine (pid 0) was measured")
	}
	if d := c.Watched["test"] - c.Self - childCPU; d < -0.05 || d > 0.05 {
		t.Errorf("watched %.2f s, but this process spent %.2f s and its child %.2f s", c.Watched["test"], c.Self, childCPU)
	}
	if c.Machine < c.Self+childCPU-0.05 {
		t.Errorf("the machine's %.2f s is less than this process's %.2f s and its child's %.2f s", c.Machine, c.Self, childCPU)
	}
}
