package server_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/graph/generated"
	"github.com/hcmc-thidua/thidua/internal/access"
)

// pagedField is a field with a first or last argument, and the shortest
// way from Query to a selection of it.
type pagedField struct {
	name string // Type.field
	// query builds the operation: the paged fields on the way take `on`
	// (e.g. "first: 1" or "first: $f"), the field itself `arg: $f`.
	query func(on, arg string) string
	// pagedOnTheWay counts the paged fields above it.
	pagedOnTheWay int
}

// pagedFields walks the schema from Query, breadth first, and returns
// every field that takes first or last, each reached by its shortest path.
// Required arguments get a plain value of their type; fields with a
// required argument of another kind are not walked through.
func pagedFields(t *testing.T) []pagedField {
	t.Helper()
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	type node struct {
		typ   *ast.Definition
		wrap  func(on, inner string) string
		paged int
	}
	queue := []node{{typ: schema.Query, wrap: func(_, inner string) string { return inner }}}
	seen := map[string]bool{schema.Query.Name: true}
	var out []pagedField
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, f := range n.typ.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			req, ok := requiredArgs(schema, f)
			if !ok {
				continue
			}
			paged := f.Arguments.ForName("first") != nil || f.Arguments.ForName("last") != nil
			if paged {
				for _, arg := range []string{"first", "last"} {
					if f.Arguments.ForName(arg) == nil {
						continue
					}
					f, n, arg, req := f, n, arg, req
					out = append(out, pagedField{
						name:          n.typ.Name + "." + f.Name + "(" + arg + ")",
						pagedOnTheWay: n.paged,
						query: func(on, value string) string {
							return "query($f: Int) { " + n.wrap(on, f.Name+"("+join(req, arg+": "+value)+") { __typename }") + " }"
						},
					})
				}
			}
			next := schema.Types[f.Type.Name()]
			if next == nil || next.Kind != ast.Object || seen[next.Name] {
				continue
			}
			seen[next.Name] = true
			f, wrap, req := f, n.wrap, req
			queue = append(queue, node{typ: next, paged: n.paged + btoi(paged), wrap: func(on, inner string) string {
				args := req
				if paged {
					args = join(req, on)
				}
				sel := f.Name
				if args != "" {
					sel += "(" + args + ")"
				}
				return wrap(on, sel+" { "+inner+" }")
			}})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// requiredArgs writes a value for each required argument, false when one
// has no plain value (an id, an input object).
func requiredArgs(schema *ast.Schema, f *ast.FieldDefinition) (string, bool) {
	var parts []string
	for _, a := range f.Arguments {
		if !a.Type.NonNull || a.DefaultValue != nil {
			continue
		}
		var v string
		switch def := schema.Types[a.Type.Name()]; {
		case a.Type.Elem != nil:
			return "", false
		case def.Name == "String":
			v = `"2022-2025"`
		case def.Name == "Date":
			v = `"2024-06-01"`
		case def.Name == "Int":
			v = "2024"
		case def.Name == "Boolean":
			v = "true"
		case def.Kind == ast.Enum:
			v = def.EnumValues[0].Name
		default:
			return "", false
		}
		parts = append(parts, a.Name+": "+v)
	}
	return strings.Join(parts, ", "), true
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestPageLimitsReadCoercedArguments: for every field of the schema with a
// first or last argument, a page over the maximum is refused however the
// number is sent (an Int, a string gqlgen coerces to an Int, a float), a
// small page sent as a string is accepted, and nested pages sent as
// strings are multiplied into the rows limit. Before, the limits read the
// raw variables and took "100000" for no number at all: ideaEvents(first:
// $f) with "100000" answered every event.
func TestPageLimitsReadCoercedArguments(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	fields := pagedFields(t)
	if len(fields) < 40 {
		t.Fatalf("found %d paged fields; the walk missed most of the schema", len(fields))
	}
	over := graph.MaxPageSize * 100
	for _, pf := range fields {
		t.Run(pf.name, func(t *testing.T) {
			for _, v := range []struct {
				name string
				raw  string // the variable's JSON
			}{
				{"int", fmt.Sprint(over)}, {"string", fmt.Sprintf(`"%d"`, over)}, {"float", fmt.Sprintf("%d.0", over)},
				{"exponent", "1e5"}, {"exponent string", `"1e5"`}, {"negative string", `"-5"`},
			} {
				res := e.raw(t, tok, pf.query("first: 1", "$f"), `{"f": `+v.raw+`}`)
				if c := res.code(); c != "VALIDATION" && c != "GRAPHQL_VALIDATION_FAILED" {
					t.Errorf("%s %s: code %q, want a refusal (%.200s)", v.name, v.raw, c, res.Data)
				}
				if len(res.Data) > 0 && string(res.Data) != "null" {
					t.Errorf("%s %s: data sent with the refusal: %.200s", v.name, v.raw, res.Data)
				}
			}
			if res := e.raw(t, tok, pf.query("first: 1", "$f"), `{"f": "2"}`); res.code() == "VALIDATION" || res.code() == "GRAPHQL_VALIDATION_FAILED" {
				t.Errorf(`"2": refused: %+v`, res.Errors)
			}
			if pf.pagedOnTheWay > 0 {
				res := e.raw(t, tok, pf.query("first: $f", "$f"), `{"f": "1000"}`)
				if res.code() != "VALIDATION" || len(res.Errors) == 0 || res.Errors[0].Extensions["limit"] != "rows" {
					t.Errorf(`nested pages of "1000": %+v`, res.Errors)
				}
			}
		})
	}
}

// TestAliasedNestedPagesByStrings: the finding's attack, five aliases of
// units → children → parent → children with "1000", is refused before
// anything is read (it answered 28.8 MB in 10 s and took the server from
// 49 MB to 1 GB).
func TestAliasedNestedPagesByStrings(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	sel := `units(first: $f) { edges { node { code children(first: $f) { edges { node { code parent { code children(first: $f) { edges { node { code name path } } } } } } } } } }`
	var q strings.Builder
	q.WriteString("query($f: Int) {")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&q, " a%d: %s", i, sel)
	}
	q.WriteString(" }")
	res := e.raw(t, tok, q.String(), `{"f": "1000"}`)
	if res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "rows" || len(res.Data) > 0 && string(res.Data) != "null" {
		t.Fatalf("%+v %.200s", res.Errors, res.Data)
	}
}

// raw posts a query with variables given as JSON text, as a client would
// send them (a string where a number belongs, a float).
func (e *env) raw(t *testing.T, tok, query, vars string) response {
	t.Helper()
	q, _ := json.Marshal(query)
	return post(t, e.srv.URL, tok, []byte(`{"query": `+string(q)+`, "variables": `+vars+`}`))
}
