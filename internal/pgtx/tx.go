package pgtx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// Tx is a transaction on one connection of the pool whose BEGIN and
// deferred writes wait for the next statement to go with it.
type Tx struct {
	conn *sql.Conn
	ctx  context.Context // BeginTx's: COMMIT runs under it, as database/sql's
	stop func() bool

	// mu lets one statement through at a time, as database/sql does on a
	// transaction's connection.
	mu      sync.Mutex
	begin   string      // the BEGIN not sent yet, "" once it has been
	held    []statement // deferred writes not sent yet
	aborted error       // the server's transaction failed, or is gone
	open    *batchRows  // a batched query's rows, until closed
	ended   bool
	// sqlRows are database/sql's rows the transaction handed out; its end
	// closes those still open, as database/sql's transaction does, or
	// giving the connection back would wait for them.
	sqlRows map[*sql.Rows]struct{}
}

type statement struct {
	query string
	args  []any
}

func newTx(ctx context.Context, conn *sql.Conn, begin string) *Tx {
	t := &Tx{conn: conn, ctx: ctx, begin: begin}
	// As database/sql's: a transaction whose context ends is rolled back,
	// so an abandoned one does not keep its connection and locks.
	t.stop = context.AfterFunc(ctx, func() { _ = t.Rollback() })
	return t
}

// waiting says whether the next statement carries what was held back.
func (t *Tx) waiting() bool { return t.begin != "" || len(t.held) > 0 }

// batch is what one round trip carries: the BEGIN and writes that were
// held back, then the statements that wait for it.
type batch struct {
	begin string
	held  []statement
	tail  []statement
}

func (b batch) statements() []statement {
	s := make([]statement, 0, 1+len(b.held)+len(b.tail))
	if b.begin != "" {
		s = append(s, statement{query: b.begin})
	}
	return append(append(s, b.held...), b.tail...)
}

// take returns what was held back followed by tail, and forgets it.
func (t *Tx) take(tail ...statement) batch {
	b := batch{begin: t.begin, held: t.held, tail: tail}
	t.begin, t.held = "", nil
	return b
}

// notSent is a batch's status when the connection was never reached.
const notSent = 'N'

// settle puts the transaction in the state a failed batch left the
// server in, told by the connection's status after it:
//   - nothing reached the server (no connection; pgx's encoding of the
//     arguments, which comes before anything is written; a context
//     already done): what was held back is held again, and only the
//     statement that failed has failed, as it would have alone;
//   - the connection is gone: so is the transaction;
//   - 'E': a statement failed and the server aborted the transaction, as
//     it would have had each gone alone;
//   - 'I' after a server's error: a statement failed to prepare, which
//     pgx does for the whole batch before any of it runs, so not even a
//     BEGIN in it ran; the server would have aborted the transaction at
//     that statement, so it is aborted here (and so, for safety, is any
//     other way the server's transaction went).
func (t *Tx) settle(b batch, status byte, alive bool, err error) {
	var server *pgconn.PgError
	switch {
	case status == notSent:
		t.restore(b)
	case !alive:
		t.aborted = err
	case status == 'E':
	case !errors.As(err, &server):
		t.restore(b)
	case status == 'I':
		t.aborted = err
	}
}

func (t *Tx) restore(b batch) {
	if b.begin != "" {
		t.begin = b.begin
	}
	t.held = append(b.held, t.held...)
}

// refuse is why a statement cannot be sent now, if it cannot.
func (t *Tx) refuse() error {
	switch {
	case t.ended:
		return sql.ErrTxDone
	case t.aborted != nil:
		return errAborted(t.aborted)
	case t.open != nil:
		return errBusy
	}
	return nil
}

// errBusy: as pgx answers a statement sent while another's rows are
// being read on the same connection.
var errBusy = errors.New("pgtx: conn busy: the rows of an earlier query of this transaction are still open")

// errAborted is the server's refusal of a statement in a failed
// transaction, for a transaction that failed before its BEGIN ran.
func errAborted(cause error) error {
	return fmt.Errorf("%w (after: %v)", &pgconn.PgError{Severity: "ERROR", Code: "25P02",
		Message: "current transaction is aborted, commands ignored until end of transaction block"}, cause)
}

// Exec runs an ent statement that returns no rows.
func (t *Tx) Exec(ctx context.Context, query string, args, v any) error {
	argv, ok := args.([]any)
	if !ok {
		return fmt.Errorf("pgtx: invalid type %T, expect []any for args", args)
	}
	res, err := t.exec(ctx, query, argv, v == nil)
	if err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
	case *sql.Result:
		*v = res
	default:
		return fmt.Errorf("pgtx: invalid type %T, expect *sql.Result", v)
	}
	return nil
}

// ExecContext runs a raw statement, or holds it back under Deferred.
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.exec(ctx, query, args, true)
}

// exec runs a statement; one whose result is wanted is never held back,
// whatever its context says.
func (t *Tx) exec(ctx context.Context, query string, args []any, mayHold bool) (sql.Result, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.refuse(); err != nil {
		return nil, err
	}
	switch {
	case mayHold && deferred(ctx):
		t.held = append(t.held, statement{query, args})
		return heldResult{}, nil
	case !t.waiting():
		return t.conn.ExecContext(ctx, query, args...)
	}
	tags, err := t.send(ctx, t.take(statement{query, args}))
	if err != nil {
		return nil, err
	}
	return driver.RowsAffected(tags[len(tags)-1].RowsAffected()), nil
}

// Query runs an ent statement that returns rows. Sent with what was held
// back, its rows are read from pgx (batchRows); else from database/sql.
func (t *Tx) Query(ctx context.Context, query string, args, v any) error {
	vr, ok := v.(*entsql.Rows)
	if !ok {
		return fmt.Errorf("pgtx: invalid type %T, expect *sql.Rows", v)
	}
	argv, ok := args.([]any)
	if !ok {
		return fmt.Errorf("pgtx: invalid type %T, expect []any for args", args)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.refuse(); err != nil {
		return err
	}
	if !t.waiting() {
		rows, err := t.conn.QueryContext(ctx, query, argv...)
		if err != nil {
			return err
		}
		t.keep(rows)
		*vr = entsql.Rows{ColumnScanner: &keptRows{Rows: rows, tx: t}}
		return nil
	}
	rows, err := t.sendQuery(ctx, t.take(statement{query, argv}))
	if err != nil {
		return err
	}
	t.open = rows
	*vr = entsql.Rows{ColumnScanner: rows}
	return nil
}

// QueryContext runs a raw query. It must hand over database/sql's rows, so
// what was held back goes first, in a round trip of its own.
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.refuse(); err != nil {
		return nil, err
	}
	if t.waiting() {
		if _, err := t.send(ctx, t.take()); err != nil {
			return nil, err
		}
	}
	rows, err := t.conn.QueryContext(ctx, query, args...)
	if err == nil {
		t.keep(rows) // closed by the caller, else at the end: never forgotten before
	}
	return rows, err
}

func (t *Tx) keep(rows *sql.Rows) {
	if t.sqlRows == nil {
		t.sqlRows = map[*sql.Rows]struct{}{}
	}
	t.sqlRows[rows] = struct{}{}
}

// keptRows are database/sql's rows of an ent query, forgotten by the
// transaction once closed.
type keptRows struct {
	*sql.Rows
	tx *Tx
}

func (r *keptRows) Close() error {
	err := r.Rows.Close()
	r.tx.mu.Lock()
	delete(r.tx.sqlRows, r.Rows)
	r.tx.mu.Unlock()
	return err
}

// errCommitRollback: the server answered COMMIT with ROLLBACK, as it does
// for a transaction a statement failed in.
var errCommitRollback = errors.New("pgtx: the transaction failed on the server and was rolled back")

// Commit sends COMMIT with the deferred writes. A transaction that sent
// nothing has nothing to commit. On failure it is rolled back.
func (t *Tx) Commit() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.end() {
		return sql.ErrTxDone
	}
	switch {
	case t.aborted != nil:
		t.begin, t.held = "", nil
		return errors.Join(errCommitRollback, t.release())
	case t.begin != "" && len(t.held) == 0:
		t.begin = ""
		return t.release()
	}
	tags, err := t.send(t.ctx, t.take(statement{query: "COMMIT"}))
	if err == nil && tags[len(tags)-1].String() != "COMMIT" {
		err = errCommitRollback
	}
	if err != nil {
		t.begin, t.held = "", nil
		_, _ = t.send(context.WithoutCancel(t.ctx), rollback)
	}
	return errors.Join(err, t.release())
}

// Rollback drops the deferred writes and, if BEGIN was sent, rolls back.
func (t *Tx) Rollback() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.end() {
		return sql.ErrTxDone
	}
	sent := t.begin == "" && t.aborted == nil
	t.begin, t.held = "", nil
	var err error
	if sent {
		_, err = t.send(context.WithoutCancel(t.ctx), rollback)
	}
	return errors.Join(err, t.release())
}

var rollback = batch{tail: []statement{{query: "ROLLBACK"}}}

// end marks the transaction ended, if it was not: its context is no
// longer watched and a batched query's rows still open are closed.
func (t *Tx) end() bool {
	if t.ended {
		return false
	}
	t.ended = true
	t.stop()
	t.closeOpen()
	return true
}

// closeOpen closes a batched query's rows still open, as database/sql
// closes a transaction's rows when it ends.
func (t *Tx) closeOpen() {
	if t.open != nil {
		t.open.finish(sql.ErrTxDone)
		t.open = nil
	}
	for rows := range t.sqlRows {
		_ = rows.Close() // database/sql's: safe beside a reader, and idempotent
	}
	t.sqlRows = nil
}

// release gives the connection back to the pool, or closes it if it is
// still inside a transaction (a COMMIT or ROLLBACK that did not arrive):
// the next user of the pool must never find itself in this one.
func (t *Tx) release() error {
	err := t.conn.Raw(func(dc any) error {
		pc, err := pgxConn(dc)
		if err != nil {
			return err
		}
		if !pc.IsClosed() && pc.PgConn().TxStatus() == 'I' {
			return nil
		}
		_ = pc.Close(context.WithoutCancel(t.ctx))
		return driver.ErrBadConn
	})
	cerr := t.conn.Close()
	if errors.Is(err, driver.ErrBadConn) {
		return nil // database/sql has discarded it; the caller's error says why
	}
	if err != nil {
		return err
	}
	if errors.Is(cerr, sql.ErrConnDone) {
		return nil
	}
	return cerr
}

// send runs b in one round trip and returns its statements' tags. The
// first error stops the batch (the server skips the rest) and settles the
// transaction's state.
func (t *Tx) send(ctx context.Context, b batch) ([]pgconn.CommandTag, error) {
	stmts := b.statements()
	tags := make([]pgconn.CommandTag, 0, len(stmts))
	status, alive := byte(notSent), true
	err := t.conn.Raw(func(dc any) error {
		pc, err := pgxConn(dc)
		if err != nil {
			return err
		}
		defer func() { status, alive = pc.PgConn().TxStatus(), !pc.IsClosed() }()
		br := pc.SendBatch(ctx, batchOf(stmts))
		for range stmts {
			tag, err := br.Exec()
			if err != nil {
				_ = br.Close()
				return err
			}
			tags = append(tags, tag)
		}
		return br.Close()
	})
	if err != nil {
		t.settle(b, status, alive, err)
	}
	return tags, err
}

func batchOf(stmts []statement) *pgx.Batch {
	b := &pgx.Batch{}
	for _, s := range stmts {
		b.Queue(s.query, s.args...)
	}
	return b
}

func pgxConn(dc any) (*pgx.Conn, error) {
	c, ok := dc.(*stdlib.Conn)
	if !ok {
		return nil, fmt.Errorf("pgtx: the pool's driver is %T, not pgx's stdlib", dc)
	}
	return c.Conn(), nil
}
