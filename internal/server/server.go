// Package server is thidua's HTTP face: the GraphQL endpoint behind bearer
// authentication, health and readiness, and GraphiQL in development.
package server

import (
	"context"
	"net/http"
	"net/netip"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/cors"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/server/graphiql"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// Verifier checks a bearer token and says who it names.
type Verifier interface {
	Verify(raw string) (auth.Identity, error)
}

// Config is what the HTTP layer needs to know.
type Config struct {
	Dev         bool     // GraphiQL at /
	DevToken    string   // prefilled in GraphiQL's headers in development
	CORSOrigins []string // allowed cross-origin callers; none by default
	FilesDir    string   // where dossier documents are stored
	// Limits of GraphQL operations; unset (zero MaxRows) means graph.DefaultLimits.
	Limits graph.Limits
	// MaxBodyBytes bounds a JSON request; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RequestTimeout bounds a request's time; 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// UploadTimeout is how long a multipart upload may take to arrive, on
	// top of RequestTimeout; 0 means DefaultUploadTimeout.
	UploadTimeout time.Duration
	// MaxUploads bounds the uploads read at once; 0 means DefaultMaxUploads.
	MaxUploads int
	// MaxStreams bounds the open subscription streams; 0 means DefaultMaxStreams.
	MaxStreams int
	// StreamWriteTimeout bounds one write of a stream; 0 means
	// DefaultStreamWriteTimeout.
	StreamWriteTimeout time.Duration
	// Warehouse, when configured, reports its state in /readyz and its
	// ETL runs in /metrics.
	Warehouse Warehouse
	// Reports answers the interim summary; nil means no warehouse, and
	// reports say so.
	Reports *interim.Service
	// MetricsToken, when set, is the bearer token /metrics asks for.
	MetricsToken string
	// MetricsApart leaves /metrics off this handler: it is served by
	// Handler.Metrics on a listener of its own, or not at all.
	MetricsApart bool
	// MetricsOperations are the operation names /metrics shows by name
	// (THIDUA_METRICS_OPERATIONS, see ParseOperationNames); with these or
	// Limits.Persisted any other name is "other", with neither the first
	// maxOperationNames names are shown.
	MetricsOperations []string
	// Now is the clock every rule reads (deadlines, lateness, submission
	// stamps); nil is the wall clock. Tests set it to make days certain.
	Now clock.Func
	// Links signs and checks the download links of DossierDocument.downloadURL
	// and reportDownloadURL; nil means no link secret: those fields answer an
	// error and downloads need the bearer header.
	Links *links.Signer
	// TrustedProxies are the proxies whose X-Forwarded-For names the
	// client; from anyone else the header is ignored.
	TrustedProxies []netip.Prefix
}

// Handler is the API's HTTP handler, with the metrics' own for a
// separate listener.
type Handler struct {
	http.Handler
	metrics http.Handler
}

// Metrics serves /metrics (behind MetricsToken when set), for a listen
// address other than the API's.
func (h *Handler) Metrics() http.Handler { return h.metrics }

// Warehouse is what the server shows of the reporting warehouse.
type Warehouse interface {
	Ready(ctx context.Context) map[string]any
	prometheus.Collector
}

func (c Config) withDefaults() Config {
	if c.Limits.MaxRows == 0 {
		c.Limits = graph.DefaultLimits()
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.MaxUploads == 0 {
		c.MaxUploads = DefaultMaxUploads
	}
	if c.UploadTimeout == 0 {
		c.UploadTimeout = DefaultUploadTimeout
	}
	if c.MaxStreams == 0 {
		c.MaxStreams = DefaultMaxStreams
	}
	if c.StreamWriteTimeout == 0 {
		c.StreamWriteTimeout = DefaultStreamWriteTimeout
	}
	return c
}

// New returns the HTTP handler of the API.
func New(st *store.Store, verifier Verifier, cfg Config) *Handler {
	cfg = cfg.withDefaults()
	mux := http.NewServeMux()
	files := nominationflow.Files{Dir: cfg.FilesDir, MaxBytes: nominationflow.DefaultMaxBytes}
	reports := cfg.Reports
	if reports == nil {
		reports = &interim.Service{}
	}
	gql := graph.NewHandler(st.Client, files, reports, st.Live, cfg.Limits)
	m := newMetrics(st.DB, newOperationNames(cfg.Limits.Persisted, cfg.MetricsOperations))
	if cfg.Warehouse != nil {
		m.registry.MustRegister(cfg.Warehouse)
	}
	gql.Use(m)
	m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "thidua_live_subscriptions",
		Help: "Subscriptions (live update streams) open on this process.",
	}, func() float64 { return float64(st.Live.Subscribers()) }))
	authn := &authenticator{store: st, verifier: verifier, links: cfg.Links}
	st.Units.Start()
	m.handle(mux, "/graphql", limitRequests(cfg, authn.wrap(wellFormed(newStreams(cfg).wrap(overHTTP(cfg, gql))))))
	m.handle(mux, "GET /files/dossier/{id}", authn.download(dossierFile(st, files)))
	m.handle(mux, "GET /reports/interim/{file}", authn.download(interimReport(st.Client, reports, interim.ReviewInterim, cfg.Links)))
	m.handle(mux, "GET /reports/final/{file}", authn.download(interimReport(st.Client, reports, interim.ReviewFinal, cfg.Links)))
	m.handle(mux, "GET /import/templates/{file}", authn.wrap(importTemplate()))
	m.handle(mux, "GET /import/reports/{file}", authn.download(importReport(cfg.FilesDir)))
	metrics := m.handler(cfg.MetricsToken)
	if !cfg.MetricsApart {
		mux.Handle("GET /metrics", metrics)
	}
	m.handle(mux, "GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
	}))
	m.handle(mux, "GET /readyz", readiness(st, cfg.Warehouse, verifier))
	if cfg.Dev {
		var headers map[string]string
		if cfg.DevToken != "" {
			headers = map[string]string{"Authorization": "Bearer " + cfg.DevToken}
		}
		gi, err := graphiql.New("thidua — GraphiQL", "/graphql", headers)
		if err != nil {
			panic(err) // the page and its assets are built into the binary
		}
		mux.HandleFunc("GET /{$}", gi.Page)
		mux.HandleFunc("GET "+graphiql.Prefix+"{version}/{file}", gi.Asset)
		// Browsers ask for it on every page; nothing, rather than a 404
		// in the developer's console.
		mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	}
	var h http.Handler = compress(mux)
	if cfg.Now != nil || cfg.Links != nil {
		inner := h
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := clock.With(r.Context(), cfg.Now)
			if cfg.Links != nil {
				ctx = links.With(ctx, cfg.Links)
			}
			inner.ServeHTTP(w, r.WithContext(ctx))
		})
	}
	if len(cfg.CORSOrigins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: cfg.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost},
			AllowedHeaders: []string{"Authorization", "Content-Type", "X-Request-Id"},
			// A browser hides response headers from another origin's
			// script unless they are listed here; the request id is
			// what a frontend quotes when it reports an INTERNAL error.
			ExposedHeaders: []string{"X-Request-Id"},
			MaxAge:         600,
		}).Handler(h)
	}
	metricsMux := http.NewServeMux()
	metricsMux.Handle("GET /metrics", metrics)
	return &Handler{Handler: withRequestID(trustedProxies(cfg.TrustedProxies), h), metrics: metricsMux}
}

func readiness(st *store.Store, wh Warehouse, v Verifier) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		body := map[string]any{"store": "ok", "warehouse": map[string]any{"state": "not configured"}, "identity": identityStatus(v)}
		if wh != nil {
			body["warehouse"] = wh.Ready(ctx)
		}
		if err := st.DB.PingContext(ctx); err != nil {
			body["store"] = "unreachable"
			writeJSON(w, http.StatusServiceUnavailable, body)
			return
		}
		writeJSON(w, http.StatusOK, body)
	}
}
