package apibench

import (
	"encoding/json"
	"testing"
)

// TestIdeasPageStatementsDoNotGrow: the ideas page (count, page, units,
// proposers) costs the same SQL statements at first: 10, 50 and 100, on a
// small SQLite store through the real HTTP handler; the detail view's
// count is logged.
func TestIdeasPageStatementsDoNotGrow(t *testing.T) {
	e := newSQLiteEnv(t)
	if e.ideas < 100 {
		e.path = "/HCM/" // a page of 100 must be full to prove anything
	}
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
	t.Logf("ideas page under %s: statements by page size %v; idea detail: %d", e.path, counts, e.counter.Statements())
	if counts[50] != counts[10] || counts[100] != counts[10] {
		t.Errorf("the ideas page's statements grow with the page size: %v", counts)
	}
}
