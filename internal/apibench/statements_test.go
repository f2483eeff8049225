package apibench

import (
	"encoding/json"
	"testing"
)

// TestIdeasPageStatementsDoNotGrow: the ideas page (count, page, units,
// proposers) costs the same SQL statements at first: 10, 50 and 100, on a
// small SQLite store through the real HTTP handler; the detail view's
// count is logged. The token's unit is read once, by the first request
// that names it (store.UnitScopes): that request costs one statement more
// and the others none for it.
func TestIdeasPageStatementsDoNotGrow(t *testing.T) {
	e := newSQLiteEnv(t)
	if e.ideas < 100 {
		e.path = "/HCM/" // a page of 100 must be full to prove anything
	}
	e.counter.Reset()
	if _, err := post(e.gql.URL+"/graphql", e.readTok, pageBody(10, e.path)); err != nil {
		t.Fatal(err)
	}
	cold := e.counter.Statements()
	counts := map[int]int64{}
	for _, n := range []int{10, 50, 100} {
		e.counter.Reset()
		out, err := post(e.gql.URL+"/graphql", e.readTok, pageBody(n, e.path))
		if err != nil {
			t.Fatal(err)
		}
		counts[n] = e.counter.Statements()
		var a pageAnswer
		if err := json.Unmarshal(out, &a); err != nil {
			t.Fatal(err)
		}
		if len(a.Data.Ideas.Edges) != n {
			t.Fatalf("first %d under %s: %d ideas", n, e.path, len(a.Data.Ideas.Edges))
		}
		proposers := 0
		for _, i := range a.Data.Ideas.Edges {
			proposers += len(i.Node.Proposers.Edges)
		}
		if proposers == 0 {
			t.Fatalf("first %d: no proposers; the test would prove nothing", n)
		}
	}
	e.counter.Reset()
	if _, err := post(e.gql.URL+"/graphql", e.readTok, detailBody(e.detailID)); err != nil {
		t.Fatal(err)
	}
	t.Logf("ideas page under %s: statements by page size %v (the first request with the token: %d); idea detail: %d", e.path, counts, cold, e.counter.Statements())
	if counts[50] != counts[10] || counts[100] != counts[10] {
		t.Errorf("the ideas page's statements grow with the page size: %v", counts)
	}
	if cold != counts[10]+1 {
		t.Errorf("the first page of 10 with the token cost %d statements, the next %d: want one more, its unit's, read once", cold, counts[10])
	}
}
