package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestOptionalTextIsNullNotEmpty — issue 17, item 4: optional text that
// holds nothing is null, as the where inputs' IsNil filters say, never "".
// Generated from the served schema: every list of Query that returns a
// connection, with every nullable String field of its node, read by the
// board on the seeded store; and non-null text is left alone.
func TestOptionalTextIsNullNotEmpty(t *testing.T) {
	s := graph.ServedSchema()
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		nulls, lists := 0, 0
		for _, f := range s.Query.Fields {
			conn := f.Type.Name()
			if !strings.HasSuffix(conn, "Connection") || f.Arguments.ForName("first") == nil {
				continue
			}
			node := s.Types[strings.TrimSuffix(conn, "Connection")]
			if node == nil {
				continue
			}
			var text []string
			for _, nf := range node.Fields {
				if nf.Type.NamedType == "String" && !nf.Type.NonNull && len(nf.Arguments) == 0 {
					text = append(text, nf.Name)
				}
			}
			if len(text) == 0 {
				continue
			}
			required := ""
			for _, a := range f.Arguments {
				if a.Type.NonNull && a.DefaultValue == nil {
					required = a.Name
				}
			}
			if required != "" {
				continue // a list that needs an argument the schema cannot invent
			}
			lists++
			q := fmt.Sprintf(`{ %s(first: 100) { edges { node { %s } } } }`, f.Name, strings.Join(text, " "))
			r := e.do(t, board, q, nil)
			if len(r.Errors) > 0 {
				t.Errorf("%s: %+v", f.Name, r.Errors)
				continue
			}
			var data map[string]struct {
				Edges []struct{ Node map[string]*string }
			}
			if err := json.Unmarshal(r.Data, &data); err != nil {
				t.Fatal(err)
			}
			for _, edge := range data[f.Name].Edges {
				for field, v := range edge.Node {
					switch {
					case v == nil:
						nulls++
					case *v == "":
						t.Errorf("%s.%s is \"\", want null", node.Name, field)
					}
				}
			}
		}
		if lists < 10 || nulls == 0 {
			t.Fatalf("%d lists read, %d nulls seen: the test read too little to mean anything", lists, nulls)
		}
		t.Logf("%d lists, %d optional texts answered null", lists, nulls)
	})
}
