// Package auth verifies the bearer tokens of the API: in production the
// city identity provider's RS256/ES256 tokens (OIDC discovery and JWKS), in
// development HS256 tokens signed with THIDUA_JWT_SECRET, which it also
// mints. The claims are a subject, roles and a unit code.
package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// Issuer names thidua's own development tokens.
const Issuer = "thidua"

// Claims are the token's claims.
type Claims struct {
	Roles []string `json:"roles"`
	Unit  string   `json:"unit,omitempty"`
	jwt.RegisteredClaims
}

// Identity is what a verified token says.
type Identity struct {
	Sub      string
	Roles    []access.Role
	UnitCode string
	Expires  time.Time // the token's exp: a live stream ends there
}

// HS256 signs and verifies tokens with a shared secret.
type HS256 struct {
	secret []byte
	now    func() time.Time
}

// MinSecretLen is the shortest secret accepted: 256 bits, HS256's key size.
const MinSecretLen = 32

// NewHS256 returns a signer/verifier for the secret.
func NewHS256(secret string) (*HS256, error) {
	if len(secret) < MinSecretLen {
		return nil, fmt.Errorf("THIDUA_JWT_SECRET must be at least %d bytes", MinSecretLen)
	}
	return &HS256{secret: []byte(secret), now: time.Now}, nil
}

// Mint signs a token for an identity valid for ttl.
func (h *HS256) Mint(id Identity, ttl time.Duration) (string, error) {
	if id.Sub == "" {
		return "", errors.New("token: sub is required")
	}
	if len(id.Roles) == 0 {
		return "", errors.New("token: at least one role is required")
	}
	roles := make([]string, len(id.Roles))
	for i, r := range id.Roles {
		roles[i] = string(r)
	}
	now := h.now()
	c := Claims{
		Roles: roles,
		Unit:  id.UnitCode,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   id.Sub,
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(h.secret)
}

// Verify checks a token's signature, algorithm, issuer and times, and
// returns its identity.
func (h *HS256) Verify(raw string) (Identity, error) {
	if err := checkPayload(raw, h.now(), ClockSkew); err != nil {
		return Identity{}, err
	}
	var c Claims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return h.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(ClockSkew),
		jwt.WithTimeFunc(h.now),
	)
	if err != nil {
		return Identity{}, err
	}
	if c.Subject == "" {
		return Identity{}, errors.New("token has no sub")
	}
	id := Identity{Sub: c.Subject, UnitCode: c.Unit}
	if c.ExpiresAt != nil {
		id.Expires = c.ExpiresAt.Time
	}
	for _, r := range c.Roles {
		role, err := access.ParseRole(r)
		if err != nil {
			return Identity{}, err
		}
		id.Roles = append(id.Roles, role)
	}
	if len(id.Roles) == 0 {
		return Identity{}, errors.New("token has no roles")
	}
	return id, nil
}
