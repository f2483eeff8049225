package server_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// overlapDriver holds every statement outside a transaction for a while
// and notes which statements were in flight together; a transaction's
// statements note whether any two were.
type overlapDriver struct {
	dialect.Driver
	hold time.Duration

	mu       sync.Mutex
	inFlight map[int]string
	next     int
	together [][2]string // pairs in flight at once, outside transactions
	most     int         // most statements in flight at once
	txMax    int         // most of one transaction's statements in flight at once
	failed   []string    // statements the store refused, outside transactions
}

func (d *overlapDriver) enter(q string) (leave func()) {
	d.mu.Lock()
	id := d.next
	d.next++
	for _, other := range d.inFlight {
		d.together = append(d.together, [2]string{other, q})
	}
	d.inFlight[id] = q
	d.most = max(d.most, len(d.inFlight))
	d.mu.Unlock()
	return func() {
		d.mu.Lock()
		delete(d.inFlight, id)
		d.mu.Unlock()
	}
}

func (d *overlapDriver) Query(ctx context.Context, q string, args, v any) error {
	defer d.enter(q)()
	time.Sleep(d.hold)
	err := d.Driver.Query(ctx, q, args, v)
	if err != nil {
		d.mu.Lock()
		d.failed = append(d.failed, q+": "+err.Error())
		d.mu.Unlock()
	}
	return err
}

func (d *overlapDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &overlapTx{Tx: tx, d: d}, nil
}

type overlapTx struct {
	dialect.Tx
	d  *overlapDriver
	mu sync.Mutex
	n  int
}

func (t *overlapTx) in() func() {
	t.mu.Lock()
	t.n++
	t.d.mu.Lock()
	t.d.txMax = max(t.d.txMax, t.n)
	t.d.mu.Unlock()
	t.mu.Unlock()
	return func() { t.mu.Lock(); t.n--; t.mu.Unlock() }
}

func (t *overlapTx) Query(ctx context.Context, q string, args, v any) error {
	defer t.in()()
	time.Sleep(t.d.hold)
	return t.Tx.Query(ctx, q, args, v)
}

func (t *overlapTx) Exec(ctx context.Context, q string, args, v any) error {
	defer t.in()()
	return t.Tx.Exec(ctx, q, args, v)
}

// reset forgets what was noted so far.
func (d *overlapDriver) reset() {
	d.mu.Lock()
	d.together, d.txMax, d.most, d.failed, d.next = nil, 0, 0, nil, 0
	d.mu.Unlock()
}

// overlapped reports whether a statement matching a was in flight with one
// matching b.
func (d *overlapDriver) overlapped(a, b func(string) bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, p := range d.together {
		if (a(p[0]) && b(p[1])) || (a(p[1]) && b(p[0])) {
			return true
		}
	}
	return false
}

// from says whether a statement reads table, in either store's quoting.
func from(q, table string) bool {
	return strings.Contains(q, `FROM "`+table+`"`) || strings.Contains(q, "FROM `"+table+"`")
}

func reads(table string) func(string) bool {
	return func(q string) bool { return !strings.Contains(q, "COUNT(") && from(q, table) }
}

func counts(table string) func(string) bool {
	return func(q string) bool { return strings.Contains(q, "COUNT(") && from(q, table) }
}

// TestReadsOverlap: a request's independent reads go to the store at once,
// so that it waits for one round trip where it waited for one per
// statement (issue 22): a connection's count beside its page, and the
// loads of a query's edges beside each other. A mutation's statements,
// which share its transaction's one connection, never overlap.
func TestReadsOverlap(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			// A second store on the shared demo data, whose statements the
			// test watches; it only reads.
			base := sharedEnv(t, d)
			od := &overlapDriver{hold: 10 * time.Millisecond, inFlight: map[int]string{}}
			e := base.watched(t, func(drv dialect.Driver) dialect.Driver {
				od.Driver = drv
				return od
			})
			board := e.token(t, "board", "", access.CityAdmin)

			od.reset()
			var page struct {
				Ideas struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							ID        string
							Unit      struct{ ID string }
							Proposers struct {
								Edges []struct{ Node struct{ ID string } }
							}
							Events struct {
								Edges []struct{ Node struct{ ID string } }
							}
						}
					}
				}
			}
			e.do(t, board, `{ ideas(first: 5) { totalCount edges { node { id unit { id } proposers { edges { node { id } } } events { edges { node { id } } } } } } }`, nil).decode(t, &page)
			if page.Ideas.TotalCount <= 5 || len(page.Ideas.Edges) != 5 || len(page.Ideas.Edges[0].Node.Proposers.Edges) == 0 {
				t.Fatalf("the page: %+v", page.Ideas)
			}
			if !od.overlapped(counts("ideas"), reads("ideas")) {
				t.Error("the page's count and its ideas were read one after the other")
			}
			if !od.overlapped(reads("units"), reads("people")) || !od.overlapped(reads("people"), reads("idea_events")) {
				t.Error("the ideas' unit, proposers and events were read one after the other")
			}

			// Every edge of an idea at once, some nested: no more than the
			// request's bound in flight, however many the query names.
			od.reset()
			var wide struct{ Ideas struct{ TotalCount int } }
			e.do(t, board, `{ ideas(first: 20) { totalCount edges { node { id unit { id parent { id } }
				proposers { edges { node { id } } } events { edges { node { id } } }
				adoptions { edges { node { unit { id } } } } nominations { edges { node { id } } }
				awards { edges { node { id } } } exemplars { id } } } } }`, nil).decode(t, &wide)
			if od.most > 1+ent.OverlapLimit || od.most < 3 {
				t.Errorf("%d statements in flight at once; want 3 to %d", od.most, 1+ent.OverlapLimit)
			}

			// In a transaction, even with overlapping reads allowed, the
			// same loads take turns on its connection.
			od.reset()
			ctx := privacy.DecisionContext(ent.WithOverlappingReads(context.Background()), privacy.Allow)
			tx, err := e.store.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			ideas, err := tx.Idea.Query().Limit(5).WithUnit().WithNamedProposers("p").WithEvents().All(ctx)
			if err != nil || len(ideas) != 5 || ideas[0].Edges.Unit == nil {
				t.Fatalf("ideas %d, %v", len(ideas), err)
			}
			if od.txMax != 1 {
				t.Errorf("a transaction had %d statements in flight at once", od.txMax)
			}
		})
	}
}
