package etl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/robfig/cron/v3"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// DefaultSchedule is nightly at two in the morning, Ho Chi Minh City time.
const DefaultSchedule = "0 2 * * *"

// Scheduler runs the ETL inside `thidua serve` on a cron schedule read in
// Asia/Ho_Chi_Minh. Every replica keeps the schedule; the store's lock
// lets one of them run and the others skip.
type Scheduler struct {
	Config  Config
	OnStart bool // run once as soon as the server starts (development)
	Monitor *Monitor
	// Grace is how long Wait gives a run cut short by shutdown to record
	// itself FAILED and drop its staging tables (THIDUA_ETL_SHUTDOWN_GRACE).
	Grace time.Duration
	spec  cron.Schedule

	doneOnce sync.Once
	done     chan struct{} // closed when Run has returned
}

// DefaultShutdownGrace leaves a cancelled run its FinishTimeout and some
// to spare, within the 30 s a Kubernetes pod gets by default.
const DefaultShutdownGrace = 15 * time.Second

// ErrShutdown is the cause given to a scheduled run cancelled because the
// server is shutting down; etl_run records it as the run's message.
var ErrShutdown = errors.New("interrupted by shutdown")

// NewScheduler checks the schedule: five cron fields, in HCM time.
func NewScheduler(cfg Config, spec string, m *Monitor) (*Scheduler, error) {
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		return nil, fmt.Errorf("THIDUA_ETL_SCHEDULE %q: the schedule is always read in Asia/Ho_Chi_Minh; leave out the time zone", spec)
	}
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("THIDUA_ETL_SCHEDULE %q: %w (five fields: minute hour day month weekday)", spec, err)
	}
	return &Scheduler{Config: cfg, Monitor: m, Grace: DefaultShutdownGrace, spec: s}, nil
}

// Next is the first scheduled time after t.
func (s *Scheduler) Next(t time.Time) time.Time { return s.spec.Next(t.In(HCM)) }

func (s *Scheduler) doneCh() chan struct{} {
	s.doneOnce.Do(func() { s.done = make(chan struct{}) })
	return s.done
}

// Run keeps the schedule until ctx ends, and returns only once a run in
// flight has ended and been recorded: the run is cancelled with
// ErrShutdown as the cause, and records itself on a context of its own.
func (s *Scheduler) Run(ctx context.Context) {
	defer close(s.doneCh())
	// The run's context outlives ctx by nothing but its cause: cancelled
	// the moment ctx ends, it says why.
	runCtx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	defer cancel(nil)
	stop := context.AfterFunc(ctx, func() { cancel(ErrShutdown) })
	defer stop()
	s.migrate(runCtx)
	if s.OnStart && ctx.Err() == nil {
		s.once(runCtx)
	}
	for {
		next := s.Next(time.Now())
		s.Monitor.scheduled(next)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(next)):
		}
		s.once(runCtx)
	}
}

// Wait waits up to the grace for Run to return after its context ended,
// and says whether it did. A run still going past the grace is left RUNNING
// in etl_run, for the next run to close as interrupted.
func (s *Scheduler) Wait() bool {
	grace := s.Grace
	if grace <= 0 {
		grace = DefaultShutdownGrace
	}
	select {
	case <-s.doneCh():
		return true
	case <-time.After(grace):
		slog.Error("etl run still going after the shutdown grace; the next run will record it as interrupted", "grace", grace.String())
		return false
	}
}

// migrate brings the warehouse's schema up to date as the server starts,
// so that reports and /readyz see the tables before the first run. A
// warehouse that cannot be reached is only logged: the API does not
// depend on it, and every run migrates first anyway.
func (s *Scheduler) migrate(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	conn, target, err := warehouse.Open(ctx, s.Config.Warehouse, s.Config.Cluster)
	if err == nil {
		defer conn.Close()
		var done []string
		if done, err = MigrateWarehouse(ctx, s.Config.Store, conn, target); err == nil && len(done) > 0 {
			slog.Info("warehouse migrated", "database", target.Database, "versions", done)
		}
	}
	if err != nil {
		slog.Warn("warehouse not migrated at start; the first run will try again", "error", err.Error())
	}
}

func (s *Scheduler) once(ctx context.Context) {
	slog.Info("etl run starting")
	res, err := Run(ctx, s.Config)
	switch {
	case errors.Is(err, ErrBusy):
		slog.Info("etl run skipped: another replica is running it")
		s.Monitor.skipped()
		return
	case errors.Is(err, ErrShutdown):
		slog.Warn("etl run interrupted by shutdown", "run", res.RunID, "status", res.Status, "error", err.Error())
	case err != nil:
		slog.Error("etl run failed", "run", res.RunID, "error", err.Error())
	default:
		if res.Restored != "" {
			// Not an error, but an operator should know the store was put
			// back or swapped: the whole warehouse was loaded again.
			slog.Warn("etl run loaded every year again", "run", res.RunID, "reason", res.Restored)
		}
		slog.Info("etl run succeeded", "run", res.RunID, "rows", res.Rows(), "partitions", len(res.Partitions),
			"duration", res.Finished.Sub(res.Started).String())
	}
	s.Monitor.record(res, err)
}

// Monitor is what a server says of its warehouse: the latest refresh as
// the warehouse records it (whichever replica ran it), and this process's
// own runs and next scheduled one.
type Monitor struct {
	URL string
	// CacheFor is how long a scrape reuses the warehouse's freshness
	// (30 s when zero): scrapes of every replica must not each query it.
	CacheFor time.Duration

	connMu sync.Mutex
	wh     driver.Conn
	db     string

	freshMu sync.Mutex // one freshness query at a time
	fresh   freshness
	expired atomic.Bool // this replica ran: reread before the cache's time

	mu      sync.Mutex
	last    Result
	lastErr error
	next    time.Time
	runs    map[string]uint64
	rows    uint64
	skips   uint64
}

func (m *Monitor) scheduled(t time.Time) {
	m.mu.Lock()
	m.next = t
	m.mu.Unlock()
}

func (m *Monitor) skipped() {
	m.mu.Lock()
	m.skips++
	m.mu.Unlock()
}

func (m *Monitor) record(res Result, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.last, m.lastErr = res, err
	if m.runs == nil {
		m.runs = map[string]uint64{}
	}
	status := res.Status
	if status == "" {
		status = StatusFailed
	}
	m.runs[status]++
	m.rows += res.Rows()
	// This replica's own run changed the warehouse: the next scrape reads it.
	m.expired.Store(true)
}
