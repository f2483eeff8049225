package redact

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for _, c := range []struct{ in, secret, keep string }{
		{"warehouse: clickhouse://thidua:S3cretPw@ch1:9000/thidua — ETL on", "S3cretPw", "clickhouse://thidua:xxxxx@ch1:9000/thidua"},
		{"postgres://app:p%40ss@db:5432/thidua?sslmode=require", "p%40ss", "postgres://app:xxxxx@db:5432/thidua?sslmode=require"},
		{"smtp://mailer:hunter2hunter2@relay:587?from=x@y.vn", "hunter2", "smtp://mailer:xxxxx@relay:587"},
		{"clickhouse://ch:9000/thidua?username=a&password=TopSecret1", "TopSecret1", "password=xxxxx"},
		{`dial "postgres://u:pw9999@h/db": refused`, "pw9999", "postgres://u:xxxxx@h/db"},
		{"host=db user=app password='a b c' dbname=x", "a b c", "password=xxxxx"},
		{"host=db password=plainPW dbname=x", "plainPW", "dbname=x"},
		{"http://127.0.0.1:8080/graphql", "", "http://127.0.0.1:8080/graphql"},
		{"no url here, 3 = 3", "", "no url here, 3 = 3"},
	} {
		got := Text(c.in)
		if c.secret != "" && strings.Contains(got, c.secret) {
			t.Errorf("Text(%q) = %q: the secret is still there", c.in, got)
		}
		if !strings.Contains(got, c.keep) {
			t.Errorf("Text(%q) = %q: want it to keep %q", c.in, got, c.keep)
		}
	}
}

func TestURLWithoutPasswordUnchanged(t *testing.T) {
	for _, u := range []string{"clickhouse://127.0.0.1:9000/thidua", "postgres://postgres@127.0.0.1:5432/x?sslmode=disable", "sqlite:thidua.db"} {
		if got := URL(u); got != u {
			t.Errorf("URL(%q) = %q", u, got)
		}
	}
}

// TestRegisteredSecrets: a configured URL's password is masked however an
// error quotes it, even when the URL is too malformed to parse.
func TestRegisteredSecrets(t *testing.T) {
	for _, c := range []struct{ url, secret, quoted string }{
		{"clickhouse://ch:CH/SEKRIT1@127.0.0.1:9/thidua", "CH/SEKRIT1", `warehouse url "clickhouse://ch:CH/SEKRIT1@127.0.0.1:9/thidua"`},
		{"clickhouse://ch:CH SEKRIT2@127.0.0.1:9/thidua", "CH SEKRIT2", `url clickhouse://ch:CH SEKRIT2@127.0.0.1:9/thidua`},
		{"postgres://thidua:SEK/RIT3@127.0.0.1:5432/x", "SEK/RIT3", `parse "postgres://thidua:SEK/RIT3@127.0.0.1:5432/x": invalid port ":SEK"`},
		{"postgres://thidua:SEK#RIT4@127.0.0.1:5432/x", "SEK#RIT4", `parse "postgres://thidua:SEK#RIT4@…": invalid port ":SEK#RIT4"`},
		{"postgres://thidua:SEK@RIT5@127.0.0.1:5432/x", "SEK@RIT5", `lookup RIT5@127.0.0.1: no such host`},
		{"host=db password = KVSEKRIT6 dbname=x", "KVSEKRIT6", `cannot parse "host=db password = KVSEKRIT6 dbname=x"`},
		{"smtp://m:p%2Fw%20SEKRIT7@relay:587", "p/w SEKRIT7", `dial smtp://m:p%2Fw%20SEKRIT7@relay:587 and "p/w SEKRIT7"`},
	} {
		RegisterURL(c.url)
		got := Text(c.quoted)
		for _, part := range []string{c.secret, strings.Fields(c.secret)[len(strings.Fields(c.secret))-1]} {
			if strings.Contains(got, part) {
				t.Errorf("%s: %q leaks %q", c.url, got, part)
			}
		}
	}
}

func TestUntouchedTextKept(t *testing.T) {
	for _, s := range []string{"want sqlite:PATH or postgres://…", "smtp://[user:password@]host:587?from=a@b.vn", "https://x.vn/a%20b?c=d"} {
		if got := Text(s); got != s {
			t.Errorf("Text(%q) = %q", s, got)
		}
	}
}
