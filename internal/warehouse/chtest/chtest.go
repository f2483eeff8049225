// Package chtest gives tests a real ClickHouse: it starts the installed
// clickhouse-server (Debian's 18.16, or any newer one) on free loopback
// ports in a temporary directory, hands out one database per test, and
// stops the server when the test binary ends. Without the binary tests
// skip, unless CI=true, where they fail.
package chtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

// Server is a running clickhouse-server in a temporary directory.
type Server struct {
	*localch.Server
}

var (
	once   sync.Once
	shared *Server
	err    error
)

// Shared starts one server for the test binary, on first use; Main stops it.
func Shared(t testing.TB) *Server {
	t.Helper()
	once.Do(func() { shared, err = Start() })
	if err != nil {
		require(t, err)
	}
	return shared
}

func require(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("ClickHouse is required under CI: %v", err)
	}
	t.Skipf("ClickHouse not available: %v", err)
}

// Own starts a server for one test (one it may kill and restart), stopped
// and removed after the test.
func Own(t testing.TB) *Server {
	t.Helper()
	s, err := Start()
	if err != nil {
		require(t, err)
	}
	t.Cleanup(s.Stop)
	return s
}

// OwnWith is Own with more configuration: files, by path relative to the
// server's directory, written before it starts — users.d/NAME.xml is
// merged into its users.xml (as /etc/clickhouse-server/users.d/ is).
func OwnWith(t testing.TB, files map[string]string) *Server {
	t.Helper()
	s, err := Start(files)
	if err != nil {
		require(t, err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Start runs clickhouse-server on free ports in a temporary directory,
// with files written there first (see OwnWith).
func Start(files ...map[string]string) (*Server, error) {
	dir, err := os.MkdirTemp("", "thidua-clickhouse")
	if err != nil {
		return nil, err
	}
	for _, fs := range files {
		for name, body := range fs {
			path := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				os.RemoveAll(dir)
				return nil, err
			}
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				os.RemoveAll(dir)
				return nil, err
			}
		}
	}
	s, err := localch.Start(dir, 0)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Server{s}, nil
}

// Stop ends the server and removes its directory.
func (s *Server) Stop() {
	s.Server.Kill()
	_ = os.RemoveAll(s.Dir)
}

// Database creates a database for the test and drops it after.
func (s *Server) Database(t testing.TB) string {
	t.Helper()
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	name := "thidua_test_" + hex.EncodeToString(b)
	conn, err := s.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Exec(context.Background(), "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := s.Open("default"); err == nil {
			_ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name)
			c.Close()
		}
	})
	return name
}

// Main runs a test binary's tests and stops the shared server after them:
// call it from TestMain, with what else to clean up after the tests.
func Main(m *testing.M, after ...func()) {
	code := m.Run()
	for _, f := range after {
		f()
	}
	if shared != nil {
		shared.Stop()
	}
	os.Exit(code)
}
