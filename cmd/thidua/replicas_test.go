package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// Secrets the replicas are given; none may appear in anything they print.
var replicaSecrets = map[string]string{
	"THIDUA_JWT_SECRET":    "Jwt-Secret-0123456789-0123456789-0123",
	"THIDUA_LINK_SECRET":   "Link-Secret-0123456789-0123456789-012",
	"THIDUA_METRICS_TOKEN": "Metrics-Token-0123456789-0123456789",
	"THIDUA_PSEUDONYM_KEY": "Pseudonym-Key-0123456789-0123456789-0",
}

// Passwords inside URLs the replicas are given. The warehouse's holds a
// "/" that a URL's parser takes for the start of the path, so only the
// registered secret can mask it.
const (
	storePassword     = "Store-Pass-31415"
	warehousePassword = "Warehouse/Pass-27182"
	smtpPassword      = "Smtp-Pass-16180"
)

// replica is one `thidua serve` process, the test binary acting as thidua.
type replica struct {
	cmd  *exec.Cmd
	addr string
	out  *bytes.Buffer // stdout and stderr, in order
	mu   *sync.Mutex
	done chan error
}

type syncWriter struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
}

func (w syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (r *replica) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String()
}

// TestReplicasStartTogether (issue 20): two, then three `thidua serve`
// processes started at the same instant on one PostgreSQL database all
// come up —
// on an empty database, and on one a release behind (every migration but
// the last applied) as in a rolling upgrade — and the ledger lists each
// migration once. Every line they print is a JSON log line, from the
// first to the last, and none holds a secret they were given.
func TestReplicasStartTogether(t *testing.T) {
	admin := storetest.PostgresURL()
	versions, err := store.Versions("postgres")
	if err != nil || len(versions) < 2 {
		t.Fatalf("migrations: %v %v", versions, err)
	}
	for _, c := range []struct {
		name     string
		upTo     string // "" leaves the database empty
		replicas int
	}{
		{"two on an empty database", "", 2},
		{"three on an empty database", "", 3},
		{"three on a database one migration behind", versions[len(versions)-2], 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			dbURL, drop, err := storetest.CreateDatabase(ctx, admin, "thidua_replicas")
			if err != nil {
				if os.Getenv("CI") == "true" {
					t.Fatal(err)
				}
				t.Skip(err)
			}
			defer drop()
			db, err := sql.Open("pgx", dbURL)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if c.upTo != "" {
				if _, err := store.MigrateUpTo(ctx, db, "postgres", c.upTo); err != nil {
					t.Fatal(err)
				}
			}
			// The server trusts loopback: the password is sent to nobody,
			// but it is in the URL the replicas print if they print it.
			u, _ := url.Parse(dbURL)
			u.User = url.UserPassword(u.User.Username(), storePassword)
			env := append(os.Environ(), "THIDUA_TEST_AS_THIDUA=1", "THIDUA_DB="+u.String(),
				"THIDUA_CLICKHOUSE=clickhouse://thidua:"+warehousePassword+"@"+freeAddr(t)+"/thidua",
				"THIDUA_SMTP_URL=smtp://mailer:"+smtpPassword+"@"+freeAddr(t)+"?from=thidua@example.invalid")
			for k, v := range replicaSecrets {
				env = append(env, k+"="+v)
			}
			replicas := make([]*replica, c.replicas)
			for i := range replicas {
				r := &replica{addr: freeAddr(t), out: &bytes.Buffer{}, mu: &sync.Mutex{}, done: make(chan error, 1)}
				r.cmd = exec.Command(os.Args[0], "serve", "--addr", r.addr, "--files-dir", t.TempDir())
				r.cmd.Env = env
				r.cmd.Stdout = syncWriter{r.mu, r.out}
				r.cmd.Stderr = syncWriter{r.mu, r.out}
				replicas[i] = r
			}
			start := time.Now()
			for _, r := range replicas {
				if err := r.cmd.Start(); err != nil {
					t.Fatal(err)
				}
				go func(r *replica) { r.done <- r.cmd.Wait() }(r)
			}
			defer func() {
				for _, r := range replicas {
					_ = r.cmd.Process.Kill()
				}
			}()
			var up []time.Duration
			for i, r := range replicas {
				if err := waitHealthy(r, 90*time.Second); err != nil {
					t.Fatalf("replica %d: %v\n%s", i, err, r.output())
				}
				up = append(up, time.Since(start))
			}
			t.Logf("%s: all answered /healthz after %v", c.name, up)
			var applied int
			if err := db.QueryRow(`SELECT count(*) FROM thidua_migrations`).Scan(&applied); err != nil || applied != len(versions) {
				t.Errorf("the ledger lists %d migrations (%v), want %d", applied, err, len(versions))
			}
			for i, r := range replicas {
				_ = r.cmd.Process.Signal(syscall.SIGTERM)
				select {
				case err := <-r.done:
					if err != nil {
						t.Errorf("replica %d exited with %v\n%s", i, err, r.output())
					}
				case <-time.After(30 * time.Second):
					t.Errorf("replica %d did not stop on SIGTERM", i)
				}
				checkOutput(t, fmt.Sprintf("replica %d", i), r.output())
				for _, l := range strings.Split(r.output(), "\n") {
					if strings.Contains(l, `"store migrated"`) {
						t.Logf("replica %d: %s", i, l)
					}
				}
			}
		})
	}
}

func waitHealthy(r *replica, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case err := <-r.done:
			return fmt.Errorf("exited before answering: %v", err)
		default:
		}
		if res, err := http.Get("http://" + r.addr + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("no answer in %v", within)
}

// checkOutput: every line is a JSON object with a time, a level and a
// message; no secret appears, nor any of the URLs' passwords.
func checkOutput(t *testing.T, who, out string) {
	t.Helper()
	if strings.TrimSpace(out) == "" {
		t.Errorf("%s printed nothing", who)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || line["time"] == nil || line["level"] == nil || line["msg"] == nil {
			t.Errorf("%s, line %d is not a JSON log line: %s", who, n, sc.Text())
		}
	}
	for name, v := range replicaSecrets {
		if strings.Contains(out, v) {
			t.Errorf("%s printed %s", who, name)
		}
	}
	for _, p := range []string{storePassword, warehousePassword, smtpPassword} {
		if strings.Contains(out, p) {
			t.Errorf("%s printed the password %s", who, p)
		}
	}
}

// TestServeStopsInJSONWithoutSecrets: a replica that cannot start says
// why in a JSON log line, without the password of the store's URL, and
// exits non-zero.
func TestServeStopsInJSONWithoutSecrets(t *testing.T) {
	unreachable := "postgres://postgres:" + storePassword + "@" + freeAddr(t) + "/thidua?sslmode=disable&connect_timeout=2"
	for _, c := range []struct {
		name, why string
		args, env []string
	}{
		{"an unreachable store", "store unreachable", nil, nil},
		{"an unknown flag", "flag provided but not defined", []string{"--no-such-flag"}, nil},
		{"a store URL that does not parse", "store URL: not a valid URL", nil,
			[]string{"THIDUA_DB=postgres://thidua:" + storePassword + "/#x@127.0.0.1:1/thidua"}},
		{"a proxy that is no address", "THIDUA_TRUSTED_PROXIES", nil, []string{"THIDUA_TRUSTED_PROXIES=proxy.local"}},
	} {
		cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", freeAddr(t), "--files-dir", t.TempDir()}, c.args...)...)
		cmd.Env = append(os.Environ(), "THIDUA_TEST_AS_THIDUA=1", "THIDUA_DB="+unreachable)
		for k, v := range replicaSecrets {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		cmd.Env = append(cmd.Env, c.env...)
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Errorf("%s: serve started:\n%s", c.name, out)
			continue
		}
		checkOutput(t, c.name, string(out))
		if !strings.Contains(string(out), `"level":"ERROR"`) || !strings.Contains(string(out), c.why) {
			t.Errorf("%s: the last line does not say why: %s", c.name, out)
		}
	}
}

// TestHelpHidesSecrets: every command's -h prints its flags' defaults,
// which come from the environment; THIDUA_DB's and THIDUA_CLICKHOUSE's
// passwords are not among what it prints.
func TestHelpHidesSecrets(t *testing.T) {
	for _, args := range [][]string{{"serve", "-h"}, {"migrate", "-h"}, {"etl", "run", "-h"}, {"seed", "-h"},
		{"files", "sweep", "-h"}, {"report", "-h"}, {"import", "units", "x.csv", "-h"}} {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "THIDUA_TEST_AS_THIDUA=1",
			"THIDUA_DB=postgres://thidua:"+storePassword+"@db.invalid:5432/thidua",
			"THIDUA_CLICKHOUSE=clickhouse://ch:"+warehousePassword+"@ch.invalid:9000/thidua")
		out, _ := cmd.CombinedOutput()
		if !strings.Contains(string(out), "db.invalid") {
			t.Errorf("%v printed no defaults: %s", args, out)
		}
		for _, p := range []string{storePassword, warehousePassword} {
			if strings.Contains(string(out), p) {
				t.Errorf("%v printed a password: %s", args, out)
			}
		}
	}
}
