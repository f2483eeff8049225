package live_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/store"
)

func take(t *testing.T, s *live.Subscription) (live.Change, bool) {
	t.Helper()
	select {
	case <-s.Ready():
		c, _ := s.Take()
		return c, true
	case <-time.After(time.Second):
		return live.Change{}, false
	}
}

// TestFeedAnnouncesCommitsOnly — a write is announced once its transaction
// commits, never when it rolls back; a write outside a transaction at once,
// even one ent runs in a transaction of its own (a create with edges); a
// subscriber that falls behind is told it lost changes.
func TestFeedAnnouncesCommitsOnly(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := st.Live.Subscribe()
	defer s.Close()

	city := st.Client.Unit.Create().SetCode("HCM").SetName("Thành phố").SetType(domain.UnitType("CITY")).SaveX(ctx)
	if c, ok := take(t, s); !ok || !c.Touches("Unit") {
		t.Fatalf("a unit created outside a transaction: %+v (%v)", c, ok)
	}

	tx, err := st.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx.Unit.Create().SetCode("Q1").SetName("Quận 1").SetType(domain.UnitType("DISTRICT")).SetParentID(city.ID).SaveX(ctx)
	if c, ok := take(t, s); ok {
		t.Fatalf("announced before the commit: %+v", c)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if c, ok := take(t, s); ok {
		t.Fatalf("a rolled-back write announced: %+v", c)
	}

	tx, err = st.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := tx.Person.Create().SetCode("CB1").SetFullName("Phạm Thị Thử").SetGender(domain.Gender("FEMALE")).SaveX(ctx)
	tx.Unit.Create().SetCode("Q2").SetName("Quận 2").SetType(domain.UnitType("DISTRICT")).SetParentID(city.ID).SaveX(ctx)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	c, ok := take(t, s)
	if !ok || !c.Touches("Person") || !c.Touches("Unit") || !slices.IsSorted(c.Kinds) {
		t.Fatalf("a committed transaction: %+v (%v), want one change of Person and Unit", c, ok)
	}

	// Proposers are a second statement: ent wraps the create in a
	// transaction of its own.
	idea := st.Client.Idea.Create().SetCode("YT-1").SetTitle("Một cửa số hóa").SetField(domain.IdeaField("ADMINISTRATIVE_REFORM")).
		SetKind(domain.IdeaKind("IDEA")).SetUnitID(city.ID).SetProposedOn(time.Date(2026, 3, 2, 0, 0, 0, 0, domain.Zone)).
		AddProposerIDs(p.ID).SaveX(ctx)
	if c, ok := take(t, s); !ok || !c.Touches("Idea") {
		t.Fatalf("a create with edges outside a transaction: %+v (%v)", c, ok)
	}

	// A subscriber more than 4,096 events behind is told it lost some,
	// and holds nothing else; one that reads keeps up.
	behind := st.Live.Subscribe()
	defer behind.Close()
	for round := 0; round < 2; round++ {
		tx, _ = st.Client.Tx(ctx)
		bulk := make([]*ent.IdeaEventCreate, 2100)
		for i := range bulk {
			bulk[i] = tx.IdeaEvent.Create().SetIdeaID(idea.ID).SetAction(domain.IdeaAction("EDIT")).
				SetToStatus(domain.IdeaStatus("DRAFT")).SetSeq(round*2100 + i + 1).SetActorSub("load")
		}
		tx.IdeaEvent.CreateBulk(bulk...).SaveX(ctx)
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if c, ok := take(t, s); !ok || c.Lost || len(c.IdeaEvents) != 2100 {
			t.Fatalf("round %d, a reader: lost %v, %d events, want 2100", round, c.Lost, len(c.IdeaEvents))
		}
	}
	if c, ok := take(t, behind); !ok || !c.Lost || len(c.IdeaEvents) != 0 {
		t.Fatalf("4,200 events unread: lost %v with %d events, want lost and none", c.Lost, len(c.IdeaEvents))
	}

	st.Live.EndSubscriptions()
	select {
	case <-s.Ready():
		if _, ended := s.Take(); !ended {
			t.Fatal("after EndSubscriptions the subscription has not ended")
		}
	case <-time.After(time.Second):
		t.Fatal("EndSubscriptions did not wake the subscriber")
	}
}

// TestBulkAnnouncedOnCommit — ent sends a bulk's INSERT with its last
// builder's context: within live.Bulk the other builders' writes wait for
// the commit too, and a rolled-back bulk is never announced.
func TestBulkAnnouncedOnCommit(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
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
		rows := make([]*ent.AuditEventCreate, 3)
		for i := range rows {
			rows[i] = tx.AuditEvent.Create().SetOperation(domain.AuditOperationCreate).SetEntityType("Unit").
				SetEntityID(i + 1).SetActorSub("system").SetChanges(map[string]any{})
		}
		tx.AuditEvent.CreateBulk(rows...).ExecX(live.Bulk(ctx))
		if c, ok := take(t, s); ok {
			t.Fatalf("a bulk announced before its transaction ended: %+v", c)
		}
		if !commit {
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			if c, ok := take(t, s); ok {
				t.Fatalf("a rolled-back bulk announced: %+v", c)
			}
			continue
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if c, ok := take(t, s); !ok || !c.Touches("AuditEvent") {
			t.Fatalf("a committed bulk: %+v (%v)", c, ok)
		}
	}
}
