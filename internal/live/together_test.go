package live_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// TestBulkCreateAnnouncedOnCommit: a bulk load (its audit rows written
// apart, so no statement of its own per builder) under Together is
// announced once, when it commits, and not at all when it rolls back.
// Without Together every builder but the last was announced at once.
func TestBulkCreateAnnouncedOnCommit(t *testing.T) {
	ctx := live.Together(audit.Suppress(privacy.DecisionContext(context.Background(), privacy.Allow)))
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := st.Live.Subscribe()
	defer s.Close()
	for _, commit := range []bool{false, true} {
		tx, err := st.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bulk := make([]*ent.PersonCreate, 5)
		for i := range bulk {
			bulk[i] = tx.Person.Create().SetCode(fmt.Sprintf("CB%d", i+1)).SetFullName("Phạm Thị Thử").SetGender(domain.Gender("FEMALE"))
		}
		tx.Person.CreateBulk(bulk...).SaveX(ctx)
		if c, ok := take(t, s); ok {
			t.Fatalf("announced before the commit: %+v", c)
		}
		if !commit {
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			if c, ok := take(t, s); ok {
				t.Fatalf("a rolled-back bulk load announced: %+v", c)
			}
			continue
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if c, ok := take(t, s); !ok || !c.Touches("Person") {
			t.Fatalf("a committed bulk load: %+v (%v)", c, ok)
		}
	}
}
