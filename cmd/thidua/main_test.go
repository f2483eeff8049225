package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeFinishesInFlightRequestsOnShutdown: a request still arriving
// when the server is told to stop (SIGTERM cancels the same context)
// completes, new connections are refused, and serve returns cleanly.
func TestServeFinishesInFlightRequestsOnShutdown(t *testing.T) {
	t.Setenv("THIDUA_JWT_SECRET", "shutdown-secret-shutdown-secret-0123456789")
	db := seedtest.URL(t, "sqlite") // the demo data, seeded once a run (internal/seed/seedtest)
	var tok bytes.Buffer
	if err := run(context.Background(), []string{"token", "--role", "LEADER", "--sub", "t"}, &tok); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", addr, "--files-dir", t.TempDir()}, io.Discard)
	}()
	for i := 0; ; i++ {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			break
		}
		if i > 100 {
			t.Fatal("server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	body, _ := json.Marshal(map[string]string{"query": "{ units(first: 3, where: {type: DISTRICT}) { totalCount } }"})
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", pr)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(tok.String()))
	req.ContentLength = int64(len(body))
	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		got <- result{status: res.StatusCode, body: string(b)}
	}()
	half := len(body) / 2
	if _, err := pw.Write(body[:half]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the request is in flight
	stop()                             // what SIGTERM does
	time.Sleep(300 * time.Millisecond)
	if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
		c.Close()
		t.Error("a new connection was accepted while shutting down")
	}
	if _, err := pw.Write(body[half:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	r := <-got
	if r.err != nil || r.status != 200 || !strings.Contains(r.body, `"totalCount":21`) {
		t.Fatalf("in-flight request: %+v", r)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return")
	}
}

// TestMigrateWarehouse: `thidua migrate --warehouse` creates the warehouse
// on the installed ClickHouse, and a second run applies nothing.
func TestMigrateWarehouse(t *testing.T) {
	srv := chtest.Shared(t)
	url := "clickhouse://" + srv.Addr + "/thidua_cmd_test"
	t.Cleanup(func() {
		if c, err := srv.Open("default"); err == nil {
			_ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS thidua_cmd_test")
			c.Close()
		}
	})
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--warehouse", "--clickhouse", url}, &out); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("applied %d migration(s) [0001_init ", len(warehouse.Migrations)); !strings.Contains(out.String(), want) {
		t.Fatalf("%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"migrate", "--warehouse", "--clickhouse", url}, &out); err != nil || !strings.Contains(out.String(), "applied 0") {
		t.Fatalf("second run: %s %v", out.String(), err)
	}
}

// TestETLRun: `thidua etl run` loads the warehouse, shows each table's
// years and a summary; run again, it says nothing changed; without a
// pseudonym key it refuses to start.
func TestETLRun(t *testing.T) {
	srv := chtest.Shared(t)
	db := seedtest.URL(t, "sqlite") // the demo data, seeded once a run (internal/seed/seedtest)
	ctx := context.Background()
	wh := srv.URL(srv.Database(t))
	t.Setenv("THIDUA_PSEUDONYM_KEY", "")
	if err := run(ctx, []string{"etl", "run", "--db", db, "--clickhouse", wh}, io.Discard); err == nil || !strings.Contains(err.Error(), "THIDUA_PSEUDONYM_KEY") {
		t.Fatalf("without a key: %v", err)
	}
	t.Setenv("THIDUA_PSEUDONYM_KEY", "cmd-test-key-cmd-test-key-cmd-test-key")
	var out bytes.Buffer
	if err := run(ctx, []string{"etl", "run", "--db", db, "--clickhouse", wh}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"fact_participation   2024  REPLACED", ": SUCCEEDED, snapshot ", "rows loaded", "fact_idea_adoption"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(ctx, []string{"etl", "run", "--quiet", "--db", db, "--clickhouse", wh}, &out); err != nil || !strings.Contains(out.String(), "nothing the warehouse reads has changed") {
		t.Errorf("second run: %v\n%s", err, out.String())
	}

	// thidua report writes the review's files from that warehouse.
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--phase", "2022-2025", "-o", filepath.Join(dir, "so-ket.docx")},
		{"--phase", "2022-2025", "--final", "--unit", "Q1", "-o", filepath.Join(dir, "tong-ket-q1.docx")},
		{"--phase", "2022-2025", "--format", "proposals", "-o", filepath.Join(dir, "de-nghi.xlsx")},
		{"--phase", "2022-2025", "-o", filepath.Join(dir, "so-ket.xlsx")},
	} {
		out.Reset()
		if err := run(ctx, append([]string{"report", "--db", db, "--clickhouse", wh}, args...), &out); err != nil {
			t.Fatalf("report %v: %v\n%s", args, err, out.String())
		}
		b, err := os.ReadFile(args[len(args)-1])
		if err != nil || !bytes.HasPrefix(b, []byte("PK")) || !strings.Contains(out.String(), "Số liệu lấy từ kho dữ liệu báo cáo") {
			t.Errorf("report %v: %v %d bytes\n%s", args, err, len(b), out.String())
		}
	}
	for args, want := range map[string]string{
		"--phase 2030-2035 -o x.docx":             "Không có giai đoạn 2030-2035",
		"--phase 2022-2025 --unit NOPE -o x.docx": `unit "NOPE"`,
		"--phase 2022-2025 -o x.pdf":              `--format "pdf"`,
	} {
		err := run(ctx, append([]string{"report", "--db", db, "--clickhouse", wh}, strings.Fields(args)...), io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("report %s: %v, want %q", args, err, want)
		}
	}
}

// TestMain also lets the test binary be thidua itself: a test that needs
// real processes (replicas started together, signals, what a process
// prints) runs os.Args[0] with THIDUA_TEST_AS_THIDUA=1, so no second
// build of the binary is needed.
func TestMain(m *testing.M) {
	if os.Getenv("THIDUA_TEST_AS_THIDUA") == "1" {
		main()
		os.Exit(0)
	}
	chtest.Main(m, seedtest.Cleanup, chcluster.StopShared)
}
