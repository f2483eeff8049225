package auth

import (
	"errors"
	"fmt"
	"strings"
)

// The API takes access tokens, never ID tokens: an ID token is meant for
// the client that asked for it, and one whose audience happens to be the
// API's would otherwise pass as a bearer. RFC 9068 marks JWT access tokens
// with the header typ "at+jwt"; OIDC Core ID tokens carry nonce (when the
// client sent one) and at_hash (hybrid and implicit flows), and their
// audience is the client id.
//
// Many providers do not follow RFC 9068: Keycloak sends header typ "JWT"
// for both kinds (its payload typ says "Bearer" or "ID"), Entra ID and
// others "JWT" or nothing. So by default (RequireATJWT off) a header typ of
// at+jwt, application/at+jwt, JWT or none passes, any other value (an
// explicit "id_token+jwt", "logout+jwt", …) is refused, and so is a token
// that shows an ID token's marks: nonce, at_hash, a payload typ "ID", or —
// when ClientID is configured — the client id among its audiences. With
// RequireATJWT on, the header typ must be at+jwt or application/at+jwt, as
// RFC 9068 §4 asks of a resource server.
func checkTokenType(header, claims map[string]any, requireATJWT bool, clientID string) error {
	typ, ok := header["typ"].(string)
	if _, present := header["typ"]; present && !ok {
		return errors.New("token type is not a string")
	}
	switch t := strings.ToLower(typ); {
	case t == "at+jwt" || t == "application/at+jwt":
	case requireATJWT:
		return fmt.Errorf("token type %s is not at+jwt (THIDUA_OIDC_REQUIRE_AT_JWT)", quoteShort(typ))
	case t == "" || t == "jwt":
	default:
		return fmt.Errorf("token type %s is not an access token's", quoteShort(typ))
	}
	if _, ok := claims["nonce"]; ok {
		return errors.New("an ID token (nonce) is not an access token")
	}
	if _, ok := claims["at_hash"]; ok {
		return errors.New("an ID token (at_hash) is not an access token")
	}
	if t, _ := claims["typ"].(string); strings.EqualFold(t, "ID") {
		return errors.New("an ID token (payload typ ID) is not an access token")
	}
	if clientID != "" {
		switch aud := claims["aud"].(type) {
		case string:
			if aud == clientID {
				return errors.New("an ID token (audience is the client id) is not an access token")
			}
		case []any:
			for _, a := range aud {
				if a == clientID {
					return errors.New("an ID token (audience holds the client id) is not an access token")
				}
			}
		}
	}
	return nil
}
