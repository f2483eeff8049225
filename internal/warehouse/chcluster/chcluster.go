// Package chcluster gives tests a real ClickHouse cluster: a ZooKeeper
// from Debian's package (scripts/ensure-zookeeper.sh) and shards × replicas
// clickhouse-server nodes (Debian's 18.16, or any newer one), all on free
// loopback ports in temporary directories, none of them a system service.
// Every node's configuration declares the cluster (internal_replication, so
// that a Distributed insert or a Replicated table writes one replica and
// replication carries the rest), the test's ZooKeeper and its own
// {shard}/{replica} macros: the layout the warehouse's `--cluster` DDL
// expects. Without the binaries tests skip, unless CI=true, where they fail.
package chcluster

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

// Name is the cluster's name in every node's remote_servers.
const Name = "hcm"

// zookeeperJar is where Debian's zookeeper package puts the server; its
// manifest's Class-Path names the other jars it needs.
const zookeeperJar = "/usr/share/java/zookeeper.jar"

// Cluster is a running ZooKeeper and its ClickHouse nodes.
type Cluster struct {
	Name     string
	Shards   int
	Replicas int
	// Nodes[s][r] is replica r+1 of shard s+1 (macros shard=s+1, replica=r+1).
	Nodes [][]*Node
	Dir   string

	zkPort int
	zk     *exec.Cmd
}

// Node is one clickhouse-server of the cluster.
type Node struct {
	*localch.Server
	Shard, Replica int // from 1, as in the macros
	HTTPPort       int
}

// All lists the nodes shard by shard.
func (c *Cluster) All() []*Node {
	var out []*Node
	for _, s := range c.Nodes {
		out = append(out, s...)
	}
	return out
}

// First is replica 1 of shard 1: the node a warehouse URL names.
func (c *Cluster) First() *Node { return c.Nodes[0][0] }

// EnvCluster turns the cluster tests on; `make test-cluster` sets it. They
// start ZooKeeper and six clickhouse-server nodes and take minutes on two
// cores, so `make test` leaves them out until the cluster ETL is complete
// and its time in CI is paid for.
const EnvCluster = "THIDUA_TEST_CLUSTER"

func gate(t testing.TB) {
	if os.Getenv(EnvCluster) != "1" {
		t.Skipf("the ClickHouse cluster tests run with make test-cluster (%s=1)", EnvCluster)
	}
}

func require(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("a ClickHouse cluster is required under CI: %v", err)
	}
	t.Skipf("ClickHouse cluster not available: %v", err)
}

var (
	mu     sync.Mutex
	shared = map[[2]int]*Cluster{}
	failed = map[[2]int]error{}
)

// Shared starts one cluster of the layout for the test binary, on first use;
// Main stops it. Tests share it by using databases of their own (the
// replicated tables' ZooKeeper paths hold the database's name).
func Shared(t testing.TB, shards, replicas int) *Cluster {
	t.Helper()
	gate(t)
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	k := [2]int{shards, replicas}
	if c := shared[k]; c != nil {
		return c
	}
	if err := failed[k]; err != nil {
		require(t, err)
	}
	c, err := Start(shards, replicas)
	if err != nil {
		failed[k] = err
		require(t, err)
	}
	shared[k] = c
	return c
}

// Own starts a cluster for one test (one it may kill nodes of), stopped and
// removed after the test.
func Own(t testing.TB, shards, replicas int) *Cluster {
	t.Helper()
	gate(t)
	t.Helper()
	c, err := Start(shards, replicas)
	if err != nil {
		require(t, err)
	}
	t.Cleanup(c.Stop)
	return c
}

// Main runs a test binary's tests and stops the shared clusters after them.
func Main(m *testing.M) {
	code := m.Run()
	StopShared()
	os.Exit(code)
}

// StopShared stops the clusters Shared started: for a TestMain that also
// runs chtest.Main (chtest.Main(m, chcluster.StopShared)).
func StopShared() {
	mu.Lock()
	defer mu.Unlock()
	for k, c := range shared {
		c.Stop()
		delete(shared, k)
	}
}

// Available says why a cluster cannot start here, or nil.
func Available() error {
	if _, err := localch.Binary(); err != nil {
		return err
	}
	if _, err := exec.LookPath("java"); err != nil {
		return errors.New("java is not installed (scripts/ensure-zookeeper.sh installs Debian's zookeeper, which pulls a Java runtime)")
	}
	if _, err := os.Stat(zookeeperJar); err != nil {
		return errors.New("zookeeper is not installed (scripts/ensure-zookeeper.sh installs Debian's package as root)")
	}
	return nil
}

// Start runs a ZooKeeper and shards × replicas nodes, and waits until every
// node answers and sees ZooKeeper.
func Start(shards, replicas int) (*Cluster, error) {
	if shards < 1 || replicas < 1 {
		return nil, fmt.Errorf("cluster of %d × %d", shards, replicas)
	}
	if err := Available(); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "thidua-chcluster")
	if err != nil {
		return nil, err
	}
	c := &Cluster{Name: Name, Shards: shards, Replicas: replicas, Dir: dir}
	if err := c.startZooKeeper(); err != nil {
		c.Stop()
		return nil, err
	}
	// Every port first: each node's configuration lists its peers'.
	type ports struct{ tcp, http, inter int }
	var res reserved
	defer res.release()
	p := make([][]ports, shards)
	for s := range p {
		p[s] = make([]ports, replicas)
		for r := range p[s] {
			p[s][r] = ports{res.port(), res.port(), res.port()}
		}
	}
	res.release()
	var remote strings.Builder
	fmt.Fprintf(&remote, "<remote_servers><%s>", c.Name)
	for s := range p {
		remote.WriteString("<shard><internal_replication>true</internal_replication>")
		for r := range p[s] {
			fmt.Fprintf(&remote, "<replica><host>127.0.0.1</host><port>%d</port></replica>", p[s][r].tcp)
		}
		remote.WriteString("</shard>")
	}
	fmt.Fprintf(&remote, "</%s></remote_servers>", c.Name)
	// 18.16 runs ON CLUSTER DDL only with a distributed_ddl section (newer
	// servers default it): the queue every node's DDL worker reads.
	ddl := "<distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>"
	zk := fmt.Sprintf("<zookeeper><node><host>127.0.0.1</host><port>%d</port></node><session_timeout_ms>30000</session_timeout_ms></zookeeper>", c.zkPort)
	// Nodes start one after another: 18.16 takes a few seconds each, and
	// starting four at once on two cores only makes each slower.
	c.Nodes = make([][]*Node, shards)
	for s := range p {
		for r := range p[s] {
			macros := fmt.Sprintf("<macros><shard>%d</shard><replica>%d</replica></macros>", s+1, r+1)
			nd := filepath.Join(dir, fmt.Sprintf("s%dr%d", s+1, r+1))
			srv, err := localch.StartWith(nd, localch.Options{
				TCPPort: p[s][r].tcp, HTTPPort: p[s][r].http, InterserverPort: p[s][r].inter,
				Extra: remote.String() + "\n" + zk + "\n" + ddl + "\n" + macros, Small: true,
			})
			if err != nil {
				c.Stop()
				return nil, fmt.Errorf("node shard %d replica %d: %w", s+1, r+1, err)
			}
			c.Nodes[s] = append(c.Nodes[s], &Node{Server: srv, Shard: s + 1, Replica: r + 1, HTTPPort: p[s][r].http})
		}
	}
	for _, n := range c.All() {
		if err := n.WaitReady(60 * time.Second); err != nil {
			c.Stop()
			return nil, err
		}
	}
	return c, nil
}

// WaitReady waits until the node answers and reaches ZooKeeper (a node
// restarted after a kill needs both before replicated tables take writes).
func (n *Node) WaitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		last = n.ping()
		if last == nil {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("node shard %d replica %d not ready within %s: %v", n.Shard, n.Replica, timeout, last)
}

func (n *Node) ping() error {
	conn, err := n.Open("default")
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var k uint64
	return conn.QueryRow(ctx, "SELECT count() FROM system.zookeeper WHERE path = '/'").Scan(&k)
}

// Restart starts a killed node again on its ports and data, and waits
// until it sees ZooKeeper.
func (n *Node) Restart() error {
	if err := n.Server.Restart(); err != nil {
		return err
	}
	return n.WaitReady(60 * time.Second)
}

// Open connects to a database on the node.
func (n *Node) Open(database string) (driver.Conn, error) { return n.Server.Open(database) }

// URL is the warehouse URL of a database on replica 1 of shard 1.
func (c *Cluster) URL(database string) string { return c.First().URL(database) }

// Stop ends every node and ZooKeeper and removes their directories.
func (c *Cluster) Stop() {
	for _, n := range c.All() {
		n.Kill()
	}
	if c.zk != nil && c.zk.Process != nil {
		_ = c.zk.Process.Kill()
		_, _ = c.zk.Process.Wait()
		c.zk = nil
	}
	// THIDUA_KEEP_CLUSTER=1 keeps the logs and data to look at after a failure.
	if os.Getenv("THIDUA_KEEP_CLUSTER") == "" {
		_ = os.RemoveAll(c.Dir)
	}
}

// Database creates a database on every node (ON CLUSTER, as the warehouse's
// migration does) and drops it after the test.
func (c *Cluster) Database(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("thidua_cluster_%d", localch.FreePort())
	conn, err := c.First().Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	if err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE IF NOT EXISTS %s ON CLUSTER %s", name, c.Name)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Bounded: after a failed test the cluster's DDL queue may be
		// stuck, and an unbounded DROP … ON CLUSTER then held the test
		// binary to go test's 15-minute timeout, hiding the failure's
		// message behind a goroutine dump.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if conn, err := c.First().Open("default"); err == nil {
			_ = conn.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s ON CLUSTER %s", name, c.Name))
			conn.Close()
		}
	})
	return name
}

// startZooKeeper runs a standalone ZooKeeper from the package's jar, with
// its data, log and configuration in the cluster's directory; the admin
// server (Jetty on 8080 by default) is off, and readiness is a real session
// (serving).
func (c *Cluster) startZooKeeper() error {
	zdir := filepath.Join(c.Dir, "zookeeper")
	if err := os.MkdirAll(filepath.Join(zdir, "data"), 0o755); err != nil {
		return err
	}
	var res reserved
	c.zkPort = res.port()
	res.release()
	cfg := fmt.Sprintf("tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=%s\nclientPort=%d\nclientPortAddress=127.0.0.1\n"+
		"admin.enableServer=false\nmaxClientCnxns=0\n",
		filepath.Join(zdir, "data"), c.zkPort)
	cfgPath := filepath.Join(zdir, "zoo.cfg")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		return err
	}
	log, err := os.Create(filepath.Join(zdir, "zookeeper.log"))
	if err != nil {
		return err
	}
	defer log.Close()
	// A small heap: it holds a few hundred znodes; the default takes a
	// quarter of the machine's memory.
	cmd := exec.Command("java", "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
		"-Dzookeeper.admin.enableServer=false", "-Dzookeeper.4lw.commands.whitelist=ruok,srvr",
		"-cp", zookeeperJar, "org.apache.zookeeper.server.ZooKeeperServerMain", cfgPath)
	cmd.Dir = zdir
	cmd.Stdout, cmd.Stderr = log, log
	// It dies with the test binary rather than linger on its port.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return err
	}
	c.zk = cmd
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if serving(c.zkPort) {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	out, _ := os.ReadFile(filepath.Join(zdir, "zookeeper.log"))
	return fmt.Errorf("zookeeper did not answer within 60 s:\n%s", out)
}

// serving opens a ZooKeeper session as ClickHouse does (a ConnectRequest,
// read back a ConnectResponse): "ruok" answers "imok" before the server
// takes sessions, and an 18.16 node whose DDL worker meets a ZooKeeper that
// drops its handshake crashes later (a NULL dereference in
// zkutil::ZooKeeper::createImpl), so nodes start only once this succeeds.
// The session is left to expire on its short timeout.
func serving(port int) bool {
	conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
	if err != nil {
		return false
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
	// protocolVersion, lastZxidSeen, timeOut (ms), sessionId, passwd, readOnly.
	req := make([]byte, 0, 49)
	req = binary.BigEndian.AppendUint32(req, 0)
	req = binary.BigEndian.AppendUint64(req, 0)
	req = binary.BigEndian.AppendUint32(req, 2000)
	req = binary.BigEndian.AppendUint64(req, 0)
	req = binary.BigEndian.AppendUint32(req, 16)
	req = append(req, make([]byte, 16)...)
	req = append(req, 0)
	msg := binary.BigEndian.AppendUint32(nil, uint32(len(req)))
	if _, err := conn.Write(append(msg, req...)); err != nil {
		return false
	}
	head := make([]byte, 4)
	if _, err := io.ReadFull(conn, head); err != nil {
		return false
	}
	n := binary.BigEndian.Uint32(head)
	if n < 20 || n > 1024 {
		return false
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(conn, body); err != nil {
		return false
	}
	// A session id of 0 is a refusal.
	return binary.BigEndian.Uint64(body[8:16]) != 0
}

// reserved hands out distinct free ports below Linux's ephemeral range
// (32768 and up): a port the kernel gave a listener and took back may be
// handed again to the next listener or to an outgoing connection (the
// nodes' connections to ZooKeeper and to each other) before the node that
// was configured with it binds it. Ports are held until release.
type reserved struct{ held []net.Listener }

func (r *reserved) port() int {
	for {
		p := 20000 + rand.IntN(12000)
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			continue
		}
		r.held = append(r.held, ln)
		return p
	}
}

func (r *reserved) release() {
	for _, ln := range r.held {
		ln.Close()
	}
	r.held = nil
}
