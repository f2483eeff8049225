package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/auth"
)

// TestDevelopmentSecretOnlyInDev: the development secret is published with
// the source; a server or a token command outside --dev refuses it even
// when THIDUA_JWT_SECRET names it.
func TestDevelopmentSecretOnlyInDev(t *testing.T) {
	t.Setenv("THIDUA_JWT_SECRET", auth.DevSecret)
	db := "sqlite:" + filepath.Join(t.TempDir(), "thidua.db")
	err := run(context.Background(), []string{"serve", "--db", db, "--addr", freeAddr(t), "--files-dir", t.TempDir()}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "development secret") {
		t.Fatalf("serve: %v", err)
	}
	if err := run(context.Background(), []string{"token", "--role", "LEADER"}, io.Discard); err == nil {
		t.Fatal("token signed with the development secret outside --dev")
	}
	if err := run(context.Background(), []string{"token", "--dev", "--role", "LEADER"}, io.Discard); err != nil {
		t.Fatalf("token --dev: %v", err)
	}
}

// TestServePosture: outside --dev, introspection is off, /metrics is not on
// the API's address and --metrics-addr serves it on its own.
func TestServePosture(t *testing.T) {
	t.Setenv("THIDUA_JWT_SECRET", "posture-secret-posture-secret-0123456789")
	db := "sqlite:" + filepath.Join(t.TempDir(), "thidua.db")
	var tok bytes.Buffer
	if err := run(context.Background(), []string{"token", "--role", "LEADER", "--sub", "t"}, &tok); err != nil {
		t.Fatal(err)
	}
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", addr, "--metrics-addr", metricsAddr, "--files-dir", t.TempDir()}, io.Discard)
	}()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	status := func(url string) int {
		res, err := http.Get(url)
		if err != nil {
			return 0
		}
		res.Body.Close()
		return res.StatusCode
	}
	for i := 0; status("http://"+addr+"/healthz") != 200; i++ {
		if i > 200 {
			t.Fatal("server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := status("http://" + addr + "/metrics"); got == 200 {
		t.Errorf("/metrics on the API's address: %d", got)
	}
	if got := status("http://" + metricsAddr + "/metrics"); got != 200 {
		t.Errorf("/metrics on --metrics-addr: %d", got)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", strings.NewReader(`{"query": "{ __schema { queryType { name } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(tok.String()))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), `"errors"`) || strings.Contains(string(b), `"Query"`) {
		t.Errorf("introspection outside --dev: %s", b)
	}
}
