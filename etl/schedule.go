package etl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/robfig/cron/v3"
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
	spec    cron.Schedule
}

// NewScheduler checks the schedule: five cron fields, in HCM time.
func NewScheduler(cfg Config, spec string, m *Monitor) (*Scheduler, error) {
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		return nil, fmt.Errorf("THIDUA_ETL_SCHEDULE %q: the schedule is always read in Asia/Ho_Chi_Minh; leave out the time zone", spec)
	}
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("THIDUA_ETL_SCHEDULE %q: %w (five fields: minute hour day month weekday)", spec, err)
	}
	return &Scheduler{Config: cfg, Monitor: m, spec: s}, nil
}

// Next is the first scheduled time after t.
func (s *Scheduler) Next(t time.Time) time.Time { return s.spec.Next(t.In(HCM)) }

// Run keeps the schedule until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	if s.OnStart {
		s.once(ctx)
	}
	for {
		next := s.Next(time.Now())
		s.Monitor.scheduled(next)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(next)):
		}
		s.once(ctx)
	}
}

func (s *Scheduler) once(ctx context.Context) {
	slog.Info("etl run starting")
	res, err := Run(ctx, s.Config)
	switch {
	case errors.Is(err, ErrBusy):
		slog.Info("etl run skipped: another replica is running it")
		return
	case err != nil:
		slog.Error("etl run failed", "run", res.RunID, "error", err.Error())
	default:
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

	connMu sync.Mutex
	wh     driver.Conn
	db     string

	mu      sync.Mutex
	last    Result
	lastErr error
	next    time.Time
	runs    map[string]uint64
	rows    uint64
}

func (m *Monitor) scheduled(t time.Time) {
	m.mu.Lock()
	m.next = t
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
}
