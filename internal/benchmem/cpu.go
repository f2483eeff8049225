package benchmem

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgresServer's driver
)

// CPUSpent is CPU time in seconds over what a CPU call measured: the
// whole machine's, this process's own, and each watched server's (its
// process and its children: a ClickHouse server, PostgreSQL's postmaster
// with its backends). What the machine spent beyond those is every
// other process's and the kernel's outside any process (the loopback
// network's soft interrupts among it).
type CPUSpent struct {
	Machine, Self float64
	Watched       map[string]float64
}

// Rest is what the machine spent outside this process and the watched
// servers.
func (c CPUSpent) Rest() float64 {
	r := c.Machine - c.Self
	for _, w := range c.Watched {
		r -= w
	}
	return max(0, r)
}

// Add sums two measurements, for a figure over several runs.
func (c CPUSpent) Add(d CPUSpent) CPUSpent {
	out := CPUSpent{Machine: c.Machine + d.Machine, Self: c.Self + d.Self, Watched: map[string]float64{}}
	for k, v := range c.Watched {
		out.Watched[k] += v
	}
	for k, v := range d.Watched {
		out.Watched[k] += v
	}
	return out
}

// CPU starts measuring the CPU time spent until the returned function is
// called: the machine's, this process's and the watched servers', by
// name and process id (0, a server not on this machine, is left out).
// Where the counters cannot be read (not Linux) the figures are zero.
// Time is what a noisy machine measures badly; CPU time taken apart by
// process says whose work a figure is, which is what explains a ratio.
func CPU(watched map[string]int) func() CPUSpent {
	at := func() CPUSpent {
		c := CPUSpent{Machine: machineCPU(), Self: selfCPU(), Watched: map[string]float64{}}
		for name, pid := range watched {
			if pid > 0 {
				c.Watched[name] = processCPU(pid)
			}
		}
		return c
	}
	start := at()
	return func() CPUSpent {
		end := at()
		d := CPUSpent{Machine: end.Machine - start.Machine, Self: end.Self - start.Self, Watched: map[string]float64{}}
		for k, v := range end.Watched {
			d.Watched[k] = v - start.Watched[k]
		}
		return d
	}
}

// ReportCPU gives CPU time by whose it was, per what per divides by
// (b.N runs, or a benchmark's requests), in seconds or milliseconds as
// unit says ("s/run", "ms/req"): the machine's in all (cpu-s/run), this
// process's (go-cpu-s/run), each watched server's under its name
// (pg-cpu-s/run, ch-cpu-s/run) and the rest's (rest-cpu-s/run: the tools
// the benchmark ran, the kernel's network). On two cores a run is bound
// by its CPU as much as by anything: these say which side's work a ratio
// is made of.
func ReportCPU(b *testing.B, c CPUSpent, per float64, unit string) {
	if per <= 0 {
		return
	}
	scale := 1 / per
	if strings.HasPrefix(unit, "ms/") {
		scale *= 1e3
	}
	b.ReportMetric(c.Machine*scale, "cpu-"+unit)
	b.ReportMetric(c.Self*scale, "go-cpu-"+unit)
	for name, v := range c.Watched {
		b.ReportMetric(v*scale, name+"-cpu-"+unit)
	}
	b.ReportMetric(c.Rest()*scale, "rest-cpu-"+unit)
}

// PostgresServer is the process id of the PostgreSQL server at url when
// it runs on this machine (the parent of a session's backend), else 0:
// the server to watch for the store's share of the CPU.
func PostgresServer(url string) int {
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return 0
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return 0
	}
	defer db.Close()
	var backend int
	if err := db.QueryRowContext(context.Background(), "SELECT pg_backend_pid()").Scan(&backend); err != nil {
		return 0
	}
	// The backend's id is the server's, whose host may not be this one:
	// a process of that id here counts only if it and its parent are
	// PostgreSQL's.
	if _, _, ppid := statCPU(backend); ppid > 1 && command(backend) == "postgres" && command(ppid) == "postgres" {
		return ppid
	}
	return 0
}

func command(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
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
// idle, iowait and steal (another guest's time).
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
		if i == 3 || i == 4 || i >= 7 { // idle, iowait, steal; guest time is already in user
			continue
		}
		n, _ := strconv.ParseFloat(string(v), 64)
		busy += n
	}
	return busy / ticks
}

// processCPU is a process's user and system time, all its threads, and
// its children's: those it has waited for (a PostgreSQL server's ended
// backends) and those still running (its open sessions). A child that
// ends between two readings moves from the one sum to the other, so the
// difference of two readings counts it once. A child reaped while the
// children are being read would be in neither sum, so the waited-for
// time is read again after them, and the whole read again if it moved.
func processCPU(pid int) float64 {
	var total float64
	for range 5 {
		own, reaped, ppid := statCPU(pid)
		if ppid < 0 {
			return 0
		}
		entries, err := os.ReadDir("/proc")
		if err != nil {
			return own + reaped
		}
		total = own + reaped
		for _, e := range entries {
			child, err := strconv.Atoi(e.Name())
			if err != nil || child == pid {
				continue
			}
			if cself, creaped, parent := statCPU(child); parent == pid {
				total += cself + creaped
			}
		}
		if _, again, _ := statCPU(pid); again == reaped {
			break
		}
	}
	return total
}

// statCPU reads /proc/PID/stat: the process's user and system time
// (fields 14 and 15), its waited-for children's (16 and 17) and its
// parent (field 4), counted after the command's closing parenthesis (a
// command may hold spaces). The parent is -1 when the process cannot be
// read.
func statCPU(pid int) (own, reaped float64, ppid int) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, 0, -1
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, 0, -1
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 15 {
		return 0, 0, -1
	}
	ppid, _ = strconv.Atoi(string(f[1]))
	var t [4]float64
	for k, v := range f[11:15] {
		t[k], _ = strconv.ParseFloat(string(v), 64)
	}
	return (t[0] + t[1]) / ticks, (t[2] + t[3]) / ticks, ppid
}
