package redact

import (
	"net/url"
	"strings"
	"sync"
)

// minKnown is the shortest secret masked wherever it appears: shorter
// values ("a", "1234") would mask ordinary text and are too weak to be
// secrets worth the name.
const minKnown = 6

var (
	knownMu sync.RWMutex
	known   []string
)

// Register adds secrets to be masked wherever they appear in a text, in
// whatever shape an error quotes them: as given, URL-escaped, or
// JSON-escaped. Patterns alone cannot be trusted with a password that
// holds "/", "@", "#" or a space: a URL that no parser accepts is quoted
// by its error as it was typed.
func Register(secrets ...string) {
	knownMu.Lock()
	defer knownMu.Unlock()
	for _, s := range secrets {
		for _, form := range []string{s, url.QueryEscape(s), url.PathEscape(s), strings.ReplaceAll(s, `"`, `\"`)} {
			if len(form) >= minKnown && !contains(known, form) {
				known = append(known, form)
			}
		}
	}
	// Longest first: a secret that holds another is masked whole.
	for i := 1; i < len(known); i++ {
		for j := i; j > 0 && len(known[j]) > len(known[j-1]); j-- {
			known[j], known[j-1] = known[j-1], known[j]
		}
	}
}

// RegisterURL registers the password of a connection URL, read leniently:
// whatever lies between the user's colon and an "@" of the authority, for
// every "@" (the password may hold one, the query may too), so a URL too
// malformed to parse still has its password registered.
func RegisterURL(u string) {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		// libpq's key=value form.
		for _, f := range keyValueFields(u) {
			Register(f)
		}
		return
	}
	colon := strings.IndexByte(rest, ':')
	if colon < 0 {
		return
	}
	var candidates []string
	for i := colon + 1; i < len(rest); i++ {
		if rest[i] == '@' {
			candidates = append(candidates, rest[colon+1:i])
		}
	}
	if p, err := url.Parse(u); err == nil && p.User != nil {
		if pw, ok := p.User.Password(); ok {
			candidates = append(candidates, pw)
		}
		for k, vs := range p.Query() {
			if isSecretParam(k) {
				candidates = append(candidates, vs...)
			}
		}
	}
	Register(candidates...)
}

// keyValueFields are the password values of a libpq key=value string,
// with or without quotes and spaces around "=".
func keyValueFields(s string) []string {
	var out []string
	for _, m := range keyValueLoose.FindAllStringSubmatch(s, -1) {
		out = append(out, strings.Trim(m[2], "'"))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// maskKnown replaces every registered secret in s.
func maskKnown(s string) string {
	knownMu.RLock()
	defer knownMu.RUnlock()
	for _, k := range known {
		if strings.Contains(s, k) {
			s = strings.ReplaceAll(s, k, Mask)
		}
	}
	return s
}
