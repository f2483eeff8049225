package server

// identityStatus is what /readyz says of the identity provider's keys
// (issue 20 §4): "loading" until they are loaded, then "ready", or "stale"
// while fetches fail and the loaded keys stay in use. It never turns /readyz
// 503: a replica without the provider's keys still serves the HS256 tokens
// and the links, and taking every replica out of the balancer while the
// provider is down would turn its outage into thidua's. Neither the
// issuer nor the last error is shown: /readyz is unauthenticated and an
// error names the provider's internal address; the logs have them.
func identityStatus(v Verifier) map[string]any {
	s, ok := v.(interface{ Status() map[string]any })
	if !ok {
		return map[string]any{"state": "not configured"}
	}
	st := s.Status()
	if st == nil {
		return map[string]any{"state": "not configured"}
	}
	out := map[string]any{}
	for _, k := range []string{"state", "keys", "fetched", "attempted"} {
		if x, ok := st[k]; ok {
			out[k] = x
		}
	}
	return out
}
