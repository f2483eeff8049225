package main

import (
	"net"
	"strings"
	"testing"
)

// TestOIDCVerifiersWithTheProviderDown: serve's verifiers come up with the
// identity provider unreachable (issue 20 §4) and refuse its tokens with
// the reason until the keys are loaded; malformed settings still stop it.
func TestOIDCVerifiersWithTheProviderDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + l.Addr().String()
	l.Close() // nothing listens there now
	t.Setenv("THIDUA_OIDC_ISSUER", issuer)
	t.Setenv("THIDUA_OIDC_AUDIENCE", "https://thidua.example/api")
	t.Setenv("THIDUA_JWT_SECRET", "")
	v, _, err := verifiers(t.Context(), false)
	if err != nil {
		t.Fatalf("provider down: %v", err)
	}
	defer v.OIDC.Close()
	if v.OIDC.Ready() || v.OIDC.Status()["state"] != "loading" {
		t.Fatalf("status: %v", v.OIDC.Status())
	}
	// Any well-formed RS256 token: the refusal comes before its key is looked up.
	tok := "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln"
	if _, err := v.Verify(tok); err == nil || !strings.Contains(err.Error(), "not loaded yet") {
		t.Errorf("token before the keys: %v", err)
	}

	for name, val := range map[string]string{"THIDUA_OIDC_REFRESH": "often", "THIDUA_OIDC_REQUIRE_AT_JWT": "maybe"} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(name, val)
			if _, _, err := verifiers(t.Context(), false); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s=%s: %v", name, val, err)
			}
		})
	}
}
