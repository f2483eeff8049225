package live

import (
	"context"
	stdsql "database/sql"
	"errors"
	"sync"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/ent"
)

// A mutation's hook cannot see the transaction it runs in (ent gives each
// mutation a fresh *ent.Tx around the same driver), but the statements it
// sends carry its context. So the hook puts a recorder in the context, the
// driver below ent marks it with the transaction the statements went to,
// and the hook files the write under that transaction, to be announced
// when it commits.

type (
	recorderKey struct{}
	bulkKey     struct{}
)

type recorder struct {
	mu sync.Mutex
	tx *liveTx // nil: the statements ran outside a transaction
}

func (r *recorder) bind(tx *liveTx) {
	r.mu.Lock()
	r.tx = tx
	r.mu.Unlock()
}

func bindIn(ctx context.Context, tx *liveTx) {
	if r, ok := ctx.Value(recorderKey{}).(*recorder); ok {
		r.bind(tx)
	}
	if r, ok := ctx.Value(bulkKey{}).(*recorder); ok {
		r.bind(tx)
	}
}

// Bulk returns the context to give ent's CreateBulk: ent sends a bulk's
// one INSERT with its last builder's context, so the hooks of the others
// see no statement of theirs and would announce their writes at once, as
// if made outside any transaction (before the commit, and even when it
// rolls back). Within Bulk they are filed with the transaction the INSERT
// went to.
func Bulk(ctx context.Context) context.Context {
	return context.WithValue(ctx, bulkKey{}, &recorder{})
}

// Hook files every successful write with the feed.
func (f *Feed) Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			rec := &recorder{}
			v, err := next.Mutate(context.WithValue(ctx, recorderKey{}, rec), m)
			if err != nil {
				return v, err
			}
			c := Change{Kinds: []string{m.Type()}}
			if e, ok := v.(*ent.IdeaEvent); ok && m.Op().Is(ent.OpCreate) {
				c.IdeaEvents = []int{e.ID}
			}
			rec.mu.Lock()
			tx := rec.tx
			rec.mu.Unlock()
			if b, ok := ctx.Value(bulkKey{}).(*recorder); ok && tx == nil {
				b.mu.Lock()
				tx = b.tx
				b.mu.Unlock()
			}
			if tx == nil {
				f.publish(c)
			} else {
				tx.add(c)
			}
			return v, nil
		})
	}
}

// Wrap returns the driver ent should use: the same, with transactions that
// announce their writes on commit.
func (f *Feed) Wrap(d dialect.Driver) dialect.Driver { return &liveDriver{Driver: d, feed: f} }

type liveDriver struct {
	dialect.Driver
	feed *Feed
}

func (d *liveDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &liveTx{Tx: tx, feed: d.feed}, nil
}

// BeginTx keeps ent's client.BeginTx working when the driver below has it.
func (d *liveDriver) BeginTx(ctx context.Context, opts *stdsql.TxOptions) (dialect.Tx, error) {
	b, ok := d.Driver.(interface {
		BeginTx(context.Context, *stdsql.TxOptions) (dialect.Tx, error)
	})
	if !ok {
		return d.Tx(ctx)
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &liveTx{Tx: tx, feed: d.feed}, nil
}

func (d *liveDriver) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	return execRaw(ctx, d.Driver, query, args...)
}

func (d *liveDriver) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	return queryRaw(ctx, d.Driver, query, args...)
}

// Unwrap gives tests and the store the driver below.
func (d *liveDriver) Unwrap() dialect.Driver { return d.Driver }

type liveTx struct {
	dialect.Tx
	feed *Feed

	mu      sync.Mutex
	pending Change
	any     bool
	ended   int // 0 open, committed, or rolledBack
}

const (
	committed = iota + 1
	rolledBack
)

// add files a write under the transaction. ent runs a create with edges
// outside any transaction of the caller's in one of its own, which has
// committed by the time the hook files the write: then it is announced now.
func (t *liveTx) add(c Change) {
	t.mu.Lock()
	switch t.ended {
	case committed:
		t.mu.Unlock()
		t.feed.publish(c)
		return
	case rolledBack:
	default:
		t.pending = merge(t.pending, c)
		t.any = true
	}
	t.mu.Unlock()
}

func (t *liveTx) Exec(ctx context.Context, query string, args, v any) error {
	bindIn(ctx, t)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *liveTx) Query(ctx context.Context, query string, args, v any) error {
	bindIn(ctx, t)
	return t.Tx.Query(ctx, query, args, v)
}

func (t *liveTx) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	bindIn(ctx, t)
	return execRaw(ctx, t.Tx, query, args...)
}

func (t *liveTx) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	bindIn(ctx, t)
	return queryRaw(ctx, t.Tx, query, args...)
}

func (t *liveTx) Commit() error {
	if err := t.Tx.Commit(); err != nil {
		return err
	}
	t.mu.Lock()
	c, any := t.pending, t.any
	t.pending, t.any, t.ended = Change{}, false, committed
	t.mu.Unlock()
	if any {
		t.feed.publish(c)
	}
	return nil
}

func (t *liveTx) Rollback() error {
	t.mu.Lock()
	t.pending, t.any, t.ended = Change{}, false, rolledBack
	t.mu.Unlock()
	return t.Tx.Rollback()
}

func execRaw(ctx context.Context, d any, query string, args ...any) (stdsql.Result, error) {
	ex, ok := d.(interface {
		ExecContext(context.Context, string, ...any) (stdsql.Result, error)
	})
	if !ok {
		return nil, errors.New("live: the wrapped driver cannot run raw statements")
	}
	return ex.ExecContext(ctx, query, args...)
}

func queryRaw(ctx context.Context, d any, query string, args ...any) (*stdsql.Rows, error) {
	q, ok := d.(interface {
		QueryContext(context.Context, string, ...any) (*stdsql.Rows, error)
	})
	if !ok {
		return nil, errors.New("live: the wrapped driver cannot run raw queries")
	}
	return q.QueryContext(ctx, query, args...)
}
