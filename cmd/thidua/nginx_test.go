package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
)

// nginxExample is the configuration docs/operations.md shows, between its
// markers.
func nginxExample(t *testing.T) string {
	b, err := os.ReadFile("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- nginx example begin -->\n```nginx\n(.*?)```\n<!-- nginx example end -->").FindSubmatch(b)
	if m == nil {
		t.Fatal("docs/operations.md has no nginx example between its markers")
	}
	return string(m[1])
}

// TestNginxExample runs docs/operations.md's nginx configuration in front
// of a thidua replica and checks what its comments promise.
func TestNginxExample(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin = "/usr/sbin/nginx"
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nginx is required under CI (scripts/ensure-nginx.sh)")
		}
		t.Skip("nginx not installed (scripts/ensure-nginx.sh)")
	}
	db := seedtest.URL(t, "sqlite")
	dir := t.TempDir()

	// The replica, trusting the proxy at 127.0.0.1 only.
	addr := freeAddr(t)
	var logs bytes.Buffer
	var logsMu sync.Mutex
	replica := exec.Command(os.Args[0], "serve", "--db", db, "--addr", addr, "--files-dir", filepath.Join(dir, "files"))
	replica.Env = append(os.Environ(), "THIDUA_TEST_AS_THIDUA=1", "THIDUA_TRUSTED_PROXIES=127.0.0.1",
		"THIDUA_JWT_SECRET="+replicaSecrets["THIDUA_JWT_SECRET"], "THIDUA_METRICS_TOKEN=metrics-token-for-the-test-0123456789")
	replica.Stdout = syncWriter{&logsMu, &logs}
	replica.Stderr = syncWriter{&logsMu, &logs}
	if err := replica.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = replica.Process.Signal(syscall.SIGTERM)
		_ = replica.Wait()
	}()

	// nginx with the example, its addresses and certificate replaced.
	port := freeAddr(t)
	conf := nginxExample(t)
	for old, new := range map[string]string{
		"listen 443 ssl http2;":            "listen " + port + " ssl http2;",
		"server 10.0.1.11:8080":            "server " + addr,
		"/etc/ssl/thidua/fullchain.pem":    filepath.Join(dir, "cert.pem"),
		"/etc/ssl/thidua/privkey.pem":      filepath.Join(dir, "key.pem"),
		"/var/log/nginx/thidua.access.log": filepath.Join(dir, "thidua.access.log"),
	} {
		if !strings.Contains(conf, old) {
			t.Fatalf("the example no longer has %q", old)
		}
		conf = strings.ReplaceAll(conf, old, new)
	}
	conf = regexp.MustCompile(`(?m)^\s*server 10\.0\.1\.12:8080.*$`).ReplaceAllString(conf, "")
	writeCert(t, dir)
	user := ""
	if os.Getuid() == 0 {
		user = "user root;" // the workers write the temp directory the test made
	}
	main := fmt.Sprintf(`%s
worker_processes 1;
daemon off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 64; }
http {
    access_log %[2]s/access.log;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
    include %[2]s/thidua.conf;
}
`, user, dir)
	if err := os.WriteFile(filepath.Join(dir, "thidua.conf"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-t", "-p", dir, "-c", filepath.Join(dir, "nginx.conf")).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	proxy := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"))
	proxy.Stderr = os.Stderr
	if err := proxy.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = proxy.Process.Signal(syscall.SIGQUIT)
		_ = proxy.Wait()
	}()

	// The client dials from 127.0.0.2, an address nobody trusts.
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
		TLSClientConfig:   &tls.Config{InsecureSkipVerify: true}, // the test's own certificate
		ForceAttemptHTTP2: true,
		DialContext:       (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}).DialContext,
	}}
	base := "https://" + port
	for i := 0; ; i++ {
		res, err := client.Get(base + "/healthz")
		if err == nil && res.StatusCode == 200 {
			res.Body.Close()
			break
		}
		if err == nil {
			res.Body.Close()
		}
		if i > 400 {
			logsMu.Lock()
			t.Fatalf("no answer through nginx: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var tok bytes.Buffer
	t.Setenv("THIDUA_JWT_SECRET", replicaSecrets["THIDUA_JWT_SECRET"])
	if err := run(context.Background(), []string{"token", "--role", "UNIT_ADMIN", "--unit", "PX-BAN-CO", "--sub", "officer"}, &tok); err != nil {
		t.Fatal(err)
	}
	bearer := "Bearer " + strings.TrimSpace(tok.String())

	t.Run("answers gzipped by thidua, client address and request id logged", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, base+"/graphql", strings.NewReader(`{"query":"{ units(first: 100) { edges { node { id code name } } } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", bearer)
		req.Header.Set("Accept-Encoding", "gzip")
		req.Header.Set("X-Forwarded-For", "6.6.6.6")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" || res.ProtoMajor != 2 {
			t.Fatalf("status %d, encoding %q, %s: %.200s", res.StatusCode, res.Header.Get("Content-Encoding"), res.Proto, body)
		}
		id := res.Header.Get("X-Request-Id")
		line := replicaLine(t, &logsMu, &logs, id)
		if line["client"] != "127.0.0.2" {
			t.Errorf("logged client %v, want 127.0.0.2 (the forged 6.6.6.6 ignored)", line["client"])
		}
		if c, _ := line["client_request_id"].(string); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(c) {
			t.Errorf("nginx's $request_id not logged as client_request_id: %v", line)
		}
	})

	t.Run("metrics not served", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
		req.Header.Set("Authorization", "Bearer metrics-token-for-the-test-0123456789")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 404 {
			t.Errorf("/metrics through the proxy: %d", res.StatusCode)
		}
	})

	t.Run("download links not in the access log", func(t *testing.T) {
		res, err := client.Get(base + "/files/dossier/12345?link=Signed-Link-Credential-42")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		var log []byte
		for i := 0; i < 50 && !bytes.Contains(log, []byte("/files/dossier/12345")); i++ {
			time.Sleep(20 * time.Millisecond)
			log, _ = os.ReadFile(filepath.Join(dir, "thidua.access.log"))
		}
		if !bytes.Contains(log, []byte("/files/dossier/12345")) {
			t.Fatalf("no access log line: %s", log)
		}
		if bytes.Contains(log, []byte("Signed-Link-Credential-42")) {
			t.Errorf("the access log holds the link: %s", log)
		}
	})

	t.Run("a 20 MiB dossier document reaches thidua", func(t *testing.T) {
		res := proxiedUpload(t, client, base, bearer, 20<<20)
		// Read whole by thidua: it answers that the nomination is unknown.
		if res.status != 200 || res.code != "NOT_FOUND" {
			t.Errorf("status %d, code %q: %s", res.status, res.code, res.body)
		}
	})

	t.Run("a larger body is refused in the API's shape", func(t *testing.T) {
		res := proxiedUpload(t, client, base, bearer, 23<<20)
		if res.status != 413 || res.code != "VALIDATION" {
			t.Errorf("status %d, code %q: %s", res.status, res.code, res.body)
		}
	})
}

type proxied struct {
	status int
	code   string
	body   string
}

func proxiedUpload(t *testing.T, client *http.Client, base, bearer string, size int) proxied {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{
		"query":     `mutation($in: AddDossierDocumentInput!) { addDossierDocument(input: $in) { id } }`,
		"variables": map[string]any{"in": map[string]any{"nominationID": "999999999", "kind": "OTHER", "title": "Hồ sơ lớn", "file": nil}},
	})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{"0": ["variables.in.file"]}`)
	part, _ := w.CreateFormFile("0", "ho-so.pdf")
	head := []byte("%PDF-1.4\n")
	_, _ = part.Write(head)
	_, _ = part.Write(make([]byte, size-len(head)))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", bearer)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var out struct {
		Errors []struct {
			Extensions struct{ Code string }
		}
	}
	_ = json.Unmarshal(b, &out)
	p := proxied{status: res.StatusCode, body: string(b)}
	if len(out.Errors) > 0 {
		p.code = out.Errors[0].Extensions.Code
	}
	return p
}

// replicaLine is the replica's log line of the request, waiting for it:
// the line is written after the answer.
func replicaLine(t *testing.T, mu *sync.Mutex, logs *bytes.Buffer, requestID string) map[string]any {
	for i := 0; i < 100; i++ {
		mu.Lock()
		text := logs.String()
		mu.Unlock()
		for _, l := range strings.Split(text, "\n") {
			var m map[string]any
			if json.Unmarshal([]byte(l), &m) == nil && m["msg"] == "http" && m["request_id"] == requestID {
				return m
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no log line for request %s", requestID)
	return nil
}

// writeCert writes a self-signed certificate for 127.0.0.1.
func writeCert(t *testing.T, dir string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "thidua.example.gov.vn"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"thidua.example.gov.vn"}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	_ = os.WriteFile(filepath.Join(dir, "cert.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	_ = os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
}
