package graph

import (
	"sync"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/graph/generated"
)

// codegenDirectives tell gqlgen how to generate Go (which model, which
// resolver); they mean nothing to a client and are not part of the API.
var codegenDirectives = []string{"goField", "goModel", "goTag", "goExtraField", "goEnum"}

// HideCodegenDirectives drops their definitions from the served schema,
// so introspection and `thidua schema` show only the API's own. Their
// uses on types and fields are never introspected.
func HideCodegenDirectives(s *ast.Schema) {
	for _, d := range codegenDirectives {
		delete(s.Directives, d)
	}
}

var served sync.Once

// ServedSchema is the executable schema as clients see it: gqlgen keeps one
// parsed schema per process, so it is prepared once (codegen directives
// hidden, rule-made descriptions filled) before any handler serves it or
// `thidua schema` prints it.
func ServedSchema() *ast.Schema {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	served.Do(func() {
		HideCodegenDirectives(s)
		Describe(s)
	})
	return s
}
