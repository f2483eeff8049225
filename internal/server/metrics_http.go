package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// commonStatuses are shown at 0 for every route from the start: a ratio of
// 5xx to all, or an alert on 401s, needs its series before the first one.
var commonStatuses = []string{"200", "400", "401", "403", "404", "413", "429", "500", "503"}

// startAtZero creates the series whose absence would hide a problem: a
// rate() over a series that does not exist yet is no rate at all.
func (m *metrics) startAtZero() {
	for code := range gqlCodes {
		m.errors.WithLabelValues(code)
		for _, kind := range operationTypes {
			m.gqlAnswers.WithLabelValues(kind, code)
		}
	}
	for _, kind := range operationTypes {
		m.gqlAnswers.WithLabelValues(kind, codeOK)
	}
}

// handle registers h at pattern with its responses counted and timed under
// the route the pattern names, never the request's path: a path carries
// ids, and each would be a series.
func (m *metrics) handle(mux *http.ServeMux, pattern string, h http.Handler) {
	mux.Handle(pattern, m.instrument(routeOf(pattern), h))
}

// routeOf is a pattern's path without its method and from its first
// wildcard on: "GET /files/dossier/{id}" is /files/dossier.
func routeOf(pattern string) string {
	path := pattern
	if _, p, ok := strings.Cut(pattern, " "); ok {
		path = p
	}
	if i := strings.Index(path, "/{"); i > 0 {
		path = path[:i]
	}
	return path
}

func (m *metrics) instrument(route string, next http.Handler) http.Handler {
	for _, s := range commonStatuses {
		m.responses.WithLabelValues(route, s)
	}
	duration := m.durations.WithLabelValues(route)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		m.responses.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
		// A subscription's stream lasts as long as the client stays: its
		// time is no latency, and would drown the route's quantiles.
		if !strings.HasPrefix(sw.Header().Get("Content-Type"), "text/event-stream") {
			duration.Observe(time.Since(start).Seconds())
		}
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush passes a stream's flush on (gqlgen's SSE transport asks the writer
// itself, not a ResponseController).
func (s *statusWriter) Flush() { _ = http.NewResponseController(s.ResponseWriter).Flush() }
