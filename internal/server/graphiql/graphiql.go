// Package graphiql serves GraphiQL from the binary itself: the page, its
// start script and the npm builds of GraphiQL and React it runs on
// (assets/, reproduced by scripts/graphiql-assets.sh). Nothing is loaded
// from another origin, so it works on an intranet with no way out, and
// its Content-Security-Policy can allow this origin alone.
package graphiql

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"time"
)

//go:embed assets/*.js assets/*.css start.js page.css
var files embed.FS

// policy is the page's Content-Security-Policy: scripts, styles and
// requests from this origin only. GraphiQL's stylesheet carries its fonts
// and two icons inline as data: URLs, which is why fonts and images also
// take data: (a data: URL fetches nothing). Its dialogs lock the page's
// scroll with a style element they write at run time; the page's nonce,
// new on every request, lets that element in and no other inline style.
func policy(nonce string) string {
	return "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-" + nonce + "'; connect-src 'self'; " +
		"img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// Prefix is where the assets are served; the version after it changes
// whenever any asset does, so that a year's caching never serves a stale
// one.
const Prefix = "/graphiql/"

// scripts are in the order the page loads them: GraphiQL's UMD build reads
// React and ReactDOM from globals, and start.js all three.
var scripts = []string{"react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "start.js"}
var styles = []string{"graphiql.min.css", "page.css"}

// contentTypes are the assets' types, fixed here rather than read from
// the host's mime.types, which may say otherwise.
var contentTypes = map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

// Handler serves the page at / and its assets under Prefix.
type Handler struct {
	version string
	assets  map[string][]byte
	data    pageData
}

type pageData struct {
	Title, Endpoint, Headers, Nonce string
	Scripts, Styles                 []string
}

var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
{{range .Styles}}<link rel="stylesheet" href="{{.}}">
{{end}}</head>
<body>
<div id="graphiql" data-endpoint="{{.Endpoint}}" data-headers="{{.Headers}}" data-style-nonce="{{.Nonce}}"><div class="loading">Đang tải GraphiQL…</div></div>
<noscript>GraphiQL cần JavaScript.</noscript>
{{range .Scripts}}<script src="{{.}}"></script>
{{end}}</body>
</html>
`))

// New prepares the page for endpoint, with headers prefilled in
// GraphiQL's header editor (the development token).
func New(title, endpoint string, headers map[string]string) (*Handler, error) {
	h := &Handler{assets: map[string][]byte{}}
	sum := sha256.New()
	names := append(append([]string{}, scripts...), styles...)
	sort.Strings(names)
	for _, name := range names {
		b, err := fs.ReadFile(files, source(name))
		if err != nil {
			return nil, err
		}
		h.assets[name] = b
		sum.Write([]byte(name))
		sum.Write(b)
	}
	h.version = hex.EncodeToString(sum.Sum(nil))[:12]
	prefilled := ""
	if len(headers) > 0 {
		b, err := json.MarshalIndent(headers, "", "  ")
		if err != nil {
			return nil, err
		}
		prefilled = string(b)
	}
	h.data = pageData{Title: title, Endpoint: endpoint, Headers: prefilled}
	for _, s := range scripts {
		h.data.Scripts = append(h.data.Scripts, h.URL(s))
	}
	for _, s := range styles {
		h.data.Styles = append(h.data.Styles, h.URL(s))
	}
	// Fail now, not on a request, if the page does not render.
	if err := page.Execute(io.Discard, h.data); err != nil {
		return nil, err
	}
	return h, nil
}

// source is an asset's path in files: ours beside this file, npm's in
// assets/.
func source(name string) string {
	if name == "start.js" || name == "page.css" {
		return name
	}
	return path.Join("assets", name)
}

// URL is the same-origin path an asset is served at.
func (h *Handler) URL(name string) string { return Prefix + h.version + "/" + name }

// Page serves the GraphiQL page. It holds the development token, so no
// cache keeps it.
func (h *Handler) Page(w http.ResponseWriter, _ *http.Request) {
	n := make([]byte, 16)
	_, _ = rand.Read(n)
	data := h.data
	data.Nonce = base64.StdEncoding.EncodeToString(n)
	var b bytes.Buffer
	if err := page.Execute(&b, data); err != nil {
		http.Error(w, "Không dựng được trang GraphiQL.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", policy(data.Nonce))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	_, _ = b.WriteTo(w)
}

// Asset serves GET Prefix{version}/{file}. An asset's URL names its
// version, so browsers may keep it a year without asking again; another
// version is 404, never today's bytes under yesterday's name.
func (h *Handler) Asset(w http.ResponseWriter, r *http.Request) {
	b, ok := h.assets[r.PathValue("file")]
	if !ok || r.PathValue("version") != h.version {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", contentTypes[path.Ext(r.PathValue("file"))])
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}
