package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// maxClientRequestID bounds the client's X-Request-Id as logged.
const maxClientRequestID = 64

// withRequestID gives every request an id of the server's own, echoed in
// X-Request-Id and carried into the logs and the audit log. A client's
// X-Request-Id is never that id: the audit log would then say whatever a
// client chose (another request's id, or a line of text). It is logged
// beside it, as client_request_id, cut and stripped to what a proxy's id
// looks like, so a proxy's trace can still be followed.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		start := time.Now()
		ctx := access.WithRequestID(r.Context(), id)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		// No query text, variables or tokens: they may hold personal data.
		attrs := []any{"method", r.Method, "path", clipText(r.URL.Path, 256), "status", sw.status,
			"duration_ms", time.Since(start).Milliseconds()}
		if c := clientRequestID(r.Header.Get("X-Request-Id")); c != "" {
			attrs = append(attrs, "client_request_id", c)
		}
		slog.InfoContext(ctx, "http", attrs...)
	})
}

// clientRequestID keeps letters, digits and - _ . : / of a client's id, at
// most maxClientRequestID of them: enough for UUIDs and trace ids, nothing
// that could forge a log line or carry data.
func clientRequestID(s string) string {
	var b strings.Builder
	for _, c := range s {
		if b.Len() >= maxClientRequestID {
			break
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.:/", c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
