package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestResponseSizeCap: an answer over the cap is refused with its size,
// not sent, and a mutation whose answer is refused writes nothing.
func TestResponseSizeCap(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	lim := graph.DefaultLimits()
	lim.MaxResponseBytes = 2048
	small := e.serve(t, server.Config{Limits: lim, FilesDir: t.TempDir()})
	res := small.do(t, tok, `{ units(first: 200) { edges { node { code name path } } } }`, nil)
	if res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "responseSize" ||
		res.Errors[0].Extensions["max"] != float64(2048) || res.Errors[0].Extensions["requested"].(float64) <= 2048 ||
		len(res.Data) > 0 && string(res.Data) != "null" || !hasVietnamese(res.Errors[0].Message) {
		t.Fatalf("%+v %.200s", res.Errors, res.Data)
	}
	if res := small.do(t, tok, `{ units(first: 2) { edges { node { code } } } }`, nil); res.code() != "" {
		t.Fatalf("a small answer: %+v", res.Errors)
	}
	lim.MaxResponseBytes = 40
	tiny := e.serve(t, server.Config{Limits: lim, FilesDir: t.TempDir()})
	res = tiny.do(t, tok, `mutation { createPerson(input: {code: "CBCAP1", fullName: "Phạm Văn Giới Hạn", gender: MALE}) { id code fullName } }`, nil)
	if res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "responseSize" {
		t.Fatalf("mutation: %+v", res.Errors)
	}
	var got struct{ People struct{ TotalCount int } }
	e.do(t, tok, `{ people(where: {code: "CBCAP1"}) { totalCount } }`, nil).decode(t, &got)
	if got.People.TotalCount != 0 {
		t.Fatal("the refused mutation's person was written")
	}
}

// TestNodesCap: nodes takes at most graph.MaxNodeIDs ids; 60,000 ids
// answered 60,000 errors and logged as many lines.
func TestNodesCap(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	ids := func(n int) map[string]any {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprint(i + 1)
		}
		return map[string]any{"ids": out}
	}
	const q = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`
	if res := e.do(t, tok, q, ids(graph.MaxNodeIDs)); res.code() == "VALIDATION" {
		t.Fatalf("%d ids refused: %+v", graph.MaxNodeIDs, res.Errors[0])
	}
	for _, n := range []int{graph.MaxNodeIDs + 1, 60_000} {
		logs := captureLogs(t)
		res := e.do(t, tok, q, ids(n))
		if res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "nodeIDs" || len(res.Errors) != 1 ||
			res.Errors[0].Extensions["requested"] != float64(n) || !hasVietnamese(res.Errors[0].Message) {
			b, _ := json.Marshal(res.Errors[:min(2, len(res.Errors))])
			t.Fatalf("%d ids: %d errors, %s", n, len(res.Errors), b)
		}
		if lines := strings.Count(logs.String(), "\n"); lines > 2 {
			t.Errorf("%d ids: %d log lines", n, lines)
		}
	}
}
