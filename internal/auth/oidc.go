package auth

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// OIDCConfig configures the verification of the city identity provider's
// tokens.
type OIDCConfig struct {
	Issuer   string // the provider's issuer URL; discovery is at /.well-known/openid-configuration
	Audience string // the audience thidua's tokens carry
	// Claims that carry the subject, the roles and the unit code.
	SubClaim, RolesClaim, UnitClaim string
	Leeway                          time.Duration // clock skew allowed on exp, nbf, iat
	Client                          *http.Client
	// MinRefresh is the shortest interval between two JWKS fetches, so a
	// flood of tokens with unknown key ids cannot flood the provider.
	MinRefresh time.Duration
}

// OIDC verifies RS256 and ES256 tokens against the issuer's JWKS, with
// discovery, key rotation and caching.
type OIDC struct {
	cfg     OIDCConfig
	jwksURI string
	now     func() time.Time

	mu      sync.Mutex
	keys    map[string]crypto.PublicKey
	fetched time.Time
}

// NewOIDC discovers the issuer's JWKS and loads its keys.
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("OIDC needs an issuer and an audience")
	}
	if cfg.SubClaim == "" {
		cfg.SubClaim = "sub"
	}
	if cfg.RolesClaim == "" {
		cfg.RolesClaim = "roles"
	}
	if cfg.UnitClaim == "" {
		cfg.UnitClaim = "unit"
	}
	if cfg.Leeway == 0 {
		cfg.Leeway = ClockSkew
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.MinRefresh == 0 {
		cfg.MinRefresh = 30 * time.Second
	}
	o := &OIDC{cfg: cfg, now: time.Now}
	var disc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := o.getJSON(ctx, strings.TrimSuffix(cfg.Issuer, "/")+"/.well-known/openid-configuration", &disc); err != nil {
		return nil, fmt.Errorf("OIDC discovery: %w", err)
	}
	if disc.Issuer != cfg.Issuer {
		return nil, fmt.Errorf("OIDC discovery: issuer %q, configured %q", disc.Issuer, cfg.Issuer)
	}
	o.jwksURI = disc.JWKSURI
	if err := o.refresh(ctx, true); err != nil {
		return nil, err
	}
	return o, nil
}

func (o *OIDC) getJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := o.cfg.Client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// refresh fetches the JWKS unless it was fetched less than MinRefresh ago.
func (o *OIDC) refresh(ctx context.Context, force bool) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !force && o.now().Sub(o.fetched) < o.cfg.MinRefresh {
		return nil
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := o.getJSON(ctx, o.jwksURI, &set); err != nil {
		return fmt.Errorf("OIDC keys: %w", err)
	}
	keys := map[string]crypto.PublicKey{}
	for _, k := range set.Keys {
		if pk, err := k.public(); err == nil && k.Kid != "" {
			keys[k.Kid] = pk
		}
	}
	o.keys, o.fetched = keys, o.now()
	return nil
}

func (o *OIDC) key(kid string) crypto.PublicKey {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.keys[kid]
}

// Verify checks a token's algorithm (RS256 or ES256 only: no "none", no
// HMAC with a public key), its key (refetching the JWKS once for an
// unknown key id: rotation), issuer, audience and times.
func (o *OIDC) Verify(raw string) (Identity, error) {
	if err := checkPayload(raw, o.now(), o.cfg.Leeway); err != nil {
		return Identity{}, err
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		k := o.key(kid)
		if k == nil {
			if err := o.refresh(context.Background(), false); err != nil {
				return nil, err
			}
			k = o.key(kid)
		}
		if k == nil {
			return nil, fmt.Errorf("unknown key id %q", kid)
		}
		switch t.Method.(type) {
		case *jwt.SigningMethodRSA:
			if _, ok := k.(*rsa.PublicKey); !ok {
				return nil, errors.New("key type does not match the algorithm")
			}
		case *jwt.SigningMethodECDSA:
			if _, ok := k.(*ecdsa.PublicKey); !ok {
				return nil, errors.New("key type does not match the algorithm")
			}
		default:
			return nil, errors.New("algorithm not allowed")
		}
		return k, nil
	},
		jwt.WithValidMethods([]string{"RS256", "ES256"}),
		jwt.WithIssuer(o.cfg.Issuer),
		jwt.WithAudience(o.cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(o.cfg.Leeway),
		jwt.WithTimeFunc(o.now),
	)
	if err != nil {
		return Identity{}, err
	}
	id, err := identityOf(claims, o.cfg.SubClaim, o.cfg.RolesClaim, o.cfg.UnitClaim)
	if err != nil {
		return Identity{}, err
	}
	if exp, err := claims.GetExpirationTime(); err == nil && exp != nil {
		id.Expires = exp.Time
	}
	return id, nil
}

// identityOf maps the configured claims to an identity: roles may be a
// list or a space- or comma-separated string; unknown roles are ignored,
// and a token with no known role is refused.
func identityOf(c jwt.MapClaims, subClaim, rolesClaim, unitClaim string) (Identity, error) {
	id := Identity{}
	id.Sub, _ = c[subClaim].(string)
	id.UnitCode, _ = c[unitClaim].(string)
	var names []string
	switch r := c[rolesClaim].(type) {
	case []any:
		for _, x := range r {
			if s, ok := x.(string); ok {
				names = append(names, s)
			}
		}
	case string:
		names = strings.FieldsFunc(r, func(c rune) bool { return c == ' ' || c == ',' })
	}
	for _, n := range names {
		if role, err := access.ParseRole(strings.TrimSpace(n)); err == nil {
			id.Roles = append(id.Roles, role)
		}
	}
	if id.Sub == "" {
		return Identity{}, errors.New("token has no subject")
	}
	if len(id.Roles) == 0 {
		return Identity{}, errors.New("token has no thidua role")
	}
	return id, nil
}

// jwk is one key of a JWKS (RSA or P-256 EC).
type jwk struct {
	Kty, Kid, Use, Alg, Crv string
	N, E, X, Y              string
}

func (k jwk) public() (crypto.PublicKey, error) {
	dec := base64.RawURLEncoding.DecodeString
	switch k.Kty {
	case "RSA":
		n, err1 := dec(k.N)
		e, err2 := dec(k.E)
		if err1 != nil || err2 != nil {
			return nil, errors.New("bad RSA key")
		}
		return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}, nil
	case "EC":
		if k.Crv != "P-256" {
			return nil, fmt.Errorf("curve %q not supported", k.Crv)
		}
		x, err1 := dec(k.X)
		y, err2 := dec(k.Y)
		if err1 != nil || err2 != nil {
			return nil, errors.New("bad EC key")
		}
		pk := &ecdsa.PublicKey{Curve: elliptic.P256(), X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
		if !pk.Curve.IsOnCurve(pk.X, pk.Y) {
			return nil, errors.New("EC point not on the curve")
		}
		return pk, nil
	}
	return nil, fmt.Errorf("key type %q not supported", k.Kty)
}
