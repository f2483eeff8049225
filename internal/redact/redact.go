// Package redact keeps secrets out of what the process prints: the
// passwords and secret parameters of connection URLs (the store, the
// warehouse, the mail relay), wherever they appear in a line of text.
package redact

import (
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces a secret's value.
const Mask = "xxxxx"

// secretParams are query parameters that carry a credential in the URLs
// thidua reads (lib/pq and pgx take password=, ClickHouse's DSN password=,
// S3-style signed URLs a token or a signature).
var secretParams = []string{"password", "pass", "pwd", "secret", "token", "key", "sslpassword", "signature", "x-amz-signature", "sig"}

// URL returns u with its password and secret query parameters masked; a
// text that does not parse as a URL with a scheme is returned masked
// wherever it looks like userinfo, rather than passed through.
func URL(u string) string {
	u = maskKnown(u)
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" {
		return userinfo.ReplaceAllStringFunc(u, func(m string) string {
			if placeholder(m) {
				return m
			}
			return userinfo.ReplaceAllString(m, "${1}"+Mask+"@")
		})
	}
	changed := false
	if p.User != nil {
		if pw, ok := p.User.Password(); ok && pw != Mask && !placeholder(pw) {
			p.User = url.UserPassword(p.User.Username(), Mask)
			changed = true
		}
	}
	if p.RawQuery != "" {
		q := p.Query()
		masked := false
		for k, vs := range q {
			if isSecretParam(k) && !(len(vs) == 1 && vs[0] == Mask) {
				q[k] = []string{Mask}
				masked = true
			}
		}
		if masked {
			p.RawQuery = q.Encode()
			changed = true
		}
	}
	if !changed {
		// Untouched text stays as it was written, not re-encoded.
		return u
	}
	return p.String()
}

// placeholder tells a usage text's "user:password@" from a credential.
func placeholder(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, ":password@") || s == "password" || strings.Contains(s, ":pass@") || s == "pass"
}

func isSecretParam(k string) bool {
	k = strings.ToLower(k)
	for _, s := range secretParams {
		if k == s {
			return true
		}
	}
	return false
}

// urlLike finds URLs inside a line: a scheme, "://", then anything up to
// whitespace or a quote.
var urlLike = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.\-]*://[^\s"'<>` + "`" + `]+`)

// userinfo is a URL's user:password@ when the whole URL does not parse.
var userinfo = regexp.MustCompile(`(//[^/\s:@]*:)[^@\s/]*@`)

// keyValue is a libpq-style "password=…" inside a connection string or an
// error that quotes one.
var keyValue = regexp.MustCompile(`(?i)\b(password|sslpassword)=('[^']*'|[^\s&]+)`)

// keyValueLoose also takes spaces around "=", for registering.
var keyValueLoose = regexp.MustCompile(`(?i)\b(password|sslpassword)\s*=\s*('[^']*'|[^\s&]+)`)

// Text masks every registered secret, every URL's credentials and every
// password=… in s. It is cheap on text without "://" or "=": log lines
// pass through it.
func Text(s string) string {
	s = maskKnown(s)
	if strings.Contains(s, "://") {
		s = urlLike.ReplaceAllStringFunc(s, URL)
	}
	if strings.Contains(s, "=") {
		s = keyValue.ReplaceAllString(s, "${1}="+Mask)
	}
	return s
}
