package auth

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ClockSkew is how far the issuer's clock may be from ours on exp, nbf
// and iat.
const ClockSkew = time.Minute

// DevSecret signs tokens in --dev when THIDUA_JWT_SECRET is not set. It is
// published with the source, so a server outside --dev refuses it as its
// secret: a token signed with it proves nothing.
const DevSecret = "thidua-development-secret-not-for-production-use"

// checkPayload refuses what golang-jwt lets through: it reads exp, nbf and
// iat written as strings ("exp": "1999999999") as numbers, does not look
// at iat unless asked, and takes the last of duplicate keys where another
// reader of the same token may take the first. So: header and payload
// without duplicate keys at any depth, exp present, exp, nbf and iat JSON
// numbers, iat and nbf not in the future, exp not in the past, each give
// or take the skew.
func checkPayload(raw string, now time.Time, skew time.Duration) error {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return errors.New("token: not three segments")
	}
	var claims map[string]json.RawMessage
	for i, name := range []string{"header", "payload"} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			return fmt.Errorf("token %s: %w", name, err)
		}
		if err := oneObjectWithoutDuplicateKeys(b); err != nil {
			return fmt.Errorf("token %s: %w", name, err)
		}
		if i == 1 {
			if err := json.Unmarshal(b, &claims); err != nil {
				return fmt.Errorf("token payload: %w", err)
			}
		}
	}
	times := map[string]float64{}
	for _, name := range []string{"exp", "nbf", "iat"} {
		v, ok := claims[name]
		if !ok {
			continue
		}
		var n json.Number
		if len(v) == 0 || v[0] == '"' || json.Unmarshal(v, &n) != nil {
			return fmt.Errorf("token: %s is not a number", name)
		}
		f, err := n.Float64()
		if err != nil {
			return fmt.Errorf("token: %s: %w", name, err)
		}
		// Beyond the year 9999 a time is no time, and converting it to
		// an int64 of seconds overflows into a misleading date.
		if f < 0 || f > 253402300799 {
			return fmt.Errorf("token: %s is out of range", name)
		}
		times[name] = f
	}
	at := func(name string) time.Time {
		sec := times[name]
		return time.Unix(int64(sec), int64((sec-float64(int64(sec)))*1e9))
	}
	exp, ok := times["exp"]
	switch {
	case !ok:
		return errors.New("token: exp is required")
	case !now.Before(at("exp").Add(skew)):
		return fmt.Errorf("token: expired at %d", int64(exp))
	}
	for _, name := range []string{"nbf", "iat"} {
		if _, ok := times[name]; ok && at(name).After(now.Add(skew)) {
			return fmt.Errorf("token: %s is in the future", name)
		}
	}
	return nil
}

// oneObjectWithoutDuplicateKeys reads b as exactly one JSON object and
// refuses a key repeated in any object of it.
func oneObjectWithoutDuplicateKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type frame struct {
		keys    map[string]bool // nil for an array
		wantKey bool
	}
	var stack []*frame
	afterValue := func() {
		if n := len(stack); n > 0 && stack[n-1].keys != nil {
			stack[n-1].wantKey = true
		}
	}
	values := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if len(stack) == 0 {
			if values++; values > 1 || tok != json.Delim('{') {
				return errors.New("not one JSON object")
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{keys: map[string]bool{}, wantKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			afterValue()
			continue
		}
		if top := stack[len(stack)-1]; top.keys != nil && top.wantKey {
			key := tok.(string)
			if top.keys[key] {
				return fmt.Errorf("duplicate key %q", key)
			}
			top.keys[key], top.wantKey = true, false
			continue
		}
		afterValue()
	}
	if values != 1 {
		return errors.New("not one JSON object")
	}
	return nil
}
