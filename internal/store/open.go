// Package store opens the operational store: SQLite embedded (pure Go, the
// default) or PostgreSQL through pgx, both driven by ent, and applies the
// committed, versioned migrations of each dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"github.com/hcmc-thidua/thidua/ent"
	_ "github.com/hcmc-thidua/thidua/ent/runtime" // hooks and privacy policies
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/pgtx"
)

// DefaultURL is the embedded store of a fresh checkout.
const DefaultURL = "sqlite:var/thidua.db"

// Store is an open operational store.
type Store struct {
	Client  *ent.Client
	DB      *sql.DB
	Dialect string
	Driver  *entsql.Driver
	// Live announces every committed write to the API's subscribers (and,
	// on PostgreSQL, to the other processes on the same database).
	Live *live.Feed
	// Units answers the scope of a token's unit code without a statement
	// while the unit tree has not changed (unitscope.go).
	Units *UnitScopes
}

// Source is a parsed store URL: the dialect and the database/sql DSN.
type Source struct {
	Dialect    string // dialect.SQLite or dialect.Postgres
	DriverName string // "sqlite" or "pgx"
	DSN        string
	// ReadDSN is for a long reader beside the API, such as the ETL's
	// snapshot: on SQLite its transactions start deferred, as readers, and
	// never take the file's write lock the way DSN's immediate ones do.
	ReadDSN string
	Path    string // the SQLite file, "" for memory or PostgreSQL
}

// InstantParams make SQLite hold every time as one sortable text: UTC,
// "2006-01-02 15:04:05.999999999+00:00". The driver's default is Go's
// time.String() in the value's own zone, monotonic reading included, which
// compares as text neither across zones nor against a filter's value.
// Trimmed fractions still sort as instants: the "+" that ends a shorter
// fraction sorts below "." and every digit.
const InstantParams = "_time_format=sqlite&_timezone=UTC"

// Parse reads a store URL: "sqlite:PATH", "sqlite::memory:" or
// "postgres://user@host:5432/name?sslmode=disable".
func Parse(raw string) (Source, error) {
	switch {
	case strings.HasPrefix(raw, "sqlite:"):
		p := strings.TrimPrefix(strings.TrimPrefix(raw, "sqlite:"), "//")
		if p == "" {
			return Source{}, fmt.Errorf("store URL %q: missing file path", raw)
		}
		q := "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&" + InstantParams
		if p == ":memory:" {
			mem := "file::memory:?cache=shared&_pragma=foreign_keys(1)&" + InstantParams
			return Source{Dialect: dialect.SQLite, DriverName: "sqlite", DSN: mem, ReadDSN: mem}, nil
		}
		return Source{Dialect: dialect.SQLite, DriverName: "sqlite", Path: p,
			DSN: "file:" + p + "?" + q + "&_txlock=immediate", ReadDSN: "file:" + p + "?" + q + "&_txlock=deferred"}, nil
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := url.Parse(raw); err != nil {
			// Not the parser's message: it quotes the URL, or a piece of
			// the password it took for a port.
			return Source{}, errors.New("store URL: not a valid URL; percent-encode the characters of the password that URLs reserve (/ @ # ? : % and spaces)")
		}
		return Source{Dialect: dialect.Postgres, DriverName: "pgx", DSN: raw, ReadDSN: raw}, nil
	}
	return Source{}, fmt.Errorf("store URL %q: want sqlite:PATH or postgres://…", raw)
}

// Options tune Open.
type Options struct {
	// Wrap wraps the ent driver, e.g. to count statements in tests.
	Wrap func(dialect.Driver) dialect.Driver
	// SkipMigrate leaves the schema as it is.
	SkipMigrate bool
	// UnitScopes tunes Units, for tests.
	UnitScopes UnitScopeOptions
}

// Open connects to the store at raw, checks it answers and, unless told
// otherwise, applies pending migrations.
func Open(ctx context.Context, raw string, opt Options) (*Store, error) {
	src, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	if src.Path != "" {
		if err := os.MkdirAll(filepath.Dir(src.Path), 0o755); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open(src.DriverName, src.DSN)
	if err != nil {
		return nil, err
	}
	if src.Dialect == dialect.SQLite {
		// One writer at a time is SQLite's model; a single connection also
		// keeps an in-memory database alive and shared. A file's reads go
		// to a pool of readers beside it (readers.go).
		db.SetMaxOpenConns(1)
	} else {
		db.SetMaxOpenConns(32)
		db.SetMaxIdleConns(16)
		db.SetConnMaxIdleTime(5 * time.Minute)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store unreachable: %w", err)
	}
	if !opt.SkipMigrate {
		began := time.Now()
		done, err := Migrate(ctx, db, src.Dialect)
		if err != nil {
			db.Close()
			return nil, err
		}
		if len(done) > 0 {
			// The time includes the wait for the migration lock: another
			// replica applying the same migrations shows here.
			slog.InfoContext(ctx, "store migrated", "applied", len(done), "latest", done[len(done)-1],
				"duration_ms", time.Since(began).Milliseconds())
		}
		if _, err := BackfillSearchText(ctx, db, src.Dialect); err != nil {
			db.Close()
			return nil, err
		}
	}
	drv := entsql.OpenDB(src.Dialect, db)
	var d dialect.Driver = drv
	if src.Dialect == dialect.Postgres {
		d = pgtx.New(drv)
	}
	if src.Dialect == dialect.SQLite && src.Path != "" {
		r, err := openReaders(drv, src.DriverName, src.ReadDSN)
		if err != nil {
			db.Close()
			return nil, err
		}
		d = r
	}
	feed := live.New()
	if src.Dialect == dialect.Postgres {
		feed.Postgres(db, src.DSN)
	}
	d = feed.Wrap(d)
	if opt.Wrap != nil {
		d = opt.Wrap(d)
	}
	client := ent.NewClient(ent.Driver(d))
	if src.Dialect == dialect.Postgres {
		client.Use(pgtx.Hook)
	}
	client.Use(blankAsMissing)
	client.Use(feed.Hook())
	units := newUnitScopes(d, db, src.Dialect, src.DSN, feed, opt.UnitScopes)
	return &Store{Client: client, DB: db, Dialect: src.Dialect, Driver: drv, Live: feed, Units: units}, nil
}

// Close ends the subscriptions, announces what waits to the other
// processes, and closes the store.
func (s *Store) Close() error {
	s.Units.Close()
	s.Live.Close()
	return s.Client.Close()
}
