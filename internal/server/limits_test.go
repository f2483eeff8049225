package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestLimits: each limit refuses with VALIDATION and says which limit, its
// maximum and what was asked.
func TestLimits(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	deep := "{ units(first: 1) { edges { node { " + strings.Repeat("children(first: 1) { edges { node { ", 5) + "code" +
		strings.Repeat(" } } }", 5) + " } } } }"
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := 0; i < 31; i++ {
		fmt.Fprintf(&aliases, " a%d: viewer { sub }", i)
	}
	aliases.WriteString(" }")
	// The outside review's 205 bytes: nested edge predicates, each a
	// correlated subquery in the one above (four pairs took 15 s).
	nested := func(pairs int) map[string]any {
		w := map[string]any{"code": "NOPE"}
		for i := 0; i < pairs; i++ {
			w = map[string]any{"hasParentWith": []any{map[string]any{"hasChildrenWith": []any{w}}}}
		}
		return w
	}
	wide := make([]any, graph.MaxFilterNodes+1)
	for i := range wide {
		wide[i] = map[string]any{"code": fmt.Sprint("U", i)}
	}
	filtered := `query($w: UnitWhereInput) { units(first: 0, where: $w) { totalCount } }`
	for _, tc := range []struct {
		name, query, limit string
		vars               map[string]any
	}{
		{"filter edges inline", `query{units(first:0,where:{hasParentWith:[{hasChildrenWith:[{hasParentWith:[{hasChildrenWith:[{code:"NOPE"}]}]}]}]}){totalCount}}`, "filterEdges", nil},
		{"filter edges in variables", filtered, "filterEdges", map[string]any{"w": nested(4)}},
		{"filter nodes", filtered, "filterNodes", map[string]any{"w": map[string]any{"or": wide}}},
		{"depth", deep, "depth", nil},
		{"aliases", aliases.String(), "aliases", nil},
		{"page size", `{ ideas(first: 5000) { totalCount } }`, "pageSize", nil},
		{"rows", `{ units(first: 1000) { edges { node { ideas(first: 1000) { totalCount } } } } }`, "rows", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do(t, tok, tc.query, tc.vars)
			if res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != tc.limit || res.Errors[0].Extensions["max"] == nil {
				t.Fatalf("%q %+v", res.code(), res.Errors)
			}
		})
	}
	t.Run("filters within limits", func(t *testing.T) {
		three := map[string]any{"hasParentWith": []any{map[string]any{"hasChildrenWith": []any{map[string]any{"hasParentWith": []any{map[string]any{"code": "HCM"}}}}}}}
		if res := e.do(t, tok, filtered, map[string]any{"w": three}); res.code() != "" {
			t.Fatalf("three nested edges: %+v", res.Errors)
		}
		if res := e.do(t, tok, filtered, map[string]any{"w": map[string]any{"or": wide[:graph.MaxFilterNodes-1]}}); res.code() != "" {
			t.Fatalf("%d predicates: %+v", graph.MaxFilterNodes, res.Errors)
		}
	})
	t.Run("within limits", func(t *testing.T) {
		ok := "{ units(first: 1) { edges { node { " + strings.Repeat("children(first: 1) { edges { node { ", 2) + "code" +
			strings.Repeat(" } } }", 2) + " } } } }"
		if res := e.do(t, tok, ok, nil); res.code() != "" {
			t.Fatalf("%+v", res.Errors)
		}
	})
	t.Run("body size", func(t *testing.T) {
		big, _ := json.Marshal(map[string]string{"query": "{ viewer { sub } }" + strings.Repeat(" ", server.DefaultMaxBodyBytes)})
		res := post(t, e.srv.URL, tok, big)
		status := res.Status
		if status != http.StatusRequestEntityTooLarge || res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "bodySize" {
			t.Fatalf("HTTP %d %+v", status, res.Errors)
		}
	})
	t.Run("batch", func(t *testing.T) {
		res := post(t, e.srv.URL, tok, []byte(` [{"query": "{ viewer { sub } }"}, {"query": "{ viewer { sub } }"}]`))
		status := res.Status
		if status != http.StatusBadRequest || res.Errors[0].Extensions["limit"] != "batch" {
			t.Fatalf("HTTP %d %+v", status, res.Errors)
		}
	})
}

// TestCORS: an allowed origin gets the CORS headers, another none, and
// credentials are never allowed with a wildcard.
func TestCORS(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	srv := httptest.NewServer(server.New(e.store, e.signer, server.Config{CORSOrigins: []string{"https://thidua.example.vn"}, FilesDir: t.TempDir()}))
	defer srv.Close()
	for _, tc := range []struct {
		origin string
		allow  bool
	}{{"https://thidua.example.vn", true}, {"https://evil.example.com", false}} {
		req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
		req.Header.Set("Origin", tc.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		got := res.Header.Get("Access-Control-Allow-Origin")
		if tc.allow && got != tc.origin || !tc.allow && got != "" {
			t.Errorf("%s: Access-Control-Allow-Origin %q", tc.origin, got)
		}
		if res.Header.Get("Access-Control-Allow-Credentials") == "true" {
			t.Errorf("%s: credentials allowed", tc.origin)
		}
	}
}

// TestOverHTTP: the status codes of the GraphQL-over-HTTP specification.
func TestOverHTTP(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	do := func(method, path, accept, body string) *http.Response {
		req, _ := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	get := "/graphql?query=" + url.QueryEscape("{ viewer { sub } }")
	if res := do(http.MethodGet, get, "", ""); res.StatusCode != 200 {
		t.Errorf("GET query: %d", res.StatusCode)
	}
	mut := "/graphql?query=" + url.QueryEscape(`mutation { createPerson(input: {code: "CBGET1", fullName: "Lê Văn Thử", gender: MALE}) { id } }`)
	if res := do(http.MethodGet, mut, "", ""); res.StatusCode != 405 || res.Header.Get("Allow") != "POST" {
		t.Errorf("GET mutation: %d Allow=%q", res.StatusCode, res.Header.Get("Allow"))
	}
	bad := `{"query": "{ units(first: 1 { totalCount } }"}`
	if res := do(http.MethodPost, "/graphql", "application/json", bad); res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Errorf("parse error as application/json: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if res := do(http.MethodPost, "/graphql", "application/graphql-response+json", bad); res.StatusCode != 400 ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "application/graphql-response+json") {
		t.Errorf("parse error as graphql-response+json: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestConfiguredLimits: introspection off, the persisted-query allowlist,
// and the parser's token limit.
func TestConfiguredLimits(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	const registered = "{ viewer { sub } }"
	dir := t.TempDir()
	file := dir + "/persisted.json"
	if err := os.WriteFile(file, []byte(`["`+registered+`"]`), 0o644); err != nil {
		t.Fatal(err)
	}
	allow, err := graph.LoadPersisted(file)
	if err != nil {
		t.Fatal(err)
	}
	lim := graph.DefaultLimits()
	lim.Introspection, lim.Persisted, lim.ParserTokens = false, allow, 50
	srv := httptest.NewServer(server.New(e.store, e.signer, server.Config{Limits: lim, FilesDir: dir}))
	defer srv.Close()
	send := func(body map[string]any) response {
		b, _ := json.Marshal(body)
		return post(t, srv.URL, tok, b)
	}
	if res := send(map[string]any{"query": registered}); res.code() != "" {
		t.Errorf("registered document: %+v", res.Errors)
	}
	sum := sha256.Sum256([]byte(registered))
	if res := send(map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}}); res.code() != "" {
		t.Errorf("registered document by hash: %+v", res.Errors)
	}
	if res := send(map[string]any{"query": "{ units(first: 1) { totalCount } }"}); res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "persistedQueries" {
		t.Errorf("unregistered document: %+v", res.Errors)
	}
	// graphql-codegen's client preset: a file keyed "sha256:HEX", and
	// requests naming the document by {"documentId": "sha256:HEX"}.
	id := "sha256:" + hex.EncodeToString(sum[:])
	codegen := dir + "/persisted-documents.json"
	if err := os.WriteFile(codegen, []byte(`{"`+id+`": "`+registered+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if byID, err := graph.LoadPersisted(codegen); err != nil || byID[hex.EncodeToString(sum[:])] != registered {
		t.Fatalf("codegen's persisted documents: %v %v", byID, err)
	}
	if res := send(map[string]any{"documentId": id}); res.code() != "" || !strings.Contains(string(res.Data), `"board"`) {
		t.Errorf("registered document by documentId: %s %+v", res.Data, res.Errors)
	}
	if res := send(map[string]any{"documentId": "sha256:" + strings.Repeat("0", 64)}); res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "persistedQueries" {
		t.Errorf("an unknown documentId: %+v", res.Errors)
	}
	// Introspection and the token limit, without the allowlist.
	lim.Persisted = nil
	srv2 := httptest.NewServer(server.New(e.store, e.signer, server.Config{Limits: lim, FilesDir: dir}))
	defer srv2.Close()
	srv = srv2
	if res := send(map[string]any{"query": "{ __schema { queryType { name } } }"}); len(res.Errors) == 0 {
		t.Error("introspection answered while switched off")
	}
	if res := send(map[string]any{"query": "{ units(first: 1) { edges { node { " + strings.Repeat("code name type path ", 15) + "} } } }"}); len(res.Errors) == 0 ||
		!strings.Contains(res.Errors[0].Message, "token") {
		t.Errorf("over the token limit: %+v", res.Errors)
	}
}

// TestRequestTimeout: a request past its time gets TIMEOUT, not a hang.
// The token's unit is read first with time to spare, so that the timed-out
// request finds it in the cache (store.UnitScopes) and reaches the query
// itself: the timeout must hold there too, not only in the unit's lookup.
func TestRequestTimeout(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	body, _ := json.Marshal(map[string]string{"query": "{ units(first: 1) { totalCount } }"})
	warm := httptest.NewServer(server.New(e.store, e.signer, server.Config{FilesDir: t.TempDir()}))
	defer warm.Close()
	if out := post(t, warm.URL, tok, body); len(out.Errors) != 0 {
		t.Fatalf("warming the unit's cache: %+v", out.Errors)
	}
	srv := httptest.NewServer(server.New(e.store, e.signer, server.Config{RequestTimeout: time.Nanosecond, FilesDir: t.TempDir()}))
	defer srv.Close()
	out := post(t, srv.URL, tok, body)
	if out.code() != "TIMEOUT" {
		t.Fatalf("HTTP %d %+v %s", out.Status, out.Errors, out.Data)
	}
}
