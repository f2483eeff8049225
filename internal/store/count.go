package store

import (
	"context"
	stdsql "database/sql"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// Counter is a driver that counts the SQL statements sent through it,
// inside transactions too: tests and benchmarks use it to prove a query's
// cost does not grow with the page size.
type Counter struct {
	dialect.Driver
	n atomic.Int64
}

// NewCounter wraps a driver.
func NewCounter(d dialect.Driver) *Counter { return &Counter{Driver: d} }

// Statements is the number of statements so far.
func (c *Counter) Statements() int64 { return c.n.Load() }

// Reset sets the count to zero.
func (c *Counter) Reset() { c.n.Store(0) }

// Exec counts and runs a statement.
func (c *Counter) Exec(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Exec(ctx, query, args, v)
}

// Query counts and runs a query.
func (c *Counter) Query(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Query(ctx, query, args, v)
}

// Tx opens a transaction whose statements are counted too.
func (c *Counter) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := c.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, n: &c.n}, nil
}

type countingTx struct {
	dialect.Tx
	n *atomic.Int64
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.n.Add(1)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.n.Add(1)
	return t.Tx.Query(ctx, query, args, v)
}

// ExecContext counts and runs a raw statement (ent's sql/execquery feature).
func (c *Counter) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	c.n.Add(1)
	return execRaw(ctx, c.Driver, query, args...)
}

// ExecContext counts and runs a raw statement inside the transaction
// (savepoints, for one).
func (t *countingTx) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	t.n.Add(1)
	return execRaw(ctx, t.Tx, query, args...)
}

// QueryContext counts and runs a raw query (the award criteria read
// memberships this way).
func (c *Counter) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	c.n.Add(1)
	return queryRaw(ctx, c.Driver, query, args...)
}

// QueryContext counts and runs a raw query inside the transaction.
func (t *countingTx) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	t.n.Add(1)
	return queryRaw(ctx, t.Tx, query, args...)
}
