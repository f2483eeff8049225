package store_test

import (
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestUpdateOneReturning: an UpdateOne of a node's own row
// (ent/template/updatereturning.tmpl) is one statement, UPDATE … RETURNING,
// where ent's sqlgraph.UpdateNode sent the UPDATE and a SELECT (inside a
// transaction of its own outside one); what it answers is what the store
// then holds; a version guard that refuses, or an id that is not there, is
// ent's NotFoundError with nothing written, and a unique index's refusal
// ent's ConstraintError; an update that sets an edge
// still goes the old way and answers the same.
func TestUpdateOneReturning(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			var counter *store.Counter
			st, err := store.Open(sysCtx(), storetest.URL(t, d), store.Options{Wrap: func(drv dialect.Driver) dialect.Driver {
				counter = store.NewCounter(drv)
				return counter
			}})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ctx, c := sysCtx(), st.Client
			city := c.Unit.Create().SetCode("UR-CITY").SetName("Thành phố").SetType(domain.UnitTypeCity).SaveX(ctx)
			ward := c.Unit.Create().SetCode("UR-W").SetName("Phường cũ").SetType(domain.UnitTypeWard).SetParent(city).
				SetValidTo(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)).SaveX(ctx)
			i := c.Idea.Create().SetCode("UR-I").SetTitle("Ý tưởng thử").SetField(domain.IdeaField("ADMINISTRATIVE_REFORM")).
				SetKind(domain.IdeaKind("IDEA")).SetUnitID(ward.ID).SetProposedOn(time.Date(2025, 3, 2, 0, 0, 0, 0, domain.Zone)).SaveX(ctx)

			// Fields set (a JSON one among them), cleared and added: one statement.
			criteria := &domain.Level4Criteria{RequireRegistration: true, MinEffectiveIdeas: 2, Note: "Có sáng kiến được công nhận"}
			counter.Reset()
			u, err := c.Unit.UpdateOne(ward).SetName("Phường mới").SetLevel4Criteria(criteria).ClearValidTo().Save(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n := counter.Statements(); n != 1 {
				t.Errorf("UpdateOne of a unit's own row: %d statements, want 1 (UPDATE … RETURNING)", n)
			}
			sameAsStored(t, u.String(), func() (string, error) { r, err := c.Unit.Get(ctx, ward.ID); return r.String(), err })
			if u.Name != "Phường mới" || u.ValidTo != nil || u.Level4Criteria == nil || *u.Level4Criteria != *criteria || u.ParentID == nil || *u.ParentID != city.ID {
				t.Errorf("the unit as answered: %+v", u)
			}

			counter.Reset()
			got, err := c.Idea.UpdateOne(i).Where(idea.Version(0)).SetStatus(domain.IdeaStatusSubmitted).AddVersion(1).Save(access.AllowStatusChange(ctx))
			if err != nil {
				t.Fatal(err)
			}
			if n := counter.Statements(); n != 1 {
				t.Errorf("UpdateOne of an idea under its version guard: %d statements, want 1", n)
			}
			if got.Version != 1 || got.Status != domain.IdeaStatusSubmitted || !got.UpdatedAt.After(i.UpdatedAt) {
				t.Errorf("the idea as answered: version %d, status %s, updated %s (was %s)", got.Version, got.Status, got.UpdatedAt, i.UpdatedAt)
			}
			sameAsStored(t, got.String(), func() (string, error) { r, err := c.Idea.Get(ctx, i.ID); return r.String(), err })

			// The guard refuses the version the client no longer holds: not
			// found, nothing written.
			if _, err := c.Idea.UpdateOne(i).Where(idea.Version(0)).SetTitle("Ghi đè").AddVersion(1).Save(ctx); !ent.IsNotFound(err) {
				t.Errorf("an update under a stale version: %v, want ent's NotFoundError", err)
			}
			if _, err := c.Idea.UpdateOneID(i.ID + 1000).SetTitle("Không có").Save(ctx); !ent.IsNotFound(err) {
				t.Errorf("an update of an id that is not there: %v, want ent's NotFoundError", err)
			}
			sameAsStored(t, got.String(), func() (string, error) { r, err := c.Idea.Get(ctx, i.ID); return r.String(), err })

			// A unique index refusing the row is ent's ConstraintError, and
			// nothing is written.
			h25 := c.Headcount.Create().SetUnitID(ward.ID).SetYear(2025).SetHeadcount(40).SaveX(ctx)
			c.Headcount.Create().SetUnitID(ward.ID).SetYear(2026).SetHeadcount(41).ExecX(ctx)
			if _, err := c.Headcount.UpdateOne(h25).SetYear(2026).Save(ctx); !ent.IsConstraintError(err) {
				t.Errorf("an update into another row's (unit, year): %v, want ent's ConstraintError", err)
			}
			if h, err := c.Headcount.Get(ctx, h25.ID); err != nil || h.Year != 2025 {
				t.Errorf("after the refused update: %+v, %v", h, err)
			}

			// Inside a transaction: the answer is the transaction's row, and a
			// rollback takes it back.
			tx, err := c.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			in, err := tx.Idea.UpdateOneID(i.ID).SetTitle("Trong giao dịch").Save(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if in.Title != "Trong giao dịch" || in.Version != 1 {
				t.Errorf("inside the transaction: %q, version %d", in.Title, in.Version)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			sameAsStored(t, got.String(), func() (string, error) { r, err := c.Idea.Get(ctx, i.ID); return r.String(), err })

			// An edge (the parent) is written by ent's own path, and answers
			// the same way.
			other := c.Unit.Create().SetCode("UR-D").SetName("Quận").SetType(domain.UnitTypeDistrict).SetParent(city).SaveX(ctx)
			moved, err := c.Unit.UpdateOne(u).SetParent(other).SetName("Phường chuyển").Save(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if moved.ParentID == nil || *moved.ParentID != other.ID || moved.Name != "Phường chuyển" {
				t.Errorf("the moved unit as answered: %+v", moved)
			}
			sameAsStored(t, moved.String(), func() (string, error) { r, err := c.Unit.Get(ctx, ward.ID); return r.String(), err })
		})
	}
}

// sameAsStored fails unless the answer reads as the store's row does.
func sameAsStored(t *testing.T, answered string, stored func() (string, error)) {
	t.Helper()
	s, err := stored()
	if err != nil {
		t.Fatal(err)
	}
	if answered != s {
		t.Errorf("answered %s\nstored   %s", answered, s)
	}
}
