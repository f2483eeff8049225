package server

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"
)

// DefaultStreamWriteTimeout bounds one write of a stream: a client that
// stops reading (its socket buffers full) fails the write instead of
// holding the stream, its slot and its unsent event past its token's expiry.
const DefaultStreamWriteTimeout = 10 * time.Second

var errStreamClosed = errors.New("the stream has ended")

// streamWriter is what a subscription's stream writes through. gqlgen's
// SSE transport writes from two goroutines (the events, and a keep-alive
// ping that may still fire after the handler returned, when net/http's
// writer is gone: a panic that took the whole process down), so writes are
// serialised, refused once the handler returned, each given a deadline,
// and the first failure ends the stream.
type streamWriter struct {
	mu      sync.Mutex
	w       http.ResponseWriter
	rc      *http.ResponseController
	end     context.CancelFunc
	timeout time.Duration
	closed  bool
}

func newStreamWriter(w http.ResponseWriter, end context.CancelFunc, timeout time.Duration) *streamWriter {
	return &streamWriter{w: w, rc: http.NewResponseController(w), end: end, timeout: timeout}
}

func (s *streamWriter) Header() http.Header { return s.w.Header() }

func (s *streamWriter) WriteHeader(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.w.WriteHeader(code)
	}
}

func (s *streamWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, errStreamClosed
	}
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	n, err := s.w.Write(b)
	if err != nil {
		s.fail()
	}
	return n, err
}

// Flush is what gqlgen's transport asks the writer for.
func (s *streamWriter) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	if err := s.rc.Flush(); err != nil {
		s.fail()
	}
}

// fail ends the stream: its context is cancelled, so the resolver stops
// and the handler returns; nothing more is written.
func (s *streamWriter) fail() {
	s.closed = true
	s.end()
}

// close is called when the handler returns; writes after it are refused.
func (s *streamWriter) close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
}
