// Package storetest gives tests their own store: a fresh SQLite file or a
// PostgreSQL database created for the test and dropped after it.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// PostgresURL is the server tests use: THIDUA_TEST_POSTGRES, or the local one.
func PostgresURL() string {
	if u := os.Getenv("THIDUA_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// CreateDatabase creates a uniquely named database on the server at admin
// and returns its URL and a function that drops it.
func CreateDatabase(ctx context.Context, admin, prefix string) (string, func(), error) {
	return CreateDatabaseFrom(ctx, admin, prefix, "")
}

// CreateDatabaseFrom is CreateDatabase as a copy of the database template
// (none when empty): PostgreSQL copies its files, far faster than writing
// the same rows again.
func CreateDatabaseFrom(ctx context.Context, admin, prefix, template string) (string, func(), error) {
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, err
	}
	if u.Query().Get("sslmode") == "" {
		q := u.Query()
		q.Set("sslmode", "disable")
		u.RawQuery = q.Encode()
	}
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return "", nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("PostgreSQL at %s: %w", u.Redacted(), err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := strings.ToLower(prefix) + "_" + hex.EncodeToString(b)
	create := "CREATE DATABASE " + name
	if template != "" {
		create += " TEMPLATE " + pq(template)
	}
	if _, err := db.ExecContext(ctx, create); err != nil {
		db.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		_, _ = db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		db.Close()
	}
	return u.String(), drop, nil
}

// Checkpoint asks the PostgreSQL server at admin for a checkpoint (a
// superuser's or pg_checkpoint's right), so that the writing of what came
// before is not in what is measured next.
func Checkpoint(ctx context.Context, admin string) error {
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "CHECKPOINT")
	return err
}

// Dialects are the stores every store-facing test runs on.
var Dialects = []string{"sqlite", "postgres"}

// URL returns a fresh store URL of the dialect for the test, dropped at its
// end. Without PostgreSQL the test is skipped, unless CI=true, where a
// missing server fails the run.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(t.TempDir(), "thidua.db")
	}
	url, drop, err := CreateDatabase(context.Background(), PostgresURL(), "thidua_test")
	if err != nil {
		if RequireServers() {
			t.Fatalf("PostgreSQL is required under CI: %v", err)
		}
		t.Skipf("PostgreSQL not available (set THIDUA_TEST_POSTGRES): %v", err)
	}
	t.Cleanup(drop)
	return url
}

// RequireServers reports whether a missing server must fail the run (CI).
func RequireServers() bool { return os.Getenv("CI") == "true" }

// pq quotes an identifier for PostgreSQL.
func pq(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
