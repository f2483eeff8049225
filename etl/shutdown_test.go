package etl

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// lockedBuffer takes the log lines of a test's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// captureLog sends slog's default logger to a buffer for the test.
func captureLog(t *testing.T) *lockedBuffer {
	buf := &lockedBuffer{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(buf, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return buf
}

// stageNames are the warehouse's staging tables (fact years and dim_unit).
func (f *fixture) stageNames() []string {
	f.t.Helper()
	rows, err := f.wh.Query(f.ctx, fmt.Sprintf("SHOW TABLES FROM `%s`", f.db))
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			f.t.Fatal(err)
		}
		if strings.Contains(n, StageInfix) || strings.HasSuffix(n, dimSuffixNew) || strings.HasSuffix(n, dimSuffixOld) {
			out = append(out, n)
		}
	}
	return out
}

// runState is a run's latest status and message in etl_run.
func (f *fixture) runState(id string) (status, message string) {
	f.t.Helper()
	err := f.wh.QueryRow(f.ctx, fmt.Sprintf("SELECT toString(argMax(status, version)), argMax(message, version) FROM `%s`.etl_run WHERE run_id = ?", f.db), id).
		Scan(&status, &message)
	if err != nil {
		f.t.Fatal(err)
	}
	return status, message
}

// TestShutdownRecordsScheduledRun: a scheduled run cut short by the
// server's shutdown, in the middle of loading a year (its staging table
// created), records itself FAILED "interrupted by shutdown", leaves no
// staging table, logs so with its run id, and Wait returns within the grace.
func TestShutdownRecordsScheduledRun(t *testing.T) {
	srv := chtest.Shared(t)
	f := newThinFixture(t, srv, "sqlite")
	logs := captureLog(t)
	ctx, shutdown := context.WithCancel(context.Background())
	defer shutdown()
	mid := make(chan []string, 1)
	var once sync.Once
	cfg := f.cfg
	cfg.Point = func(p string) {
		if p != "stage_created" {
			return
		}
		once.Do(func() {
			mid <- f.stageNames()
			<-ctx.Done() // the run goes on only once the server is shutting down
		})
	}
	m := &Monitor{URL: cfg.Warehouse}
	s, err := NewScheduler(cfg, DefaultSchedule, m)
	if err != nil {
		t.Fatal(err)
	}
	s.OnStart = true
	s.Grace = 15 * time.Second
	go s.Run(ctx)
	var staged []string
	select {
	case staged = <-mid:
	case <-time.After(2 * time.Minute):
		t.Fatal("the scheduled run never reached a load")
	}
	if len(staged) == 0 {
		t.Fatal("no staging table while a year was loading: the test stops the run at the wrong place")
	}
	start := time.Now()
	shutdown()
	if !s.Wait() {
		t.Fatalf("Wait gave up after the grace (%s)", s.Grace)
	}
	took := time.Since(start)
	t.Logf("interrupted while %v was staged; Wait returned after %s", staged, took.Round(time.Millisecond))

	m.mu.Lock()
	id, status := m.last.RunID, m.last.Status
	m.mu.Unlock()
	if id == "" || status != StatusFailed {
		t.Fatalf("the monitor recorded run %q %s", id, status)
	}
	st, msg := f.runState(id)
	if st != StatusFailed || !strings.HasPrefix(msg, "interrupted by shutdown") {
		t.Errorf("etl_run holds %s %q for the interrupted run", st, msg)
	}
	if left := f.stageNames(); len(left) > 0 {
		t.Errorf("staging tables left behind: %v", left)
	}
	f.checkNoStages()
	out := logs.String()
	if !strings.Contains(out, "etl run interrupted by shutdown") || !strings.Contains(out, id) {
		t.Errorf("no log line of the interrupted run %s:\n%s", id, out)
	}
}

// TestShutdownGraceBounds: a run that does not end (here a step that
// hangs) holds the shutdown no longer than the grace.
func TestShutdownGraceBounds(t *testing.T) {
	srv := chtest.Shared(t)
	f := newThinFixture(t, srv, "sqlite")
	captureLog(t)
	ctx, shutdown := context.WithCancel(context.Background())
	defer shutdown()
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	cfg := f.cfg
	cfg.Point = func(p string) {
		if p == "snapshot" {
			once.Do(func() { close(reached); <-release })
		}
	}
	s, err := NewScheduler(cfg, DefaultSchedule, &Monitor{URL: cfg.Warehouse})
	if err != nil {
		t.Fatal(err)
	}
	s.OnStart = true
	s.Grace = 300 * time.Millisecond
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	<-reached
	shutdown()
	start := time.Now()
	if s.Wait() {
		t.Fatal("Wait says the hung run ended")
	}
	if took := time.Since(start); took < s.Grace || took > s.Grace+time.Second {
		t.Errorf("Wait returned after %s; the grace is %s", took, s.Grace)
	}
	close(release)
	<-done
	// Once the step returns, the run still records itself.
	f.checkRunsClosed()
}
