package digest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// DefaultSchedule is every morning at seven, Ho Chi Minh City time.
const DefaultSchedule = "0 7 * * *"

// Scheduler runs the digest inside `thidua serve`, in the same way as the
// ETL: a cron schedule read in Asia/Ho_Chi_Minh, kept by every replica; the
// day's claims make each digest go out once.
type Scheduler struct {
	Runner Runner
	spec   cron.Schedule
}

// NewScheduler checks the schedule: five cron fields, in HCM time.
func NewScheduler(r Runner, spec string) (*Scheduler, error) {
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		return nil, fmt.Errorf("THIDUA_DIGEST_SCHEDULE %q: the schedule is always read in Asia/Ho_Chi_Minh; leave out the time zone", spec)
	}
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("THIDUA_DIGEST_SCHEDULE %q: %w (five fields: minute hour day month weekday)", spec, err)
	}
	return &Scheduler{Runner: r, spec: s}, nil
}

// Next is the first scheduled time after t.
func (s *Scheduler) Next(t time.Time) time.Time { return s.spec.Next(t.In(domain.Zone)) }

// Run keeps the schedule until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	for {
		next := s.Next(time.Now())
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(next)):
		}
		start := time.Now()
		res, err := s.Runner.Run(ctx)
		if err != nil {
			slog.ErrorContext(ctx, "digest: run failed", "err", err, "sent", res.Sent)
			continue
		}
		slog.InfoContext(ctx, "digest: run", "recipients", res.Recipients, "sent", res.Sent, "empty", res.Empty,
			"already_claimed", res.Claimed, "failed", res.Failed, "duration_ms", time.Since(start).Milliseconds())
	}
}
