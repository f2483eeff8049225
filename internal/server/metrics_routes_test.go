package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// metricRoutes are the API's routes as their metrics name them, with a path of
// each to request.
var metricRoutes = map[string]string{
	"/graphql":          "/graphql",
	"/files/dossier":    "/files/dossier/987654321",
	"/reports/interim":  "/reports/interim/987654321.xlsx",
	"/reports/final":    "/reports/final/987654321.xlsx",
	"/import/templates": "/import/templates/987654321.xlsx",
	"/import/reports":   "/import/reports/987654321.xlsx",
	"/healthz":          "/healthz",
	"/readyz":           "/readyz",
}

// TestMetricRoutesFromStart: before any request, every route has its
// latency histogram and its common statuses at 0, and every GraphQL code
// its response and error counters at 0, so rate() and the alert rules
// see a series from the first scrape.
func TestMetricRoutesFromStart(t *testing.T) {
	e := sharedEnv(t, "sqlite").serve(t, server.Config{FilesDir: t.TempDir()})
	s := scrape(t, e.srv.URL)
	for route := range metricRoutes {
		if v, ok := s.value("thidua_http_request_duration_seconds", map[string]string{"route": route}); !ok || v != 0 {
			t.Errorf("latency of %s: %v %v", route, v, ok)
		}
		for _, status := range []string{"200", "401", "404", "500", "503"} {
			if v, ok := s.value("thidua_http_responses_total", map[string]string{"route": route, "status": status}); !ok || v != 0 {
				t.Errorf("%s %s: %v %v", route, status, v, ok)
			}
		}
	}
	codes := []string{"ok", "UNKNOWN", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"}
	for _, c := range problem.Codes {
		codes = append(codes, string(c))
	}
	for _, code := range codes {
		for _, kind := range []string{"query", "mutation", "subscription", "none"} {
			if v, ok := s.value("thidua_graphql_responses_total", map[string]string{"type": kind, "code": code}); !ok || v != 0 {
				t.Errorf("responses %s %s: %v %v", kind, code, v, ok)
			}
		}
		if _, ok := s.value("thidua_graphql_errors_total", map[string]string{"code": code}); !ok && code != "ok" {
			t.Errorf("errors %s absent", code)
		}
	}
	t.Logf("a fresh server's scrape: %d series, %d bytes", s.series, len(s.body))
}

// TestMetricRouteLatency: a request to every route is timed under the
// route its pattern names; the id in the path is no label.
func TestMetricRouteLatency(t *testing.T) {
	e := sharedEnv(t, "sqlite").serve(t, server.Config{FilesDir: t.TempDir()})
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	for route, path := range metricRoutes {
		if route == "/graphql" {
			e.do(t, tok, `{ __typename }`, nil)
			continue
		}
		res, _ := e.get(t, path, tok)
		t.Logf("%s: HTTP %d", path, res.StatusCode)
	}
	s := scrape(t, e.srv.URL)
	for route := range metricRoutes {
		if v, _ := s.value("thidua_http_request_duration_seconds", map[string]string{"route": route}); v != 1 {
			t.Errorf("latency of %s: %v observations, want 1", route, v)
		}
	}
	if strings.Contains(s.body, "987654321") {
		t.Error("a path's id is in a label")
	}
	if got := s.labelValues("thidua_http_responses_total", "route"); !sameSet(got, routeNames(metricRoutes)...) {
		t.Errorf("routes of thidua_http_responses_total: %v", got)
	}
}

func routeNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestMetricResponsesPerResponse: a response counts once in
// thidua_graphql_responses_total, under its first error's code (ok without
// one), while thidua_graphql_errors_total counts every error; a document
// that does not parse counts as type none.
func TestMetricResponsesPerResponse(t *testing.T) {
	e := sharedEnv(t, "sqlite").serve(t, server.Config{FilesDir: t.TempDir()})
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	e.do(t, tok, `{ __typename }`, nil)
	two := e.do(t, tok, `{ a: node(id: "abc") { id } b: node(id: "def") { id } }`, nil)
	if len(two.Errors) != 2 {
		t.Fatalf("want two errors: %+v", two.Errors)
	}
	broken := e.do(t, tok, `{ units(`, nil)
	s := scrape(t, e.srv.URL)
	answers := func(kind, code string) float64 {
		v, _ := s.value("thidua_graphql_responses_total", map[string]string{"type": kind, "code": code})
		return v
	}
	if v := answers("query", "ok"); v != 1 {
		t.Errorf("ok queries: %v", v)
	}
	if v := answers("query", two.code()); v != 1 {
		t.Errorf("queries answered %s: %v, want 1 (one response, two errors)", two.code(), v)
	}
	if v, _ := s.value("thidua_graphql_errors_total", map[string]string{"code": two.code()}); v != 2 {
		t.Errorf("errors %s: %v, want 2", two.code(), v)
	}
	if broken.code() != "GRAPHQL_PARSE_FAILED" || answers("none", "GRAPHQL_PARSE_FAILED") != 1 {
		t.Errorf("unparsable document: %s, counted %v", broken.code(), answers("none", "GRAPHQL_PARSE_FAILED"))
	}
}

// TestMetricStreamsNotTimed: a subscription's stream is counted as a
// response of /graphql but not timed: it lasts as long as its client.
func TestMetricStreamsNotTimed(t *testing.T) {
	e := sharedEnv(t, "sqlite").serve(t, server.Config{FilesDir: t.TempDir()})
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	sub := e.subscribe(t, tok, ideaEventSub, nil)
	if sub.status != 200 || len(sub.events) > 0 {
		t.Fatalf("the stream did not open: HTTP %d, %d events", sub.status, len(sub.events))
	}
	time.Sleep(100 * time.Millisecond)
	sub.cancel()
	sub.ended(t, "cancelled stream", 5*time.Second)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		s := scrape(t, e.srv.URL)
		if v, _ := s.value("thidua_http_responses_total", map[string]string{"route": "/graphql", "status": "200"}); v == 1 {
			if n, _ := s.value("thidua_http_request_duration_seconds", map[string]string{"route": "/graphql"}); n != 0 {
				t.Errorf("the stream was timed: %v observations", n)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the stream's response was not counted")
		}
	}
}
