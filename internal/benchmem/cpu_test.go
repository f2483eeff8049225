package benchmem

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// burn runs dd copying a byte at a time: two system calls a byte, so most
// of its CPU time is system time, which a misread field would lose.
func burn(bytes string) *exec.Cmd {
	return exec.Command("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count="+bytes)
}

func childCPU(c *exec.Cmd) float64 {
	return (c.ProcessState.UserTime() + c.ProcessState.SystemTime()).Seconds()
}

// TestCPU watches this process as a server. A child that runs and is
// reaped inside the measurement is counted whole; this process's own time
// agrees with getrusage's; the machine's figure holds all of it; a server
// not on this machine is left out.
func TestCPU(t *testing.T) {
	cpu := CPU(map[string]int{"test": os.Getpid(), "gone": 0})
	begin, deadline := selfCPU(), time.Now().Add(20*time.Second)
	x := 0
	for selfCPU()-begin < 0.2 && time.Now().Before(deadline) {
		for i := range 1_000_000 {
			x += i
		}
	}
	child := burn("400000") // 0.04 s at 100,000 on one machine: too little to tell a field from another
	if err := child.Run(); err != nil {
		t.Fatal(err)
	}
	c := cpu()
	t.Logf("machine %.2f s, self %.2f s, watched %v, child %.2f s (sys %.2f s) (%d)", c.Machine, c.Self, c.Watched,
		childCPU(child), child.ProcessState.SystemTime().Seconds(), x)
	if c.Self < 0.2 {
		t.Fatalf("self %.2f s after burning 0.2 s", c.Self)
	}
	if childCPU(child) < 0.05 {
		t.Fatalf("the child burnt only %.2f s: the test would prove nothing", childCPU(child))
	}
	if _, ok := c.Watched["gone"]; ok {
		t.Errorf("a server not on this machine (pid 0) was measured")
	}
	if d := c.Watched["test"] - c.Self - childCPU(child); d < -0.05 || d > 0.05 {
		t.Errorf("watched %.2f s, but this process spent %.2f s and its child %.2f s", c.Watched["test"], c.Self, childCPU(child))
	}
	if c.Machine < c.Self+childCPU(child)-0.05 {
		t.Errorf("the machine's %.2f s is less than this process's %.2f s and its child's %.2f s", c.Machine, c.Self, childCPU(child))
	}
}

// TestCPUOfAChildAlreadyRunning: a child that was running when the
// measurement began and ended before it ended is counted for its time
// inside the measurement only — its time before comes off through the
// reading of the live children at the start.
func TestCPUOfAChildAlreadyRunning(t *testing.T) {
	child := burn("600000")
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Let it spend some of its time before the measurement begins.
	var before float64
	for deadline := time.Now().Add(10 * time.Second); before < 0.12 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		before, _, _ = statCPU(child.Process.Pid)
	}
	cpu := CPU(map[string]int{"test": os.Getpid()})
	if err := child.Wait(); err != nil {
		t.Fatal(err)
	}
	c := cpu()
	inside := c.Watched["test"] - c.Self
	t.Logf("child %.2f s in all, %.2f s before the measurement; watched less self %.2f s", childCPU(child), before, inside)
	if before < 0.1 {
		t.Skipf("the child spent %.2f s before the measurement: too little to tell", before)
	}
	if want := childCPU(child) - before; inside < want-0.06 || inside > want+0.06 {
		t.Errorf("counted %.2f s of the child, want its %.2f s less the %.2f s before: %.2f s", inside, childCPU(child), before, want)
	}
}
