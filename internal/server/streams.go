package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
)

// MaxStreamLifetime bounds one subscription's stream: long enough that a
// page rarely notices, short enough that a stream opened under rules that
// have since changed (a role taken away in the identity provider) does not
// outlive them by more than this. The token's expiry ends it sooner.
const MaxStreamLifetime = time.Hour

// MaxStreamsPerViewer bounds the streams one token's subject holds open at
// once: a few tabs of the frontend, not an attacker's thousands, each of
// which would cost the store a query per commit.
const MaxStreamsPerViewer = 8

// DefaultMaxStreams bounds the streams of one process, whoever holds them:
// each costs three goroutines and, per commit, a read of what it may send.
const DefaultMaxStreams = 2000

// isStream reports whether the request asks for GraphQL over Server-Sent
// Events, as gqlgen's SSE transport accepts it.
func isStream(r *http.Request) bool {
	if r.Method != http.MethodPost || !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		return false
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// streams gives a subscription's stream its own limits: no request
// timeout and no write timeout, but the token's expiry or
// MaxStreamLifetime, whichever comes first, and MaxStreamsPerViewer. A
// query or mutation sent as a stream keeps the request timeout.
type streams struct {
	timeout      time.Duration
	persisted    map[string]string
	max          int
	writeTimeout time.Duration

	mu    sync.Mutex
	open  map[string]int
	total int
}

func newStreams(cfg Config) *streams {
	return &streams{timeout: cfg.RequestTimeout, persisted: cfg.Limits.Persisted, max: cfg.MaxStreams,
		writeTimeout: cfg.StreamWriteTimeout, open: map[string]int{}}
}

func (s *streams) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isStream(r) {
			next.ServeHTTP(w, r)
			return
		}
		// nginx buffers upstream answers by default; a stream must not be.
		w.Header().Set("X-Accel-Buffering", "no")
		r = r.WithContext(graph.WithStreaming(r.Context()))
		// wellFormed read and checked the body already: this is memory.
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if s.plainOperation(body) {
			// Answered as one event, but still through the stream's
			// writer: the transport's keep-alive goroutine is there too.
			ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
			defer cancel()
			sw := newStreamWriter(w, cancel, s.writeTimeout)
			defer sw.close()
			next.ServeHTTP(sw, r.WithContext(ctx))
			return
		}
		v := access.FromContext(r.Context())
		key := ""
		if v != nil {
			key = v.Sub
		}
		switch s.acquire(key) {
		case tooManyOfViewer:
			writeLimit(w, http.StatusTooManyRequests, "streams", MaxStreamsPerViewer, MaxStreamsPerViewer+1,
				fmt.Sprintf("Đã mở đủ %d luồng cập nhật trực tiếp cho tài khoản này; hãy đóng bớt (tab, cửa sổ) rồi thử lại.", MaxStreamsPerViewer))
			return
		case tooMany:
			w.Header().Set("Retry-After", "30")
			writeLimit(w, http.StatusServiceUnavailable, "streamsTotal", int64(s.max), int64(s.max+1),
				"Máy chủ đang giữ quá nhiều luồng cập nhật trực tiếp; hãy thử lại sau ít phút.")
			return
		}
		defer s.release(key)
		// Wall time, not the rules' clock: the token's expiry was checked
		// against the wall clock, and a context's deadline is one.
		end := time.Now().Add(MaxStreamLifetime)
		if v != nil && !v.Expires.IsZero() && v.Expires.Before(end) {
			end = v.Expires
		}
		ctx, cancel := context.WithDeadline(r.Context(), end)
		defer cancel()
		// The server's write timeout is for answers; a stream's writes
		// each have their own (streamwriter.go).
		sw := newStreamWriter(w, cancel, s.writeTimeout)
		defer sw.close()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

const (
	opened = iota
	tooManyOfViewer
	tooMany
)

func (s *streams) acquire(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.open[key] >= MaxStreamsPerViewer:
		return tooManyOfViewer
	case s.total >= s.max:
		return tooMany
	}
	s.open[key]++
	s.total++
	return opened
}

func (s *streams) release(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total--
	if s.open[key]--; s.open[key] <= 0 {
		delete(s.open, key)
	}
}

// plainOperation reports whether the request is surely a query or a
// mutation. Anything else — a subscription, or a request whose operation
// cannot be told here — gets a stream's limits: the transport reads the
// body on its own terms (an extensions.persistedQuery of any JSON type,
// say), so a reading that differs from its own must fail closed, never
// open a stream without them (found by an outside review).
func (s *streams) plainOperation(body []byte) bool {
	var p struct {
		Query         string         `json:"query"`
		OperationName string         `json:"operationName"`
		Extensions    map[string]any `json:"extensions"`
	}
	if json.Unmarshal(body, &p) != nil {
		return false
	}
	if p.Query == "" {
		pq, _ := p.Extensions["persistedQuery"].(map[string]any)
		h, _ := pq["sha256Hash"].(string)
		p.Query = s.persisted[h]
	}
	if p.Query == "" {
		return false
	}
	return operationIs(p.Query, p.OperationName, ast.Query) || operationIs(p.Query, p.OperationName, ast.Mutation)
}

// operationIs reports whether the document's selected operation is of
// the kind; a document that does not parse is left to the transport.
func operationIs(query, name string, kind ast.Operation) bool {
	if query == "" {
		return false
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return false
	}
	op := doc.Operations.ForName(name)
	if op == nil && len(doc.Operations) == 1 {
		op = doc.Operations[0]
	}
	return op != nil && op.Operation == kind
}
