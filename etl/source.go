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
	"github.com/jackc/pgx/v5"

	"github.com/hcmc-thidua/thidua/ent"
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
	db      *sql.DB // the lock's connection on PostgreSQL; the snapshot's on SQLite
	tx      *sql.Tx
	pg      *pgx.Conn // PostgreSQL's snapshot, read through pgx itself: no database/sql conversions
	ptx     pgx.Tx
	url     string
	path    string // the SQLite file
	dialect string
	at      time.Time // when the snapshot was taken
	ent     *ent.Client
	entTx   *sql.Tx // PostgreSQL: the snapshot imported for ent
}

// rows is what the facts read: database/sql's rows or pgx's.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { _ = r.Rows.Close() }

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
	db, err := sql.Open(src.DriverName, src.ReadDSN)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(3) // the snapshot (and on PostgreSQL, ent's import of it), and the lock
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store unreachable: %w", err)
	}
	return &source{db: db, dialect: src.Dialect, url: url, path: src.Path}, nil
}

// begin takes the snapshot.
func (s *source) begin(ctx context.Context) error {
	if s.dialect == dialect.Postgres {
		conn, err := pgx.Connect(ctx, s.url)
		if err != nil {
			return fmt.Errorf("store unreachable: %w", err)
		}
		s.pg = conn
		if s.ptx, err = conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}); err != nil {
			return fmt.Errorf("store snapshot: %w", err)
		}
		// Sorting a year of participation with its memberships spills to
		// disk at the default 4 MB.
		if _, err := s.ptx.Exec(ctx, `SET LOCAL work_mem = '64MB'`); err != nil {
			return fmt.Errorf("store snapshot: %w", err)
		}
		// now() is the transaction's start: the snapshot's time.
		if err := s.ptx.QueryRow(ctx, `SELECT now()`).Scan(&s.at); err != nil {
			return fmt.Errorf("store snapshot: %w", err)
		}
	} else {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("store snapshot: %w", err)
		}
		s.tx = tx
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
	if s.entTx != nil {
		_ = s.entTx.Rollback()
	}
	if s.tx != nil {
		_ = s.tx.Rollback()
	}
	if s.pg != nil {
		_ = s.pg.Close(context.Background()) // ends the transaction with the session
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

func (s *source) query(ctx context.Context, query string, args ...any) (rows, error) {
	if s.ptx != nil {
		return s.ptx.Query(ctx, s.q(query), args...)
	}
	r, err := s.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{r}, nil
}

// queryRow scans the one row of a query.
func (s *source) queryRow(ctx context.Context, dest []any, query string, args ...any) error {
	r, err := s.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer r.Close()
	if !r.Next() {
		if err := r.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := r.Scan(dest...); err != nil {
		return err
	}
	r.Close()
	return r.Err()
}

// signatures are cheap digests of the source tables a fact table reads:
// rows, ids and the latest update. A table whose digests have not moved
// since the last successful run needs no reading at all.
var signatureSQL = map[string][4]string{
	"units":           {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"unit_successors": {"count(*)", "sum(unit_id)", "sum(predecessor_id)", "sum((unit_id % 1000003) * (predecessor_id % 1000003))"},
	"people":          {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"memberships":     {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"participations":  {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"headcounts":      {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"ideas":           {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"idea_events":     {"count(*)", "sum(id)", "max(id)", "sum(seq)"},
	"idea_proposers":  {"count(*)", "sum(idea_id)", "sum(person_id)", "sum((idea_id % 1000003) * (person_id % 1000003))"},
	"adoptions":       {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"awards":          {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"unit_plans":      {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"unit_reports":    {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"phases":          {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"award_ideas":     {"count(*)", "sum(award_id)", "sum(idea_id)", "sum((award_id % 1000003) * (idea_id % 1000003))"},
	"nominations":     {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"integrity_flags": {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"chosen_problems": {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"exemplars":       {"count(*)", "sum(id)", "max(id)", "max(updated_at)"},
	"exemplar_ideas":  {"count(*)", "sum(exemplar_id)", "sum(idea_id)", "sum((exemplar_id % 1000003) * (idea_id % 1000003))"},
	"exemplar_awards": {"count(*)", "sum(exemplar_id)", "sum(award_id)", "sum((exemplar_id % 1000003) * (award_id % 1000003))"},
}

// signatureQuery spells a table's digests as text, the same in both dialects.
func signatureQuery(table string) (string, bool) {
	aggs, ok := signatureSQL[table]
	if !ok {
		return "", false
	}
	cols := make([]string, len(aggs))
	for i, a := range aggs {
		cols[i] = "coalesce(CAST(" + a + " AS TEXT), '')"
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM " + table, true
}

// todaySource names, among a table's sources, the snapshot's day: what is
// evaluated as of a day changes with the day even when no row does.
const todaySource = "today"

// signature digests the named source tables within the snapshot.
func (s *source) signature(ctx context.Context, tables []string) (string, error) {
	h := sha256.New()
	for _, t := range tables {
		if t == todaySource { // what is read as of the snapshot's day
			fmt.Fprintf(h, "today|%s\n", s.at.Format("2006-01-02"))
			continue
		}
		q, ok := signatureQuery(t)
		if !ok {
			return "", fmt.Errorf("no signature for table %s", t)
		}
		var a, b, c, d string
		if err := s.queryRow(ctx, []any{&a, &b, &c, &d}, q); err != nil {
			return "", fmt.Errorf("store %s: %w", t, err)
		}
		fmt.Fprintf(h, "%s|%s|%s|%s|%s\n", t, a, b, c, d)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
