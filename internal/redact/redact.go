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
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" {
		return userinfo.ReplaceAllString(u, "${1}"+Mask+"@")
	}
	if p.User != nil {
		if _, ok := p.User.Password(); ok {
			p.User = url.UserPassword(p.User.Username(), Mask)
		}
	}
	if p.RawQuery != "" {
		q := p.Query()
		changed := false
		for k := range q {
			if isSecretParam(k) {
				q[k] = []string{Mask}
				changed = true
			}
		}
		if changed {
			p.RawQuery = q.Encode()
		}
	}
	// url.URL.String would escape the mask's brackets if it had any; it
	// has none, and the rest is the caller's own text re-encoded.
	return p.String()
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

// Text masks every URL's credentials and every password=… in s. It is
// cheap on text without "://" or "=": log lines pass through it.
func Text(s string) string {
	if strings.Contains(s, "://") {
		s = urlLike.ReplaceAllStringFunc(s, URL)
	}
	if strings.Contains(s, "=") {
		s = keyValue.ReplaceAllString(s, "${1}="+Mask)
	}
	return s
}
