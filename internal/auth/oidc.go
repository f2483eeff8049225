package auth

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// OIDCConfig configures the verification of the city identity provider's
// tokens. The zero values of the durations are the defaults below; see
// oidckeys.go for how they ration the provider's load.
type OIDCConfig struct {
	Issuer   string // the provider's issuer URL; discovery is at /.well-known/openid-configuration
	Audience string // the audience thidua's tokens carry: the API's resource indicator
	// Claims that carry the subject, the roles and the unit code: a name or
	// a dot path into nested objects (realm_access.roles; claimpath.go).
	SubClaim, RolesClaim, UnitClaim string
	Leeway                          time.Duration // clock skew allowed on exp, nbf, iat
	Client                          *http.Client
	// ClientID, when set, is the client id of thidua's own front end: a
	// token whose audience holds it is an ID token (tokentype.go).
	ClientID string
	// RequireATJWT refuses tokens whose header typ is not at+jwt (RFC 9068).
	RequireATJWT bool

	Refresh            time.Duration // the periodic JWKS refresh; 10 min
	UnknownKeyInterval time.Duration // at most one fetch per this for unknown key ids, all together; 5 s
	KeyWait            time.Duration // how long a token with an unknown key id waits for the fetch; 2 s
	RetryMin           time.Duration // the first retry of a failed fetch, doubling up to a minute; 1 s
	// StartWait is how long NewOIDC waits for the first keys; 5 s. Negative:
	// not at all. Past it the server starts and refuses tokens until they come.
	StartWait time.Duration
	Logger    *slog.Logger
	now       func() time.Time // tests: a clock they move
}

// OIDC verifies RS256 and ES256 access tokens against the issuer's JWKS,
// with discovery, key rotation and caching, and rides out the provider's
// outages (oidckeys.go).
type OIDC struct {
	cfg  OIDCConfig
	now  func() time.Time
	log  *slog.Logger
	ctx  context.Context // the background refresh's life; fetches run under it
	stop context.CancelFunc

	keys atomic.Pointer[keySet]

	mu               sync.Mutex
	jwksURI          string
	inflight         *fetchCall
	lastUnknown      time.Time     // the last fetch an unknown key id started
	tokenFetchFailed chan struct{} // a token's fetch failed: the loop retries
	fetches          int
	lastAttempt      time.Time
	lastErr          string
}

// NewOIDC starts loading the issuer's keys and refreshing them in the
// background until ctx ends. It fails only on a configuration it can tell
// is wrong without the provider; a provider that is down, hung or
// misconfigured delays the keys, not the server (Status tells).
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("OIDC needs an issuer and an audience")
	}
	if u, err := url.Parse(cfg.Issuer); err != nil || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("OIDC issuer %q is not an http(s) URL", cfg.Issuer)
	}
	if cfg.ClientID != "" && cfg.ClientID == cfg.Audience {
		return nil, errors.New("OIDC: the client id is the audience: ID tokens could not be told from access tokens")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&cfg.Leeway, ClockSkew)
	def(&cfg.Refresh, 10*time.Minute)
	def(&cfg.UnknownKeyInterval, 5*time.Second)
	def(&cfg.KeyWait, 2*time.Second)
	def(&cfg.RetryMin, time.Second)
	def(&cfg.StartWait, 5*time.Second)
	if cfg.SubClaim == "" {
		cfg.SubClaim = "sub"
	}
	if cfg.RolesClaim == "" {
		cfg.RolesClaim = "roles"
	}
	if cfg.UnitClaim == "" {
		cfg.UnitClaim = "unit"
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	o := &OIDC{cfg: cfg, now: time.Now, log: cfg.Logger, tokenFetchFailed: make(chan struct{}, 1)}
	if cfg.now != nil {
		o.now = cfg.now
	}
	o.ctx, o.stop = context.WithCancel(ctx)
	first := o.fetch()
	go o.run(first)
	waitFirst(ctx, first, cfg.StartWait)
	return o, nil
}

// Verify checks a token's algorithm (RS256 or ES256 only: no "none", no
// HMAC with a public key), its key (cached; an unknown key id may trigger a
// bounded refetch: rotation), issuer, audience, times and type (access
// tokens only). Its errors say why, never with the token or claim values
// beyond a key id or type.
func (o *OIDC) Verify(raw string) (Identity, error) {
	if err := checkPayload(raw, o.now(), o.cfg.Leeway); err != nil {
		return Identity{}, err
	}
	ks := o.keys.Load()
	if ks == nil {
		return Identity{}, errNotLoaded
	}
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		if _, ok := t.Header["crit"]; ok {
			// RFC 7515 §4.1.11: a verifier refuses extensions it does not
			// understand, and thidua understands none.
			return nil, errors.New("token header has crit extensions")
		}
		raw, present := t.Header["kid"]
		kid, isString := raw.(string)
		switch {
		case present && !isString:
			return nil, errors.New("token's key id is not a string")
		case kid == "":
			// Keys without a kid are not loaded, so no fetch could help.
			return nil, errors.New("token has no key id")
		}
		k := ks.keys[kid]
		if k == nil {
			var err error
			if k, err = o.unknownKey(kid); err != nil {
				return nil, err
			}
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
	if err := checkTokenType(tok.Header, claims, o.cfg.RequireATJWT, o.cfg.ClientID); err != nil {
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
	// A claim that is there but not a string (a provider's mapper set to
	// "multivalued" sends a list) is refused with its reason: dropped, it
	// left a viewer without a unit whose every read was FORBIDDEN.
	var bad error
	str := func(path string) string {
		v, ok := claimAt(c, path)
		s, isString := v.(string)
		if ok && v != nil && !isString && bad == nil {
			bad = fmt.Errorf("token's claim %s is not a string", path)
		}
		return s
	}
	id.Sub, id.UnitCode = str(subClaim), str(unitClaim)
	if bad != nil {
		return Identity{}, bad
	}
	var names []string
	roles, _ := claimAt(c, rolesClaim)
	switch r := roles.(type) {
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
		return Identity{}, fmt.Errorf("token has no subject (claim %s)", subClaim)
	}
	if len(id.Roles) == 0 {
		return Identity{}, fmt.Errorf("token has no thidua role (claim %s)", rolesClaim)
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
		pk := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		// Below 2048 bits a key is forgeable with enough money (NIST SP
		// 800-131A has disallowed it since 2013); an even or tiny exponent
		// is no RSA key at all. Such keys are not loaded.
		if pk.N.BitLen() < 2048 {
			return nil, fmt.Errorf("RSA key of %d bits; at least 2048", pk.N.BitLen())
		}
		if pk.E < 3 || pk.E%2 == 0 || len(e) > 4 {
			return nil, errors.New("RSA public exponent not acceptable")
		}
		return pk, nil
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
