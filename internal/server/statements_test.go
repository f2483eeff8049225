package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// nested asks three levels of connections, units → ideas → proposers, each
// with its page size and totalCount.
const nested = `query($n: Int!, $path: String!) {
  units(first: $n, where: {hasIdeas: true, pathHasPrefix: $path}) {
    totalCount
    edges { node { code name
      ideas(first: $n) { totalCount
        edges { node { code status
          proposers(first: $n) { totalCount edges { node { fullName } } }
          events(first: $n) { edges { node { action } } }
        } }
      }
    } }
  }
}`

// TestNestedConnectionsCostConstantStatements proves that the statements a
// nested query costs do not grow with the page size, for the city-wide
// board and for a unit's officer (whose reads carry the privacy filter).
func TestNestedConnectionsCostConstantStatements(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		for _, who := range []struct {
			name string
			path string
			tok  string
		}{
			{"city admin", "/HCM/", e.token(t, "board", "HCM", access.CityAdmin)},
			{"unit admin", "/HCM/TD/", e.token(t, "officer", "TD", access.UnitAdmin)},
		} {
			t.Run(who.name, func(t *testing.T) {
				// The token's unit is read once and then kept
				// (store.UnitScopes), on PostgreSQL once the process's
				// listener is up: requests first until one is answered
				// without reading it, so that every page size is counted
				// on the same, warm footing.
				for deadline := time.Now().Add(10 * time.Second); ; {
					_, before := e.store.Units.Stats()
					e.do(t, who.tok, nested, map[string]any{"n": 1, "path": who.path})
					if _, after := e.store.Units.Stats(); after == before {
						break
					}
					if time.Now().After(deadline) {
						t.Fatal("the token's unit was read from the store on every request for 10 s")
					}
					time.Sleep(10 * time.Millisecond)
				}
				counts := map[int]int64{}
				for _, n := range []int{1, 5, 25, 60} {
					e.counter.Reset()
					var got struct {
						Units struct {
							TotalCount int
							Edges      []struct {
								Node struct {
									Ideas struct {
										Edges []struct {
											Node struct {
												Proposers struct{ Edges []any }
											}
										}
									}
								}
							}
						}
					}
					e.do(t, who.tok, nested, map[string]any{"n": n, "path": who.path}).decode(t, &got)
					counts[n] = e.counter.Statements()
					if len(got.Units.Edges) == 0 || len(got.Units.Edges[0].Node.Ideas.Edges) == 0 {
						t.Fatalf("n=%d: the query returned no ideas; the test would prove nothing", n)
					}
					if n >= 5 && len(got.Units.Edges) < 2 {
						t.Fatalf("n=%d: only %d units", n, len(got.Units.Edges))
					}
				}
				t.Logf("statements by page size: %v", counts)
				for n, c := range counts {
					if c != counts[1] {
						t.Errorf("page size %d cost %d statements, page size 1 cost %d", n, c, counts[1])
					}
				}
			})
		}
	})
}

// TestAvailableActionsCostConstantStatements: the buttons of a page of
// ideas cost the same statements whatever the page size.
func TestAvailableActionsCostConstantStatements(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		for _, role := range []access.Role{access.UnitHead, access.Member, access.CityAdmin} {
			tok := e.token(t, "CB0000001", "TD", role)
			counts := map[int]int64{}
			for _, n := range []int{1, 10, 100} {
				var got struct {
					Ideas struct {
						Edges []struct {
							Node struct {
								Status           string
								AvailableActions []string
							}
						}
					}
				}
				e.counter.Reset()
				e.do(t, tok, `query($n: Int!) { ideas(first: $n, orderBy: {field: STATUS}) { edges { node { status availableActions } } } }`,
					map[string]any{"n": n}).decode(t, &got)
				counts[n] = e.counter.Statements()
				if len(got.Ideas.Edges) != n {
					t.Fatalf("%s: %d ideas for first %d", role, len(got.Ideas.Edges), n)
				}
			}
			t.Logf("%s: statements by page size: %v", role, counts)
			if counts[100] > counts[1]+1 { // +1: the halted ideas' lookup, once a page holds one
				t.Errorf("%s: %v grows with the page size", role, counts)
			}
		}
	})
}

// TestIdeaActionsCostFewStatements counts the statements of idea actions
// on a warm server (the token's unit known): the idea with what the rules
// and the event need is one SELECT, then the UPDATE answering the row
// (RETURNING, ent/template/updatereturning.tmpl), the event, and the
// audit rows of both in one INSERT; a
// unit's roles add the write policy's checks of the idea. A statement
// that comes back is a round trip with the store on another host, while
// the transaction holds its locks: the counts are exact.
func TestIdeaActionsCostFewStatements(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unit = "PX-BEN-THANH"
		member := memberOf(t, e, unit)
		st := newIdea(t, e, member, unit, "STMT-"+strings.ToUpper(e.store.Dialect[:2]))
		board := e.token(t, "board", "HCM", access.CityAdmin)
		head := e.token(t, "head", unit, access.UnitHead)
		proposer := e.token(t, member, unit, access.Member)
		for _, step := range []struct {
			tok  string
			who  string
			a    domain.IdeaAction
			want int64
		}{
			{proposer, "the proposer", domain.IdeaActionEdit, 7},
			{proposer, "the proposer", domain.IdeaActionSubmit, 7},
			{head, "the unit head", domain.IdeaActionStartReview, 6},
			{board, "the board", domain.IdeaActionApproveImplementation, 4}, // a decision: its day checked against the steps before
			{board, "the board", domain.IdeaActionStartImplementation, 4},
			{board, "the board", domain.IdeaActionHalt, 4},
			{board, "the board", domain.IdeaActionEdit, 4},   // halted for correction: editable again
			{board, "the board", domain.IdeaActionResume, 4}, // from where the last halt left it
		} {
			warmScope(t, e, step.tok)
			name := mutationOf[step.a]
			e.counter.Reset()
			// Only what the client must have back: other fields' reads are the response's.
			var got map[string]ideaState
			if step.a == domain.IdeaActionEdit { // updateIdea: the content, recorded as an EDIT step
				name = "updateIdea"
				e.do(t, step.tok, `mutation($id: ID!, $v: Int!, $in: UpdateIdeaInput!) { updateIdea(id: $id, version: $v, input: $in) { id status version } }`,
					map[string]any{"id": st.ID, "v": st.Version, "in": map[string]any{"title": fmt.Sprintf("Một cửa số hóa hồ sơ (bản %d)", st.Version+1)}}).decode(t, &got)
			} else {
				e.do(t, step.tok, fmt.Sprintf(`mutation($in: %sInput!) { %s(input: $in) { id status version } }`,
					strings.ToUpper(name[:1])+name[1:], name), map[string]any{"in": inputFor(step.a, st.ID, st.Version)}).decode(t, &got)
			}
			n := e.counter.Statements()
			if got[name].Version != st.Version+1 {
				t.Fatalf("%s by %s: version %d after %d", step.a, step.who, got[name].Version, st.Version)
			}
			st = got[name]
			t.Logf("%s by %s: %d statements", step.a, step.who, n)
			if n != step.want {
				t.Errorf("%s by %s: %d statements, want %d", step.a, step.who, n, step.want)
			}
		}
	})
}

// warmScope sends requests with the token until one is answered without
// reading its unit (store.UnitScopes; on PostgreSQL once the listener is
// up), so that counts are a warm server's.
func warmScope(t *testing.T, e *env, tok string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; {
		_, before := e.store.Units.Stats()
		e.do(t, tok, `{ ideas(first: 1) { totalCount } }`, nil)
		if _, after := e.store.Units.Stats(); after == before {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the token's unit was read from the store on every request for 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
