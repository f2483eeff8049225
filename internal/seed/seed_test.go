package seed_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/seed"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

func seeded(t *testing.T, d string, n uint64) (*store.Store, seed.Stats) {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.URL(t, d), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	stats, err := seed.Run(context.Background(), st.Client, seed.Scales["small"], n)
	if err != nil {
		t.Fatal(err)
	}
	return st, stats
}

// prepared opens a copy of the demo data prepared for the test run.
func prepared(t *testing.T, d string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), seedtest.URL(t, d), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// The demo data of the default seed on SQLite, which the tests that only
// read it share: seeding under -race is most of this package's time.
var demo struct {
	once  sync.Once
	dir   string
	st    *store.Store
	stats seed.Stats
	err   error
}

// demoStore is the shared store; a test must not change it.
func demoStore(t *testing.T) (*store.Store, seed.Stats) {
	t.Helper()
	demo.once.Do(func() {
		if demo.dir, demo.err = os.MkdirTemp("", "thidua-seed-test"); demo.err != nil {
			return
		}
		ctx := context.Background()
		if demo.st, demo.err = store.Open(ctx, "sqlite:"+filepath.Join(demo.dir, "thidua.db"), store.Options{}); demo.err != nil {
			return
		}
		demo.stats, demo.err = seed.Run(ctx, demo.st.Client, seed.Scales["small"], seed.DefaultSeed)
	})
	if demo.err != nil {
		t.Fatal(demo.err)
	}
	return demo.st, demo.stats
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demo.st != nil {
		demo.st.Close()
	}
	if demo.dir != "" {
		os.RemoveAll(demo.dir)
	}
	seedtest.Cleanup()
	os.Exit(code)
}

// digest hashes the business content of the store, in a stable order.
func digest(t *testing.T, db *sql.DB) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT code, name, type, path FROM units ORDER BY code`,
		`SELECT code, full_name, gender, birth_year FROM people ORDER BY code`,
		`SELECT p.code, u.code, m.role, m.category FROM memberships m JOIN people p ON p.id = m.person_id JOIN units u ON u.id = m.unit_id ORDER BY p.code, u.code`,
		`SELECT code, title, field, kind, status, year FROM ideas ORDER BY code`,
		`SELECT i.code, e.action, e.to_status FROM idea_events e JOIN ideas i ON i.id = e.idea_id ORDER BY i.code, e.occurred_at, e.action`,
		`SELECT level, recipient_kind, year, decision_number FROM awards ORDER BY id`,
		`SELECT count(*) FROM participations`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(h, "%v\x1f", v)
			}
			h.Write([]byte{'\n'})
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestDeterministic: the same seed gives the same data, another seed other data.
func TestDeterministic(t *testing.T) {
	a, _ := demoStore(t)
	// The prepared demo data (seedtest): under make test, seeded by the
	// binary itself in another process, with the same default seed.
	b := prepared(t, "sqlite")
	c, _ := seeded(t, "sqlite", 7)
	da, db, dc := digest(t, a.DB), digest(t, b.DB), digest(t, c.DB)
	if da != db {
		t.Fatalf("same seed, different data: %s vs %s", da, db)
	}
	if da == dc {
		t.Fatal("different seeds gave the same data")
	}
}

// TestDemoDataShape checks, on both stores, what the demo data promises:
// the real structure with its 2025 reorganisation, ideas in every field and
// at every stage with statuses equal to their last event, and awards at
// every level.
func TestDemoDataShape(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			st, _ := demoStore(t)
			if d != "sqlite" {
				st = prepared(t, d)
			}
			one := func(q string) int {
				t.Helper()
				var n int
				if err := st.DB.QueryRow(q).Scan(&n); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				return n
			}
			checks := []struct {
				what string
				q    string
				want int
			}{
				{"districts before 2025", `SELECT count(*) FROM units WHERE type = 'DISTRICT'`, 21},
				{"units of 1 July 2025", `SELECT count(*) FROM units WHERE type IN ('WARD','COMMUNE','SPECIAL_ZONE') AND valid_from IS NOT NULL`, 168},
				{"dissolved units without successor", `SELECT count(*) FROM units u WHERE valid_to IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit_successors s WHERE s.unit_id = u.id)`, 0},
				{"idea fields", `SELECT count(DISTINCT field) FROM ideas`, 11},
				{"idea statuses", `SELECT count(DISTINCT status) FROM ideas`, 16},
				{"award levels", `SELECT count(DISTINCT level) FROM awards`, 4},
				{"ideas whose status is not their last event's", `SELECT count(*) FROM ideas i WHERE i.status <> (
					SELECT e.to_status FROM idea_events e WHERE e.idea_id = i.id ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1)`, 0},
				{"ideas whose version is not their last event's seq", `SELECT count(*) FROM ideas i WHERE i.version <> (SELECT max(seq) FROM idea_events e WHERE e.idea_id = i.id)`, 0},
				{"ideas whose events have gaps", `SELECT count(*) FROM ideas i WHERE (SELECT count(*) FROM idea_events e WHERE e.idea_id = i.id) <> i.version + 1`, 0},
				{"ideas without proposers", `SELECT count(*) FROM ideas i WHERE NOT EXISTS (SELECT 1 FROM idea_proposers p WHERE p.idea_id = i.id)`, 0},
				{"adoptions of ideas not evaluated effective", `SELECT count(*) FROM adoptions a JOIN ideas i ON i.id = a.idea_id WHERE i.status NOT IN
					('EVALUATED_EFFECTIVE','APPLIED_IN_UNIT','PROPOSED_TO_CITY','APPLIED_CITY_WIDE','RATED_BY_MINISTRIES')`, 0},
				{"adoptions by the idea's own unit", `SELECT count(*) FROM adoptions a JOIN ideas i ON i.id = a.idea_id WHERE a.unit_id = i.unit_id`, 0},
				{"units ended with successors but no recorded reorganisation", `SELECT count(*) FROM units u WHERE EXISTS (SELECT 1 FROM unit_successors s WHERE s.unit_id = u.id)
					AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_type = 'Reorganization' AND a.entity_id = u.id)`, 0},
				{"people moved to a successor on 1 July 2025", `SELECT CASE WHEN count(*) > 100 THEN 1 ELSE 0 END FROM memberships WHERE valid_from >= '2025-07-01' AND valid_from < '2025-07-02'`, 1},
				{"nominations past the council without a valid vote", `SELECT count(*) FROM nominations WHERE status IN ('COUNCIL_APPROVED','FORWARDED','AWARDED')
					AND (votes_for IS NULL OR votes_for*2 <= council_members OR (votes_for+votes_against+votes_abstain)*3 < council_members*2)`, 0},
				{"central awards not forwarded", `SELECT count(*) FROM nominations WHERE status = 'AWARDED' AND level IN ('LABOR_ORDER_THIRD_CLASS','PRIME_MINISTER_CERTIFICATE') AND forwarded_on IS NULL`, 0},
				{"awards without a nomination", `SELECT count(*) FROM awards WHERE nomination_id IS NULL`, 0},
			}
			for _, c := range checks {
				if got := one(c.q); got != c.want {
					t.Errorf("%s: %d, want %d", c.what, got, c.want)
				}
			}
			if got := one(`SELECT count(*) FROM awards`); got != seed.Scales["small"].Awards {
				t.Errorf("awards: %d, want %d", got, seed.Scales["small"].Awards)
			}
		})
	}
}

// TestDemoAwardsMeetTheCriteria: every award of the demo data meets the
// criteria of its level as the API evaluates them from the store.
func TestDemoAwardsMeetTheCriteria(t *testing.T) {
	st, _ := demoStore(t)
	ctx := access.NewContext(privacy.DecisionContext(context.Background(), privacy.Allow),
		&access.Viewer{Sub: "test", Roles: []access.Role{access.CityAdmin}})
	awards := st.Client.Award.Query().AllX(ctx)
	if len(awards) == 0 {
		t.Fatal("no awards")
	}
	for _, a := range awards {
		recipient := a.UnitID
		if a.RecipientPersonID != nil {
			recipient = *a.RecipientPersonID
		}
		f, err := eligibility.Load(ctx, st.Client, recipient, a.Year)
		if err != nil {
			t.Fatalf("award %d: %v", a.ID, err)
		}
		for _, c := range eligibility.Evaluate(f, a.Level) {
			if !c.Met {
				t.Errorf("award %d (%s, %s %d): %s — %s", a.ID, a.Level, a.RecipientKind, a.Year, c.Label, c.Reason)
			}
		}
	}
}

// TestEligibilityOfAYearAgreesWithOneByOne: the warehouse's list of who is
// eligible (eligibility.Year, every recipient at once) reads the same
// facts and reaches the same level as the API's awardEligibility
// (eligibility.Load, one recipient), for every recipient of every year.
func TestEligibilityOfAYearAgreesWithOneByOne(t *testing.T) {
	st, _ := demoStore(t)
	ctx := access.NewContext(privacy.DecisionContext(context.Background(), privacy.Allow),
		&access.Viewer{Sub: "test", Roles: []access.Role{access.CityAdmin}})
	eligible := 0
	for year := 2022; year <= 2026; year++ {
		cands, err := eligibility.Year(ctx, st.Client, year)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) == 0 {
			t.Fatalf("%d: no recipients", year)
		}
		for i, c := range cands {
			if c.Highest != "" {
				eligible++
			} else if i%11 != 0 {
				continue // a sample of the rest: Load is a dozen queries each
			}
			id := c.Unit
			if c.Person != 0 {
				id = c.Person
			}
			f, err := eligibility.Load(ctx, st.Client, id, year)
			if err != nil {
				t.Fatalf("%d %s %d: %v", year, c.Kind, id, err)
			}
			got := c.Facts
			got.Name = f.Name
			if c.Kind == "INDIVIDUAL" && len(f.Flags) == len(got.Flags) {
				got.Flags = f.Flags // notes differ by viewer, the count is the fact
			}
			if fmt.Sprint(got) != fmt.Sprint(f) {
				t.Fatalf("%d %s %d:\nyear: %+v\nload: %+v", year, c.Kind, id, got, f)
			}
			if h := eligibility.Highest(f); h != c.Highest {
				t.Fatalf("%d %s %d: highest %q, one by one %q", year, c.Kind, id, c.Highest, h)
			}
		}
	}
	if eligible == 0 {
		t.Fatal("nobody eligible in the demo data")
	}
	t.Logf("%d recipient-years eligible", eligible)
}
