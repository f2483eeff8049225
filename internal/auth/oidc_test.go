package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// provider is a local identity provider: discovery and a JWKS whose keys
// the test rotates.
type provider struct {
	srv  *httptest.Server
	mu   sync.Mutex
	keys []map[string]string
	hits int
}

func newProvider(t *testing.T) *provider {
	p := &provider{}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{"issuer": p.srv.URL, "jwks_uri": p.srv.URL + "/jwks"})
	})
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.hits++
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": p.keys})
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func (p *provider) publish(keys ...map[string]string) {
	p.mu.Lock()
	p.keys = keys
	p.mu.Unlock()
}

func rsaJWK(kid string, k *rsa.PrivateKey) map[string]string {
	return map[string]string{"kty": "RSA", "kid": kid, "alg": "RS256", "n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())}
}

func ecJWK(kid string, k *ecdsa.PrivateKey) map[string]string {
	return map[string]string{"kty": "EC", "kid": kid, "crv": "P-256", "x": b64(k.X.FillBytes(make([]byte, 32))), "y": b64(k.Y.FillBytes(make([]byte, 32)))}
}

func sign(t *testing.T, m jwt.SigningMethod, kid string, key any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOIDC(t *testing.T) {
	p := newProvider(t)
	k1, _ := rsa.GenerateKey(rand.Reader, 2048)
	k2, _ := rsa.GenerateKey(rand.Reader, 2048)
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p.publish(rsaJWK("k1", k1), ecJWK("e1", ec))
	now := time.Now()
	o, err := NewOIDC(context.Background(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", RolesClaim: "thidua_roles",
		UnitClaim: "ma_don_vi", MinRefresh: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	v := Verifiers{OIDC: o}
	claims := func(mod func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"iss": p.srv.URL, "aud": "thidua", "sub": "CB0000001", "thidua_roles": []string{"UNIT_ADMIN", "SOMETHING_ELSE"},
			"ma_don_vi": "Q1", "exp": now.Add(time.Hour).Unix(), "iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix()}
		if mod != nil {
			mod(c)
		}
		return c
	}
	id, err := v.Verify(sign(t, jwt.SigningMethodRS256, "k1", k1, claims(nil)))
	if err != nil || id.Sub != "CB0000001" || id.UnitCode != "Q1" || len(id.Roles) != 1 || id.Roles[0] != "UNIT_ADMIN" {
		t.Fatalf("valid RS256: %+v %v", id, err)
	}
	if _, err := v.Verify(sign(t, jwt.SigningMethodES256, "e1", ec, claims(nil))); err != nil {
		t.Fatalf("valid ES256: %v", err)
	}
	// Rotation: the provider publishes k2 and signs with it; the verifier
	// refetches the JWKS for the unknown key id.
	p.publish(rsaJWK("k2", k2))
	time.Sleep(2 * time.Millisecond)
	if _, err := v.Verify(sign(t, jwt.SigningMethodRS256, "k2", k2, claims(nil))); err != nil {
		t.Fatalf("after rotation: %v", err)
	}
	pub, _ := x509.MarshalPKIXPublicKey(&k2.PublicKey)
	for name, tok := range map[string]string{
		"retired key":               sign(t, jwt.SigningMethodRS256, "k1", k1, claims(nil)),
		"unknown key":               sign(t, jwt.SigningMethodRS256, "zz", k1, claims(nil)),
		"alg none":                  sign(t, jwt.SigningMethodNone, "k2", jwt.UnsafeAllowNoneSignatureType, claims(nil)),
		"HS256 with the public key": sign(t, jwt.SigningMethodHS256, "k2", pub, claims(nil)),
		"RS512":                     sign(t, jwt.SigningMethodRS512, "k2", k2, claims(nil)),
		"wrong audience":            sign(t, jwt.SigningMethodRS256, "k2", k2, claims(func(c jwt.MapClaims) { c["aud"] = "other-app" })),
		"wrong issuer":              sign(t, jwt.SigningMethodRS256, "k2", k2, claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })),
		"expired":                   sign(t, jwt.SigningMethodRS256, "k2", k2, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-2 * time.Minute).Unix() })),
		"not yet valid":             sign(t, jwt.SigningMethodRS256, "k2", k2, claims(func(c jwt.MapClaims) { c["nbf"] = now.Add(5 * time.Minute).Unix() })),
		"no expiry":                 sign(t, jwt.SigningMethodRS256, "k2", k2, claims(func(c jwt.MapClaims) { delete(c, "exp") })),
		"no thidua role":            sign(t, jwt.SigningMethodRS256, "k2", k2, claims(func(c jwt.MapClaims) { c["thidua_roles"] = []string{"ADMIN"} })),
		"EC key claimed RSA":        sign(t, jwt.SigningMethodES256, "k2", ec, claims(nil)),
	} {
		if _, err := v.Verify(tok); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// Within the clock skew allowed: expired 30 s ago still passes.
	if _, err := v.Verify(sign(t, jwt.SigningMethodRS256, "k2", k2, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-30 * time.Second).Unix() }))); err != nil {
		t.Errorf("within the leeway: %v", err)
	}
	// HS256 only with a configured secret.
	hs, _ := NewHS256("a-shared-secret-a-shared-secret-0123")
	devTok, _ := hs.Mint(Identity{Sub: "dev", Roles: []access.Role{access.CityAdmin}}, time.Hour)
	if _, err := v.Verify(devTok); err == nil {
		t.Error("HS256 accepted without a shared secret configured")
	}
	if _, err := (Verifiers{OIDC: o, HS: hs}).Verify(devTok); err != nil {
		t.Errorf("HS256 with the secret configured: %v", err)
	}
}
