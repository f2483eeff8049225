package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// maxClientRequestID bounds the client's X-Request-Id as logged.
const maxClientRequestID = 64

// withRequestID gives every request an id of the server's own, echoed in
// X-Request-Id and carried into the logs and the audit log, with the
// client's address (through trusted proxies only). A client's X-Request-Id
// is never that id: the audit log would then say whatever a client chose
// (another request's id, or a line of text). It is logged beside it, as
// client_request_id, cut and stripped to what a proxy's id looks like, so
// a proxy's trace can still be followed.
//
// Every request ends in one line: INFO when it succeeded, WARN for a
// refusal the operator may need to see (401, 403, 413, 429 and other
// client errors), ERROR for 5xx, with the error's code and, when the
// handler noted one, its cause (never the token or the query).
func withRequestID(proxies trustedProxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		start := time.Now()
		client := proxies.clientAddr(r)
		note := &requestNote{}
		ctx := access.WithRequestID(r.Context(), id)
		ctx = access.WithClientAddr(ctx, client)
		ctx = context.WithValue(ctx, requestNoteKey{}, note)
		sw := &loggedWriter{ResponseWriter: w, status: http.StatusOK, note: note}
		next.ServeHTTP(sw, r.WithContext(ctx))
		// No query text, variables or tokens: they may hold personal data.
		attrs := []any{"method", r.Method, "path", clipText(r.URL.Path, 256), "status", sw.status,
			"duration_ms", time.Since(start).Milliseconds(), "client", client}
		if c, cut := clientRequestID(r.Header.Get("X-Request-Id")); c != "" {
			attrs = append(attrs, "client_request_id", c)
			if cut {
				attrs = append(attrs, "client_request_id_cut", true)
			}
		}
		code, cause := note.get()
		if code != "" {
			attrs = append(attrs, "code", code)
		}
		if cause != "" {
			attrs = append(attrs, "cause", cause)
		}
		level := slog.LevelInfo
		switch {
		case sw.status >= 500:
			level = slog.LevelError
		case sw.status >= 400:
			level = slog.LevelWarn
		}
		slog.Log(ctx, level, "http", attrs...)
	})
}

// requestNote is what a handler tells the request's log line about a
// refusal: the error code and its cause.
type requestNote struct {
	mu          sync.Mutex
	code, cause string
}

type requestNoteKey struct{}

func (n *requestNote) get() (string, string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.code, n.cause
}

// noteFailure records why the request failed, for its log line. The
// first cause wins: it is the one that decided the answer.
func noteFailure(ctx context.Context, code problem.Code, cause error) {
	n, _ := ctx.Value(requestNoteKey{}).(*requestNote)
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.code == "" {
		n.code = string(code)
	}
	if n.cause == "" && cause != nil {
		n.cause = clipText(cause.Error(), 512)
	}
}

// codeHeader carries a refusal's code from writeError, which has no
// request at hand, to the request's log line; loggedWriter takes it off
// before the headers leave.
const codeHeader = "X-Thidua-Log-Code"

// loggedWriter records the status and the refusal's code of an answer.
type loggedWriter struct {
	http.ResponseWriter
	status      int
	note        *requestNote
	wroteHeader bool
}

func (l *loggedWriter) takeCode() {
	if l.wroteHeader {
		return
	}
	l.wroteHeader = true
	if c := l.Header().Get(codeHeader); c != "" {
		l.Header().Del(codeHeader)
		l.note.mu.Lock()
		if l.note.code == "" {
			l.note.code = c
		}
		l.note.mu.Unlock()
	}
}

func (l *loggedWriter) WriteHeader(code int) {
	l.takeCode()
	l.status = code
	l.ResponseWriter.WriteHeader(code)
}

func (l *loggedWriter) Write(b []byte) (int, error) {
	l.takeCode()
	return l.ResponseWriter.Write(b)
}

func (l *loggedWriter) Unwrap() http.ResponseWriter { return l.ResponseWriter }

// Flush passes a stream's flush on.
func (l *loggedWriter) Flush() { _ = http.NewResponseController(l.ResponseWriter).Flush() }

// fail answers with a GraphQL-shaped error and notes it for the log line.
func fail(w http.ResponseWriter, r *http.Request, status int, code problem.Code, msg string, cause error) {
	noteFailure(r.Context(), code, cause)
	writeError(w, status, code, msg)
}

// clientRequestID keeps letters, digits and - _ . : / of a client's id, at
// most maxClientRequestID of them: enough for UUIDs and trace ids, nothing
// that could forge a log line or carry data. It says whether it cut.
func clientRequestID(s string) (string, bool) {
	var b strings.Builder
	for i, c := range s {
		if b.Len() >= maxClientRequestID {
			return b.String(), i < len(s)
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.:/", c) {
			b.WriteRune(c)
		}
	}
	return b.String(), false
}
