package graph

import "github.com/vektah/gqlparser/v2/ast"

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
