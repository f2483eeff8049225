package benchmem

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"testing"
)

// CPUSpent is CPU time in seconds over what a CPU call measured: the
// whole machine's, this process's own, and the watched processes'
// (a ClickHouse server, say). What the machine spent beyond the two
// is every other process's: on a benchmark's machine, the store's
// backends and the tools the benchmark started.
type CPUSpent struct {
	Machine, Self, Watched float64
}

// Rest is what the machine spent outside this process and the watched
// ones.
func (c CPUSpent) Rest() float64 { return max(0, c.Machine-c.Self-c.Watched) }

// Add sums two measurements, for a figure over several runs.
func (c CPUSpent) Add(d CPUSpent) CPUSpent {
	return CPUSpent{c.Machine + d.Machine, c.Self + d.Self, c.Watched + d.Watched}
}

// CPU starts measuring the CPU time spent until the returned function
// is called. Where the machine's counters cannot be read (not Linux) the
// figures it cannot read are zero. Time is what a noisy machine cannot
// measure well; CPU time, taken apart by process, says whose work a
// figure is, which is what explains a ratio.
func CPU(watched ...int) func() CPUSpent {
	at := func() CPUSpent {
		c := CPUSpent{Machine: machineCPU(), Self: selfCPU()}
		for _, pid := range watched {
			c.Watched += processCPU(pid)
		}
		return c
	}
	start := at()
	return func() CPUSpent {
		end := at()
		return CPUSpent{end.Machine - start.Machine, end.Self - start.Self, end.Watched - start.Watched}
	}
}

// ticks is USER_HZ, in which /proc counts: 100 on every Linux
// architecture Go runs on (the kernel's ABI, whatever its own HZ).
const ticks = 100.0

func selfCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// machineCPU is the busy time of every CPU: /proc/stat's first line less
// idle and iowait.
func machineCPU() float64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 8 || string(f[0]) != "cpu" {
		return 0
	}
	var busy float64
	for i, v := range f[1:] {
		if i == 3 || i == 4 || i >= 7 { // idle, iowait, steal (another guest's); guest time is already in user
			continue
		}
		n, _ := strconv.ParseFloat(string(v), 64)
		busy += n
	}
	return busy / ticks
}

// processCPU is a process's user and system time, all its threads: the
// 14th and 15th fields of /proc/PID/stat, counted after the command's
// closing parenthesis (the command may hold spaces).
func processCPU(pid int) float64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseFloat(string(f[11]), 64)
	s, _ := strconv.ParseFloat(string(f[12]), 64)
	return (u + s) / ticks
}

// ReportCPU gives a benchmark's CPU time per op by whose it was: the
// machine's in all (cpu-s/run), this process's (go-cpu-s/run), the
// watched processes' under their name (e.g. ch-cpu-s/run) and the rest's
// (rest-cpu-s/run: the store's backends, the tools the benchmark ran).
// On a machine of two cores a run is bound by its CPU as much as by
// anything: these say which side's work a ratio is made of.
func ReportCPU(b *testing.B, c CPUSpent, watched string) {
	n := float64(b.N)
	b.ReportMetric(c.Machine/n, "cpu-s/run")
	b.ReportMetric(c.Self/n, "go-cpu-s/run")
	if watched != "" {
		b.ReportMetric(c.Watched/n, watched+"-cpu-s/run")
	}
	b.ReportMetric(c.Rest()/n, "rest-cpu-s/run")
}
