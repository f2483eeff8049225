package etl

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// Backoff says how a step that failed for a passing reason is retried.
type Backoff struct {
	Attempts int           // in all, the first included
	Base     time.Duration // the first wait; each next one doubles, with jitter
	Max      time.Duration
}

// DefaultBackoff rides out a restart of ClickHouse or a busy moment:
// waits of about 0.5, 1, 2, 4 and 8 s.
var DefaultBackoff = Backoff{Attempts: 6, Base: 500 * time.Millisecond, Max: 10 * time.Second}

// do runs op until it succeeds, fails for good, the attempts run out or
// the context ends.
func (b Backoff) do(ctx context.Context, op func() error) error {
	wait := b.Base
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil || !transient(err) || attempt >= b.Attempts || ctx.Err() != nil {
			return err
		}
		d := wait/2 + time.Duration(rand.Int64N(int64(wait)/2+1))
		select {
		case <-ctx.Done():
			return err
		case <-time.After(d):
		}
		wait = min(wait*2, b.Max)
	}
}

// Server error codes that pass: too busy, too many parts, read-only while
// a replica catches up, timeouts, network, and 292 (LEADERSHIP_CHANGED: a
// replica restarted moments ago refuses a partition swap until its
// shard's leader is elected).
var transientCodes = map[int32]bool{
	159: true, 202: true, 203: true, 209: true, 210: true, 242: true,
	252: true, 285: true, 292: true, 319: true, 425: true, 999: true,
}

// transient tells a failure worth retrying from one that is not.
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ex *clickhouse.Exception
	if errors.As(err, &ex) {
		return transientCodes[ex.Code]
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "acquire conn timeout") || strings.Contains(msg, "connection refused") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "connection reset")
}
