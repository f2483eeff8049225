package audit_test

import (
	"context"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestHoldNeedsATransaction: held audit rows are written last, so the
// writes they record must commit or roll back with them. Outside a
// transaction each write would commit alone and a failure before the rows
// would leave it unaudited: Hold refuses, before anything is written.
func TestHoldNeedsATransaction(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.URL(t, "sqlite"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, _, err := audit.Hold(ctx, st.Client); err == nil {
		t.Fatal("Hold accepted the shared client")
	}
	tx, err := st.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, write, err := audit.Hold(ctx, tx.Client()); err != nil || write == nil {
		t.Fatalf("Hold refused a transaction's client: %v", err)
	}
}
