package pgtx

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/internal/netdelay"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// open gives a driver on a new database, through a proxy that counts the
// chunks the client sends (each statement that waits for its answer is
// at least one), and runs setup on it first.
func open(t *testing.T, setup ...string) (*Driver, *netdelay.Proxy) {
	t.Helper()
	ctx := context.Background()
	url, drop, err := storetest.CreateDatabase(ctx, storetest.PostgresURL(), "thidua_pgtx")
	if err != nil {
		if storetest.RequireServers() {
			t.Fatalf("PostgreSQL is required under CI: %v", err)
		}
		t.Skipf("PostgreSQL not available: %v", err)
	}
	t.Cleanup(drop)
	host := strings.SplitN(strings.SplitN(url, "@", 2)[1], "/", 2)
	p, err := netdelay.Listen(host[0], 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	db, err := sql.Open("pgx", strings.Replace(url, host[0], p.Addr(), 1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, s := range setup {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	return New(entsql.OpenDB(dialect.Postgres, db)), p
}

// rowsOf sends q on tx, failing the test if it fails, and hands back its
// rows to read.
func rowsOf(t *testing.T, ctx context.Context, tx dialect.Tx, q string, args ...any) *entsql.Rows {
	t.Helper()
	var rows entsql.Rows
	if err := tx.Query(ctx, q, args, &rows); err != nil {
		t.Fatal(err)
	}
	return &rows
}

func query(t *testing.T, ctx context.Context, tx dialect.Tx, q string, args ...any) []int64 {
	t.Helper()
	rows := rowsOf(t, ctx, tx, q, args...)
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func count(t *testing.T, d *Driver, table string) int64 {
	t.Helper()
	var n int64
	if err := d.DB().QueryRowContext(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A workflow action's shape — read, update, write the audit row, commit —
// goes in three round trips: BEGIN with the read, the update, the audit
// row with COMMIT. database/sql takes five.
func TestAnActionTakesThreeRoundTrips(t *testing.T) {
	d, p := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY, version int NOT NULL)`,
		`CREATE TABLE audit (id bigserial PRIMARY KEY, idea bigint NOT NULL)`, `INSERT INTO ideas VALUES (1, 0)`)
	ctx := context.Background()
	action := func() int64 {
		from := p.Sent()
		tx, err := d.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		v := query(t, ctx, tx, `SELECT version FROM ideas WHERE id = $1`, 1)
		if err := tx.Exec(ctx, `UPDATE ideas SET version = version + 1 WHERE id = $1 AND version = $2`, []any{1, v[0]}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.(*Tx).ExecContext(Deferred(ctx), `INSERT INTO audit (idea) VALUES ($1)`, 1); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		return p.Sent() - from
	}
	action() // the statements are prepared on first use, a round trip each
	if n := action(); n != 3 {
		t.Errorf("an action sent %d chunks, want 3", n)
	}
	if n := count(t, d, "audit"); n != 2 {
		t.Errorf("%d audit rows, want 2", n)
	}
	var version int
	if err := d.DB().QueryRow(`SELECT version FROM ideas`).Scan(&version); err != nil || version != 2 {
		t.Errorf("version %d (%v), want 2", version, err)
	}
	// A transaction that sends nothing costs nothing.
	from := p.Sent()
	tx, err := d.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := p.Sent() - from; n != 0 {
		t.Errorf("an empty transaction sent %d chunks", n)
	}
}

// A deferred write that fails fails the COMMIT it went with, and nothing
// of the transaction stays; the connection goes back to the pool clean.
func TestAFailedDeferredWriteFailsTheCommit(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`, `CREATE TABLE audit (idea bigint NOT NULL REFERENCES ideas)`)
	d.DB().SetMaxOpenConns(1)
	ctx := context.Background()
	tx, err := d.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Exec(ctx, `INSERT INTO ideas VALUES ($1)`, []any{1}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.(*Tx).ExecContext(Deferred(ctx), `INSERT INTO audit VALUES ($1)`, 99); err != nil {
		t.Fatalf("a deferred write failed before it was sent: %v", err)
	}
	if err := tx.Commit(); err == nil || !strings.Contains(err.Error(), "foreign key") {
		t.Fatalf("commit: %v, want the audit row's foreign key error", err)
	}
	if n := count(t, d, "ideas"); n != 0 {
		t.Errorf("%d ideas committed with a failed audit row", n)
	}
	var status string
	if err := d.DB().QueryRow(`SELECT current_setting('transaction_isolation') || ' ' || (SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%')`).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(status, " 0") {
		t.Errorf("a connection was left in a transaction: %s", status)
	}
}

// A statement that fails in the batch with BEGIN leaves a transaction that
// rolls back, and the next one on the same connection starts clean.
func TestAFailedFirstStatementRollsBack(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`)
	d.DB().SetMaxOpenConns(1)
	ctx := context.Background()
	for range 2 {
		tx, err := d.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var rows entsql.Rows
		if err := tx.Query(ctx, `SELECT missing FROM ideas`, []any{}, &rows); err == nil {
			rows.Close()
			t.Fatal("a query of a missing column did not fail")
		}
		if err := tx.Exec(ctx, `INSERT INTO ideas VALUES (1)`, []any{}, nil); err == nil ||
			!strings.Contains(err.Error(), "aborted") {
			t.Errorf("a statement after the failure: %v, want the aborted transaction's refusal", err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("commit after rollback: %v", err)
		}
	}
	if n := count(t, d, "ideas"); n != 0 {
		t.Errorf("%d ideas", n)
	}
}

// BeginTx's options reach the server with the held BEGIN.
func TestOptions(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`)
	ctx := context.Background()
	tx, err := d.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, ctx, tx, `SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')`)
	var iso, ro string
	if !rows.Next() || rows.Scan(&iso, &ro) != nil {
		t.Fatal("no settings")
	}
	rows.Close()
	if iso != "repeatable read" || ro != "on" {
		t.Errorf("isolation %q, read only %q", iso, ro)
	}
	if err := tx.Exec(ctx, `INSERT INTO ideas VALUES (1)`, []any{}, nil); err == nil {
		t.Error("a read-only transaction wrote")
	}
	_ = tx.Rollback()
	if _, err := d.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelLinearizable}); err == nil {
		t.Error("an isolation level PostgreSQL lacks was accepted")
	}
}

// A transaction whose context ends is rolled back and its connection
// returned, as database/sql's is.
func TestAnEndedContextRollsBack(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`)
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := d.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Exec(ctx, `INSERT INTO ideas VALUES (1)`, []any{}, nil); err != nil {
		t.Fatal(err)
	}
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for d.DB().Stats().InUse > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := d.DB().Stats().InUse; n > 0 {
		t.Fatalf("%d connections still in use after the context ended", n)
	}
	if err := tx.Commit(); !errors.Is(err, sql.ErrTxDone) {
		t.Errorf("commit after the context ended: %v", err)
	}
	if n := count(t, d, "ideas"); n != 0 {
		t.Errorf("%d ideas", n)
	}
}

func within(d time.Duration, f func()) bool {
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// A batched query's rows left open: a statement beside them is refused as
// pgx refuses one on a busy connection, and the transaction's end closes
// them, as database/sql's does, instead of waiting for them for ever.
func TestTheEndOfATransactionClosesItsRows(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`, `INSERT INTO ideas VALUES (1), (2)`)
	for _, end := range []string{"commit", "rollback", "cancel"} {
		ctx, cancel := context.WithCancel(context.Background())
		tx, err := d.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rows := rowsOf(t, ctx, tx, `SELECT id FROM ideas`)
		rows.Next()
		var nested error
		if !within(3*time.Second, func() { nested = tx.Exec(ctx, `SELECT 1`, []any{}, nil) }) || !errors.Is(nested, errBusy) {
			t.Errorf("a statement beside open rows: %v, want errBusy at once", nested)
		}
		if !within(3*time.Second, func() {
			switch end {
			case "commit":
				err = tx.Commit()
			case "rollback":
				err = tx.Rollback()
			default:
				cancel()
				for d.DB().Stats().InUse > 0 {
					time.Sleep(5 * time.Millisecond)
				}
			}
		}) {
			t.Fatalf("%s with the rows open did not return", end)
		}
		if err != nil {
			t.Errorf("%s: %v", end, err)
		}
		if rows.Next() {
			t.Errorf("%s: the rows still read", end)
		}
		rows.Close()
		cancel()
	}
}

type unencodable struct{ C chan int }

// An argument pgx cannot encode fails in the client. pgx then gives up the
// connection when part of the batch was already queued (the held BEGIN or
// writes before it), and the transaction fails whole; database/sql's would
// go on. Either way nothing runs outside the transaction and nothing is
// half-written: the commit keeps all or fails and keeps nothing.
func TestAnArgumentThatCannotBeEncoded(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`, `CREATE TABLE audit (idea bigint)`)
	ctx := context.Background()

	for _, end := range []string{"rollback", "commit"} {
		tx, err := d.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Exec(ctx, `INSERT INTO ideas VALUES ($1)`, []any{unencodable{}}, nil); err == nil {
			t.Fatal("an unencodable argument was sent")
		}
		next := tx.Exec(ctx, `INSERT INTO ideas VALUES (1)`, []any{}, nil)
		if end == "rollback" {
			_ = tx.Rollback()
			if n := count(t, d, "ideas"); n != 0 {
				t.Fatalf("%d ideas after a rollback: the statement ran outside the transaction", n)
			}
			continue
		}
		err = tx.Commit()
		if n := count(t, d, "ideas"); (err == nil) != (n == 1) || (next == nil) != (err == nil) {
			t.Errorf("next statement %v, commit %v, %d ideas", next, err, n)
		}
		_, _ = d.DB().Exec(`DELETE FROM ideas`)
	}

	tx, err := d.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Exec(ctx, `INSERT INTO ideas VALUES (1)`, []any{}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.(*Tx).ExecContext(Deferred(ctx), `INSERT INTO audit VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Exec(ctx, `SELECT $1::bigint`, []any{unencodable{}}, nil); err == nil {
		t.Fatal("an unencodable argument was sent")
	}
	_ = tx.Exec(ctx, `INSERT INTO ideas VALUES (2)`, []any{}, nil)
	err = tx.Commit()
	ideas, audit := count(t, d, "ideas"), count(t, d, "audit")
	switch {
	case err == nil && (ideas != 2 || audit != 1):
		t.Errorf("committed %d ideas and %d audit rows, want 2 and 1", ideas, audit)
	case err != nil && (ideas != 0 || audit != 0):
		t.Errorf("the commit failed (%v) but %d ideas and %d audit rows stayed", err, ideas, audit)
	}
}

// A first statement whose context is already done reaches nothing: the
// BEGIN is still held, and the next statement runs inside the
// transaction, not on its own.
func TestAFirstStatementThatNeverLeft(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`)
	ctx := context.Background()
	for _, first := range []string{"query", "exec"} {
		tx, err := d.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		done, cancel := context.WithCancel(ctx)
		cancel()
		if first == "query" {
			var rows entsql.Rows
			err = tx.Query(done, `SELECT id FROM ideas`, []any{}, &rows)
		} else {
			err = tx.Exec(done, `INSERT INTO ideas VALUES (9)`, []any{}, nil)
		}
		if err == nil {
			t.Fatalf("%s under a context already done was sent", first)
		}
		if err := tx.Exec(ctx, `INSERT INTO ideas VALUES (1)`, []any{}, nil); err != nil {
			t.Fatalf("%s: the statement after: %v", first, err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, "ideas"); n != 0 {
			t.Fatalf("%s: %d ideas after the rollback: the BEGIN was lost", first, n)
		}
	}
}

// An ent statement that wants its result is sent, Deferred or not: ent
// reads an UPDATE's rows affected to tell a lost race.
func TestAResultWantedIsNotHeld(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`, `INSERT INTO ideas VALUES (1), (2)`)
	ctx := Deferred(context.Background())
	tx, err := d.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var res sql.Result
	if err := tx.Exec(ctx, `DELETE FROM ideas`, []any{}, &res); err != nil {
		t.Fatal(err)
	}
	if n, err := res.RowsAffected(); n != 2 || err != nil {
		t.Errorf("rows affected %d (%v), want 2", n, err)
	}
}

// database/sql's rows handed out after BEGIN went (an ent query, a raw
// one) are closed by the transaction's end too: the commit neither waits
// for them nor fails. Batched rows cut short by the end say so.
func TestTheEndClosesDatabaseSQLRowsAndSaysRowsWereCut(t *testing.T) {
	d, _ := open(t, `CREATE TABLE ideas (id bigint PRIMARY KEY)`, `INSERT INTO ideas SELECT generate_series(1, 100)`)
	ctx := context.Background()
	for _, how := range []string{"ent", "raw"} {
		tx, err := d.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Exec(ctx, `INSERT INTO ideas VALUES (1000)`, []any{}, nil); err != nil {
			t.Fatal(err)
		}
		var next func() bool
		if how == "ent" {
			rows := rowsOf(t, ctx, tx, `SELECT id FROM ideas`)
			defer rows.Close()
			next = rows.Next
		} else {
			rows, err := tx.(*Tx).QueryContext(ctx, `SELECT id FROM ideas`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			next = rows.Next
		}
		next()
		if !within(3*time.Second, func() { err = tx.Commit() }) {
			t.Fatalf("%s: the commit waited for the rows", how)
		}
		if err != nil {
			t.Errorf("%s: commit: %v", how, err)
		}
		if n := count(t, d, "ideas"); n != 101 {
			t.Errorf("%s: %d ideas, want the 101 committed", how, n)
		}
		_, _ = d.DB().Exec(`DELETE FROM ideas WHERE id = 1000`)
	}

	tx, err := d.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(t, ctx, tx, `SELECT id FROM ideas`)
	rows.Next()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if rows.Next() || !errors.Is(rows.Err(), sql.ErrTxDone) {
		t.Errorf("rows cut short by the commit: Err %v, want sql.ErrTxDone", rows.Err())
	}
	rows.Close()
}
