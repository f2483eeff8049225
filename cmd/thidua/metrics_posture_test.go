package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeMetricsPosture: outside --dev and without --metrics-addr,
// /metrics is not on the API's address unless THIDUA_METRICS_TOKEN is
// set, and then only to a caller with the token; a malformed
// THIDUA_METRICS_OPERATIONS stops serve rather than counting everything as
// "other".
func TestServeMetricsPosture(t *testing.T) {
	t.Setenv("THIDUA_JWT_SECRET", "posture-secret-posture-secret-0123456789")
	get := func(url, tok string) int {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0
		}
		res.Body.Close()
		return res.StatusCode
	}

	addr := serveUntilEnd(t)
	if got := get("http://"+addr+"/metrics", ""); got != http.StatusNotFound {
		t.Errorf("without a token or --metrics-addr, /metrics on the API's address: HTTP %d", got)
	}

	t.Setenv("THIDUA_METRICS_TOKEN", "scrape-token-0123456789-0123456789")
	addr = serveUntilEnd(t)
	if got := get("http://"+addr+"/metrics", ""); got != http.StatusUnauthorized {
		t.Errorf("with THIDUA_METRICS_TOKEN, /metrics without it: HTTP %d", got)
	}
	if got := get("http://"+addr+"/metrics", "scrape-token-0123456789-0123456789"); got != http.StatusOK {
		t.Errorf("with THIDUA_METRICS_TOKEN, /metrics with it: HTTP %d", got)
	}

	t.Setenv("THIDUA_METRICS_OPERATIONS", "Ideas,not-a-name")
	db := "sqlite:" + filepath.Join(t.TempDir(), "thidua.db")
	err := run(context.Background(), []string{"serve", "--db", db, "--addr", freeAddr(t), "--files-dir", t.TempDir()}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "not-a-name") {
		t.Errorf("serve with a malformed THIDUA_METRICS_OPERATIONS: %v", err)
	}
}

// serveUntilEnd starts thidua serve on a fresh store, waits until it
// answers, and stops it when the test ends.
func serveUntilEnd(t *testing.T) string {
	t.Helper()
	db := "sqlite:" + filepath.Join(t.TempDir(), "thidua.db")
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", addr, "--files-dir", t.TempDir()}, io.Discard)
	}()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	for i := 0; ; i++ {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			return addr
		}
		if i > 200 {
			t.Fatal("server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
