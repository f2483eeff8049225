package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// captureLogs sends the default logger's lines to a buffer for the test.
func captureLogs(t *testing.T) *lockedBuffer {
	t.Helper()
	buf := &lockedBuffer{}
	prev := slog.Default()
	slog.SetDefault(slog.New(server.LogHandler(slog.NewJSONHandler(buf, nil))))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return buf
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// multipartBody builds a GraphQL multipart request from its parts, in order.
func multipartBody(parts ...[2]string) (string, []byte) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, p := range parts {
		if p[0] == "0" {
			f, _ := w.CreateFormFile("0", "a.pdf")
			_, _ = f.Write([]byte(p[1]))
			continue
		}
		_ = w.WriteField(p[0], p[1])
	}
	_ = w.Close()
	return w.FormDataContentType(), body.Bytes()
}

// TestMalformedRequests: every request the transports cannot read answers
// 400 with a typed code and a Vietnamese message, never a recovered panic
// or an INTERNAL error, and the log says nothing of the body.
func TestMalformedRequests(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	const secret = "NỘI-DUNG-BÍ-MẬT-CỦA-THÂN-YÊU-CẦU"
	upload := `mutation($input: AddDossierDocumentInput!) { addDossierDocument(input: $input) { id } }`
	ops := func(q string, vars string) string {
		return `{"query": ` + quoteJSON(q) + `, "variables": ` + vars + `}`
	}
	type req struct {
		name, method, contentType, query string
		body                             []byte
		status                           int // 400 unless said
	}
	var cases []req
	for name, body := range map[string]string{
		"truncated JSON":         `{"query": "{ viewer { sub } }", "variables": {"x": "` + secret,
		"not JSON":               `query=` + secret,
		"a JSON string":          `"` + secret + `"`,
		"JSON null":              `null`,
		"query not a string":     `{"query": 5, "x": "` + secret + `"}`,
		"variables a string":     `{"query": "{ viewer { sub } }", "variables": "` + secret + `"}`,
		"variables a list":       `{"query": "{ viewer { sub } }", "variables": ["` + secret + `"]}`,
		"extensions a string":    `{"query": "{ viewer { sub } }", "extensions": "` + secret + `"}`,
		"operationName a number": `{"query": "{ viewer { sub } }", "operationName": 5}`,
		"trailing garbage":       `{"query": "{ viewer { sub } }"} ` + secret,
	} {
		cases = append(cases, req{name: name, method: http.MethodPost, contentType: "application/json", body: []byte(body)})
	}
	for name, q := range map[string]string{
		"GET bad escape":         "query=%7B%20viewer%20%7B%20sub%20%7D%20%7D&x=%zz" + url.QueryEscape(secret),
		"GET variables not JSON": "query=" + url.QueryEscape("{ viewer { sub } }") + "&variables=" + url.QueryEscape(secret),
		"GET variables a list":   "query=" + url.QueryEscape("{ viewer { sub } }") + "&variables=" + url.QueryEscape(`["`+secret+`"]`),
		"GET extensions a list":  "query=" + url.QueryEscape("{ viewer { sub } }") + "&extensions=" + url.QueryEscape(`["`+secret+`"]`),
	} {
		cases = append(cases, req{name: name, method: http.MethodGet, query: q})
	}
	uploadOps := ops(upload, `{"input": {"nominationID": "1", "kind": "OTHER", "file": null}}`)
	for name, parts := range map[string][][2]string{
		"multipart without map":         {{"operations", uploadOps}, {"0", "%PDF-1.4"}},
		"multipart without operations":  {{"map", `{"0": ["variables.input.file"]}`}, {"0", "%PDF-1.4"}},
		"multipart operations not JSON": {{"operations", secret}, {"map", `{"0": ["variables.input.file"]}`}, {"0", "%PDF-1.4"}},
		"multipart map not JSON":        {{"operations", uploadOps}, {"map", secret}, {"0", "%PDF-1.4"}},
		"multipart map to no file":      {{"operations", uploadOps}, {"map", `{"1": ["variables.input.file"]}`}, {"0", "%PDF-1.4"}},
		"multipart map to no variable":  {{"operations", uploadOps}, {"map", `{"0": ["variables.nope.file"]}`}, {"0", "%PDF-1.4"}},
		"multipart map outside":         {{"operations", uploadOps}, {"map", `{"0": ["query"]}`}, {"0", "%PDF-1.4"}},
	} {
		ct, body := multipartBody(parts...)
		cases = append(cases, req{name: name, method: http.MethodPost, contentType: ct, body: body})
	}
	cases = append(cases, req{name: "multipart without boundary", method: http.MethodPost, contentType: "multipart/form-data", body: []byte(secret)})
	for _, ct := range []string{"text/plain", "", "application/json; charset"} {
		cases = append(cases, req{name: "content type " + ct, method: http.MethodPost, contentType: ct, body: []byte(secret), status: http.StatusUnsupportedMediaType})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			logs := captureLogs(t)
			r, _ := http.NewRequest(tc.method, e.srv.URL+"/graphql?"+tc.query, bytes.NewReader(tc.body))
			if tc.contentType != "" {
				r.Header.Set("Content-Type", tc.contentType)
			}
			r.Header.Set("Authorization", "Bearer "+tok)
			res, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(res.Body)
			res.Body.Close()
			var out response
			_ = json.Unmarshal(raw, &out)
			want := tc.status
			if want == 0 {
				want = http.StatusBadRequest
			}
			if res.StatusCode != want || len(out.Errors) == 0 {
				t.Fatalf("HTTP %d, want %d: %.300s", res.StatusCode, want, raw)
			}
			code := out.code()
			if code == "" || code == "INTERNAL" {
				t.Errorf("extensions.code %q, want a typed refusal: %.300s", code, raw)
			}
			if !hasVietnamese(out.Errors[0].Message) {
				t.Errorf("message %q is not Vietnamese", out.Errors[0].Message)
			}
			if strings.Contains(string(raw), secret) {
				t.Errorf("the answer quotes the body: %.300s", raw)
			}
			if l := logs.String(); strings.Contains(l, secret) || strings.Contains(l, "panic") || strings.Contains(l, `"level":"ERROR"`) {
				t.Errorf("log: %.500s", l)
			}
		})
	}
}

// TestVariablesThatDoNotCoerce: variables of the wrong type, or arguments
// a scalar refuses, are GraphQL request errors: typed, in Vietnamese, 200
// for application/json and 400 for application/graphql-response+json as
// GraphQL over HTTP asks, never INTERNAL, never a panic, at the root and in
// a nested connection alike (entgql's eager load panicked on a bad cursor).
// A value of the right JSON type that a custom scalar (Cursor, Date, ID)
// refuses is found after gqlgen's validation, inside the operation, and
// answers 200 with data null under both media types, like the limits.
func TestVariablesThatDoNotCoerce(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	const secret = "NỘI-DUNG-BÍ-MẬT-CỦA-BIẾN"
	ops := func(q string, vars string) string {
		return `{"query": ` + quoteJSON(q) + `, "variables": ` + vars + `}`
	}
	nested := `query($c: Cursor) { units(first: 2) { edges { node { children(after: $c) { totalCount } } } } }`
	for name, body := range map[string]string{
		"Int variable an object":     ops(`query($n: Int) { units(first: $n) { totalCount } }`, `{"n": {"x": "`+secret+`"}}`),
		"Int variable a boolean":     ops(`query($n: Int) { units(first: $n) { totalCount } }`, `{"n": true}`),
		"Int variable a fraction":    ops(`query($n: Int) { units(first: $n) { totalCount } }`, `{"n": 1.5}`),
		"Int variable too big":       ops(`query($n: Int) { units(first: $n) { totalCount } }`, `{"n": 1e400}`),
		"ID list an object":          ops(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, `{"ids": {"x": 1}}`),
		"enum variable a list":       ops(`query($t: UnitType) { units(where: {type: $t}) { totalCount } }`, `{"t": [["CITY"]]}`),
		"input object a string":      ops(`query($w: UnitWhereInput) { units(where: $w) { totalCount } }`, `{"w": "`+secret+`"}`),
		"cursor a number":            ops(`query($c: Cursor) { units(after: $c) { totalCount } }`, `{"c": 5}`),
		"cursor not a cursor":        ops(`query($c: Cursor) { units(after: $c) { totalCount } }`, `{"c": "`+secret+`"}`),
		"date an object":             ops(`query($d: Date!) { unitsOn(date: $d) { totalCount } }`, `{"d": {"x": 1}}`),
		"date not a date":            ops(`query($d: Date!) { unitsOn(date: $d) { totalCount } }`, `{"d": "`+secret+`"}`),
		"nested cursor not a cursor": ops(nested, `{"c": "`+secret+`"}`),
		"nested cursor a number":     ops(nested, `{"c": 7}`),
		"nodes ids not ids":          ops(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, `{"ids": ["`+secret+`"]}`),
	} {
		for _, accept := range []string{"application/json", "application/graphql-response+json"} {
			t.Run(name+" "+accept, func(t *testing.T) {
				logs := captureLogs(t)
				r, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Accept", accept)
				r.Header.Set("Authorization", "Bearer "+tok)
				res, err := http.DefaultClient.Do(r)
				if err != nil {
					t.Fatal(err)
				}
				raw, _ := io.ReadAll(res.Body)
				res.Body.Close()
				var out response
				_ = json.Unmarshal(raw, &out)
				want := http.StatusOK
				if accept != "application/json" && !scalarRefuses(name) {
					want = http.StatusBadRequest
				}
				if res.StatusCode != want || len(out.Errors) == 0 {
					t.Fatalf("HTTP %d, want %d: %.300s", res.StatusCode, want, raw)
				}
				if c := out.code(); c != "VALIDATION" && c != "GRAPHQL_VALIDATION_FAILED" {
					t.Errorf("extensions.code %q: %.300s", c, raw)
				}
				if !hasVietnamese(out.Errors[0].Message) {
					t.Errorf("message %q is not Vietnamese", out.Errors[0].Message)
				}
				if l := logs.String(); strings.Contains(l, secret) || strings.Contains(l, "panic") || strings.Contains(l, `"level":"ERROR"`) {
					t.Errorf("log: %.500s", l)
				}
			})
		}
	}
}

func scalarRefuses(name string) bool {
	return strings.Contains(name, "cursor") || strings.Contains(name, "date") || strings.Contains(name, "nodes")
}

func quoteJSON(s string) string { b, _ := json.Marshal(s); return string(b) }
