package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/server/graphiql"
)

// TestCORSExposesRequestID: a frontend on another origin passes the
// preflight with its token and JSON, and its script may read the
// X-Request-Id of the answer (quoted when it reports an INTERNAL error).
func TestCORSExposesRequestID(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	const origin = "http://localhost:5173"
	srv := httptest.NewServer(server.New(e.store, e.signer, server.Config{CORSOrigins: []string{origin}, FilesDir: t.TempDir()}))
	defer srv.Close()

	pre, _ := http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
	pre.Header.Set("Origin", origin)
	pre.Header.Set("Access-Control-Request-Method", "POST")
	pre.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	res, err := http.DefaultClient.Do(pre)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 || res.Header.Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(strings.ToLower(res.Header.Get("Access-Control-Allow-Headers")), "authorization") ||
		!strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Fatalf("preflight: HTTP %d, %v", res.StatusCode, res.Header)
	}

	tok := e.token(t, "admin", "HCM", access.CityAdmin)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query":"{ viewer { sub } }"}`))
	req.Header.Set("Origin", origin)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Contains(b, []byte(`"sub":"admin"`)) {
		t.Fatalf("HTTP %d %s", res.StatusCode, b)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != origin {
		t.Errorf("Access-Control-Allow-Origin %q", res.Header.Get("Access-Control-Allow-Origin"))
	}
	if exposed := res.Header.Get("Access-Control-Expose-Headers"); !strings.EqualFold(exposed, "X-Request-Id") {
		t.Errorf("Access-Control-Expose-Headers %q", exposed)
	}
	if len(res.Header.Get("X-Request-Id")) != 16 {
		t.Errorf("X-Request-Id %q", res.Header.Get("X-Request-Id"))
	}

	// Another origin is told nothing.
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query":"{ viewer { sub } }"}`))
	req.Header.Set("Origin", "https://evil.example.com")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Access-Control-Allow-Origin") != "" || res.Header.Get("Access-Control-Expose-Headers") != "" {
		t.Errorf("another origin: %v", res.Header)
	}
}

// assetSHA256 pins the npm files served (scripts/graphiql-assets.sh): the
// bytes gqlgen's playground loaded from its CDN before.
var assetSHA256 = map[string]string{
	"graphiql.min.js":             "hnImuor1znlJkD/FOTL3jayfS/xsyNoP04abi8bFJWs=",
	"graphiql.min.css":            "MEh+B2NdMSpj9kexQNN3QKc8UzMrCXW/Sx/phcpuyIU=",
	"react.production.min.js":     "S0lp+k7zWUMk2ixteM6HZvu8L9Eh//OVrt+ZfbCpmgY=",
	"react-dom.production.min.js": "IXWO0ITNDjfnNXIu5POVfqlgYoop36bDzhodR6LW5Pc=",
}

// TestGraphiQLServedFromItsOwnOrigin: the development page names only
// paths of this server, each of which answers with its script or style,
// cacheable for a year and gzipped; the page's CSP allows this origin
// alone; the development token is prefilled; without --dev none of it is
// served.
func TestGraphiQLServedFromItsOwnOrigin(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	dev := e.serve(t, server.Config{Dev: true, DevToken: "dev-token-xyz", FilesDir: t.TempDir()})
	page := fetch(t, http.MethodGet, dev.srv.URL+"/", "", "gzip", nil)
	if page.status != http.StatusOK || !strings.HasPrefix(page.ctype, "text/html") {
		t.Fatalf("GET /: HTTP %d, %s", page.status, page.ctype)
	}
	body := page.body
	if page.encoding == "gzip" {
		body = gunzip(t, body)
	}
	csp := page.header.Get("Content-Security-Policy")
	nonce := checkPolicy(t, csp)
	if again := fetch(t, http.MethodGet, dev.srv.URL+"/", "", "", nil); checkPolicy(t, again.header.Get("Content-Security-Policy")) == nonce {
		t.Error("the style nonce is the same on two requests")
	}
	if cc := page.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("the page holds the token; Cache-Control %q", cc)
	}

	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	var headers string
	inlineScript := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "src", "href", "action", "formaction", "poster", "data", "srcset":
					refs = append(refs, a.Val)
				case "style":
					t.Errorf("<%s style=…>: refused by the CSP", n.Data)
				case "data-headers":
					headers = a.Val
				case "data-style-nonce":
					if a.Val != nonce {
						t.Errorf("data-style-nonce %q, the CSP's %q", a.Val, nonce)
					}
				}
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s %s=…>: an inline handler, refused by the CSP", n.Data, a.Key)
				}
			}
			if (n.Data == "script" || n.Data == "style") && n.FirstChild != nil {
				inlineScript = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if inlineScript {
		t.Error("the page has an inline script or style, which the CSP refuses")
	}
	if !strings.Contains(headers, `"Authorization": "Bearer dev-token-xyz"`) {
		t.Errorf("prefilled headers %q", headers)
	}
	if len(refs) != 6 {
		t.Errorf("the page references %d files: %v", len(refs), refs)
	}
	seen := map[string]bool{}
	for _, ref := range refs {
		u, err := url.Parse(ref)
		if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, graphiql.Prefix) {
			t.Errorf("%q is not a path of this server", ref)
			continue
		}
		name := ref[strings.LastIndex(ref, "/")+1:]
		seen[name] = true
		for _, accept := range []string{"gzip", ""} {
			a := fetch(t, http.MethodGet, dev.srv.URL+ref, "", accept, nil)
			wantType := "text/javascript"
			if strings.HasSuffix(name, ".css") {
				wantType = "text/css"
			}
			if a.status != http.StatusOK || !strings.HasPrefix(a.ctype, wantType) {
				t.Errorf("%s: HTTP %d, %s", ref, a.status, a.ctype)
				continue
			}
			if cc := a.header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
				t.Errorf("%s: Cache-Control %q", ref, cc)
			}
			b := a.body
			if a.encoding == "gzip" {
				b = gunzip(t, b)
			}
			if want := accept == "gzip" && len(b) >= 1024; (a.encoding == "gzip") != want {
				t.Errorf("%s of %d bytes (Accept-Encoding %q): Content-Encoding %q", ref, len(b), accept, a.encoding)
			}
			if want, ok := assetSHA256[name]; ok {
				sum := sha256.Sum256(b)
				if got := base64.StdEncoding.EncodeToString(sum[:]); got != want {
					t.Errorf("%s: sha256 %s, pinned %s", name, got, want)
				}
			}
			if strings.HasSuffix(name, ".css") && (bytes.Contains(b, []byte("@import")) || bytes.Contains(b, []byte("url(http")) ||
				bytes.Contains(b, []byte("url(//")) || bytes.Contains(b, []byte(`url("http`))) {
				t.Errorf("%s loads from elsewhere", name)
			}
			if accept == "gzip" {
				t.Logf("%s: %d bytes, %d sent gzipped", name, len(b), a.received)
			}
		}
	}
	for name := range assetSHA256 {
		if !seen[name] {
			t.Errorf("the page does not load %s", name)
		}
	}
	if a := fetch(t, http.MethodGet, dev.srv.URL+graphiql.Prefix+"000000000000/graphiql.min.js", "", "", nil); a.status != http.StatusNotFound {
		t.Errorf("another version: HTTP %d", a.status)
	}

	// Outside --dev: neither the page nor its files.
	for _, p := range append([]string{"/"}, refs...) {
		if a := fetch(t, http.MethodGet, e.srv.URL+p, "", "", nil); a.status != http.StatusNotFound {
			t.Errorf("without --dev, %s: HTTP %d", p, a.status)
		}
	}
}

// checkPolicy holds the GraphiQL page's CSP to this origin: every
// directive allows 'self' or nothing; fonts and images also data: URLs
// (GraphiQL's stylesheet embeds them); styles also one nonce, which it
// returns. No host, scheme, wildcard or 'unsafe-…'.
func checkPolicy(t *testing.T, csp string) string {
	t.Helper()
	nonce := ""
	directives := map[string]bool{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		directives[f[0]] = true
		for _, src := range f[1:] {
			switch {
			case src == "'self'" || src == "'none'":
			case src == "data:" && (f[0] == "img-src" || f[0] == "font-src"):
			case strings.HasPrefix(src, "'nonce-") && f[0] == "style-src" && nonce == "":
				nonce = strings.TrimSuffix(strings.TrimPrefix(src, "'nonce-"), "'")
			default:
				t.Errorf("CSP %s allows %s", f[0], src)
			}
		}
	}
	for _, d := range []string{"default-src", "script-src", "style-src", "connect-src", "base-uri", "frame-ancestors"} {
		if !directives[d] {
			t.Errorf("CSP has no %s: %q", d, csp)
		}
	}
	if len(nonce) < 16 {
		t.Errorf("CSP style nonce %q", nonce)
	}
	return nonce
}
