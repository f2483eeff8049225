// Package localch runs a private clickhouse-server from the installed
// binary (Debian's 18.16 or any newer one) in a directory of its own, on
// loopback ports: the tests' warehouse, and `make run`'s under var/.
package localch

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Server is a running clickhouse-server.
type Server struct {
	Addr string // host:port of the native protocol
	HTTP string // host:port of the HTTP interface, as BI tools use it
	Dir  string
	bin  string
	args []string
	cmd  *exec.Cmd
}

// Binary finds the installed server.
func Binary() (string, error) {
	if bin, err := exec.LookPath("clickhouse-server"); err == nil {
		return bin, nil
	}
	if bin, err := exec.LookPath("clickhouse"); err == nil {
		return bin, nil
	}
	return "", fmt.Errorf("clickhouse-server is not installed (scripts/ensure-clickhouse.sh installs Debian's package as root)")
}

// Start runs clickhouse-server with its data in dir, its native protocol on
// tcpPort (0: a free one), and waits until it answers.
func Start(dir string, tcpPort int) (*Server, error) {
	return StartWith(dir, Options{TCPPort: tcpPort})
}

// Options shape a server beyond Start's defaults: a cluster node needs its
// ports known before it starts (its peers' configurations list them), an
// extra configuration (remote_servers, zookeeper, macros) and small caches,
// since several share the machine.
type Options struct {
	TCPPort, HTTPPort, InterserverPort int    // 0: a free one
	Extra                              string // XML placed inside <yandex>
	// Small caps the caches and concurrent queries for a node of a
	// cluster started on one machine.
	Small bool
}

// StartWith runs clickhouse-server as Start does, shaped by o.
func StartWith(dir string, o Options) (*Server, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, p := range []*int{&o.TCPPort, &o.HTTPPort, &o.InterserverPort} {
		if *p == 0 {
			*p = FreePort()
		}
	}
	// 512 MiB of mark cache and 100 queries suit one warehouse; four nodes
	// on a shared 2-core machine get a few MiB and a handful of queries.
	markCache, maxQueries, uncompressed := 536870912, 100, 8589934592
	if o.Small {
		markCache, maxQueries, uncompressed = 16<<20, 20, 16<<20
	}
	cfg := fmt.Sprintf(config, dir, dir, o.HTTPPort, o.TCPPort, o.InterserverPort, dir, dir, dir, dir, dir,
		markCache, uncompressed, maxQueries, o.Extra)
	if err := os.WriteFile(filepath.Join(dir, "config.xml"), []byte(cfg), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "users.xml"), []byte(users), 0o644); err != nil {
		return nil, err
	}
	args := []string{"--config-file=" + filepath.Join(dir, "config.xml")}
	if filepath.Base(bin) == "clickhouse" {
		args = append([]string{"server"}, args...)
	}
	s := &Server{Addr: fmt.Sprintf("127.0.0.1:%d", o.TCPPort), HTTP: fmt.Sprintf("127.0.0.1:%d", o.HTTPPort), Dir: dir, bin: bin, args: args}
	return s, s.start()
}

func (s *Server) start() error {
	s.stopStale()
	cmd := exec.Command(s.bin, s.args...)
	cmd.Dir = s.Dir
	// Its own process group: a terminal's Ctrl-C reaches thidua, which then
	// stops the server in order.
	// It dies with thidua (or the test binary) rather than linger on its port.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd = cmd
	_ = os.WriteFile(filepath.Join(s.Dir, pidFile), []byte(strconv.Itoa(cmd.Process.Pid)), 0o644)
	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := s.Open("default")
		if err == nil {
			err = conn.Ping(context.Background())
			conn.Close()
			if err == nil {
				return nil
			}
		}
		if time.Now().After(deadline) {
			s.Kill()
			log, _ := os.ReadFile(filepath.Join(s.Dir, "error.log"))
			return fmt.Errorf("clickhouse-server did not answer within 60 s: %v\n%s", err, log)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// pidFile names the server a directory last ran, so that a server
// orphaned by a killed parent is stopped before its data is reused.
const pidFile = "thidua-clickhouse.pid"

func (s *Server) stopStale() {
	b, err := os.ReadFile(filepath.Join(s.Dir, pidFile))
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 1 {
		return
	}
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	if err != nil || !strings.Contains(filepath.Base(exe), "clickhouse") {
		return
	}
	_ = syscall.Kill(pid, syscall.SIGTERM)
	for i := 0; i < 100 && syscall.Kill(pid, 0) == nil; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
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

// URL is the warehouse URL of a database on this server.
func (s *Server) URL(database string) string { return "clickhouse://" + s.Addr + "/" + database }

// Pid is the server's process id (0 when it is not running), for the
// benchmarks' CPU figures.
func (s *Server) Pid() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Kill ends the server at once, as a crash would, keeping its data.
func (s *Server) Kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_, _ = s.cmd.Process.Wait()
		s.cmd = nil
	}
}

// Restart starts a killed server again on the same port and data.
func (s *Server) Restart() error {
	s.Kill()
	return s.start()
}

// Stop ends the server politely, keeping its data.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _, _ = s.cmd.Process.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
		s.cmd = nil
	}
}

// FreePort is a loopback port nobody listens on now.
func FreePort() int {
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
    <mark_cache_size>%d</mark_cache_size>
    <uncompressed_cache_size>%d</uncompressed_cache_size>
    <max_concurrent_queries>%d</max_concurrent_queries>
    <interserver_http_host>127.0.0.1</interserver_http_host>
%s
</yandex>
`

const users = `<?xml version="1.0"?>
<yandex>
    <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
    <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`
