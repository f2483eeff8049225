package server_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// signHS256 signs a header and a payload written by hand, so a test can
// send what a minting library would never write.
func signHS256(header, payload string) string {
	enc := base64.RawURLEncoding
	unsigned := enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload))
	mac := hmac.New(sha256.New, []byte(testSecret))
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc.EncodeToString(mac.Sum(nil))
}

// TestTokenTimesAndKeys: exp is required and a number, iat and nbf are
// numbers not in the future, exp not in the past, within a minute's skew;
// a key written twice in the header or the payload refuses the token.
// Before, golang-jwt read "exp": "…" as a number, never looked at iat, and
// took the last of duplicate keys.
func TestTokenTimesAndKeys(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	now := time.Now().Unix()
	const head = `{"alg":"HS256","typ":"JWT"}`
	claims := func(extra string) string {
		return `{"iss":"thidua","sub":"tok","roles":["LEADER"]` + extra + `}`
	}
	for _, tc := range []struct {
		name, header, payload string
		ok                    bool
	}{
		{"well formed", head, claims(fmt.Sprintf(`,"exp":%d,"iat":%d,"nbf":%d`, now+600, now, now)), true},
		{"exp a fraction", head, claims(fmt.Sprintf(`,"exp":%d.5`, now+600)), true},
		{"iat and exp within the skew", head, claims(fmt.Sprintf(`,"exp":%d,"iat":%d`, now-30, now+30)), true},
		{"exp a string", head, claims(fmt.Sprintf(`,"exp":"%d"`, now+600)), false},
		{"iat a string", head, claims(fmt.Sprintf(`,"exp":%d,"iat":"%d"`, now+600, now)), false},
		{"nbf a string", head, claims(fmt.Sprintf(`,"exp":%d,"nbf":"%d"`, now+600, now)), false},
		{"no exp", head, claims(fmt.Sprintf(`,"iat":%d`, now)), false},
		{"exp past the skew", head, claims(fmt.Sprintf(`,"exp":%d`, now-120)), false},
		{"iat in the future", head, claims(fmt.Sprintf(`,"exp":%d,"iat":%d`, now+7200, now+3600)), false},
		{"nbf in the future", head, claims(fmt.Sprintf(`,"exp":%d,"nbf":%d`, now+7200, now+3600)), false},
		{"roles twice", head, `{"iss":"thidua","sub":"tok","roles":["MEMBER"],"roles":["CITY_ADMIN"],` + fmt.Sprintf(`"exp":%d}`, now+600), false},
		{"sub twice", head, `{"iss":"thidua","sub":"tok","roles":["LEADER"],"sub":"someone-else",` + fmt.Sprintf(`"exp":%d}`, now+600), false},
		{"exp twice", head, claims(fmt.Sprintf(`,"exp":%d,"exp":%d`, now-3600, now+600)), false},
		{"nested key twice", head, claims(fmt.Sprintf(`,"exp":%d,"x":{"a":1,"a":2}`, now+600)), false},
		{"alg twice", `{"alg":"none","alg":"HS256","typ":"JWT"}`, claims(fmt.Sprintf(`,"exp":%d`, now+600)), false},
		{"two payloads", head, claims(fmt.Sprintf(`,"exp":%d`, now+600)) + `{}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do(t, signHS256(tc.header, tc.payload), `{ viewer { sub } }`, nil)
			switch {
			case tc.ok && res.Status != http.StatusOK:
				t.Fatalf("refused: HTTP %d %+v", res.Status, res.Errors)
			case !tc.ok && (res.Status != http.StatusUnauthorized || res.code() != "UNAUTHENTICATED"):
				t.Fatalf("accepted: HTTP %d %s", res.Status, res.Data)
			}
		})
	}
}
