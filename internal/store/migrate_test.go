package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestMigrationsMatchSchema fails when the ent schema has changed without a
// new migration: replaying the committed files and diffing against the
// schema must produce nothing.
func TestMigrationsMatchSchema(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			copyDir(t, store.MigrationDir(entDialect(d)), dir)
			var dev *sql.DB
			var err error
			if d == "sqlite" {
				dev, err = sql.Open("sqlite", "file:drift?mode=memory&_pragma=foreign_keys(1)")
			} else {
				dev, err = sql.Open("pgx", storetest.URL(t, d))
			}
			if err != nil {
				t.Fatal(err)
			}
			defer dev.Close()
			wrote, err := store.Diff(ctx, entDialect(d), dev, dir, "drift")
			if err != nil {
				t.Fatal(err)
			}
			if wrote {
				found, _ := filepath.Glob(filepath.Join(dir, "*_drift.sql"))
				var body []byte
				if len(found) > 0 {
					body, _ = os.ReadFile(found[0])
				}
				t.Fatalf("the ent schema and the %s migrations disagree; run `make migration NAME=…`. Missing:\n%s", d, body)
			}
		})
	}
}

// TestMigrateTwice applies every migration to a fresh store, then again:
// the second run applies nothing.
func TestMigrateTwice(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, storetest.URL(t, d), store.Options{SkipMigrate: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			first, err := store.Migrate(ctx, st.DB, st.Dialect)
			if err != nil {
				t.Fatal(err)
			}
			if len(first) == 0 {
				t.Fatal("no migration applied to an empty store")
			}
			second, err := store.Migrate(ctx, st.DB, st.Dialect)
			if err != nil {
				t.Fatal(err)
			}
			if len(second) != 0 {
				t.Fatalf("second run applied %v", second)
			}
			var n int
			if err := st.DB.QueryRowContext(ctx, `SELECT count(*) FROM units`).Scan(&n); err != nil {
				t.Fatalf("units table missing after migrate: %v", err)
			}
		})
	}
}

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		in      string
		dialect string
		ok      bool
	}{
		{"sqlite:var/thidua.db", dialect.SQLite, true},
		{"sqlite::memory:", dialect.SQLite, true},
		{"postgres://postgres@127.0.0.1:5432/x?sslmode=disable", dialect.Postgres, true},
		{"mysql://x", "", false},
		{"sqlite:", "", false},
	} {
		src, err := store.Parse(tc.in)
		if (err == nil) != tc.ok || src.Dialect != tc.dialect {
			t.Errorf("Parse(%q) = %+v, %v", tc.in, src, err)
		}
	}
}

func entDialect(d string) string {
	if d == "postgres" {
		return dialect.Postgres
	}
	return dialect.SQLite
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := fs.WalkDir(store.Migrations, from, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(store.Migrations, path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, e.Name()), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrateReplicasAtOnce: replicas started together on an empty
// PostgreSQL database all come up. Each has its own pool, as separate
// processes do, and they start migrating at the same instant; before the
// advisory lock covered the ledger's creation and reading, one of two
// crashed every time ("relation already exists", or a duplicate key on
// pg_type).
func TestMigrateReplicasAtOnce(t *testing.T) {
	ctx := context.Background()
	for round := range 3 {
		url := storetest.URL(t, "postgres")
		const replicas = 3
		stores := make([]*store.Store, replicas)
		for i := range stores {
			st, err := store.Open(ctx, url, store.Options{SkipMigrate: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			stores[i] = st
		}
		start := make(chan struct{})
		applied := make([][]string, replicas)
		errs := make([]error, replicas)
		var wg sync.WaitGroup
		for i, st := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				applied[i], errs[i] = store.Migrate(ctx, st.DB, st.Dialect)
			}()
		}
		close(start)
		wg.Wait()
		total := 0
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, replica %d: %v", round, i, err)
			}
			total += len(applied[i])
		}
		var ledger int
		if err := stores[0].DB.QueryRowContext(ctx, `SELECT count(*) FROM thidua_migrations`).Scan(&ledger); err != nil {
			t.Fatal(err)
		}
		if total != ledger || ledger == 0 {
			t.Fatalf("round %d: the replicas applied %d migrations between them, the ledger holds %d", round, total, ledger)
		}
	}
}
