package graph

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"unicode/utf8"
)

// Internal errors are logged for operators, but one request must not be
// able to fill the log: nodes with 60,000 ids wrote 60,000 lines, and a
// cause's text may quote what the client sent. So a request logs at most
// maxLoggedErrors errors, each cut at maxLoggedBytes, and then one line
// saying how many more there were.
const (
	maxLoggedErrors = 5
	maxLoggedBytes  = 512
)

type logBudgetKey struct{}

type logBudget struct{ used atomic.Int64 }

// withLogBudget gives an operation its budget of error lines.
func withLogBudget(ctx context.Context) context.Context {
	return context.WithValue(ctx, logBudgetKey{}, &logBudget{})
}

// logInternal logs an internal error within the operation's budget; an
// error outside an operation (the transport's) is one line anyway.
func logInternal(ctx context.Context, msg string, cause any) {
	if b, ok := ctx.Value(logBudgetKey{}).(*logBudget); ok {
		switch n := b.used.Add(1); {
		case n == maxLoggedErrors+1:
			slog.ErrorContext(ctx, "graphql: further errors of this request not logged", "logged", maxLoggedErrors)
			return
		case n > maxLoggedErrors:
			return
		}
	}
	slog.ErrorContext(ctx, msg, "error", clip(fmt.Sprint(cause)))
}

// clip cuts s to maxLoggedBytes on a rune boundary.
func clip(s string) string {
	if len(s) <= maxLoggedBytes {
		return s
	}
	cut := maxLoggedBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d bytes)", len(s))
}
