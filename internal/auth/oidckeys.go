package auth

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// How the verifier keeps the provider's keys (issue 20 §4).
//
// The key set is swapped whole behind an atomic pointer: a token check reads
// it and never takes a lock a fetch holds, so a hung provider cannot make a
// token signed with a known key wait.
//
// Keys are fetched by one background loop — at start, with backoff until the
// first fetch succeeds, then every Refresh (a removed key stops being
// accepted within Refresh) — and by tokens that name an unknown key id (a
// rotation before the next refresh). Anyone can send a token with a made-up
// key id, so those fetches are rationed by one global bucket of one fetch
// per UnknownKeyInterval (5 s): a flood of random key ids costs the
// provider at most that, and since every fetch reads the whole JWKS,
// whichever token triggers the next one also loads a genuinely new key:
// under a flood, a real rotation waits at most one interval, it cannot be
// starved. There is no memory of key ids found unknown: an attacker who
// names the provider's next key id before it is published would make that
// memory refuse the real key once it is (an outside review held a
// rotation back 29 s that way).
//
// Only one fetch runs at a time (single flight); a token with an unknown key
// id waits for it at most KeyWait (2 s), then is refused: waiting on the
// first tokens of a real rotation saves them a refusal, and the bound keeps a
// hung provider from holding requests for the HTTP client's timeout. When
// the bucket is empty the token is refused at once rather than queued.
//
// A failed fetch keeps the keys already loaded (a provider that is down
// must not lock everyone out) and is retried with backoff, whoever started
// it (the background loop or a token); so is a JWKS without one usable
// key, which is a provider's mistake more likely than its intent.

// keySet is one JWKS as fetched.
type keySet struct {
	keys    map[string]crypto.PublicKey
	fetched time.Time
}

// fetchCall is one run of the single-flight fetch; done closes when it ends.
type fetchCall struct {
	done chan struct{}
	err  error
}

// errNotLoaded refuses every token until the first fetch succeeds.
var errNotLoaded = errors.New("identity provider keys not loaded yet")

// startFetchLocked returns the running fetch, starting one if none runs.
// o.mu is held.
// A fetch a token started (byToken) that fails wakes the background loop,
// which retries with backoff: else the keys would stay "stale" until the
// next refresh, THIDUA_OIDC_REFRESH away, though the provider was back.
func (o *OIDC) startFetchLocked(byToken bool) *fetchCall {
	if o.inflight != nil {
		return o.inflight
	}
	call := &fetchCall{done: make(chan struct{})}
	o.inflight = call
	go func() {
		call.err = o.load()
		o.mu.Lock()
		o.inflight = nil
		o.fetches++
		o.lastAttempt = o.now()
		o.lastErr = ""
		if call.err != nil {
			o.lastErr = call.err.Error()
		}
		o.mu.Unlock()
		close(call.done)
		if call.err != nil && byToken {
			select {
			case o.tokenFetchFailed <- struct{}{}:
			default:
			}
		}
	}()
	return call
}

func (o *OIDC) fetch() *fetchCall {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.startFetchLocked(false)
}

// run loads the keys with backoff until it succeeds, then refreshes them
// every Refresh, until the context ends.
func (o *OIDC) run(first *fetchCall) {
	delay := o.cfg.RetryMin
	maxDelay := min(time.Minute, o.cfg.Refresh)
	call := first
	for {
		select {
		case <-call.done:
		case <-o.ctx.Done():
			return
		}
		failed := call.err != nil
		if !failed {
			delay = o.cfg.RetryMin
		}
		for waiting := true; waiting; {
			next := o.cfg.Refresh
			if failed {
				next = delay
				delay = max(o.cfg.RetryMin, min(2*delay, maxDelay))
			}
			t := time.NewTimer(next)
			select {
			case <-t.C:
				waiting = false
			case <-o.tokenFetchFailed:
				t.Stop()
				failed = true
			case <-o.ctx.Done():
				t.Stop()
				return
			}
		}
		call = o.fetch()
	}
}

// load discovers the JWKS (until it once succeeds) and fetches it.
func (o *OIDC) load() error {
	o.mu.Lock()
	uri := o.jwksURI
	o.mu.Unlock()
	if uri == "" {
		var disc struct {
			Issuer  string `json:"issuer"`
			JWKSURI string `json:"jwks_uri"`
		}
		if err := o.getJSON(strings.TrimSuffix(o.cfg.Issuer, "/")+"/.well-known/openid-configuration", &disc); err != nil {
			o.log.Warn("OIDC discovery failed; tokens are refused until it succeeds", "issuer", o.cfg.Issuer, "err", err)
			return fmt.Errorf("OIDC discovery: %w", err)
		}
		if disc.Issuer != o.cfg.Issuer {
			// A configuration error, not an outage: said loudly, and
			// retried in case the provider's side is what gets fixed.
			err := fmt.Errorf("OIDC discovery: the provider names itself %q, THIDUA_OIDC_ISSUER is %q", disc.Issuer, o.cfg.Issuer)
			o.log.Error("OIDC misconfigured: every token is refused", "err", err)
			return err
		}
		if disc.JWKSURI == "" {
			err := errors.New("OIDC discovery: no jwks_uri")
			o.log.Error("OIDC misconfigured: every token is refused", "err", err)
			return err
		}
		uri = disc.JWKSURI
		o.mu.Lock()
		o.jwksURI = uri
		o.mu.Unlock()
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := o.getJSON(uri, &set); err != nil {
		o.log.Warn("OIDC keys: fetch failed; the keys already loaded stay in use", "err", err)
		return fmt.Errorf("OIDC keys: %w", err)
	}
	keys := map[string]crypto.PublicKey{}
	for _, k := range set.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		pk, err := k.public()
		switch {
		case err != nil:
			o.log.Warn("OIDC keys: a key of the JWKS is not used", "kid", quoteShort(k.Kid), "reason", err.Error())
		case k.Kid != "":
			keys[k.Kid] = pk
		}
	}
	if len(keys) == 0 {
		o.log.Warn("OIDC keys: the JWKS has no usable key; the keys already loaded stay in use", "jwks_uri", uri)
		return errors.New("OIDC keys: the JWKS has no usable key (RSA or P-256 with a kid)")
	}
	// The error of the failed attempt before goes with the swap, under the
	// lock Status reads with: else a reader could see the new keys beside
	// the old error and report "stale" for keys just loaded.
	o.mu.Lock()
	old := o.keys.Swap(&keySet{keys: keys, fetched: o.now()})
	o.lastErr = ""
	o.mu.Unlock()
	if added, removed := diffKids(old, keys); old == nil || len(added)+len(removed) > 0 {
		o.log.Info("OIDC keys loaded", "kids", len(keys), "added", added, "removed", removed)
	}
	return nil
}

func diffKids(old *keySet, now map[string]crypto.PublicKey) (added, removed []string) {
	for kid := range now {
		if old == nil || old.keys[kid] == nil {
			added = append(added, kid)
		}
	}
	if old != nil {
		for kid := range old.keys {
			if now[kid] == nil {
				removed = append(removed, kid)
			}
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}

// getJSON reads at most 1 MiB: discovery and JWKS documents are a few KiB.
func (o *OIDC) getJSON(url string, v any) error {
	req, err := http.NewRequestWithContext(o.ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := o.cfg.Client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(v)
}

// unknownKey is the key of a kid the loaded set lacks, after a fetch if the
// rationing above allows one and it ends within KeyWait.
func (o *OIDC) unknownKey(kid string) (crypto.PublicKey, error) {
	o.mu.Lock()
	now := o.now()
	call := o.inflight
	if call == nil {
		if now.Sub(o.lastUnknown) < o.cfg.UnknownKeyInterval {
			o.mu.Unlock()
			return nil, fmt.Errorf("unknown key id %s (key refetch rate-limited)", quoteShort(kid))
		}
		o.lastUnknown = now
		call = o.startFetchLocked(true)
	}
	o.mu.Unlock()
	t := time.NewTimer(o.cfg.KeyWait)
	defer t.Stop()
	select {
	case <-call.done:
	case <-t.C:
		return nil, fmt.Errorf("unknown key id %s (the identity provider did not answer within %s)", quoteShort(kid), o.cfg.KeyWait)
	}
	if ks := o.keys.Load(); ks != nil && ks.keys[kid] != nil {
		return ks.keys[kid], nil
	}
	return nil, fmt.Errorf("unknown key id %s", quoteShort(kid))
}

// quoteShort keeps a made-up key id or type from filling the log.
func quoteShort(kid string) string {
	if len(kid) > 64 {
		kid = kid[:64] + "…"
	}
	return fmt.Sprintf("%q", kid)
}

// Ready tells whether the provider's keys are loaded, that is whether an
// RS256/ES256 token can be accepted at all.
func (o *OIDC) Ready() bool { return o.keys.Load() != nil }

// Status describes the key set for a readiness or diagnostics page:
// state "loading" (no key yet: every token refused), "ready", or "stale"
// (the last fetch failed; the keys loaded before stay in use).
func (o *OIDC) Status() map[string]any {
	o.mu.Lock()
	defer o.mu.Unlock()
	st := map[string]any{"issuer": o.cfg.Issuer, "fetches": o.fetches}
	ks := o.keys.Load()
	switch {
	case ks == nil:
		st["state"] = "loading"
	case o.lastErr != "":
		st["state"] = "stale"
	default:
		st["state"] = "ready"
	}
	if ks != nil {
		st["keys"] = len(ks.keys)
		st["fetched"] = ks.fetched.UTC().Format(time.RFC3339)
	}
	if o.lastErr != "" {
		st["error"] = o.lastErr
	}
	if !o.lastAttempt.IsZero() {
		st["attempted"] = o.lastAttempt.UTC().Format(time.RFC3339)
	}
	return st
}

// Close stops the background refresh; Verify goes on with the keys loaded.
func (o *OIDC) Close() { o.stop() }

// waitFirst waits for the first fetch at most d, so a server whose provider
// answers starts with its keys, and one whose provider does not still starts.
func waitFirst(ctx context.Context, call *fetchCall, d time.Duration) {
	if d < 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-call.done:
	case <-t.C:
	case <-ctx.Done():
	}
}
