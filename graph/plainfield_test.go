package graph

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/graph/generated"
	"github.com/hcmc-thidua/thidua/graph/guarded"
)

// TestPlainFieldsUnguarded: graph/generator marshals a plain scalar field
// without the field middleware when graph/guarded says the middleware does
// not act on it. For every such field of the schema, fieldGuards must
// indeed pass the field's value and context through untouched — whatever
// the value, "" included — or a guard added to it would silently miss the
// fields the generator takes past it.
func TestPlainFieldsUnguarded(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	checked := 0
	for _, def := range schema.Types {
		if def.Kind != ast.Object || strings.HasPrefix(def.Name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") || guarded.Field(def.Name, f.Type, len(f.Arguments) > 0) {
				continue
			}
			fc := &graphql.FieldContext{Object: def.Name, Field: graphql.CollectedField{Field: &ast.Field{Name: f.Name, Alias: f.Name, Definition: f}}}
			ctx := graphql.WithFieldContext(context.Background(), fc)
			for _, v := range []any{"", " ", nil, 0, false, "x"} {
				var seen context.Context
				got, err := fieldGuards(ctx, func(c context.Context) (any, error) { seen = c; return v, nil })
				if err != nil || got != v || seen != ctx {
					t.Errorf("%s.%s: the field middleware turned %#v into %#v (%v), or changed its context", def.Name, f.Name, v, got, err)
				}
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d fields outside the middleware's rule: the schema did not load as expected", checked)
	}

	// And the generator does take them past it: a non-null String read from
	// a struct field is marshalled at once; a nullable one (empty text read
	// as null) and a field with arguments still go through gqlgen's path.
	src, err := os.ReadFile("generated/generated.go")
	if err != nil {
		t.Fatal(err)
	}
	for fn, plain := range map[string]bool{"_Idea_code": true, "_Idea_status": true, "_IdeaEvent_note": false, "_Idea_events": false} {
		body := string(src)
		i := strings.Index(body, "func (ec *executionContext) "+fn+"(")
		if i < 0 {
			t.Fatalf("%s is not in the executor", fn)
		}
		body = body[i:]
		body = body[:strings.Index(body, "\n}\n")]
		if got := !strings.Contains(body, "graphql.ResolveField("); got != plain {
			t.Errorf("%s marshalled without gqlgen's field machinery: %v, want %v", fn, got, plain)
		}
	}
}
