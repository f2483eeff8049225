package reorg

import (
	"context"
	"errors"
	"fmt"

	"github.com/hcmc-thidua/thidua/ent"
)

// inTx runs fn in one transaction. Inside a GraphQL mutation the
// transaction is the one entgql.Transactioner opened (ent.TxFromContext),
// or the client passed is already that transaction's (ent.FromContext);
// then the caller commits or rolls back, and a second transaction must not
// be opened: on SQLite's single connection it would wait forever. Called
// from anywhere else, inTx opens, commits and rolls back its own.
func inTx(ctx context.Context, client *ent.Client, fn func(*ent.Client) (Result, error)) (Result, error) {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return fn(tx.Client())
	}
	if client == nil {
		client = ent.FromContext(ctx)
	}
	if client == nil {
		return Result{}, errors.New("reorg: no ent client")
	}
	tx, err := client.Tx(ctx)
	if errors.Is(err, ent.ErrTxStarted) {
		return fn(client)
	}
	if err != nil {
		return Result{}, err
	}
	r, err := fn(tx.Client())
	if err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return Result{}, fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return Result{}, err
	}
	if err := tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("reorg: commit: %w", err)
	}
	return r, nil
}
