package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// detailFields is what the detail view asks of an idea (apibench's query).
const detailFields = `id code title status proposedOn unit { code name }
	events { edges { node { action toStatus occurredAt actorSub } } }
	adoptions { edges { node { unit { code } adoptedOn } } }`

// bind writes a statement's $n placeholders as SQLite's ?n where d is
// SQLite (numbered, so that one argument can stand twice).
func bind(d, q string) string {
	if d == dialect.SQLite {
		return strings.ReplaceAll(q, "$", "?")
	}
	return q
}

// firstFrom is the table a statement reads first, unquoted.
func firstFrom(q string) string {
	i := strings.Index(q, "FROM ")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(q[i+5:], "\"`")
	if j := strings.IndexAny(rest, "\"` "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// mostAdopted is the idea with the most adoptions and a unit that has not
// adopted it.
func mostAdopted(t *testing.T, db *sql.DB, d string) (idea, freeUnit int) {
	t.Helper()
	if err := db.QueryRow(`SELECT idea_id FROM adoptions GROUP BY idea_id ORDER BY COUNT(*) DESC, idea_id LIMIT 1`).Scan(&idea); err != nil {
		t.Fatal(err)
	}
	q := bind(d, `SELECT id FROM units WHERE id NOT IN (SELECT unit_id FROM adoptions WHERE idea_id = $1) ORDER BY id LIMIT 1`)
	if err := db.QueryRow(q, idea).Scan(&freeUnit); err != nil {
		t.Fatal(err)
	}
	return idea, freeUnit
}

// TestDetailInOneWait: the node field's edges are read beside the node's
// own statement (ent/template/early.tmpl), so the detail view waits for
// one round trip where it waited for three (the idea; its unit, events
// and adoptions; the adoptions' units). What it answers is what the same
// fields answer when read in turn.
func TestDetailInOneWait(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			base := sharedEnv(t, d)
			od := &overlapDriver{hold: 10 * time.Millisecond, inFlight: map[int]string{}}
			e := base.watched(t, func(drv dialect.Driver) dialect.Driver {
				od.Driver = drv
				return od
			})
			board := e.token(t, "board", "", access.CityAdmin)
			idea, _ := mostAdopted(t, base.store.DB, d)
			id := strconv.Itoa(idea)

			od.reset()
			detail := e.do(t, board, `query($id: ID!) { node(id: $id) { ... on Idea { `+detailFields+` } } }`, map[string]any{"id": id})
			if len(detail.Errors) > 0 {
				t.Fatalf("detail: %+v", detail.Errors)
			}
			// The idea, its unit, its events, its adoptions and their units:
			// five statements, none refused (a refused early statement would
			// be read again in turn, answering right but slower), all in
			// flight at once as far as the process's spare connections allow.
			if od.next != 5 || len(od.failed) > 0 {
				t.Errorf("%d statements, refused: %q; want the detail's 5, none refused", od.next, od.failed)
			}
			if want := 1 + min(4, ent.OverlapLimit, 2*runtime.GOMAXPROCS(0)); od.most != want {
				t.Errorf("%d statements in flight at once; want %d", od.most, want)
			}
			for _, pair := range [][2]string{{"ideas", "idea_events"}, {"ideas", "adoptions"}, {"ideas", "units"}, {"adoptions", "units"}} {
				first := func(table string) func(string) bool {
					return func(q string) bool { return firstFrom(q) == table }
				}
				if !od.overlapped(first(pair[0]), first(pair[1])) {
					t.Errorf("%s and %s were read one after the other", pair[0], pair[1])
				}
			}

			// The same fields of the same idea, read as a list (in turn).
			var node struct{ Node json.RawMessage }
			var list struct {
				Ideas struct {
					Edges []struct{ Node json.RawMessage }
				}
			}
			detail.decode(t, &node)
			e.do(t, board, `query($id: ID!) { ideas(first: 1, where: {id: $id}) { edges { node { `+detailFields+` } } } }`, map[string]any{"id": id}).decode(t, &list)
			if len(list.Ideas.Edges) != 1 || string(list.Ideas.Edges[0].Node) != string(node.Node) {
				t.Errorf("the node field answers\n%s\nthe list\n%+v", node.Node, list.Ideas.Edges)
			}
			var adopted struct {
				Adoptions struct {
					Edges []struct {
						Node struct{ Unit *struct{ Code string } }
					}
				}
			}
			if err := json.Unmarshal(node.Node, &adopted); err != nil || len(adopted.Adoptions.Edges) < 2 {
				t.Fatalf("the most adopted idea's adoptions: %s (%v)", node.Node, err)
			}
			// The list reads the adoptions' units by a subquery too: the
			// store itself is the reference for them.
			var got, want []string
			for _, a := range adopted.Adoptions.Edges {
				if a.Node.Unit == nil {
					t.Fatalf("an adoption without its unit: %s", node.Node)
				}
				got = append(got, a.Node.Unit.Code)
			}
			rows, err := base.store.DB.Query(bind(d, `SELECT u.code FROM adoptions a JOIN units u ON u.id = a.unit_id WHERE a.idea_id = $1`), idea)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var c string
				if err := rows.Scan(&c); err != nil {
					t.Fatal(err)
				}
				want = append(want, c)
			}
			rows.Close()
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("the adoptions' units %v; the store has %v", got, want)
			}

			// An idea the viewer may not read (one under review, of another
			// ward): nothing of it, nor of its events, which were read beside
			// it.
			var review int
			if err := base.store.DB.QueryRow(`SELECT idea_id FROM idea_events WHERE idea_id IN (SELECT id FROM ideas WHERE status = 'UNDER_REVIEW') ORDER BY idea_id LIMIT 1`).Scan(&review); err != nil {
				t.Fatal(err)
			}
			ward := e.token(t, "ward", otherWard(t, base.store.DB, review, d), access.UnitAdmin)
			hidden := e.do(t, ward, `query($id: ID!) { node(id: $id) { ... on Idea { `+detailFields+` } } }`, map[string]any{"id": strconv.Itoa(review)})
			if strings.Contains(string(hidden.Data), "occurredAt") || strings.Contains(string(hidden.Data), "proposedOn") || hidden.code() != "NOT_FOUND" {
				t.Errorf("another unit's officer read %s (%+v)", hidden.Data, hidden.Errors)
			}
		})
	}
}

// otherWard is the code of a ward outside the idea's unit's subtree.
func otherWard(t *testing.T, db *sql.DB, idea int, d string) string {
	t.Helper()
	q := bind(d, `SELECT u.code FROM units u, ideas i, units iu WHERE i.id = $1 AND iu.id = i.unit_id
		AND u.type = 'WARD' AND u.path NOT LIKE iu.path || '%' AND iu.path NOT LIKE u.path || '%' ORDER BY u.id LIMIT 1`)
	var code string
	if err := db.QueryRow(q, idea).Scan(&code); err != nil {
		t.Fatal(err)
	}
	return code
}

// gateDriver runs a hook around each statement outside a transaction.
type gateDriver struct {
	dialect.Driver
	around func(q string, run func() error) error
	mu     sync.Mutex
	failed []string // statements the store refused
}

func (d *gateDriver) Query(ctx context.Context, q string, args, v any) error {
	err := d.around(q, func() error { return d.Driver.Query(ctx, q, args, v) })
	if err != nil {
		d.mu.Lock()
		d.failed = append(d.failed, q+": "+err.Error())
		d.mu.Unlock()
	}
	return err
}

// TestEarlyLoadReadsAgainWhatItMissed: an adoption written between the
// adoptions' units' statement (which finds them by a subquery on
// adoptions) and the adoptions' own statement names a unit the first did
// not read; the detail reads that unit again instead of answering an
// adoption without its unit.
func TestEarlyLoadReadsAgainWhatItMissed(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			base := newEnv(t, d)
			idea, free := mostAdopted(t, base.store.DB, d)
			insert := bind(d, `INSERT INTO adoptions (idea_id, unit_id, adopted_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`)
			var (
				once     sync.Once
				written  = make(chan struct{})
				inserted error
				again    []string
				mu       sync.Mutex
			)
			gd := &gateDriver{around: func(q string, run func() error) error {
				switch {
				case firstFrom(q) == "units" && strings.Contains(q, "adoptions"):
					err := run()
					once.Do(func() {
						day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
						_, inserted = base.store.DB.Exec(insert, idea, free, day, day)
						close(written)
					})
					return err
				case firstFrom(q) == "adoptions":
					select {
					case <-written:
					case <-time.After(5 * time.Second):
					}
				case firstFrom(q) == "units":
					mu.Lock()
					again = append(again, q)
					mu.Unlock()
				}
				return run()
			}}
			e := base.watched(t, func(drv dialect.Driver) dialect.Driver {
				gd.Driver = drv
				return gd
			})
			board := e.token(t, "board", "", access.CityAdmin)

			res := e.do(t, board, `query($id: ID!) { node(id: $id) { ... on Idea { adoptions { edges { node { unit { id } } } } } } }`,
				map[string]any{"id": strconv.Itoa(idea)})
			select {
			case <-written:
			default:
				t.Fatal("the adoptions' units were not read beside the adoptions")
			}
			if inserted != nil {
				t.Fatal(inserted)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("detail: %+v", res.Errors)
			}
			var got struct {
				Node struct {
					Adoptions struct {
						Edges []struct {
							Node struct{ Unit *struct{ ID string } }
						}
					}
				}
			}
			res.decode(t, &got)
			found := false
			for _, a := range got.Node.Adoptions.Edges {
				if a.Node.Unit == nil {
					t.Fatalf("an adoption without its unit: %s", res.Data)
				}
				found = found || a.Node.Unit.ID == strconv.Itoa(free)
			}
			if !found {
				t.Errorf("the adoption written meanwhile (unit %d) is missing: %s", free, res.Data)
			}
			if len(gd.failed) > 0 {
				t.Errorf("statements refused: %q", gd.failed)
			}
			if len(again) != 1 {
				t.Errorf("units read again %d times; want once, for the unit missed: %q", len(again), again)
			}
		})
	}
}

// TestEarlyLoadOfTheSameTable: a unit's parent is read by a subquery on
// units inside a statement on units (the ideas' units are an edge load, so
// their parents go beside them); every idea's unit must still get its own
// parent, as the store has it.
func TestEarlyLoadOfTheSameTable(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			e := sharedEnv(t, d)
			board := e.token(t, "board", "", access.CityAdmin)
			var page struct {
				Ideas struct {
					Edges []struct {
						Node struct {
							Unit struct {
								Code   string
								Parent *struct{ Code string }
							}
						}
					}
				}
			}
			e.do(t, board, `{ ideas(first: 50) { edges { node { unit { code parent { code } } } } } }`, nil).decode(t, &page)
			parents := map[string]string{}
			rows, err := e.store.DB.Query(`SELECT u.code, COALESCE(p.code, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var c, p string
				if err := rows.Scan(&c, &p); err != nil {
					t.Fatal(err)
				}
				parents[c] = p
			}
			if len(page.Ideas.Edges) < 10 {
				t.Fatalf("%d ideas", len(page.Ideas.Edges))
			}
			for _, edge := range page.Ideas.Edges {
				u := edge.Node.Unit
				got := ""
				if u.Parent != nil {
					got = u.Parent.Code
				}
				if want, ok := parents[u.Code]; !ok || got != want {
					t.Errorf("unit %s: parent %q, the store has %q", u.Code, got, want)
				}
			}

			// The same through the node field: a unit known by its id, its
			// parent read by a subquery on units.
			var unitID, want string
			if err := e.store.DB.QueryRow(`SELECT CAST(u.id AS TEXT), p.code FROM units u JOIN units p ON p.id = u.parent_id ORDER BY u.id DESC LIMIT 1`).Scan(&unitID, &want); err != nil {
				t.Fatal(err)
			}
			var node struct {
				Node struct{ Parent struct{ Code string } }
			}
			e.do(t, board, `query($id: ID!) { node(id: $id) { ... on Unit { parent { code } } } }`, map[string]any{"id": unitID}).decode(t, &node)
			if node.Node.Parent.Code != want {
				t.Errorf("node(%s).parent = %q; the store has %q", unitID, node.Node.Parent.Code, want)
			}
		})
	}
}
