package auth

import (
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
	"strings"
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
	// down answers 503 to everything; issuer, when set, is what discovery
	// claims; hang, when set, holds JWKS requests until it closes, after
	// signalling entered.
	down    bool
	issuer  string
	hang    chan struct{}
	entered chan struct{}
}

func newProvider(t *testing.T) *provider {
	p := &provider{}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		down, iss := p.down, p.issuer
		p.mu.Unlock()
		if down {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		if iss == "" {
			iss = p.srv.URL
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"issuer": iss, "jwks_uri": p.srv.URL + "/jwks"})
	})
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.hits++
		down, hang, entered := p.down, p.hang, p.entered
		p.mu.Unlock()
		if down {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		if hang != nil {
			select {
			case entered <- struct{}{}:
			default:
			}
			select {
			case <-hang:
			case <-r.Context().Done():
				return
			}
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": p.keys})
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) jwksHits() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits
}

func (p *provider) set(f func(p *provider)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p)
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
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", RolesClaim: "thidua_roles",
		UnitClaim: "ma_don_vi"})
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
		"no key id":                 sign(t, jwt.SigningMethodRS256, "", k2, claims(nil)),
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
		_, err := v.Verify(tok)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		// The reason is logged: it must not carry the token, nor claim
		// values beyond what identifies the key.
		for _, part := range append(strings.Split(tok, "."), "Q1", "evil.example", "other-app") {
			if part != "" && strings.Contains(err.Error(), part) {
				t.Errorf("%s: the reason %q holds %q", name, err, part)
			}
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

// TestOIDCAccessTokensOnly: ID tokens are refused as bearers, by header typ
// or by their marks; RequireATJWT keeps only RFC 9068 access tokens.
func TestOIDCAccessTokensOnly(t *testing.T) {
	p := newProvider(t)
	k := rsaKey(t)
	p.publish(rsaJWK("k1", k))
	lax, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", ClientID: "thidua-web"})
	if err != nil {
		t.Fatal(err)
	}
	defer lax.Close()
	strict, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", RequireATJWT: true})
	if err != nil {
		t.Fatal(err)
	}
	defer strict.Close()
	tok := func(typ string, mod func(jwt.MapClaims)) string {
		c := accessClaims(p, time.Now())
		if mod != nil {
			mod(c)
		}
		j := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
		j.Header["kid"] = "k1"
		if typ == "" {
			delete(j.Header, "typ")
		} else {
			j.Header["typ"] = typ
		}
		s, err := j.SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name        string
		tok         string
		lax, strict bool // accepted
	}{
		{"typ at+jwt", tok("at+jwt", nil), true, true},
		{"typ application/at+jwt", tok("application/at+jwt", nil), true, true},
		{"typ JWT (Keycloak, Entra)", tok("JWT", nil), true, false},
		{"no typ", tok("", nil), true, false},
		{"typ id_token+jwt", tok("id_token+jwt", nil), false, false},
		{"typ not a string", func() string {
			j := jwt.NewWithClaims(jwt.SigningMethodRS256, accessClaims(p, time.Now()))
			j.Header["kid"], j.Header["typ"] = "k1", 1
			s, _ := j.SignedString(k)
			return s
		}(), false, false},
		{"nonce", tok("JWT", func(c jwt.MapClaims) { c["nonce"] = "n" }), false, false},
		{"at_hash", tok("JWT", func(c jwt.MapClaims) { c["at_hash"] = "h" }), false, false},
		{"Keycloak ID token", tok("JWT", func(c jwt.MapClaims) { c["typ"] = "ID" }), false, false},
		{"Keycloak access token", tok("JWT", func(c jwt.MapClaims) { c["typ"] = "Bearer" }), true, false},
		{"audience holds the client id", tok("JWT", func(c jwt.MapClaims) { c["aud"] = []string{"thidua", "thidua-web"} }), false, false},
	} {
		if _, err := lax.Verify(c.tok); (err == nil) != c.lax {
			t.Errorf("%s, default: %v, want accepted %v", c.name, err, c.lax)
		}
		if _, err := strict.Verify(c.tok); (err == nil) != c.strict {
			t.Errorf("%s, RequireATJWT: %v, want accepted %v", c.name, err, c.strict)
		}
	}
	if _, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", ClientID: "thidua"}); err == nil {
		t.Error("a client id equal to the audience accepted")
	}
}

// TestOIDCNestedClaims: roles, subject and unit read by dot paths, as
// Keycloak nests them.
func TestOIDCNestedClaims(t *testing.T) {
	p := newProvider(t)
	k := rsaKey(t)
	p.publish(rsaJWK("k1", k))
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua",
		RolesClaim: "resource_access.thidua.roles", UnitClaim: "attrs.unit", SubClaim: "preferred_username"})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	c := accessClaims(p, time.Now())
	delete(c, "roles")
	c["resource_access"] = map[string]any{"thidua": map[string]any{"roles": []string{"UNIT_HEAD"}}, "account": map[string]any{"roles": []string{"CITY_ADMIN"}}}
	c["attrs"] = map[string]any{"unit": "Q3"}
	c["preferred_username"] = "cb0000002"
	id, err := o.Verify(sign(t, jwt.SigningMethodRS256, "k1", k, c))
	if err != nil || id.Sub != "cb0000002" || id.UnitCode != "Q3" || len(id.Roles) != 1 || id.Roles[0] != access.UnitHead {
		t.Fatalf("nested claims: %+v %v", id, err)
	}
}
