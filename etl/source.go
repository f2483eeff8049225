package etl

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// HCM is where the movement's days begin and end.
var HCM = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("ICT", 7*3600) // Vietnam keeps no daylight saving
	}
	return l
}

// source is the store as one consistent snapshot: a repeatable-read,
// read-only transaction on PostgreSQL; a deferred read transaction on its
// own connection on SQLite (WAL keeps the snapshot while the API writes).
type source struct {
	db      *sql.DB
	tx      *sql.Tx
	dialect string
	at      time.Time // when the snapshot was taken
}

// openSource opens the store for reading, apart from the API's connections:
// SQLite's API connection is a single writer that the ETL must not hold.
func openSource(ctx context.Context, url string) (*source, error) {
	src, err := store.Parse(url)
	if err != nil {
		return nil, err
	}
	if src.Dialect == dialect.SQLite && src.Path == "" {
		return nil, fmt.Errorf("the ETL reads a SQLite file or PostgreSQL, not an in-memory store")
	}
	dsn := strings.Replace(src.DSN, "_txlock=immediate", "_txlock=deferred", 1)
	db, err := sql.Open(src.DriverName, dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2) // the snapshot, and the lock on PostgreSQL
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store unreachable: %w", err)
	}
	return &source{db: db, dialect: src.Dialect}, nil
}

// begin takes the snapshot.
func (s *source) begin(ctx context.Context) error {
	opts := &sql.TxOptions{}
	if s.dialect == dialect.Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store snapshot: %w", err)
	}
	s.tx = tx
	if s.dialect == dialect.Postgres {
		// now() is the transaction's start: the snapshot's time.
		if err := tx.QueryRowContext(ctx, `SELECT now()`).Scan(&s.at); err != nil {
			return fmt.Errorf("store snapshot: %w", err)
		}
	} else {
		// SQLite's read transaction starts at its first read.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM thidua_migrations`).Scan(&n); err != nil {
			return fmt.Errorf("store snapshot: %w", err)
		}
		s.at = time.Now()
	}
	s.at = s.at.In(HCM).Truncate(time.Second)
	return nil
}

func (s *source) close() {
	if s.tx != nil {
		_ = s.tx.Rollback()
	}
	_ = s.db.Close()
}

// q rewrites ? placeholders for PostgreSQL.
func (s *source) q(query string) string {
	if s.dialect != dialect.Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *source) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.tx.QueryContext(ctx, s.q(query), args...)
}

// signatures are cheap digests of the source tables a fact table reads:
// rows, ids and the latest update. A table whose digests have not moved
// since the last successful run needs no reading at all.
var signatureSQL = map[string]string{
	"units":           `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM units`,
	"unit_successors": `SELECT count(*), coalesce(sum(unit_id), 0), coalesce(sum(predecessor_id), 0), coalesce(sum((unit_id % 1000003) * (predecessor_id % 1000003)), 0) FROM unit_successors`,
	"people":          `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM people`,
	"memberships":     `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM memberships`,
	"participations":  `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM participations`,
	"headcounts":      `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM headcounts`,
	"ideas":           `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM ideas`,
	"idea_events":     `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), coalesce(sum(seq), 0) FROM idea_events`,
	"idea_proposers":  `SELECT count(*), coalesce(sum(idea_id), 0), coalesce(sum(person_id), 0), coalesce(sum((idea_id % 1000003) * (person_id % 1000003)), 0) FROM idea_proposers`,
	"adoptions":       `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM adoptions`,
	"awards":          `SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0), max(updated_at) FROM awards`,
	"award_ideas":     `SELECT count(*), coalesce(sum(award_id), 0), coalesce(sum(idea_id), 0), coalesce(sum((award_id % 1000003) * (idea_id % 1000003)), 0) FROM award_ideas`,
}

// signature digests the named source tables within the snapshot.
func (s *source) signature(ctx context.Context, tables []string) (string, error) {
	h := sha256.New()
	for _, t := range tables {
		q, ok := signatureSQL[t]
		if !ok {
			return "", fmt.Errorf("no signature for table %s", t)
		}
		var a, b, c, d any
		if err := s.tx.QueryRowContext(ctx, q).Scan(&a, &b, &c, &d); err != nil {
			return "", fmt.Errorf("store %s: %w", t, err)
		}
		fmt.Fprintf(h, "%s|%v|%v|%v|%v\n", t, norm(a), norm(b), norm(c), norm(d))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// norm gives a scanned aggregate one spelling whatever the driver made of it.
func norm(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}
