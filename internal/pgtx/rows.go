package pgtx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
)

// batchRows are the rows of a query sent with what was held back. pgx's
// connection may only be used inside database/sql's Conn.Raw, so a
// goroutine stays in Raw while the rows are read and leaves it when they
// are closed — by the caller, or by the transaction's end.
type batchRows struct {
	tx      *Tx
	rows    pgx.Rows
	names   []string
	values  []valueFunc
	release chan struct{}
	done    chan error

	mu     sync.Mutex // the rows' reader against the transaction's end
	closed bool
	read   bool // Next has said there are no more
	cerr   error
	err    error
}

var errNoColumnTypes = errors.New("pgtx: column types are not kept for a batched query")

// sendQuery sends b in one batch, its last statement a query, and returns
// the query's rows. t.mu is held.
func (t *Tx) sendQuery(ctx context.Context, b batch) (*batchRows, error) {
	stmts := b.statements()
	r := &batchRows{tx: t, release: make(chan struct{}), done: make(chan error, 1)}
	ready := make(chan error, 1)
	status, alive := byte(notSent), true
	go func() {
		answered := false
		answer := func(pc *pgx.Conn, err error) error {
			if pc != nil {
				status, alive = pc.PgConn().TxStatus(), !pc.IsClosed()
			}
			answered = true
			ready <- err
			return err
		}
		err := t.conn.Raw(func(dc any) error {
			pc, err := pgxConn(dc)
			if err != nil {
				return answer(nil, err)
			}
			br := pc.SendBatch(ctx, batchOf(stmts))
			for range stmts[:len(stmts)-1] {
				if _, err := br.Exec(); err != nil {
					_ = br.Close()
					return answer(pc, err)
				}
			}
			rows, err := br.Query()
			if err != nil {
				_ = br.Close()
				return answer(pc, err)
			}
			r.rows, r.values = rows, valueFuncs(pc.TypeMap(), rows.FieldDescriptions())
			for _, fd := range rows.FieldDescriptions() {
				r.names = append(r.names, fd.Name)
			}
			_ = answer(pc, nil)
			<-r.release
			rows.Close()
			return errors.Join(rows.Err(), br.Close())
		})
		if !answered { // Raw gave no connection
			if err == nil {
				err = errors.New("pgtx: no connection for the batch")
			}
			ready <- err
		}
		r.done <- err
	}()
	// ready is always answered first, and the state it reports with it.
	if err := <-ready; err != nil {
		<-r.done
		t.settle(b, status, alive, err)
		return nil, err
	}
	return r, nil
}

func (r *batchRows) Columns() ([]string, error) { return r.names, nil }

// ColumnTypes: database/sql's ColumnType cannot be made outside it. ent
// asks only to pick a type for a column selected beside an entity's
// (ScanTypeOf), and takes *any on an error: such a column gets the
// driver's value (doc.go).
func (r *batchRows) ColumnTypes() ([]*sql.ColumnType, error) { return nil, errNoColumnTypes }

func (r *batchRows) Next() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || r.err != nil {
		return false
	}
	if !r.rows.Next() {
		r.read, r.err = true, r.rows.Err()
		return false
	}
	return true
}

func (r *batchRows) NextResultSet() bool { return false }

// Scan hands each column over as database/sql would: the value pgx's
// stdlib driver makes of it, assigned by database/sql's rules (assign).
func (r *batchRows) Scan(dest ...any) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return errors.New("sql: Rows are closed")
	}
	raw := r.rows.RawValues()
	if len(dest) != len(raw) {
		return fmt.Errorf("sql: expected %d destination arguments in Scan, not %d", len(raw), len(dest))
	}
	for i, b := range raw {
		var v driver.Value
		if b != nil {
			var err error
			if v, err = r.values[i](b); err != nil {
				return fmt.Errorf("sql: Scan error on column index %d: %w", i, err)
			}
		}
		if err := assign(dest[i], v); err != nil {
			return fmt.Errorf("sql: Scan error on column index %d, name %q: %w", i, r.names[i], err)
		}
	}
	return nil
}

func (r *batchRows) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// Close leaves Raw, which reads what is left of the batch, and lets the
// transaction's next statement through.
func (r *batchRows) Close() error {
	r.finish(nil)
	r.tx.mu.Lock()
	if r.tx.open == r {
		r.tx.open = nil
	}
	r.tx.mu.Unlock()
	return r.cerr
}

// finish ends the rows once; the transaction calls it holding its lock,
// with why, which a reader not done yet then gets from Err: rows cut
// short must not read as all of them.
func (r *batchRows) finish(why error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	if !r.read && r.err == nil {
		r.err = why
	}
	r.closed = true
	close(r.release)
	r.cerr = <-r.done
}
