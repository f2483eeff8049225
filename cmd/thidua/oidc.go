package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hcmc-thidua/thidua/internal/auth"
)

// oidcConfig reads the identity provider's settings (docs/operations.md,
// "Identity provider"). A malformed value stops the server: a refresh or
// a type policy silently left at its default is a surprise found late.
func oidcConfig(issuer string) (auth.OIDCConfig, error) {
	cfg := auth.OIDCConfig{
		Issuer:     issuer,
		Audience:   os.Getenv("THIDUA_OIDC_AUDIENCE"),
		SubClaim:   os.Getenv("THIDUA_OIDC_SUB_CLAIM"),
		RolesClaim: os.Getenv("THIDUA_OIDC_ROLES_CLAIM"),
		UnitClaim:  os.Getenv("THIDUA_OIDC_UNIT_CLAIM"),
		ClientID:   os.Getenv("THIDUA_OIDC_CLIENT_ID"),
	}
	if v := os.Getenv("THIDUA_OIDC_REFRESH"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return cfg, fmt.Errorf("THIDUA_OIDC_REFRESH %q: a duration of at least 1s, such as 10m", v)
		}
		cfg.Refresh = d
	}
	if v := os.Getenv("THIDUA_OIDC_REQUIRE_AT_JWT"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return cfg, fmt.Errorf("THIDUA_OIDC_REQUIRE_AT_JWT %q: true or false", v)
		}
		cfg.RequireATJWT = b
	}
	return cfg, nil
}
