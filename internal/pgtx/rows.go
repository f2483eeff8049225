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
// goroutine stays in Raw while the rows are read and leaves it on Close.
type batchRows struct {
	tx      *Tx
	rows    pgx.Rows
	values  []valueFunc
	ready   chan error
	release chan struct{}
	done    chan error

	closing sync.Once
	cerr    error
	err     error
}

var errNoColumnTypes = errors.New("pgtx: column types are not kept for a batched query")

// sendQuery sends stmts in one batch, the last a query, and returns its
// rows. t.mu is held and stays held until the rows are closed.
func (t *Tx) sendQuery(ctx context.Context, b batch) (*batchRows, error) {
	stmts := b.statements()
	r := &batchRows{tx: t, ready: make(chan error, 1), release: make(chan struct{}), done: make(chan error, 1)}
	status := byte('T')
	go func() {
		r.done <- t.conn.Raw(func(dc any) error {
			pc, err := pgxConn(dc)
			if err != nil {
				r.ready <- err
				return err
			}
			br := pc.SendBatch(ctx, batchOf(stmts))
			for range stmts[:len(stmts)-1] {
				if _, err := br.Exec(); err != nil {
					_ = br.Close()
					status = pc.PgConn().TxStatus()
					r.ready <- err
					return err
				}
			}
			rows, err := br.Query()
			if err != nil {
				_ = br.Close()
				status = pc.PgConn().TxStatus()
				r.ready <- err
				return err
			}
			r.rows, r.values = rows, valueFuncs(pc.TypeMap(), rows.FieldDescriptions())
			r.ready <- nil
			<-r.release
			rows.Close()
			return errors.Join(rows.Err(), br.Close())
		})
	}()
	var err error
	select {
	case err = <-r.ready:
		if err == nil {
			return r, nil
		}
		<-r.done
		t.settle(b, status, err)
	case err = <-r.done: // Raw gave no connection
		if err == nil {
			err = errors.New("pgtx: the batch ended before its query")
		}
	}
	t.mu.Unlock()
	return nil, err
}

func (r *batchRows) Columns() ([]string, error) {
	fds := r.rows.FieldDescriptions()
	names := make([]string, len(fds))
	for i, fd := range fds {
		names[i] = fd.Name
	}
	return names, nil
}

// ColumnTypes: database/sql's ColumnType cannot be made outside it; ent
// asks only to pick a type for *any, and falls back to *any on an error.
func (r *batchRows) ColumnTypes() ([]*sql.ColumnType, error) { return nil, errNoColumnTypes }

func (r *batchRows) Next() bool {
	if r.err != nil {
		return false
	}
	if !r.rows.Next() {
		r.err = r.rows.Err()
		return false
	}
	return true
}

func (r *batchRows) NextResultSet() bool { return false }

// Scan hands each column over as database/sql would: the value pgx's
// stdlib driver makes of it, assigned by database/sql's rules (assign).
func (r *batchRows) Scan(dest ...any) error {
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
			return fmt.Errorf("sql: Scan error on column index %d, name %q: %w", i, r.rows.FieldDescriptions()[i].Name, err)
		}
	}
	return nil
}

func (r *batchRows) Err() error { return r.err }

// Close leaves Raw, which reads what is left of the batch, and lets the
// transaction's next statement through.
func (r *batchRows) Close() error {
	r.closing.Do(func() {
		close(r.release)
		r.cerr = <-r.done
		r.tx.mu.Unlock()
	})
	return r.cerr
}
