package store

import (
	"context"
	stdsql "database/sql"
	"errors"
)

// execRaw runs a raw statement (ent's sql/execquery feature) on d, a
// driver or a transaction that wraps ent's own.
func execRaw(ctx context.Context, d any, query string, args ...any) (stdsql.Result, error) {
	ex, ok := d.(interface {
		ExecContext(context.Context, string, ...any) (stdsql.Result, error)
	})
	if !ok {
		return nil, errors.New("store: the wrapped driver cannot run raw statements")
	}
	return ex.ExecContext(ctx, query, args...)
}

// queryRaw runs a raw query (ent's sql/execquery feature) on d.
func queryRaw(ctx context.Context, d any, query string, args ...any) (*stdsql.Rows, error) {
	q, ok := d.(interface {
		QueryContext(context.Context, string, ...any) (*stdsql.Rows, error)
	})
	if !ok {
		return nil, errors.New("store: the wrapped driver cannot run raw queries")
	}
	return q.QueryContext(ctx, query, args...)
}
