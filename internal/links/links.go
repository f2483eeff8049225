// Package links signs short-lived download links: a relative URL a browser
// can follow without an Authorization header (<a href>, window.open, <img>),
// carrying the viewer it was minted for, so the download handler rebuilds
// that viewer and applies the same rules as with a bearer token.
package links

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/clock"
)

// TTL is how long a link lives: long enough for a click after the page
// loaded it, short enough that a link copied into a chat or a history is
// soon worthless.
const TTL = 5 * time.Minute

// Param is the query parameter that carries the link's viewer, expiry and
// signature; every other parameter selects content and is signed.
const Param = "link"

// label separates the link key from any other use of the same secret: the
// key is derived, never the secret itself, so a link's MAC can never be
// replayed as a token's signature or the other way round.
const label = "thidua download link v1"

var (
	// ErrExpired is a well-formed link, signed by this key, past its expiry.
	ErrExpired = errors.New("links: expired")
	// ErrInvalid is a link that is malformed, tampered with, for another
	// path or query, or signed with another key.
	ErrInvalid = errors.New("links: invalid")
	// ErrNoKey is a server without a link secret.
	ErrNoKey = errors.New("links: no key configured")
)

// Signer mints and checks links with a key derived from a secret the
// replicas share.
type Signer struct{ key []byte }

// New derives the link key from secret, which must be at least
// auth.MinSecretLen bytes.
func New(secret string) (*Signer, error) {
	if len(secret) < auth.MinSecretLen {
		return nil, fmt.Errorf("the link secret must be at least %d bytes", auth.MinSecretLen)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(label))
	return &Signer{key: m.Sum(nil)}, nil
}

// claims is who the link was minted for and until when; the names are a
// JWT's, so a reader of a decoded link recognises them.
type claims struct {
	Sub   string   `json:"sub"`
	Roles []string `json:"roles"`
	Unit  string   `json:"unit,omitempty"`
	Exp   int64    `json:"exp"`
}

var enc = base64.RawURLEncoding

// Sign returns path?query&link=… for the viewer, valid until exp. query
// holds the parameters that select content (a report's unit); they are
// signed with the path, so none can be changed or added.
func (s *Signer) Sign(path string, query url.Values, v *access.Viewer, exp time.Time) string {
	c := claims{Sub: v.Sub, Unit: v.UnitCode, Exp: exp.Unix(), Roles: make([]string, len(v.Roles))}
	for i, r := range v.Roles {
		c.Roles[i] = string(r)
	}
	b, _ := json.Marshal(c) // strings and an integer: never fails
	payload := enc.EncodeToString(b)
	q := url.Values{}
	for k, vs := range query {
		q[k] = append([]string(nil), vs...)
	}
	q.Set(Param, payload+"."+enc.EncodeToString(s.mac(path, query, payload)))
	return path + "?" + q.Encode()
}

// Verify checks the link a request carries on path with query (the whole
// query, link included) at now, and says whom it was minted for.
func (s *Signer) Verify(path string, query url.Values, now time.Time) (auth.Identity, error) {
	vs := query[Param]
	if len(vs) != 1 {
		return auth.Identity{}, ErrInvalid
	}
	payload, sig, ok := strings.Cut(vs[0], ".")
	if !ok {
		return auth.Identity{}, ErrInvalid
	}
	got, err := enc.DecodeString(sig)
	if err != nil {
		return auth.Identity{}, ErrInvalid
	}
	selecting := url.Values{}
	for k, v := range query {
		if k != Param {
			selecting[k] = v
		}
	}
	// Checked before the payload is even decoded: nothing an attacker
	// wrote is parsed unless this key signed it.
	if !hmac.Equal(got, s.mac(path, selecting, payload)) {
		return auth.Identity{}, ErrInvalid
	}
	b, err := enc.DecodeString(payload)
	if err != nil {
		return auth.Identity{}, ErrInvalid
	}
	var c claims
	if err := json.Unmarshal(b, &c); err != nil || c.Sub == "" || c.Exp == 0 {
		return auth.Identity{}, ErrInvalid
	}
	exp := time.Unix(c.Exp, 0)
	if !now.Before(exp) {
		return auth.Identity{}, ErrExpired
	}
	id := auth.Identity{Sub: c.Sub, UnitCode: c.Unit, Expires: exp}
	for _, r := range c.Roles {
		role, err := access.ParseRole(r)
		if err != nil {
			return auth.Identity{}, ErrInvalid
		}
		id.Roles = append(id.Roles, role)
	}
	return id, nil
}

// mac signs the method, the path, the selecting query in url.Values' sorted
// encoding and the payload, each on its own line: no part can slide into
// another, since none of them holds a newline once encoded.
func (s *Signer) mac(path string, query url.Values, payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("GET\n" + url.PathEscape(path) + "\n" + query.Encode() + "\n" + payload))
	return m.Sum(nil)
}

type ctxKey struct{}

// With puts the server's signer in ctx for the resolvers that mint links;
// nil says the server has none.
func With(ctx context.Context, s *Signer) context.Context {
	return context.WithValue(ctx, ctxKey{}, s)
}

// From is the signer of the request, or nil.
func From(ctx context.Context) *Signer {
	s, _ := ctx.Value(ctxKey{}).(*Signer)
	return s
}

// Mint is the link to path (with query) for the request's viewer, valid
// for TTL from the request's clock.
func Mint(ctx context.Context, path string, query url.Values) (string, error) {
	s := From(ctx)
	if s == nil {
		return "", ErrNoKey
	}
	v := access.FromContext(ctx)
	if v == nil || v.Sub == "" {
		return "", ErrInvalid
	}
	exp := clock.Now(ctx).Add(TTL)
	// A link never outlives the token it was minted under.
	if !v.Expires.IsZero() && v.Expires.Before(exp) {
		exp = v.Expires
	}
	return s.Sign(path, query, v, exp), nil
}

type signedKey struct{}

// WithSigned marks a request authenticated by a link that expires at exp:
// a page it serves links onward with links that expire no later.
func WithSigned(ctx context.Context, exp time.Time) context.Context {
	return context.WithValue(ctx, signedKey{}, exp)
}

// Signed is the expiry of the link the request came by, if it came by one.
func Signed(ctx context.Context) (time.Time, bool) {
	exp, ok := ctx.Value(signedKey{}).(time.Time)
	return exp, ok
}
