// Package guarded is the rule of which fields the API's field middleware
// (graph/fieldguards.go) acts on. It is shared with graph/generator, which
// marshals the plain scalar fields outside that rule without gqlgen's
// per-field machinery; it imports nothing of the API, so the generator
// builds before the executor it generates.
package guarded

import "github.com/vektah/gqlparser/v2/ast"

// Field reports whether the field middleware acts on a field of the object
// of type t, with arguments or without: a field with arguments (hidden
// text, the filter walls), a root field (the walls' input unmarshalers), a
// nullable String (empty text read as null).
func Field(object string, t *ast.Type, hasArgs bool) bool {
	return hasArgs || Root(object) || NullableText(t)
}

// Root reports whether object is one of the operation root types.
func Root(object string) bool {
	switch object {
	case "Query", "Mutation", "Subscription":
		return true
	}
	return false
}

// NullableText reports whether t is a nullable String.
func NullableText(t *ast.Type) bool {
	return t != nil && !t.NonNull && t.Elem == nil && t.NamedType == "String"
}
