package etl

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
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
	// snapshot is the PostgreSQL snapshot's exported id, which other
	// transactions import to read the same instant (readers, ent).
	snapshot string
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
		if err := readerSettings(ctx, s.ptx); err != nil {
			return fmt.Errorf("store snapshot: %w", err)
		}
		// now() is the transaction's start: the snapshot's time.
		if err := s.ptx.QueryRow(ctx, `SELECT now(), pg_export_snapshot()`).Scan(&s.at, &s.snapshot); err != nil {
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
	if s.db != nil {
		_ = s.db.Close()
	}
}

// reader opens another PostgreSQL session reading the run's snapshot, so
// that several partitions are read at once: a session serves one query at
// a time. It imports the exported snapshot, valid while the run's own
// transaction is open, and so reads exactly what that transaction reads.
// Closing it closes only its session.
func (s *source) reader(ctx context.Context) (*source, error) {
	if s.snapshot == "" {
		return nil, fmt.Errorf("store snapshot: no exported snapshot to read (PostgreSQL only)")
	}
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return nil, fmt.Errorf("store unreachable: %w", err)
	}
	rd := &source{pg: conn, url: s.url, path: s.path, dialect: s.dialect, at: s.at, snapshot: s.snapshot}
	if rd.ptx, err = conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}); err != nil {
		rd.close()
		return nil, fmt.Errorf("store snapshot import: %w", err)
	}
	// Before any other statement of the transaction, as PostgreSQL
	// requires; the id is the server's own token.
	if _, err := rd.ptx.Exec(ctx, `SET TRANSACTION SNAPSHOT '`+s.snapshot+`'`); err != nil {
		rd.close()
		return nil, fmt.Errorf("store snapshot import: %w", err)
	}
	if err := readerSettings(ctx, rd.ptx); err != nil {
		rd.close()
		return nil, fmt.Errorf("store snapshot import: %w", err)
	}
	return rd, nil
}

// readerSettings are a reading transaction's own settings on PostgreSQL:
//   - work_mem: sorting a year of participation with its memberships
//     spills to disk at the default 4 MB;
//   - no parallel workers: the ETL already reads several years at once,
//     one session each (THIDUA_ETL_READERS), and a year's participation
//     read by a leader and two workers took as long as read by one
//     process, with three processes' CPU (docs/performance.md) — CPU the
//     store's API shares.
func readerSettings(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0`)
	return err
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

// changeYears names every store table the ETL reads and how its change
// counters are kept by year (migration …_etl_changes.sql): the column whose
// year the facts partition its rows by, or "" for a table whose rows reach
// a fact's year only through a join (its counter is year 0: every year of
// the facts that read it).
var changeYears = map[string]string{
	"units":           "",
	"unit_successors": "",
	"people":          "",
	"memberships":     "",
	"participations":  "year",
	"headcounts":      "year",
	"ideas":           "year",
	"idea_events":     "",
	"idea_proposers":  "",
	"adoptions":       "adopted_on",
	"awards":          "year",
	"unit_plans":      "",
	"unit_reports":    "year",
	"phases":          "",
	"award_ideas":     "",
	"nominations":     "",
	"integrity_flags": "",
	"chosen_problems": "",
	"exemplars":       "",
	"exemplar_ideas":  "",
	"exemplar_awards": "",
}

// counter is one (table, year) change counter of the store: changes only
// grows, stamp is drawn anew at every change.
type counter struct {
	changes int64
	stamp   string
}

func (c counter) String() string { return fmt.Sprintf("%d/%s", c.changes, c.stamp) }

// changes are the store's change counters within the snapshot, kept by
// triggers on every insert, update and delete of a table the ETL reads
// (whether or not the writer touched updated_at), and the store's epoch.
type changes struct {
	epoch    string
	counters map[string]map[int]counter
}

// readChanges reads etl_changes and etl_store_epoch: a few rows, whatever
// the store's size, so that a run over an unchanged store reads no table.
func (s *source) readChanges(ctx context.Context) (changes, error) {
	c := changes{counters: map[string]map[int]counter{}}
	if err := s.queryRow(ctx, []any{&c.epoch}, `SELECT epoch FROM etl_store_epoch`); err != nil {
		return c, fmt.Errorf("store etl_store_epoch (is the store migrated?): %w", err)
	}
	r, err := s.query(ctx, `SELECT source, year, changes, stamp FROM etl_changes`)
	if err != nil {
		return c, fmt.Errorf("store etl_changes: %w", err)
	}
	defer r.Close()
	for r.Next() {
		var table, stamp string
		var year int
		var n int64
		if err := r.Scan(&table, &year, &n, &stamp); err != nil {
			return c, fmt.Errorf("store etl_changes: %w", err)
		}
		if c.counters[table] == nil {
			c.counters[table] = map[int]counter{}
		}
		c.counters[table][year] = counter{n, stamp}
	}
	return c, r.Err()
}

// todaySource names, among a table's sources, the snapshot's day: what is
// evaluated as of a day changes with the day even when no row does.
const todaySource = "today"

// signature digests the change counters of the named source tables, all
// of them but those of the table skip (the basis a table's per-year
// counters are read against).
func (s *source) signature(c changes, tables []string, skip string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "epoch|%s\n", c.epoch)
	for _, t := range tables {
		if t == todaySource { // what is read as of the snapshot's day
			fmt.Fprintf(h, "today|%s\n", s.at.Format("2006-01-02"))
			continue
		}
		if _, ok := changeYears[t]; !ok {
			return "", fmt.Errorf("no change counters for table %s", t)
		}
		if t == skip {
			continue
		}
		years := slices.Sorted(maps.Keys(c.counters[t]))
		for _, y := range years {
			fmt.Fprintf(h, "%s|%d|%s\n", t, y, c.counters[t][y])
		}
		fmt.Fprintf(h, "%s|end\n", t)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
