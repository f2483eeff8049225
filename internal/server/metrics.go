package server

import (
	"crypto/subtle"
	"database/sql"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// metrics are what /metrics tells Prometheus: GraphQL operations by name
// and their latency, GraphQL responses and errors by code, HTTP responses
// and latency by route, and the store's connection pool. Each server has
// its own registry, so tests and several servers in one process do not
// collide.
type metrics struct {
	names      *operationNames
	registry   *prometheus.Registry
	operations *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	gqlAnswers *prometheus.CounterVec
	errors     *prometheus.CounterVec
	responses  *prometheus.CounterVec
	durations  *prometheus.HistogramVec
}

// latencyBuckets reach the request timeout (15 s by default), so a request
// cut by it still lands in a bucket of its own.
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 15}

func newMetrics(db *sql.DB, names *operationNames) *metrics {
	m := &metrics{
		names:    names,
		registry: prometheus.NewRegistry(),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thidua_graphql_operations_total", Help: "GraphQL operations by operation name and type.",
		}, []string{"operation", "type"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "thidua_graphql_operation_duration_seconds", Help: "GraphQL operation latency by operation name.",
			Buckets: latencyBuckets,
		}, []string{"operation"}),
		gqlAnswers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thidua_graphql_responses_total",
			Help: "GraphQL responses by operation type and the first error's extensions.code (ok without errors).",
		}, []string{"type", "code"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thidua_graphql_errors_total", Help: "GraphQL errors by extensions.code, each error counted.",
		}, []string{"code"}),
		responses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "thidua_http_responses_total", Help: "HTTP responses by route and status.",
		}, []string{"route", "status"}),
		durations: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "thidua_http_request_duration_seconds", Help: "HTTP request latency by route (event streams excluded).",
			Buckets: latencyBuckets,
		}, []string{"route"}),
	}
	m.registry.MustRegister(m.operations, m.latency, m.gqlAnswers, m.errors, m.responses, m.durations,
		collectors.NewDBStatsCollector(db, "thidua_store"),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.startAtZero()
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
