package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"entgo.io/ent/dialect"
)

// Migrations holds the committed migration files of both dialects, written
// by `make migration` (cmd/migrategen) from the ent schema.
//
//go:embed migrations
var Migrations embed.FS

// MigrationDir is the folder of a dialect's migrations inside Migrations.
func MigrationDir(d string) string {
	if d == dialect.Postgres {
		return "migrations/postgres"
	}
	return "migrations/sqlite"
}

// files lists a dialect's migration files in order.
func files(d string) ([]string, error) {
	entries, err := fs.ReadDir(Migrations, MigrationDir(d))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out, nil
}

// Migrate applies the pending migrations of the dialect, each in its own
// transaction together with its ledger row, and returns the versions applied.
func Migrate(ctx context.Context, db *sql.DB, d string) ([]string, error) {
	return MigrateUpTo(ctx, db, d, "")
}

// Versions lists the dialect's migration versions, oldest first.
func Versions(d string) ([]string, error) {
	names, err := files(d)
	for i, n := range names {
		names[i] = strings.TrimSuffix(n, ".sql")
	}
	return names, err
}

// MigrateUpTo applies the pending migrations up to and including the
// version last ("" for all): the store as an earlier release left it, for
// the tests of a rolling upgrade.
func MigrateUpTo(ctx context.Context, db *sql.DB, d, last string) ([]string, error) {
	insert := `INSERT INTO thidua_migrations (version) VALUES (?)`
	if d == dialect.Postgres {
		insert = `INSERT INTO thidua_migrations (version) VALUES ($1)`
		// Replicas starting together must not race: the lock comes before
		// the first statement, the ledger's creation included (two
		// concurrent CREATE TABLE IF NOT EXISTS collide on pg_type), and
		// the ledger is read under it, so a replica that waited sees what
		// the first one applied. The lock belongs to a session: take and
		// release it on one connection, not on whichever the pool hands out.
		lockConn, err := db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		defer lockConn.Close()
		if _, err := lockConn.ExecContext(ctx, `SELECT pg_advisory_lock(727001)`); err != nil {
			return nil, err
		}
		defer lockConn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(727001)`)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS thidua_migrations (
		version varchar(255) PRIMARY KEY,
		applied_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return nil, fmt.Errorf("migration ledger: %w", err)
	}
	names, err := files(d)
	if err != nil {
		return nil, err
	}
	applied := map[string]bool{}
	rows, err := db.QueryContext(ctx, `SELECT version FROM thidua_migrations`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, err
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var done []string
	for _, name := range names {
		version := strings.TrimSuffix(name, ".sql")
		if last != "" && version > last {
			break
		}
		if applied[version] {
			continue
		}
		body, err := fs.ReadFile(Migrations, path.Join(MigrationDir(d), name))
		if err != nil {
			return done, err
		}
		apply := applyOne
		if d == dialect.SQLite && strings.Contains(string(body), "PRAGMA foreign_keys = off") {
			apply = applyRebuild
		}
		if err := apply(ctx, db, string(body), insert, version); err != nil {
			return done, fmt.Errorf("migration %s: %w", name, err)
		}
		done = append(done, version)
	}
	return done, nil
}

func applyOne(ctx context.Context, db *sql.DB, body, insert, version string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := execAll(ctx, tx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, insert, version); err != nil {
		return err
	}
	return tx.Commit()
}

// execAll runs a migration file's statements in the transaction.
func execAll(ctx context.Context, tx *sql.Tx, body string) error {
	for _, stmt := range statements(body) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%w\n%s", err, stmt)
		}
	}
	return nil
}

// applyRebuild applies a SQLite migration that rebuilds tables (Atlas
// writes one when a column is added before others): SQLite ignores
// "PRAGMA foreign_keys" inside a transaction, so with enforcement on,
// dropping the old table of a referenced row fails. Enforcement is turned
// off on the connection before the transaction, the references are
// checked before it commits, and it is turned on again after.
func applyRebuild(ctx context.Context, db *sql.DB, body, insert, version string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = off`); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = on`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := execAll(ctx, tx, body); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		return fmt.Errorf("a rebuilt table leaves a reference without its row (PRAGMA foreign_key_check)")
	}
	if _, err := tx.ExecContext(ctx, insert, version); err != nil {
		return err
	}
	return tx.Commit()
}

// statements splits a migration file (atlas format: one statement per line
// group, ended by ";" at the end of a line, "--" comment lines) into statements.
func statements(body string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
