package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestMetrics: /metrics counts operations by name and errors by code.
func TestMetrics(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	e.do(t, tok, `query DistrictsForMetrics { units(first: 1) { totalCount } }`, nil)
	e.do(t, tok, `{ node(id: "abc") { id } }`, nil)
	res, err := http.Get(e.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{
		`thidua_graphql_operations_total{operation="DistrictsForMetrics",type="query"} 1`,
		`thidua_graphql_errors_total{code="VALIDATION"}`,
		`thidua_graphql_operation_duration_seconds_bucket{operation="DistrictsForMetrics"`,
		`go_sql_max_open_connections{db_name="thidua_store"}`,
		`thidua_http_responses_total{route="/graphql",status="200"}`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestLogLinesCarryTheRequestID: a line logged with a request's context
// names the request.
func TestLogLinesCarryTheRequestID(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(server.LogHandler(slog.NewJSONHandler(&buf, nil)))
	log.InfoContext(access.WithRequestID(context.Background(), "req-42"), "hello")
	if !strings.Contains(buf.String(), `"request_id":"req-42"`) {
		t.Fatalf("%s", buf.String())
	}
}

// TestReadinessFollowsTheStore: /readyz turns 503 when PostgreSQL goes
// away and 200 when it comes back; /healthz stays 200.
func TestReadinessFollowsTheStore(t *testing.T) {
	url := storetest.URL(t, "postgres")
	p := newProxy(t, url)
	st, err := store.Open(context.Background(), p.url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(server.New(st, mustSigner(t), server.Config{FilesDir: t.TempDir()}))
	defer srv.Close()
	status := func(path string) int {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if status("/readyz") != 200 {
		t.Fatal("not ready with the store up")
	}
	p.cut()
	if got := status("/readyz"); got != 503 {
		t.Fatalf("store gone: /readyz %d", got)
	}
	if status("/healthz") != 200 {
		t.Error("liveness must not follow the store")
	}
	p.restore()
	deadline := time.Now().Add(10 * time.Second)
	for status("/readyz") != 200 {
		if time.Now().After(deadline) {
			t.Fatal("not ready again after the store came back")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// proxy is a TCP relay to PostgreSQL the test can cut and restore.
type proxy struct {
	t      *testing.T
	target string
	url    string
	mu     sync.Mutex
	down   bool
	conns  []net.Conn
	ln     net.Listener
}

func newProxy(t *testing.T, pgURL string) *proxy {
	t.Helper()
	u := strings.TrimPrefix(pgURL, "postgres://")
	at := strings.Index(u, "@")
	slash := strings.Index(u[at:], "/")
	target := u[at+1 : at+slash]
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{t: t, target: target, ln: ln}
	p.url = "postgres://" + u[:at+1] + ln.Addr().String() + u[at+slash:]
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.cut() })
	return p
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.down {
			p.mu.Unlock()
			c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(up, c); up.Close() }()
		go func() { _, _ = io.Copy(c, up); c.Close() }()
	}
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}
