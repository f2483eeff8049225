package server

import (
	"context"
	"fmt"
	"log/slog"
	"unicode/utf8"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/redact"
)

// maxLogValue bounds every value of a log line: a line quoting a request
// could otherwise be as long as the request, and carry what it carried.
const maxLogValue = 1024

// LogHandler adds the request id to every log line written with a
// request's context, so one request's lines can be found together, cuts
// every value at maxLogValue bytes, and masks the credentials of any URL
// or connection string a value quotes (an error that names the store's or
// the warehouse's URL must not print its password).
func LogHandler(h slog.Handler) slog.Handler { return requestIDHandler{h} }

type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, clipText(redact.Text(r.Message), maxLogValue), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(clipAttr(a))
		return true
	})
	if id := access.RequestID(ctx); id != "" {
		out.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, out)
}

func (h requestIDHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clipped := make([]slog.Attr, len(as))
	for i, a := range as {
		clipped[i] = clipAttr(a)
	}
	return requestIDHandler{h.Handler.WithAttrs(clipped)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

func clipAttr(a slog.Attr) slog.Attr {
	switch v := a.Value.Resolve(); v.Kind() {
	case slog.KindString:
		if s := redact.Text(v.String()); len(s) > maxLogValue || s != v.String() {
			return slog.String(a.Key, clipText(s, maxLogValue))
		}
	case slog.KindAny:
		if s := fmt.Sprint(v.Any()); len(s) > maxLogValue || redact.Text(s) != s {
			return slog.String(a.Key, clipText(redact.Text(s), maxLogValue))
		}
	case slog.KindGroup:
		g := v.Group()
		out := make([]any, len(g))
		for i, x := range g {
			out[i] = clipAttr(x)
		}
		return slog.Group(a.Key, out...)
	}
	return a
}

// clipText cuts s to n bytes on a rune boundary and says how long it was.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d bytes)", len(s))
}
