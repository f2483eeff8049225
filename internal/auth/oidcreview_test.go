package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestOIDCOutsideReviewRefusals: what an outside review found accepted or
// explained wrongly — a unit claim sent as a list, a header with crit
// extensions, a key id that is not a string, an exp past any date, a
// 1024-bit RSA key in the JWKS.
func TestOIDCOutsideReviewRefusals(t *testing.T) {
	p := newProvider(t)
	good := rsaKey(t)
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p.publish(rsaJWK("good", good), rsaJWK("weak", weak))
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", Refresh: time.Hour, UnitClaim: "unit"})
	if err != nil || !o.Ready() {
		t.Fatalf("NewOIDC: %v", err)
	}
	defer o.Close()
	claims := func(extra jwt.MapClaims) jwt.MapClaims {
		c := accessClaims(p, time.Now())
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	withHeader := func(h map[string]any, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
		for k, v := range h {
			tok.Header[k] = v
		}
		s, err := tok.SignedString(good)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name, token, want string
	}{
		{"a unit claim sent as a list", sign(t, jwt.SigningMethodRS256, "good", good, claims(jwt.MapClaims{"unit": []string{"PX-SAI-GON"}})), "claim unit is not a string"},
		{"crit extensions", withHeader(map[string]any{"kid": "good", "crit": []string{"b64"}, "b64": false}, claims(nil)), "crit"},
		{"a key id that is a number", withHeader(map[string]any{"kid": 123}, claims(nil)), "key id is not a string"},
		{"an exp past any date", sign(t, jwt.SigningMethodRS256, "good", good, claims(jwt.MapClaims{"exp": 1e20})), "exp is out of range"},
		{"a 1024-bit key", sign(t, jwt.SigningMethodRS256, "weak", weak, claims(nil)), "unknown key id"},
	} {
		_, err := o.Verify(c.token)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := o.Verify(sign(t, jwt.SigningMethodRS256, "good", good, claims(jwt.MapClaims{"unit": "PX-SAI-GON"}))); err != nil {
		t.Errorf("a good token: %v", err)
	}
}
