package auth

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// fakeClock is a time the test moves; the background refresh reads it too.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// accessClaims are a valid token's claims for the provider p at t.
func accessClaims(p *provider, t time.Time) jwt.MapClaims {
	return jwt.MapClaims{"iss": p.srv.URL, "aud": "thidua", "sub": "CB0000001", "roles": []string{"UNIT_ADMIN"},
		"exp": t.Add(time.Hour).Unix(), "iat": t.Unix()}
}

func rsaKey(t *testing.T) *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestOIDCUnknownKeyIDsAreRationed: a flood of made-up key ids costs the
// provider one fetch per UnknownKeyInterval; any of those fetches loads a
// real rotation's key, even one an attacker named before it was published.
func TestOIDCUnknownKeyIDsAreRationed(t *testing.T) {
	p := newProvider(t)
	k1, k2, k3 := rsaKey(t), rsaKey(t), rsaKey(t)
	p.publish(rsaJWK("k1", k1))
	clock := &fakeClock{t: time.Now()}
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", Refresh: time.Hour, now: clock.now})
	if err != nil || !o.Ready() {
		t.Fatalf("NewOIDC: %v, ready %v", err, o.Ready())
	}
	defer o.Close()
	forged := func(kid string) string { return sign(t, jwt.SigningMethodRS256, kid, k1, accessClaims(p, clock.now())) }
	base := p.jwksHits()

	var wg sync.WaitGroup
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := o.Verify(forged(fmt.Sprintf("flood-%d", i))); err == nil {
				t.Error("made-up key id accepted")
			}
		}()
	}
	wg.Wait()
	if got := p.jwksHits() - base; got != 1 {
		t.Fatalf("a flood of 100 key ids fetched the JWKS %d times, want 1", got)
	}

	// The provider rotates while the bucket is empty: the new key waits for
	// the next fetch, at most one interval, whoever triggers it.
	p.publish(rsaJWK("k1", k1), rsaJWK("k2", k2))
	tok2 := sign(t, jwt.SigningMethodRS256, "k2", k2, accessClaims(p, clock.now()))
	if _, err := o.Verify(tok2); err == nil || !strings.Contains(err.Error(), "rate-limited") {
		t.Fatalf("new key inside the interval: %v, want rate-limited", err)
	}
	clock.add(5 * time.Second)
	if _, err := o.Verify(forged("attacker-after-refill")); err == nil {
		t.Fatal("made-up key id accepted")
	}
	if _, err := o.Verify(tok2); err != nil {
		t.Fatalf("rotated key after the attacker's fetch: %v", err)
	}
	if got := p.jwksHits() - base; got != 2 {
		t.Fatalf("JWKS fetched %d times, want 2", got)
	}

	// A key id named before the provider published it (an attacker who
	// guessed the next one) is not held back once it is real: the next
	// fetch the bucket allows loads it (an outside review saw 29 s).
	clock.add(5 * time.Second)
	tok3 := sign(t, jwt.SigningMethodRS256, "k3", k3, accessClaims(p, clock.now()))
	if _, err := o.Verify(tok3); err == nil {
		t.Fatal("k3 accepted before it was published")
	}
	p.publish(rsaJWK("k2", k2), rsaJWK("k3", k3))
	clock.add(5 * time.Second)
	if _, err := o.Verify(tok3); err != nil {
		t.Fatalf("the guessed key id once published: %v", err)
	}
	if got := p.jwksHits() - base; got != 4 {
		t.Fatalf("JWKS fetched %d times, want 4", got)
	}
}

// TestOIDCHungProviderHoldsNoKnownKey: while the provider's JWKS endpoint
// hangs, a token signed with a known key verifies (before the hung fetch
// is released: no timing involved), a token with an unknown key id is
// refused after KeyWait, and the keys stay.
func TestOIDCHungProviderHoldsNoKnownKey(t *testing.T) {
	p := newProvider(t)
	k1 := rsaKey(t)
	p.publish(rsaJWK("k1", k1))
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", Refresh: time.Hour,
		KeyWait: 50 * time.Millisecond})
	if err != nil || !o.Ready() {
		t.Fatalf("NewOIDC: %v", err)
	}
	defer o.Close()
	release, entered := make(chan struct{}), make(chan struct{}, 1)
	p.set(func(p *provider) { p.hang, p.entered = release, entered })
	defer close(release)

	unknown := make(chan error, 1)
	go func() {
		_, err := o.Verify(sign(t, jwt.SigningMethodRS256, "rotated?", k1, accessClaims(p, time.Now())))
		unknown <- err
	}()
	<-entered // the fetch now hangs
	known := make(chan error, 1)
	go func() {
		_, err := o.Verify(sign(t, jwt.SigningMethodRS256, "k1", k1, accessClaims(p, time.Now())))
		known <- err
	}()
	select {
	case err := <-known:
		if err != nil {
			t.Fatalf("known key while the provider hangs: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a token with a known key waited on the hung provider")
	}
	select {
	case err := <-unknown:
		if err == nil || !strings.Contains(err.Error(), "did not answer") {
			t.Fatalf("unknown key id while the provider hangs: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a token with an unknown key id waited past KeyWait")
	}
	if st := o.Status(); st["state"] != "ready" || st["keys"] != 1 {
		t.Errorf("status while the fetch hangs: %v", st)
	}
}

// TestOIDCStartsWithTheProviderDown: NewOIDC returns at once, tokens are
// refused with the reason until the keys come, then accepted, without a
// restart.
func TestOIDCStartsWithTheProviderDown(t *testing.T) {
	p := newProvider(t)
	k1 := rsaKey(t)
	p.publish(rsaJWK("k1", k1))
	p.set(func(p *provider) { p.down = true })
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", RetryMin: 10 * time.Millisecond,
		Refresh: time.Hour, StartWait: -1})
	if err != nil {
		t.Fatalf("NewOIDC with the provider down: %v", err)
	}
	defer o.Close()
	tok := sign(t, jwt.SigningMethodRS256, "k1", k1, accessClaims(p, time.Now()))
	if _, err := o.Verify(tok); err == nil || err.Error() != "identity provider keys not loaded yet" {
		t.Fatalf("before the keys: %v", err)
	}
	waitFor(t, func() bool { return o.Status()["error"] != nil }, "a failed attempt in Status")
	if st := o.Status(); st["state"] != "loading" || o.Ready() {
		t.Fatalf("status with the provider down: %v", st)
	}
	p.set(func(p *provider) { p.down = false })
	waitFor(t, o.Ready, "the keys after the provider came back")
	if _, err := o.Verify(tok); err != nil {
		t.Fatalf("after the provider came back: %v", err)
	}
	if st := o.Status(); st["state"] != "ready" {
		t.Errorf("status: %v", st)
	}
}

// TestOIDCIssuerMismatchSaidLoudly: a discovery document naming another
// issuer is a configuration error: logged at ERROR, in Status, every token
// refused; the server still starts.
func TestOIDCIssuerMismatchSaidLoudly(t *testing.T) {
	p := newProvider(t)
	k1 := rsaKey(t)
	p.publish(rsaJWK("k1", k1))
	p.set(func(p *provider) { p.issuer = "https://elsewhere.example" })
	var logs syncBuffer
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", Refresh: time.Hour,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatalf("NewOIDC: %v", err)
	}
	defer o.Close()
	if o.Ready() {
		t.Fatal("keys loaded from a provider naming another issuer")
	}
	if e, _ := o.Status()["error"].(string); !strings.Contains(e, "elsewhere.example") {
		t.Errorf("status: %v", o.Status())
	}
	if s := logs.String(); !strings.Contains(s, "level=ERROR") || !strings.Contains(s, "OIDC misconfigured") {
		t.Errorf("log: %s", s)
	}
}

// TestOIDCPeriodicRefreshRetiresKeys: a key the provider removes stops
// being accepted at the next periodic refresh, with no token asking.
func TestOIDCPeriodicRefreshRetiresKeys(t *testing.T) {
	p := newProvider(t)
	k1, k2 := rsaKey(t), rsaKey(t)
	p.publish(rsaJWK("k1", k1), rsaJWK("k2", k2))
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", Refresh: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	tok1 := sign(t, jwt.SigningMethodRS256, "k1", k1, accessClaims(p, time.Now()))
	if _, err := o.Verify(tok1); err != nil {
		t.Fatalf("k1 published: %v", err)
	}
	p.publish(rsaJWK("k2", k2))
	waitFor(t, func() bool { return o.keys.Load().keys["k1"] == nil }, "k1 retired by the periodic refresh")
	if _, err := o.Verify(tok1); err == nil {
		t.Fatal("retired key accepted")
	}
}

// waitFor polls cond; the bound only turns a hang into a failure.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestOIDCTokenFetchFailureRetried: a fetch a token triggered that fails
// (here a JWKS with no usable key) is retried by the background loop with
// backoff, so the state returns to ready once the provider is fixed, not
// a refresh interval later (an outside review saw "stale" for 10 min).
func TestOIDCTokenFetchFailureRetried(t *testing.T) {
	p := newProvider(t)
	k1 := rsaKey(t)
	p.publish(rsaJWK("k1", k1))
	o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.srv.URL, Audience: "thidua", Refresh: time.Hour,
		RetryMin: 20 * time.Millisecond, UnknownKeyInterval: time.Millisecond})
	if err != nil || !o.Ready() {
		t.Fatalf("NewOIDC: %v", err)
	}
	defer o.Close()
	p.publish() // the provider's mistake: an empty key set
	if _, err := o.Verify(sign(t, jwt.SigningMethodRS256, "k2", k1, accessClaims(p, time.Now()))); err == nil {
		t.Fatal("unknown key id accepted")
	}
	if st := o.Status()["state"]; st != "stale" {
		t.Fatalf("after the failed fetch: %v", st)
	}
	p.publish(rsaJWK("k1", k1))
	for i := 0; o.Status()["state"] != "ready"; i++ {
		if i > 200 {
			t.Fatalf("still %v: the failed fetch was not retried", o.Status())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
