package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestIntrospectionAndSuggestionsOff: by default the schema is not
// published, neither by introspection nor by validation errors that
// suggest names ("Did you mean …"); Limits.Introspection (--introspection,
// on with --dev) turns both on.
func TestIntrospectionAndSuggestionsOff(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	typos := []string{
		`{ unitz(first: 1) { totalCount } }`,
		`{ units(firts: 1) { totalCount } }`,
		`{ units(first: 1, where: {typ: CITY}) { totalCount } }`,
		`{ units(first: 1, where: {type: CTY}) { totalCount } }`,
		`query($w: UnitWhereInpt) { units(first: 1, where: $w) { totalCount } }`,
		`{ units(first: 1) { edges { node { parent } } } }`,
		`{ units(first: 1) { edges { node { ... on Uni { code } } } } }`,
	}
	introspect := []string{`{ __schema { queryType { name } } }`, `{ __type(name: "Unit") { fields { name } } }`}
	for _, q := range introspect {
		if res := e.do(t, tok, q, nil); len(res.Errors) == 0 || strings.Contains(string(res.Data), `"name"`) {
			t.Errorf("%s answered: %s", q, res.Data)
		}
	}
	for _, q := range typos {
		res := e.do(t, tok, q, nil)
		if len(res.Errors) == 0 {
			t.Fatalf("%s: no error", q)
		}
		for _, er := range res.Errors {
			if strings.Contains(er.Message, "Did you mean") {
				t.Errorf("%s: %q", q, er.Message)
			}
		}
	}
	lim := graph.DefaultLimits()
	lim.Introspection = true
	open := e.serve(t, server.Config{Limits: lim, FilesDir: t.TempDir()})
	for _, q := range introspect {
		if res := open.do(t, tok, q, nil); len(res.Errors) > 0 {
			t.Errorf("with introspection on, %s: %+v", q, res.Errors)
		}
	}
	if res := open.do(t, tok, typos[0], nil); len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, "Did you mean") {
		t.Errorf("with introspection on, no suggestion: %+v", res.Errors)
	}
}

// TestClientRequestIDKeptApart: the audit log and the response carry the
// server's own request id, whatever X-Request-Id the client sends; the
// client's id is logged beside it, cut and cleaned.
func TestClientRequestIDKeptApart(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	logs := captureLogs(t)
	forged := "trace-42 {\"level\":\"ERROR\",\"msg\":\"forged\"}" + strings.Repeat("x", 200)
	body, _ := json.Marshal(map[string]any{"query": `mutation { createPerson(input: {code: "CBREQID1", fullName: "Đỗ Thị Mã Yêu Cầu", gender: FEMALE}) { id } }`})
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("X-Request-Id", forged)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	ours := res.Header.Get("X-Request-Id")
	if ours == "" || strings.Contains(ours, "trace") {
		t.Fatalf("X-Request-Id %q", ours)
	}
	var got struct {
		Ours, Theirs struct{ TotalCount int }
	}
	e.do(t, tok, `query($id: String!) { ours: auditEvents(where: {entityType: "Person", requestID: $id}) { totalCount }
	  theirs: auditEvents(where: {requestIDHasPrefix: "trace"}) { totalCount } }`, map[string]any{"id": ours}).decode(t, &got)
	if got.Ours.TotalCount != 1 || got.Theirs.TotalCount != 0 {
		t.Fatalf("audit rows by the server's id %d, by the client's %d", got.Ours.TotalCount, got.Theirs.TotalCount)
	}
	line := ""
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, `"request_id":"`+ours+`"`) && strings.Contains(l, `"msg":"http"`) {
			line = l
		}
	}
	kept := "trace-42level:ERRORmsg:forged"
	want := `"client_request_id":"` + kept + strings.Repeat("x", 64-len(kept)) + `"`
	if !strings.Contains(line, want) || strings.Count(logs.String(), "forged") != 1 {
		t.Fatalf("log line %q, want %s", line, want)
	}
}

// TestMetricsExposure: behind a token, /metrics answers only to it;
// apart, it is not on the API's handler but on its own.
func TestMetricsExposure(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	get := func(url, tok string) int {
		req, _ := http.NewRequest(http.MethodGet, url+"/metrics", nil)
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusOK && !strings.Contains(string(b), "go_goroutines") {
			t.Errorf("%s/metrics: 200 without the metrics", url)
		}
		return res.StatusCode
	}
	const token = "metrics-token-metrics-token-0123456789"
	guarded := e.serve(t, server.Config{MetricsToken: token, FilesDir: t.TempDir()})
	if a, b, c := get(guarded.srv.URL, ""), get(guarded.srv.URL, "wrong"), get(guarded.srv.URL, token); a != 401 || b != 401 || c != 200 {
		t.Errorf("behind a token: none %d, wrong %d, right %d", a, b, c)
	}
	h := server.New(e.store, e.signer, server.Config{MetricsApart: true, MetricsToken: token, FilesDir: t.TempDir()})
	api, metrics := httptest.NewServer(h), httptest.NewServer(h.Metrics())
	defer api.Close()
	defer metrics.Close()
	if a, b, c := get(api.URL, token), get(metrics.URL, ""), get(metrics.URL, token); a == 200 || b != 401 || c != 200 {
		t.Errorf("apart: on the API %d, apart without the token %d, with it %d", a, b, c)
	}
}

// TestLogsBounded: a malformed body of 900 kB leaves no line longer than
// a few hundred bytes.
func TestLogsBounded(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	logs := captureLogs(t)
	body := `{"query": "{ viewer { sub } }", "variables": {"x": "` + strings.Repeat("bí mật ", 90_000)
	post(t, e.srv.URL, tok, []byte(body))
	if n := len(logs.String()); n > 2048 || strings.Contains(logs.String(), "bí mật") {
		t.Fatalf("%d bytes of log: %.300s", n, logs.String())
	}
}
