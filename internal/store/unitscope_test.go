package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

func sysCtx() context.Context {
	return audit.Suppress(privacy.DecisionContext(context.Background(), privacy.Allow))
}

func openScopes(t *testing.T, url string, opt store.UnitScopeOptions) (*store.Store, *store.Counter) {
	t.Helper()
	var counter *store.Counter
	st, err := store.Open(sysCtx(), url, store.Options{UnitScopes: opt, Wrap: func(d dialect.Driver) dialect.Driver {
		counter = store.NewCounter(d)
		return counter
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, counter
}

// waitTrusted waits until the cache may answer from memory: at once on
// SQLite, once the listener has read the generation on PostgreSQL.
func waitTrusted(t *testing.T, st *store.Store) {
	t.Helper()
	_, _ = st.Units.Lookup(context.Background(), "") // starts the watcher
	until(t, 10*time.Second, "the unit scopes' listener to be up", st.Units.Trusted)
}

// until polls cond until it holds or the time is up.
func until(t *testing.T, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("waited %s for %s", limit, what)
		}
		time.Sleep(time.Millisecond)
	}
	return time.Since(start)
}

func lookup(t *testing.T, st *store.Store, code string) (store.UnitScope, bool) {
	t.Helper()
	s, err := st.Units.Lookup(context.Background(), code)
	if errors.Is(err, store.ErrNoUnit) {
		return s, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return s, true
}

// stmts counts the statements f sends through the store's driver.
func stmts(c *store.Counter, f func()) int64 {
	c.Reset()
	f()
	return c.Statements()
}

// fromMemory waits until the code is answered without a statement. On
// PostgreSQL the trigger's notification of a commit this process already
// acted on may arrive while a fill runs, which is then not kept: one more
// fill, never a wrong answer.
func fromMemory(t *testing.T, st *store.Store, counter *store.Counter, code string) {
	t.Helper()
	until(t, 5*time.Second, code+" to be answered from memory", func() bool {
		return stmts(counter, func() { lookup(t, st, code) }) == 0
	})
}

// TestUnitScopesSeeTheirOwnProcessAtOnce: a unit's code answered from
// memory costs no statement; a unit created, moved or deleted
// through ent is seen by the very next lookup, an unknown code stays
// unknown until the unit is created (the negative entry goes too).
func TestUnitScopesSeeTheirOwnProcessAtOnce(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := sysCtx()
			st, counter := openScopes(t, storetest.URL(t, d), store.UnitScopeOptions{})
			waitTrusted(t, st)
			c := st.Client
			city := c.Unit.Create().SetCode("SC-CITY").SetName("Thành phố").SetType(domain.UnitTypeCity).SaveX(ctx)
			other := c.Unit.Create().SetCode("SC-OTHER").SetName("Quận khác").SetType(domain.UnitTypeDistrict).SetParent(city).SaveX(ctx)

			if _, ok := lookup(t, st, "SC-NEW"); ok {
				t.Fatal("SC-NEW found before it exists")
			}
			fromMemory(t, st, counter, "SC-NEW") // the negative entry
			u := c.Unit.Create().SetCode("SC-NEW").SetName("Quận mới").SetType(domain.UnitTypeDistrict).SetParent(city).SaveX(ctx)
			s, ok := lookup(t, st, "SC-NEW")
			if !ok || s.ID != u.ID || s.Path != u.Path {
				t.Fatalf("after its creation SC-NEW = %+v, %v; want id %d path %q", s, ok, u.ID, u.Path)
			}
			fromMemory(t, st, counter, "SC-NEW")

			// A reorganisation's move: the subtree prefix changes.
			moved := c.Unit.UpdateOneID(u.ID).SetParentID(other.ID).SaveX(ctx)
			if moved.Path == u.Path {
				t.Fatalf("the move left the path %q", u.Path)
			}
			if s, _ := lookup(t, st, "SC-NEW"); s.Path != moved.Path {
				t.Fatalf("after the move SC-NEW's path is %q, want %q", s.Path, moved.Path)
			}
			c.Unit.DeleteOneID(u.ID).ExecX(ctx)
			if _, ok := lookup(t, st, "SC-NEW"); ok {
				t.Fatal("a deleted unit is still answered")
			}
		})
	}
}

// TestUnitScopesSeeWritesBehindTheApplication: a unit changed by raw SQL
// (a DBA's fix, another process) bumps the generation through the
// trigger; the cache learns it from the notification (PostgreSQL) or its
// reads of the generation (SQLite), not from this process's hooks.
func TestUnitScopesSeeWritesBehindTheApplication(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := sysCtx()
			st, _ := openScopes(t, storetest.URL(t, d), store.UnitScopeOptions{})
			waitTrusted(t, st)
			u := st.Client.Unit.Create().SetCode("SC-RAW").SetName("Đơn vị").SetType(domain.UnitTypeCity).SaveX(ctx)
			if s, ok := lookup(t, st, "SC-RAW"); !ok || s.Path != u.Path {
				t.Fatalf("SC-RAW: %+v, %v", s, ok)
			}
			before := st.Units.Generation()
			q := `UPDATE units SET path = '/RAW-FIX/' WHERE code = 'SC-RAW'`
			if _, err := st.DB.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
			took := until(t, 5*time.Second, "the raw update to be seen", func() bool {
				s, _ := lookup(t, st, "SC-RAW")
				return s.Path == "/RAW-FIX/"
			})
			if g := st.Units.Generation(); g <= before {
				t.Fatalf("generation %d after a raw update, %d before", g, before)
			}
			t.Logf("%s: a raw update seen after %s", d, took)
		})
	}
}

// TestUnitScopesAcrossReplicas: two processes on one PostgreSQL database
// (two stores). Replica B caches a unit and an unknown code; replica A
// moves the unit and creates the code. B hears it through the trigger's
// NOTIFY: with the guard's reads an hour apart, nothing else can tell it.
// The latency is logged: it is the window in which B serves the old tree.
func TestUnitScopesAcrossReplicas(t *testing.T) {
	url := storetest.URL(t, "postgres")
	ctx := sysCtx()
	a, _ := openScopes(t, url, store.UnitScopeOptions{})
	b, counterB := openScopes(t, url, store.UnitScopeOptions{Confirm: time.Hour})
	waitTrusted(t, a)
	waitTrusted(t, b)
	city := a.Client.Unit.Create().SetCode("SC-CITY").SetName("Thành phố").SetType(domain.UnitTypeCity).SaveX(ctx)
	d1 := a.Client.Unit.Create().SetCode("SC-D1").SetName("Quận 1").SetType(domain.UnitTypeDistrict).SetParent(city).SaveX(ctx)
	d2 := a.Client.Unit.Create().SetCode("SC-D2").SetName("Quận 2").SetType(domain.UnitTypeDistrict).SetParent(city).SaveX(ctx)
	w := a.Client.Unit.Create().SetCode("SC-W").SetName("Phường").SetType(domain.UnitTypeWard).SetParent(d1).SaveX(ctx)
	// B must first have heard A's creations, or its entries would be
	// dropped by their late notifications and the test prove less.
	until(t, 5*time.Second, "B to hear the creations", func() bool {
		s, ok := lookup(t, b, "SC-W")
		return ok && s.Path == w.Path && stmts(counterB, func() { lookup(t, b, "SC-W") }) == 0
	})
	if _, ok := lookup(t, b, "SC-LATE"); ok {
		t.Fatal("SC-LATE found before it exists")
	}
	if n := stmts(counterB, func() { lookup(t, b, "SC-W"); lookup(t, b, "SC-LATE") }); n != 0 {
		t.Fatalf("B's cached answers cost %d statements", n)
	}

	moved := a.Client.Unit.UpdateOneID(w.ID).SetParentID(d2.ID).SaveX(ctx)
	took := until(t, 5*time.Second, "B to see the move", func() bool {
		s, _ := lookup(t, b, "SC-W")
		return s.Path == moved.Path
	})
	t.Logf("replica B saw A's move after %s", took)

	late := a.Client.Unit.Create().SetCode("SC-LATE").SetName("Phường mới").SetType(domain.UnitTypeWard).SetParent(d2).SaveX(ctx)
	took = until(t, 5*time.Second, "B to accept the unit created later", func() bool {
		s, ok := lookup(t, b, "SC-LATE")
		return ok && s.ID == late.ID
	})
	t.Logf("replica B saw A's new unit after %s", took)
}

// TestUnitScopesNextLookupUnderConcurrency: readers look codes up while a
// writer moves a unit back and forth; after each move commits, the
// writer's own next lookup sees the new path, whatever fills the readers
// had in flight (a fill that read the old tree must not be kept).
func TestUnitScopesNextLookupUnderConcurrency(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := sysCtx()
			st, _ := openScopes(t, storetest.URL(t, d), store.UnitScopeOptions{})
			waitTrusted(t, st)
			c := st.Client
			city := c.Unit.Create().SetCode("SC-CITY").SetName("Thành phố").SetType(domain.UnitTypeCity).SaveX(ctx)
			parents := []*ent.Unit{
				c.Unit.Create().SetCode("SC-P0").SetName("Quận 0").SetType(domain.UnitTypeDistrict).SetParent(city).SaveX(ctx),
				c.Unit.Create().SetCode("SC-P1").SetName("Quận 1").SetType(domain.UnitTypeDistrict).SetParent(city).SaveX(ctx),
			}
			w := c.Unit.Create().SetCode("SC-W").SetName("Phường").SetType(domain.UnitTypeWard).SetParent(parents[0]).SaveX(ctx)
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-stop:
							return
						default:
						}
						if _, err := st.Units.Lookup(context.Background(), "SC-W"); err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
			for i := range 30 {
				moved := c.Unit.UpdateOneID(w.ID).SetParentID(parents[(i+1)%2].ID).SaveX(ctx)
				if s, _ := lookup(t, st, "SC-W"); s.Path != moved.Path {
					close(stop)
					wg.Wait()
					t.Fatalf("move %d: the next lookup answered %q, the store holds %q", i, s.Path, moved.Path)
				}
			}
			close(stop)
			wg.Wait()
		})
	}
}

// TestUnitScopesBounded: a flood of unknown codes (validly signed tokens
// from a signer gone wrong) does not grow the cache past its bound, and
// the codes still answer right.
func TestUnitScopesBounded(t *testing.T) {
	ctx := sysCtx()
	st, _ := openScopes(t, storetest.URL(t, "sqlite"), store.UnitScopeOptions{MaxEntries: 64})
	u := st.Client.Unit.Create().SetCode("SC-REAL").SetName("Đơn vị").SetType(domain.UnitTypeCity).SaveX(ctx)
	for i := range 2000 {
		code := fmt.Sprintf("SC-%x", rand.Uint64())
		if _, ok := lookup(t, st, code); ok {
			t.Fatalf("random code %s found", code)
		}
		if i%100 == 0 {
			if s, ok := lookup(t, st, "SC-REAL"); !ok || s.ID != u.ID {
				t.Fatalf("SC-REAL lost in the flood: %+v, %v", s, ok)
			}
		}
		if n := st.Units.Len(); n > 64 {
			t.Fatalf("%d codes held, bound 64", n)
		}
	}
}

// TestUnitTreeGenerationTriggers: every kind of write to units bumps the
// generation in its own transaction, and a rolled-back one does not. A
// later SQLite migration that rebuilds units drops the triggers: this
// fails then.
func TestUnitTreeGenerationTriggers(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := sysCtx()
			st, _ := openScopes(t, storetest.URL(t, d), store.UnitScopeOptions{})
			gen := func() int64 {
				var g int64
				if err := st.DB.QueryRowContext(ctx, `SELECT generation FROM unit_tree_generation WHERE id = 1`).Scan(&g); err != nil {
					t.Fatal(err)
				}
				return g
			}
			g0 := gen()
			u := st.Client.Unit.Create().SetCode("SC-T").SetName("Đơn vị").SetType(domain.UnitTypeCity).SaveX(ctx)
			g1 := gen()
			st.Client.Unit.UpdateOneID(u.ID).SetName("Đổi tên").ExecX(ctx)
			g2 := gen()
			tx, err := st.DB.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE units SET name = 'bỏ' WHERE code = 'SC-T'`); err != nil {
				t.Fatal(err)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			g3 := gen()
			st.Client.Unit.DeleteOneID(u.ID).ExecX(ctx)
			g4 := gen()
			if !(g0 < g1 && g1 < g2 && g2 == g3 && g3 < g4) {
				t.Fatalf("generations create→update→rollback→delete: %d %d %d %d %d", g0, g1, g2, g3, g4)
			}
			if d == "sqlite" {
				var n int
				if err := st.DB.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'units' AND name LIKE 'units_tree_%'`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 3 {
					t.Fatalf("%d units_tree_* triggers on units, want 3", n)
				}
			}
		})
	}
}

// TestUnitScopesGuard (PostgreSQL): the cache answers only while its
// listener has lately proved it current. Past twice the confirmation
// period without a read of the generation (a link that died without a
// sign), every lookup goes to the store; when the listener's connection
// is killed, the same until it is made again, and a change made while it
// was down (its notification lost) is seen.
func TestUnitScopesGuard(t *testing.T) {
	ctx := sysCtx()
	t.Run("unconfirmed", func(t *testing.T) {
		st, counter := openScopes(t, storetest.URL(t, "postgres"), store.UnitScopeOptions{Confirm: time.Hour})
		waitTrusted(t, st)
		st.Client.Unit.Create().SetCode("SC-G").SetName("Đơn vị").SetType(domain.UnitTypeCity).SaveX(ctx)
		fromMemory(t, st, counter, "SC-G")
		st.Units.SetClock(func() time.Time { return time.Now().Add(2*time.Hour + time.Second) })
		if st.Units.Trusted() {
			t.Fatal("trusted past twice the confirmation period")
		}
		if n := stmts(counter, func() { lookup(t, st, "SC-G") }); n != 1 {
			t.Fatalf("an unconfirmed cache's lookup cost %d statements, want 1 (the store)", n)
		}
	})
	t.Run("listener killed", func(t *testing.T) {
		st, _ := openScopes(t, storetest.URL(t, "postgres"), store.UnitScopeOptions{})
		waitTrusted(t, st)
		u := st.Client.Unit.Create().SetCode("SC-K").SetName("Đơn vị").SetType(domain.UnitTypeCity).SaveX(ctx)
		if s, _ := lookup(t, st, "SC-K"); s.Path != u.Path {
			t.Fatalf("SC-K: %+v", s)
		}
		res, err := st.DB.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE application_name = 'thidua unit tree listener' AND datname = current_database()`)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%d listeners terminated, want 1", n)
		}
		until(t, 5*time.Second, "the cache to stop trusting itself", func() bool { return !st.Units.Trusted() })
		if _, err := st.DB.ExecContext(ctx, `UPDATE units SET path = '/WHILE-DOWN/' WHERE code = 'SC-K'`); err != nil {
			t.Fatal(err)
		}
		until(t, 10*time.Second, "the listener to be back", st.Units.Trusted)
		if s, _ := lookup(t, st, "SC-K"); s.Path != "/WHILE-DOWN/" {
			t.Fatalf("after the listener came back SC-K's path is %q, want the one written while it was down", s.Path)
		}
	})
}
