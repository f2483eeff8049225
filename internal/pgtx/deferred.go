package pgtx

import (
	"context"
	"errors"

	"entgo.io/ent"
)

type deferredKey struct{}

// Deferred marks the raw writes made under ctx as ones whose result the
// caller does not read: on a pgtx transaction they go with the next
// statement or with COMMIT, and an error of theirs is that statement's or
// COMMIT's, which fails the transaction. Outside one they run at once.
func Deferred(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferredKey{}, true)
}

func deferred(ctx context.Context) bool {
	d, _ := ctx.Value(deferredKey{}).(bool)
	return d
}

// heldResult is the result of a write not yet sent.
type heldResult struct{}

var errHeld = errors.New("pgtx: the write is held until the transaction's next statement; its result is not known yet")

func (heldResult) LastInsertId() (int64, error) { return 0, errHeld }
func (heldResult) RowsAffected() (int64, error) { return 0, errHeld }

type drivingKey struct{}

// Hook marks every mutation's context as running on a pgtx driver, so
// that code below ent (the audit hook) can choose a statement that pgtx
// sends without a round trip of its own. The store installs it on
// PostgreSQL.
func Hook(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		return next.Mutate(context.WithValue(ctx, drivingKey{}, true), m)
	})
}

// Driving says whether ctx is a mutation's on a pgtx driver.
func Driving(ctx context.Context) bool {
	d, _ := ctx.Value(drivingKey{}).(bool)
	return d
}
