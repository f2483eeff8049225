package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// server is a running `thidua serve`.
type server struct {
	cmd  *exec.Cmd
	URL  string
	Log  string // its stdout and stderr
	done chan error
}

// thiduaEnv is the environment for the binary: ours without THIDUA_*
// settings (a developer's THIDUA_DB or THIDUA_CLICKHOUSE must not leak into
// the run), plus extra.
func thiduaEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "THIDUA_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// seedStore migrates and seeds the store with the binary itself, the way
// an operator would.
func seedStore(ctx context.Context, bin, db, scale string, quiet bool) error {
	cmd := exec.CommandContext(ctx, bin, "seed", "--db", db, "--scale", scale)
	cmd.Env = thiduaEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s seed: %w\n%s", bin, err, out)
	}
	if !quiet {
		fmt.Print(string(out))
	}
	return nil
}

// startServer starts `bin serve` on a free loopback port and waits until
// /healthz answers.
func startServer(bin, db, dir, secret string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close() // a tiny window for another process to take it; acceptable on loopback
	logPath := dir + "/serve.log"
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db, "--files-dir", dir+"/files")
	cmd.Env = thiduaEnv("THIDUA_JWT_SECRET=" + secret)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	s := &server{cmd: cmd, URL: "http://" + addr, Log: logPath, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait(); logf.Close() }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("thidua serve exited before answering (%v):\n%s", err, tail(logPath, 20))
		default:
		}
		if resp, err := http.Get(s.URL + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("thidua serve did not answer /healthz within 60s:\n%s", tail(logPath, 20))
}

// stop asks the server to shut down gracefully (it finishes in-flight
// requests), and kills it if it has not within 25 s.
func (s *server) stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		return err
	case <-time.After(25 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("thidua serve did not stop within 25s after SIGTERM; killed")
	}
}

// tail returns the last n lines of a file, for error messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
