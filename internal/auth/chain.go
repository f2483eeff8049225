package auth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// Verifiers picks the verifier by the token's algorithm: the identity
// provider's keys for RS256/ES256, the shared secret for HS256 when one is
// configured (development). Any other algorithm, "none" included, is refused.
type Verifiers struct {
	OIDC *OIDC
	HS   *HS256
}

// Verify checks a token with the verifier its algorithm names.
func (v Verifiers) Verify(raw string) (Identity, error) {
	switch alg := algorithm(raw); {
	case alg == "HS256" && v.HS != nil:
		return v.HS.Verify(raw)
	case (alg == "RS256" || alg == "ES256") && v.OIDC != nil:
		return v.OIDC.Verify(raw)
	}
	return Identity{}, errors.New("token algorithm not accepted")
}

// algorithm reads the unverified header's alg; the chosen verifier then
// checks it again against its own allowed list.
func algorithm(raw string) string {
	head, _, ok := strings.Cut(raw, ".")
	if !ok {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil {
		return ""
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(b, &h) != nil {
		return ""
	}
	return h.Alg
}

// Status is the identity provider's key state (OIDC.Status); nil without
// OIDC.
func (v Verifiers) Status() map[string]any {
	if v.OIDC == nil {
		return nil
	}
	return v.OIDC.Status()
}
