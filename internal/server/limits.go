package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Request limits of the GraphQL endpoint. A JSON operation is text: a
// megabyte is far beyond any the frontends send. A multipart request
// carries one dossier document.
const (
	DefaultMaxBodyBytes   = 1 << 20
	MaxMultipartBytes     = nominationflow.DefaultMaxBytes + 1<<20
	DefaultRequestTimeout = 15 * time.Second
	// DefaultMaxUploads bounds the multipart uploads one process reads at
	// once: each may spool 21 MiB to $TMPDIR.
	DefaultMaxUploads = 16
)

// limitRequests refuses oversized bodies and batched operations before
// GraphQL parses anything, and bounds every request's time.
func limitRequests(cfg Config, next http.Handler) http.Handler {
	uploads := make(chan struct{}, cfg.MaxUploads)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := cfg.MaxBodyBytes
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			limit = MaxMultipartBytes
		}
		if r.ContentLength > limit {
			writeLimit(w, http.StatusRequestEntityTooLarge, "bodySize", limit, r.ContentLength,
				fmt.Sprintf("Yêu cầu quá lớn: %d byte, tối đa %d byte.", r.ContentLength, limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			if first := peekFirstByte(r); first == '[' {
				writeLimit(w, http.StatusBadRequest, "batch", 1, 0,
					"Không hỗ trợ gửi nhiều thao tác trong một yêu cầu (batch); hãy gửi từng thao tác.")
				return
			}
		}
		if isStream(r) { // streams.wrap sets its limits once it knows the operation
			next.ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			// gqlgen spools each file to $TMPDIR before any resolver can
			// refuse it: the uploads in flight bound that disk.
			select {
			case uploads <- struct{}{}:
				defer func() { <-uploads }()
			default:
				w.Header().Set("Retry-After", "10")
				writeLimit(w, http.StatusTooManyRequests, "uploads", int64(cap(uploads)), int64(cap(uploads)+1),
					fmt.Sprintf("Máy chủ đang nhận %d tệp cùng lúc, mức tối đa; hãy gửi lại sau ít giây.", cap(uploads)))
				return
			}
			r, cancel := watchUpload(w, r, cfg)
			defer cancel()
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeLimit(w http.ResponseWriter, status int, limit string, max, requested int64, msg string) {
	w.Header().Set(codeHeader, string(problem.Validation))
	writeJSON(w, status, map[string]any{"errors": []map[string]any{{"message": msg, "extensions": map[string]any{
		"code": string(problem.Validation), "limit": limit, "max": max, "requested": requested}}}})
}
