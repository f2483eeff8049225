package etl

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
func (p Pseudonymizer) Person(code string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte("person\x00" + code))
	return hex.EncodeToString(m.Sum(nil))[:32]
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
