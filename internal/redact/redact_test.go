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
