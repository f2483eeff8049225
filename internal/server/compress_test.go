package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// ideasPage is a frontend's page of 50 ideas with their unit and
// proposers (internal/apibench's request), the answer docs/api.md
// measures compressed and not.
const ideasPage = `query IdeasPage($n: Int!, $path: String!) {
  ideas(first: $n, where: {hasUnitWith: {pathHasPrefix: $path}}, orderBy: {field: PROPOSED_ON, direction: DESC}) {
    totalCount
    edges { node { id code title status proposedOn unit { code name } proposers { edges { node { code fullName } } } } }
  }
}`

// rawClient neither asks for gzip nor undoes it, so the test sees the
// bytes on the wire and chooses Accept-Encoding itself.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

type wire struct {
	status                  int
	header                  http.Header
	body                    []byte // as sent
	encoding, vary, ctype   string
	contentLength, received int
}

func fetch(t *testing.T, method, url, tok, acceptEncoding string, body []byte) wire {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, _ := http.NewRequest(method, url, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	res, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return wire{status: res.StatusCode, header: res.Header, body: b, encoding: res.Header.Get("Content-Encoding"),
		vary: strings.Join(res.Header.Values("Vary"), ", "), ctype: res.Header.Get("Content-Type"),
		contentLength: int(res.ContentLength), received: len(b)}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip stream: %v", err)
	}
	return out
}

// TestCompressionNegotiated: the page of 50 ideas is gzipped for a client
// that accepts gzip, by its q-value, and sent as is to one that does not
// or refuses it with q=0; every answer varies on Accept-Encoding; the
// gzipped answer is the same JSON.
func TestCompressionNegotiated(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "admin", "HCM", access.CityAdmin)
	body, _ := json.Marshal(map[string]any{"query": ideasPage, "variables": map[string]any{"n": 50, "path": "/HCM/"}})
	plain := fetch(t, http.MethodPost, e.srv.URL+"/graphql", tok, "", body)
	if plain.status != http.StatusOK || plain.encoding != "" {
		t.Fatalf("without Accept-Encoding: HTTP %d, Content-Encoding %q", plain.status, plain.encoding)
	}
	var page struct {
		Data struct {
			Ideas struct {
				Edges []json.RawMessage `json:"edges"`
			} `json:"ideas"`
		} `json:"data"`
	}
	if err := json.Unmarshal(plain.body, &page); err != nil || len(page.Data.Ideas.Edges) != 50 {
		t.Fatalf("the page has %d ideas (%v): %.300s", len(page.Data.Ideas.Edges), err, plain.body)
	}
	for _, tc := range []struct {
		accept string
		gzip   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br, zstd", true}, // a browser's
		{"br;q=1.0, gzip;q=0.5", true},
		{"GZip;Q=0.001", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000, identity", false},
		{"identity", false},
		{"deflate, br", false},
		{"x-gzip", false},
	} {
		got := fetch(t, http.MethodPost, e.srv.URL+"/graphql", tok, tc.accept, body)
		if !strings.Contains(got.vary, "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q", tc.accept, got.vary)
		}
		if !tc.gzip {
			if got.encoding != "" || !bytes.Equal(got.body, plain.body) {
				t.Errorf("Accept-Encoding %q: Content-Encoding %q, %d bytes, want the plain %d", tc.accept, got.encoding, got.received, len(plain.body))
			}
			continue
		}
		if got.encoding != "gzip" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q", tc.accept, got.encoding)
			continue
		}
		if got.contentLength >= 0 && got.contentLength != got.received {
			t.Errorf("Accept-Encoding %q: Content-Length %d for %d bytes sent", tc.accept, got.contentLength, got.received)
		}
		if !bytes.Equal(gunzip(t, got.body), plain.body) {
			t.Errorf("Accept-Encoding %q: the gzipped answer is not the plain one", tc.accept)
		}
		if got.received*4 > len(plain.body) {
			t.Errorf("Accept-Encoding %q: %d bytes gzipped of %d", tc.accept, got.received, len(plain.body))
		}
		if !strings.HasPrefix(got.ctype, "application/json") {
			t.Errorf("Accept-Encoding %q: Content-Type %q", tc.accept, got.ctype)
		}
	}
	gz := fetch(t, http.MethodPost, e.srv.URL+"/graphql", tok, "gzip", body)
	t.Logf("page of 50 ideas: %d bytes, %d gzipped", len(plain.body), gz.received)
}

// TestCompressionSkips: small answers, workbooks and HEAD requests are
// sent as they are (with Vary still said), CSV is compressed.
func TestCompressionSkips(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "admin", "HCM", access.CityAdmin)
	health := fetch(t, http.MethodGet, e.srv.URL+"/healthz", "", "gzip", nil)
	if health.encoding != "" || !strings.Contains(health.vary, "Accept-Encoding") || health.received >= 1024 {
		t.Errorf("/healthz: Content-Encoding %q, Vary %q, %d bytes", health.encoding, health.vary, health.received)
	}
	plainXLSX := fetch(t, http.MethodGet, e.srv.URL+"/import/templates/ideas.xlsx", tok, "", nil)
	xlsx := fetch(t, http.MethodGet, e.srv.URL+"/import/templates/ideas.xlsx", tok, "gzip", nil)
	if xlsx.status != http.StatusOK || xlsx.encoding != "" || xlsx.received < 1024 || xlsx.contentLength != xlsx.received ||
		!strings.HasPrefix(string(xlsx.body), "PK") || len(plainXLSX.body) != len(xlsx.body) {
		t.Errorf("XLSX: HTTP %d, Content-Encoding %q, %d bytes (Content-Length %d)", xlsx.status, xlsx.encoding, xlsx.received, xlsx.contentLength)
	}
	for _, accept := range []string{"gzip", ""} {
		head := fetch(t, http.MethodHead, e.srv.URL+"/import/templates/ideas.xlsx", tok, accept, nil)
		if head.encoding != "" || head.received != 0 {
			t.Errorf("HEAD (Accept-Encoding %q): Content-Encoding %q, %d bytes", accept, head.encoding, head.received)
		}
	}
	csv := fetch(t, http.MethodGet, e.srv.URL+"/import/templates/ideas.csv", tok, "gzip", nil)
	plainCSV := fetch(t, http.MethodGet, e.srv.URL+"/import/templates/ideas.csv", tok, "", nil)
	if len(plainCSV.body) >= 1024 && csv.encoding != "gzip" || len(plainCSV.body) < 1024 && csv.encoding != "" {
		t.Errorf("CSV of %d bytes: Content-Encoding %q", len(plainCSV.body), csv.encoding)
	}
}
