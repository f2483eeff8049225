// Package seedtest hands tests a store of their own holding the small demo
// data (seed.DefaultSeed). Seeding under -race takes tens of seconds, and
// a make test run needed it about twenty times: scripts/test.sh seeds once
// per run with the binary's own `thidua seed` and names the result in
// EnvSQLite and EnvPostgres, and each store here is then a copy of it. Run
// outside that script (go test alone), a SQLite store is a copy of a file
// seeded once per test binary (removed by Cleanup), and a PostgreSQL store
// is seeded where it is made.
package seedtest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/seed"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// The prepared demo data: a SQLite file and a PostgreSQL database on
// storetest.PostgresURL's server, neither of which a test opens.
const (
	EnvSQLite   = "THIDUA_TEST_DEMO_SQLITE"
	EnvPostgres = "THIDUA_TEST_DEMO_POSTGRES"
)

// New makes a store of the dialect ("sqlite" or "postgres") holding the
// small demo data and returns its URL and a function that removes it.
func New(ctx context.Context, dialect string) (string, func(), error) {
	if dialect == "postgres" {
		tpl := os.Getenv(EnvPostgres)
		url, drop, err := storetest.CreateDatabaseFrom(ctx, storetest.PostgresURL(), "thidua_demo", tpl)
		if err != nil || tpl != "" {
			return url, drop, err
		}
		if err := seedScale(ctx, url, seed.Scales["small"]); err != nil {
			drop()
			return "", nil, err
		}
		return url, drop, nil
	}
	dir, err := os.MkdirTemp("", "thidua-demo")
	if err != nil {
		return "", nil, err
	}
	drop := func() { os.RemoveAll(dir) }
	path := filepath.Join(dir, "thidua.db")
	src := os.Getenv(EnvSQLite)
	if src == "" {
		src, err = processTemplate(ctx)
	}
	if err == nil {
		err = copyFile(src, path)
	}
	if err != nil {
		drop()
		return "", nil, err
	}
	return "sqlite:" + path, drop, nil
}

var (
	templateOnce sync.Once
	templateDir  string
	templateErr  error
)

// processTemplate is a SQLite file of the demo data, seeded on first use.
func processTemplate(ctx context.Context) (string, error) {
	templateOnce.Do(func() {
		if templateDir, templateErr = os.MkdirTemp("", "thidua-demo-template"); templateErr != nil {
			return
		}
		templateErr = seedScale(ctx, "sqlite:"+filepath.Join(templateDir, "demo.db"), seed.Scales["small"])
	})
	return filepath.Join(templateDir, "demo.db"), templateErr
}

// Cleanup removes the SQLite file seeded for this test binary, if any;
// call it from TestMain after the tests.
func Cleanup() {
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
}

// URL is New for one test, removed at its end. Without PostgreSQL the
// test is skipped, except under CI=true, where it fails.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	url, drop, err := New(context.Background(), dialect)
	if err != nil {
		if dialect == "postgres" && !storetest.RequireServers() {
			t.Skipf("PostgreSQL not available (set THIDUA_TEST_POSTGRES): %v", err)
		}
		t.Fatal(err)
	}
	t.Cleanup(drop)
	return url
}
