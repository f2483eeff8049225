package server_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// relay forwards connections to PostgreSQL until cut.
type relay struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newRelay(t *testing.T, target string) *relay {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &relay{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			r.mu.Lock()
			r.conns = append(r.conns, c, up)
			r.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
	return r
}

// cut closes the listener and every connection: the store is away.
func (r *relay) cut() {
	r.ln.Close()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.conns {
		c.Close()
	}
}

// TestStoreAwayIs503: with the store gone, a GraphQL answer that is only
// STORE_UNAVAILABLE comes with HTTP 503 and Retry-After (docs/api.md), and
// its log line is an ERROR with the code.
func TestStoreAwayIs503(t *testing.T) {
	dbURL := seedtest.URL(t, "postgres")
	u, _ := url.Parse(dbURL)
	r := newRelay(t, u.Host)
	u.Host = r.ln.Addr().String()
	st, err := store.Open(context.Background(), u.String(), store.Options{SkipMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := sharedEnv(t, "sqlite")
	srv := httptest.NewServer(server.New(st, base.signer, server.Config{FilesDir: t.TempDir(), Links: testLinks(t)}))
	defer srv.Close()
	buf := captureLogs(t)
	leader := base.token(t, "leader", "", access.Leader)
	query := func() (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query":"{ units(first: 1) { totalCount } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+leader)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res, string(b)
	}
	if res, body := query(); res.StatusCode != 200 || !strings.Contains(body, "totalCount") {
		t.Fatalf("before the cut: %d %s", res.StatusCode, body)
	}
	r.cut()
	for i := 0; i < 2; i++ { // the first may find a pooled connection dead
		res, body := query()
		if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "STORE_UNAVAILABLE") || res.Header.Get("Retry-After") == "" {
			t.Errorf("query %d after the cut: %d %q %s", i, res.StatusCode, res.Header.Get("Retry-After"), body)
			continue
		}
		line := httpLine(t, buf, res.Header.Get("X-Request-Id"))
		if line["level"] != "ERROR" || line["code"] != "STORE_UNAVAILABLE" {
			t.Errorf("query %d's log line: %v", i, line)
		}
	}
}
