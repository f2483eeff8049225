package server

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/auth"
)

type statusVerifier struct {
	refuseAll
	st map[string]any
}

func (s statusVerifier) Status() map[string]any { return s.st }

// TestIdentityInReadiness: /readyz shows the provider's key state, and
// neither its address nor its errors, which an unauthenticated caller
// would read.
func TestIdentityInReadiness(t *testing.T) {
	got := identityStatus(statusVerifier{st: map[string]any{"state": "stale", "keys": 2, "issuer": "https://idp.internal",
		"error": "dial tcp 10.0.0.5:443: connection refused", "fetched": "2026-12-06T04:00:00Z"}})
	if len(got) != 3 || got["state"] != "stale" || got["keys"] != 2 || got["fetched"] == nil {
		t.Errorf("OIDC status: %v", got)
	}
	for name, v := range map[string]Verifier{"no Status": refuseAll{}, "HS256 only": auth.Verifiers{}} {
		if got := identityStatus(v); got["state"] != "not configured" {
			t.Errorf("%s: %v", name, got)
		}
	}
}
