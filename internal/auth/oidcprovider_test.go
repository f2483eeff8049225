package auth

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// realProvider is panva's oidc-provider run by scripts/oidc-provider:
// client_credentials access tokens as RFC 9068 JWTs for the API's resource
// indicator, keys read from a file the test rewrites and reloads (SIGHUP).
type realProvider struct {
	issuer, keysFile string
	cmd              *exec.Cmd
	lines            chan string
	stderr           *syncBuffer
}

const (
	realAudience = "https://thidua.test/api"
	realClient   = "thidua-test-client"
	// A fixture of a throwaway provider on loopback, not a credential.
	realSecret = "test-only-client-secret"
)

// startRealProvider skips without node and npm, unless CI=true, and
// installs the pinned packages when the lock file changed.
func startRealProvider(t *testing.T, keys ...map[string]string) *realProvider {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required under CI for the real identity provider", tool)
			}
			t.Skipf("%s missing: the real identity provider test is skipped", tool)
		}
	}
	dir, err := filepath.Abs("../../scripts/oidc-provider")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("../../scripts/ensure-oidc-provider.sh").CombinedOutput(); err != nil {
		t.Fatalf("ensure-oidc-provider.sh: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	p := &realProvider{issuer: fmt.Sprintf("http://127.0.0.1:%d", port), keysFile: filepath.Join(t.TempDir(), "keys.json"),
		lines: make(chan string, 100), stderr: &syncBuffer{}}
	p.writeKeys(t, keys...)
	p.cmd = exec.Command("node", "provider.mjs")
	p.cmd.Dir = dir
	p.cmd.Env = append(os.Environ(), fmt.Sprintf("OIDC_PORT=%d", port), "OIDC_KEYS="+p.keysFile,
		"OIDC_AUDIENCE="+realAudience, "OIDC_CLIENT_ID="+realClient, "OIDC_CLIENT_SECRET="+realSecret)
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		_ = p.cmd.Wait()
	})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	p.expect(t, "ready ")
	return p
}

// expect waits for the provider to print a line starting with prefix.
func (p *realProvider) expect(t *testing.T, prefix string) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("the provider exited waiting for %q:\n%s", prefix, p.stderr.String())
			}
			if strings.HasPrefix(line, prefix) {
				return
			}
		case <-timeout:
			t.Fatalf("the provider did not print %q:\n%s", prefix, p.stderr.String())
		}
	}
}

func (p *realProvider) writeKeys(t *testing.T, keys ...map[string]string) {
	t.Helper()
	b, err := json.Marshal(map[string]any{"keys": keys})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p.keysFile, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// rotate publishes keys (the first signs) and waits for the reload.
func (p *realProvider) rotate(t *testing.T, keys ...map[string]string) {
	t.Helper()
	p.writeKeys(t, keys...)
	if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	p.expect(t, "reloaded")
}

// token is a real access token by client_credentials for the API.
func (p *realProvider) token(t *testing.T) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, p.issuer+"/token", strings.NewReader(url.Values{
		"grant_type": {"client_credentials"}, "resource": {realAudience}, "scope": {"api"}}.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(realClient, realSecret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || body.AccessToken == "" {
		t.Fatalf("token: %s %v %s %s", res.Status, err, body.Error, body.Description)
	}
	return body.AccessToken
}

func rsaPrivateJWK(kid string, k *rsa.PrivateKey) map[string]string {
	k.Precompute()
	b := func(i *big.Int) string { return b64(i.Bytes()) }
	return map[string]string{"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig",
		"n": b(k.N), "e": b(big.NewInt(int64(k.E))), "d": b(k.D), "p": b(k.Primes[0]), "q": b(k.Primes[1]),
		"dp": b(k.Precomputed.Dp), "dq": b(k.Precomputed.Dq), "qi": b(k.Precomputed.Qinv)}
}

func headerKid(t *testing.T, tok string) string {
	t.Helper()
	h, _, err := jwt.NewParser().ParseUnverified(tok, jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	kid, _ := h.Header["kid"].(string)
	return kid
}

// TestOIDCWithARealProvider: real tokens verify (RFC 9068 typ, roles
// nested as realm_access.roles); a rotation is picked up by its unknown key
// id while a flood of made-up key ids runs, at a bounded cost to the
// provider; a key the provider removes is refused after the periodic
// refresh.
func TestOIDCWithARealProvider(t *testing.T) {
	k1, k2 := rsaKey(t), rsaKey(t)
	p := startRealProvider(t, rsaPrivateJWK("k1", k1))
	base := OIDCConfig{Issuer: p.issuer, Audience: realAudience, RolesClaim: "realm_access.roles", RequireATJWT: true}
	// rot learns keys only from unknown key ids; per from its refresh.
	rotCfg := base
	rotCfg.Refresh, rotCfg.UnknownKeyInterval = time.Hour, 500*time.Millisecond
	rot, err := NewOIDC(t.Context(), rotCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer rot.Close()
	perCfg := base
	perCfg.Refresh = 200 * time.Millisecond
	per, err := NewOIDC(t.Context(), perCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer per.Close()

	tok1 := p.token(t)
	if kid := headerKid(t, tok1); kid != "k1" {
		t.Fatalf("token signed by %q, want k1", kid)
	}
	id, err := rot.Verify(tok1)
	if err != nil || id.Sub != realClient || id.UnitCode != "HCM" || len(id.Roles) != 1 || id.Roles[0] != access.CityAdmin {
		t.Fatalf("a real access token: %+v %v", id, err)
	}

	// A flood of made-up key ids runs through the rotation.
	ctx, stopFlood := context.WithCancel(t.Context())
	var flood sync.WaitGroup
	attacker := rsaKey(t)
	flooded := 0
	flood.Add(1)
	go func() {
		defer flood.Done()
		for i := 0; ctx.Err() == nil; i++ {
			c := jwt.MapClaims{"iss": p.issuer, "aud": realAudience, "sub": "x", "realm_access": map[string]any{"roles": []string{"CITY_ADMIN"}},
				"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix()}
			tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
			tok.Header["kid"], tok.Header["typ"] = fmt.Sprintf("flood-%d", i), "at+jwt"
			s, _ := tok.SignedString(attacker)
			if _, err := rot.Verify(s); err == nil {
				t.Error("a made-up key id accepted")
			}
			flooded++
		}
	}()
	start := time.Now()
	fetchesBefore := rot.Status()["fetches"].(int)
	p.rotate(t, rsaPrivateJWK("k2", k2), rsaPrivateJWK("k1", k1))
	tok2 := p.token(t)
	if kid := headerKid(t, tok2); kid != "k2" {
		t.Fatalf("after the rotation, token signed by %q, want k2", kid)
	}
	var lastErr error
	waitFor(t, func() bool { _, lastErr = rot.Verify(tok2); return lastErr == nil }, "the rotated key under a flood")
	elapsed := time.Since(start)
	stopFlood()
	flood.Wait()
	fetches := rot.Status()["fetches"].(int) - fetchesBefore
	t.Logf("rotation accepted %s after it began, %d made-up key ids sent, %d JWKS fetches", elapsed.Round(time.Millisecond), flooded, fetches)
	if limit := int(elapsed/rotCfg.UnknownKeyInterval) + 2; fetches > limit {
		t.Errorf("the flood cost %d JWKS fetches in %s, want at most %d", fetches, elapsed, limit)
	}
	if _, err := per.Verify(tok1); err != nil {
		t.Fatalf("k1 still published: %v", err)
	}

	// The provider retires k1: the periodic refresh drops it, no token asking.
	p.rotate(t, rsaPrivateJWK("k2", k2))
	waitFor(t, func() bool { ks := per.keys.Load(); return ks.keys["k1"] == nil }, "k1 retired by the periodic refresh")
	if _, err := per.Verify(tok1); err == nil || !strings.Contains(err.Error(), "unknown key id") {
		t.Errorf("a retired key: %v", err)
	}
	if _, err := per.Verify(tok2); err != nil {
		t.Errorf("the current key: %v", err)
	}
}

// TestRSAPrivateJWKRoundTrip keeps the fixture above honest without node:
// its public half is what the verifier reads.
func TestRSAPrivateJWKRoundTrip(t *testing.T) {
	k, _ := rsa.GenerateKey(rand.Reader, 2048)
	j := rsaPrivateJWK("k", k)
	pk, err := jwk{Kty: j["kty"], Kid: j["kid"], N: j["n"], E: j["e"]}.public()
	if err != nil || !pk.(*rsa.PublicKey).Equal(&k.PublicKey) {
		t.Fatalf("%v", err)
	}
}
