// Package clock is the time the rules read. The server puts its clock in
// every request's context, so a test (or a replay) sets "now" once and every
// deadline, late report and submission stamp follows it; code outside a
// request gets the wall clock.
package clock

import (
	"context"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Func tells the time.
type Func func() time.Time

type key struct{}

// With returns a context whose clock is now; nil leaves ctx as it is.
func With(ctx context.Context, now Func) context.Context {
	if now == nil {
		return ctx
	}
	return context.WithValue(ctx, key{}, now)
}

// Now is the context's clock's instant, or the wall clock's, to the
// microsecond: the precision both stores keep, so what is stamped reads
// back equal on either.
func Now(ctx context.Context) time.Time {
	if f, ok := ctx.Value(key{}).(Func); ok {
		return f().Truncate(time.Microsecond)
	}
	return time.Now().Truncate(time.Microsecond)
}

// Today is the civil day of now in Asia/Ho_Chi_Minh, as the store keeps
// dates (midnight UTC of that day).
func Today(ctx context.Context) time.Time { return Day(Now(ctx)) }

// Day is the civil day of an instant in Asia/Ho_Chi_Minh.
func Day(t time.Time) time.Time {
	t = t.In(domain.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Fixed is a clock stopped at t, for tests.
func Fixed(t time.Time) Func { return func() time.Time { return t } }
