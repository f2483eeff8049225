package server

import (
	"bufio"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestCompressEdges: the cases the server's routes do not all reach
// today — 204 and 304, a body over a kilobyte flushed in parts (each part
// must reach the client when flushed, not when the handler ends), a body
// with its own Content-Encoding, a ranged answer, and a subscription's
// event stream (never compressed: each event must leave as it is written).
func TestCompressEdges(t *testing.T) {
	big := strings.Repeat(`{"tên":"Phường Cầu Ông Lãnh"},`, 100)
	flushed := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(flushed) }) }
	defer release() // a failed check must not leave the handler waiting
	h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/204":
			w.WriteHeader(http.StatusNoContent)
		case "/304":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotModified)
		case "/events":
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, "data: "+big+"\n\n")
		case "/stream":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = io.WriteString(w, "data: "+big+"\n\n")
			http.NewResponseController(w).Flush()
			<-flushed
			_, _ = io.WriteString(w, "data: end\n\n")
		case "/encoded":
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "br")
			_, _ = io.WriteString(w, big)
		case "/range":
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Range", "bytes 0-1999/5000")
			w.WriteHeader(http.StatusPartialContent)
			_, _ = io.WriteString(w, big[:2000])
		}
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for _, p := range []string{"/204", "/304", "/encoded", "/range", "/events"} {
		res := get(p)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if enc := res.Header.Get("Content-Encoding"); enc == "gzip" {
			t.Errorf("%s: gzipped (%d bytes)", p, len(b))
		}
		if res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Vary %q", p, res.Header.Get("Vary"))
		}
		if (p == "/204" || p == "/304") && len(b) != 0 {
			t.Errorf("%s: a body of %d bytes", p, len(b))
		}
	}

	res := get("/stream")
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("stream: Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	first, err := bufio.NewReader(zr).ReadString('\n')
	if err != nil || first != "data: "+big+"\n" {
		t.Fatalf("the flushed part did not arrive before the handler ended: %q %v", first[:min(len(first), 40)], err)
	}
	release()
}

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json; charset=utf-8":                  true,
		"application/graphql-response+json; charset=utf-8": true,
		"text/html; charset=utf-8":                         true,
		"text/csv; charset=utf-8":                          true,
		"text/javascript; charset=utf-8":                   true,
		"text/css; charset=utf-8":                          true,
		"text/event-stream":                                false,
		"image/svg+xml":                                    true,
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": false,
		"application/zip":          false,
		"application/pdf":          false,
		"image/png":                false,
		"image/jpeg":               false,
		"application/octet-stream": false,
		"":                         false,
		"nonsense/":                false,
	} {
		if got := compressible(ct); got != want {
			t.Errorf("compressible(%q) = %v", ct, got)
		}
	}
}
