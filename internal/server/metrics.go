package server

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// metrics are what /metrics tells Prometheus: GraphQL operations by name
// and their latency, errors by code, HTTP responses by status, and the
// store's connection pool. Each server has its own registry, so tests and
// several servers in one process do not collide.
type metrics struct {
	mu         sync.Mutex
	names      map[string]bool // operation names seen, bounded
	registry   *prometheus.Registry
	operations *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	responses  *prometheus.CounterVec
}

func newMetrics(db *sql.DB) *metrics {
	m := &metrics{
		names:    map[string]bool{},
		registry: prometheus.NewRegistry(),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thidua_graphql_operations_total", Help: "GraphQL operations by operation name and type.",
		}, []string{"operation", "type"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "thidua_graphql_operation_duration_seconds", Help: "GraphQL operation latency by operation name.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 15},
		}, []string{"operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thidua_graphql_errors_total", Help: "GraphQL errors by extensions.code.",
		}, []string{"code"}),
		responses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thidua_http_responses_total", Help: "HTTP responses by route and status.",
		}, []string{"route", "status"}),
	}
	m.registry.MustRegister(m.operations, m.latency, m.errors, m.responses,
		collectors.NewDBStatsCollector(db, "thidua_store"),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the registry; with a token, only to a caller that sends
// it: the operation names, error counts and pool figures describe the
// service to whoever can read them.
func (m *metrics) handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
	if token == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := bearer(r)
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="thidua-metrics"`)
			writeError(w, http.StatusUnauthorized, problem.Unauthenticated, "Cần mã truy cập số liệu giám sát (Authorization: Bearer …).")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// ExtensionName, Validate, InterceptOperation: a gqlgen extension that
// counts operations, their latency and their errors.
func (m *metrics) ExtensionName() string                   { return "ThiduaMetrics" }
func (m *metrics) Validate(graphql.ExecutableSchema) error { return nil }
func (m *metrics) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	name, kind := oc.OperationName, "query"
	if oc.Operation != nil {
		name, kind = oc.Operation.Name, string(oc.Operation.Operation)
	}
	name = m.label(name)
	m.operations.WithLabelValues(name, kind).Inc()
	start := time.Now()
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		res := h(ctx)
		if res != nil {
			for _, e := range res.Errors {
				code, _ := e.Extensions["code"].(string)
				if code == "" {
					code = "UNKNOWN"
				}
				m.errors.WithLabelValues(code).Inc()
			}
		}
		m.latency.WithLabelValues(name).Observe(time.Since(start).Seconds())
		return res
	}
}

// countResponses counts every HTTP response by route and status.
func (m *metrics) countResponses(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		m.responses.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
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

// maxOperationNames bounds the operation label: names come from clients,
// and each new one is a new time series.
const maxOperationNames = 500

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// label is the operation's label: its name if well-formed and among the
// first maxOperationNames seen, else "other"; "anonymous" without a name.
func (m *metrics) label(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.names[name] {
		if len(m.names) >= maxOperationNames {
			return "other"
		}
		m.names[name] = true
	}
	return name
}
