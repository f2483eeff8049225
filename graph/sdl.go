package graph

import (
	"bytes"
	"io"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
)

// introspected are the directives whose use introspection reports (as
// isDeprecated, specifiedByURL, isOneOf); the uses of any other directive
// (gqlgen's @goField, @goModel) stay in the server and are not part of what
// a client sees.
var introspected = []string{"deprecated", "specifiedBy", "oneOf"}

// specified are the GraphQL specification's built-in scalars and
// directives, which SDL leaves out and every tool defines itself.
var specified = []string{"Int", "Float", "String", "Boolean", "ID", "skip", "include", "deprecated", "specifiedBy", "oneOf"}

// WriteSDL writes the schema the server executes, as introspection shows it,
// so a frontend can build its types without a running server. It prints the
// executable schema itself rather than graph/*.graphqls, which gqlgen
// merges and extends.
func WriteSDL(w io.Writer) error {
	var buf bytes.Buffer
	// With the built-ins, because gqlgen's prelude adds @defer, which
	// introspection lists; those of the GraphQL specification every tool
	// knows are dropped below.
	formatter.NewFormatter(&buf, formatter.WithNonIntrospectionBuiltin()).FormatSchema(ServedSchema())
	// Reparsed so that dropping directive uses touches a copy, never the
	// schema the handlers share.
	doc, err := parser.ParseSchema(&ast.Source{Name: "schema", Input: buf.String()})
	if err != nil {
		return err
	}
	doc.Directives = slices.DeleteFunc(doc.Directives, func(d *ast.DirectiveDefinition) bool {
		return slices.Contains(specified, d.Name) || slices.Contains(codegenDirectives, d.Name)
	})
	doc.Definitions = slices.DeleteFunc(doc.Definitions, func(d *ast.Definition) bool { return slices.Contains(specified, d.Name) })
	keep := func(l ast.DirectiveList) ast.DirectiveList {
		return slices.DeleteFunc(l, func(d *ast.Directive) bool { return !slices.Contains(introspected, d.Name) })
	}
	for _, defs := range []ast.DefinitionList{doc.Definitions, doc.Extensions} {
		for _, d := range defs {
			d.Directives = keep(d.Directives)
			for _, f := range d.Fields {
				f.Directives = keep(f.Directives)
				for _, a := range f.Arguments {
					a.Directives = keep(a.Directives)
				}
			}
			for _, v := range d.EnumValues {
				v.Directives = keep(v.Directives)
			}
		}
	}
	formatter.NewFormatter(w).FormatSchemaDocument(doc)
	return nil
}
