package auth

import "strings"

// claimAt reads a claim by a dot path, as providers nest them: Keycloak's
// realm_access.roles, resource_access.<client>.roles. Claim names may hold
// dots themselves (namespaced claims such as https://thidua.example/roles),
// so at each level the longest run of the remaining segments that names a
// key wins: a literal key with the full dotted name is tried first, and
// https://x.example/claims.roles finds "roles" inside
// "https://x.example/claims". No escaping syntax is needed for the
// providers seen; the rare name that is both a key and a path resolves to
// the key.
func claimAt(c map[string]any, path string) (any, bool) {
	if v, ok := c[path]; ok {
		return v, true
	}
	segs := strings.Split(path, ".")
	return walkClaim(c, segs)
}

func walkClaim(c map[string]any, segs []string) (any, bool) {
	for n := len(segs); n >= 1; n-- {
		v, ok := c[strings.Join(segs[:n], ".")]
		if !ok {
			continue
		}
		if n == len(segs) {
			return v, true
		}
		if inner, ok := v.(map[string]any); ok {
			if v, ok := walkClaim(inner, segs[n:]); ok {
				return v, true
			}
		}
	}
	return nil, false
}
