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
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Server is a running clickhouse-server.
type Server struct {
	Addr string // host:port of the native protocol
	cmd  *exec.Cmd
	dir  string
}

var (
	once   sync.Once
	shared *Server
	err    error
)

// Shared starts one server for the test binary, on first use. Call Stop
// from TestMain after m.Run.
func Shared(t testing.TB) *Server {
	t.Helper()
	once.Do(func() { shared, err = Start() })
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("ClickHouse is required under CI: %v", err)
		}
		t.Skipf("ClickHouse not available: %v", err)
	}
	return shared
}

// StopShared stops the shared server, if one was started.
func StopShared() {
	if shared != nil {
		shared.Stop()
	}
}

// Start runs clickhouse-server on free ports and waits until it answers.
func Start() (*Server, error) {
	bin, lookErr := exec.LookPath("clickhouse-server")
	if lookErr != nil {
		bin, lookErr = exec.LookPath("clickhouse")
		if lookErr != nil {
			return nil, fmt.Errorf("clickhouse-server not installed (scripts/ensure-clickhouse.sh installs it)")
		}
	}
	dir, err := os.MkdirTemp("", "thidua-clickhouse")
	if err != nil {
		return nil, err
	}
	tcp, http, inter := freePort(), freePort(), freePort()
	if err := os.WriteFile(filepath.Join(dir, "config.xml"), []byte(fmt.Sprintf(config, dir, dir, http, tcp, inter, dir, dir, dir, dir, dir)), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "users.xml"), []byte(users), 0o644); err != nil {
		return nil, err
	}
	args := []string{"--config-file=" + filepath.Join(dir, "config.xml")}
	if filepath.Base(bin) == "clickhouse" {
		args = append([]string{"server"}, args...)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Server{Addr: fmt.Sprintf("127.0.0.1:%d", tcp), cmd: cmd, dir: dir}
	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := s.Open("default")
		if err == nil {
			err = conn.Ping(context.Background())
			conn.Close()
			if err == nil {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.Stop()
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			return nil, fmt.Errorf("clickhouse-server did not answer within 60 s: %v\n%s", err, log)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Open connects to a database over the native protocol (the only one
// clickhouse-go speaks with 18.16).
func (s *Server) Open(database string) (driver.Conn, error) {
	return clickhouse.Open(&clickhouse.Options{
		Addr:        []string{s.Addr},
		Auth:        clickhouse.Auth{Database: database, Username: "default"},
		DialTimeout: 5 * time.Second,
	})
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

// Stop ends the server and removes its directory.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_, _ = s.cmd.Process.Wait()
	}
	_ = os.RemoveAll(s.dir)
}

func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// config is the smallest configuration 18.16 and current servers accept.
const config = `<?xml version="1.0"?>
<yandex>
    <logger><level>warning</level><log>%s/server.log</log><errorlog>%s/error.log</errorlog><console>0</console></logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>%d</http_port>
    <tcp_port>%d</tcp_port>
    <interserver_http_port>%d</interserver_http_port>
    <path>%s/data/</path>
    <tmp_path>%s/tmp/</tmp_path>
    <user_files_path>%s/user_files/</user_files_path>
    <format_schema_path>%s/format_schemas/</format_schema_path>
    <users_config>%s/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <mark_cache_size>536870912</mark_cache_size>
    <max_concurrent_queries>100</max_concurrent_queries>
</yandex>
`

const users = `<?xml version="1.0"?>
<yandex>
    <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
    <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`

// Main runs a test binary's tests and stops the shared server after them:
// call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	StopShared()
	os.Exit(code)
}
