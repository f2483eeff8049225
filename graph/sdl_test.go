package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/graph/generated"
)

// The printed SDL is what frontends compile against, so it must load on its
// own and hold every type and field the server executes; that it equals
// introspection is checked by scripts/frontend-check.sh against a server.
func TestWriteSDL(t *testing.T) {
	var b strings.Builder
	if err := WriteSDL(&b); err != nil {
		t.Fatal(err)
	}
	sdl := b.String()
	printed, err := gqlparser.LoadSchema(&ast.Source{Name: "thidua schema", Input: sdl})
	if err != nil {
		t.Fatalf("the printed schema does not load: %v", err)
	}
	served := generated.NewExecutableSchema(generated.Config{}).Schema()
	for name, def := range served.Types {
		got := printed.Types[name]
		if got == nil {
			t.Errorf("type %s is missing", name)
			continue
		}
		for _, f := range def.Fields {
			if got.Fields.ForName(f.Name) == nil {
				t.Errorf("field %s.%s is missing", name, f.Name)
			}
		}
	}
	if printed.Directives["defer"] == nil {
		t.Error("@defer, which introspection lists, is missing")
	}
	// gqlgen's directives are how Go code is generated, not part of what a
	// client is told about a type or field.
	for _, line := range strings.Split(sdl, "\n") {
		if strings.Contains(line, "@go") && !strings.HasPrefix(line, "directive @go") {
			t.Errorf("the printed schema applies a gqlgen directive: %s", line)
		}
	}
	// WriteSDL drops them from a copy: the handlers share this schema.
	if served.Types["AuditOperation"].Directives.ForName("goModel") == nil {
		t.Error("WriteSDL changed the executable schema")
	}
}
