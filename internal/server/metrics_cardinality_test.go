package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// scraped is one read of /metrics: the text, its families, and its series
// (one per sample line, as Prometheus stores them).
type scraped struct {
	body     string
	families map[string]*dto.MetricFamily
	series   int
}

func scrape(t *testing.T, url string) scraped {
	t.Helper()
	res, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: HTTP %d %s", res.StatusCode, b)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("/metrics does not parse: %v", err)
	}
	s := scraped{body: string(b), families: fams}
	for _, line := range strings.Split(s.body, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			s.series++
		}
	}
	return s
}

// value is the counter, gauge or histogram count of the series with
// exactly these labels; ok is false when there is no such series.
func (s scraped) value(name string, labels map[string]string) (v float64, ok bool) {
	f := s.families[name]
	if f == nil {
		return 0, false
	}
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		if !reflect.DeepEqual(got, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// labelValues are the values a label takes in a family.
func (s scraped) labelValues(name, label string) []string {
	var out []string
	if f := s.families[name]; f != nil {
		for _, m := range f.Metric {
			for _, l := range m.Label {
				if l.GetName() == label {
					out = append(out, l.GetValue())
				}
			}
		}
	}
	return out
}

// TestMetricOperationNamesBounded: one token sending 600 distinct operation
// names, with no allowlist, shows the first 100 by name and the rest as
// "other". The code before let 500 names through, each with a histogram:
// 7,516 series more, 615 KB a scrape.
func TestMetricOperationNamesBounded(t *testing.T) {
	e := sharedEnv(t, "sqlite").serve(t, server.Config{FilesDir: t.TempDir()})
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	before := scrape(t, e.srv.URL)
	for i := range 600 {
		if res := e.do(t, tok, fmt.Sprintf(`query Flood%03d { __typename }`, i), nil); len(res.Errors) > 0 {
			t.Fatalf("%+v", res.Errors)
		}
	}
	after := scrape(t, e.srv.URL)
	names := after.labelValues("thidua_graphql_operations_total", "operation")
	t.Logf("series: %d before, %d after 600 names (%d bytes a scrape); %d operation label values",
		before.series, after.series, len(after.body), len(names))
	if len(names) != 101 {
		t.Errorf("%d operation label values, want 100 names and other", len(names))
	}
	if v, _ := after.value("thidua_graphql_operations_total", map[string]string{"operation": "other", "type": "query"}); v != 500 {
		t.Errorf("other: %v operations, want the 500 past the cap", v)
	}
	// A name is a counter and a histogram: 1 + 11 buckets, +Inf, sum, count.
	if grown := after.series - before.series; grown > 101*15 {
		t.Errorf("600 names added %d series, over %d", grown, 101*15)
	}
}

// TestMetricOperationNamesAllowlisted: with a list of names, or a
// persisted-query allowlist, only those names are labels, from the first
// operation on; documents refused by the allowlist are still counted as
// responses.
func TestMetricOperationNamesAllowlisted(t *testing.T) {
	base := sharedEnv(t, "sqlite")
	tok := base.token(t, "board", "HCM", access.CityAdmin)

	listed := base.serve(t, server.Config{FilesDir: t.TempDir(), MetricsOperations: []string{"Known"}})
	for _, q := range []string{`query Known { __typename }`, `query Unknown { __typename }`, `query Unknown2 { __typename }`} {
		listed.do(t, tok, q, nil)
	}
	s := scrape(t, listed.srv.URL)
	if got := s.labelValues("thidua_graphql_operations_total", "operation"); !sameSet(got, "Known", "other") {
		t.Errorf("with a list of names, labels %v", got)
	}
	if v, _ := s.value("thidua_graphql_operations_total", map[string]string{"operation": "other", "type": "query"}); v != 2 {
		t.Errorf("other: %v", v)
	}

	const registered = `query Registered { __typename } query AlsoRegistered { __typename }`
	sum := sha256.Sum256([]byte(registered))
	lim := graph.DefaultLimits()
	lim.Persisted = map[string]string{hex.EncodeToString(sum[:]): registered}
	persisted := base.serve(t, server.Config{FilesDir: t.TempDir(), Limits: lim})
	body := fmt.Sprintf(`{"query": %q, "operationName": "Registered"}`, registered)
	if res := post(t, persisted.srv.URL, tok, []byte(body)); len(res.Errors) > 0 {
		t.Fatalf("registered document: %+v", res.Errors)
	}
	if res := persisted.do(t, tok, `query Intruder { __typename }`, nil); len(res.Errors) == 0 {
		t.Fatal("a document off the allowlist ran")
	}
	s = scrape(t, persisted.srv.URL)
	if got := s.labelValues("thidua_graphql_operations_total", "operation"); !sameSet(got, "Registered") {
		t.Errorf("with persisted queries, labels %v", got)
	}
	if strings.Contains(s.body, "Intruder") {
		t.Error("a refused document's name is a label")
	}
	if v, _ := s.value("thidua_graphql_responses_total", map[string]string{"type": "none", "code": "VALIDATION"}); v != 1 {
		t.Errorf("the refused document's response: %v, want 1 under type none, code VALIDATION", v)
	}
}

func sameSet(got []string, want ...string) bool {
	m := map[string]bool{}
	for _, g := range got {
		m[g] = true
	}
	if len(m) != len(want) {
		return false
	}
	for _, w := range want {
		if !m[w] {
			return false
		}
	}
	return true
}

// TestMetricOperationNamesParsed: THIDUA_METRICS_OPERATIONS is a list, or
// a file when it holds a "/" or "."; a malformed name is refused.
func TestMetricOperationNamesParsed(t *testing.T) {
	got, err := server.ParseOperationNames(" B, A,,B ")
	if err != nil || !reflect.DeepEqual(got, []string{"A", "B"}) {
		t.Errorf("list: %v %v", got, err)
	}
	file := filepath.Join(t.TempDir(), "ops.txt")
	if err := os.WriteFile(file, []byte("# the frontend's operations\nIdeas, Units # the tree\n\nNominations\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err = server.ParseOperationNames(file)
	if err != nil || !reflect.DeepEqual(got, []string{"Ideas", "Nominations", "Units"}) {
		t.Errorf("file: %v %v", got, err)
	}
	if got, err := server.ParseOperationNames(""); err != nil || len(got) != 0 {
		t.Errorf("empty: %v %v", got, err)
	}
	for _, bad := range []string{"Ideas,9lives", "has-dash", "./missing.txt"} {
		if _, err := server.ParseOperationNames(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
