package main

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
)

// TestLinkKeyIsSharedOrAbsent: the link key comes from a secret every
// replica holds (THIDUA_LINK_SECRET, else the HS256 secret, else the
// development one with --dev); an OIDC deployment without either gets no
// key (serve then refuses to start), never one of its own; short or
// published secrets are refused.
func TestLinkKeyIsSharedOrAbsent(t *testing.T) {
	const secret = "replica-link-secret-replica-link-secret-0"
	v := &access.Viewer{Sub: "board", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}
	exp := time.Now().Add(time.Minute)
	mint := func(t *testing.T) string {
		t.Helper()
		s, err := linkSigner(false)
		if err != nil || s == nil {
			t.Fatalf("signer: %v %v", s, err)
		}
		return s.Sign("/files/dossier/1", url.Values{}, v, exp)
	}
	t.Setenv("THIDUA_JWT_SECRET", "")
	t.Setenv("THIDUA_LINK_SECRET", secret)
	if a, b := mint(t), mint(t); a != b {
		t.Errorf("two replicas' links differ: %s %s", a, b)
	}
	t.Setenv("THIDUA_LINK_SECRET", "")
	if s, err := linkSigner(false); s != nil || err != nil {
		t.Errorf("OIDC without a link secret: %v %v, want no key", s, err)
	}
	if s, err := linkSigner(true); s == nil || err != nil {
		t.Errorf("--dev: %v %v", s, err)
	}
	t.Setenv("THIDUA_JWT_SECRET", secret)
	if fromJWT := mint(t); !strings.Contains(fromJWT, "link=") {
		t.Errorf("from the HS256 secret: %q", fromJWT)
	}
	for _, bad := range []string{"short", auth.DevSecret} {
		t.Setenv("THIDUA_LINK_SECRET", bad)
		if _, err := linkSigner(false); err == nil {
			t.Errorf("THIDUA_LINK_SECRET=%q accepted", bad)
		}
	}
}
