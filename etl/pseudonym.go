package etl

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// Pseudonymizer turns a person into the stable key analysts see: an HMAC
// of the person's code with a secret kept out of the warehouse, so the key
// cannot be reversed, or recomputed from a staff list, without the secret.
type Pseudonymizer struct{ key []byte }

// MinKeyLen is the shortest secret accepted (256 bits).
const MinKeyLen = 32

// NewPseudonymizer takes the secret (THIDUA_PSEUDONYM_KEY).
func NewPseudonymizer(secret string) (Pseudonymizer, error) {
	if len(secret) < MinKeyLen {
		return Pseudonymizer{}, fmt.Errorf("the pseudonym key must be at least %d bytes", MinKeyLen)
	}
	return Pseudonymizer{key: []byte(secret)}, nil
}

// Person is the key of a person's code: 32 hex characters (128 bits).
func (p Pseudonymizer) Person(code string) string { return p.Keyer().Person(code) }

// Keyer computes keys with one reusable HMAC state: the ETL keys millions
// of rows. It is not safe for concurrent use.
func (p Pseudonymizer) Keyer() *Keyer { return &Keyer{mac: hmac.New(sha256.New, p.key)} }

// DigestKey keys the rows' digests (fingerprint): derived from the secret,
// so that only a run can compute a row's hash.
func (p Pseudonymizer) DigestKey() []byte {
	mac := hmac.New(sha256.New, p.key)
	mac.Write([]byte("row digest\x00"))
	return mac.Sum(nil)
}

// Keyer is a Pseudonymizer's working state.
type Keyer struct {
	mac hash.Hash
	buf []byte
	sum []byte
	hex [64]byte
}

// Person is the key of a person's code, as Pseudonymizer.Person.
func (k *Keyer) Person(code string) string {
	k.mac.Reset()
	k.buf = append(append(k.buf[:0], "person\x00"...), code...)
	k.mac.Write(k.buf)
	k.sum = k.mac.Sum(k.sum[:0])
	hex.Encode(k.hex[:], k.sum)
	return string(k.hex[:32])
}

// BirthBand is a ten-year band ("1980-1989"), or "" when unknown: enough
// for analysts, too coarse to single anyone out.
func BirthBand(year *int) string {
	if year == nil || *year <= 0 {
		return ""
	}
	start := *year / 10 * 10
	return fmt.Sprintf("%d-%d", start, start+9)
}
