package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// On a SQLite file, a read outside a transaction does not wait for the
// writer: it answers while a write transaction is open, from what was
// committed before it, and sees the write once committed.
func TestSQLiteReadsBesideAnOpenWrite(t *testing.T) {
	ctx := audit.Suppress(privacy.DecisionContext(context.Background(), privacy.Allow))
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "thidua.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := st.Client
	if _, err := c.Phase.Create().SetName("2022-2025").SetStartYear(2022).SetEndYear(2025).Save(ctx); err != nil {
		t.Fatal(err)
	}

	tx, err := c.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if _, err := tx.Phase.Create().SetName("2026-2030").SetStartYear(2026).SetEndYear(2030).Save(ctx); err != nil {
		t.Fatal(err)
	}

	// The writer's one connection is held by tx: a read queued behind it
	// would time out.
	rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	n, err := c.Phase.Query().Count(rctx)
	if err != nil {
		t.Fatalf("a read while a write transaction is open: %v", err)
	}
	if n != 1 {
		t.Fatalf("the read saw %d phases; want the 1 committed, not the open transaction's", n)
	}
	// A raw read (ent's QueryContext) too.
	rows, err := c.QueryContext(rctx, `SELECT count(*) FROM phases`)
	if err != nil {
		t.Fatalf("a raw read while a write transaction is open: %v", err)
	}
	raw := -1
	for rows.Next() {
		if err := rows.Scan(&raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("a raw read while a write transaction is open: %v", err)
	}
	if err := rows.Close(); err != nil || raw != 1 {
		t.Fatalf("the raw read saw %d phases, %v; want the 1 committed", raw, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n, err := c.Phase.Query().Count(ctx); err != nil || n != 2 {
		t.Fatalf("after the commit: %d phases, %v; want 2", n, err)
	}
}
