package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// EmptyTextAsNull answers null, not "", for optional text that holds
// nothing. ent reads an unset optional column (NULL) as "", so a client
// saw "" for a note never written while the where inputs' IsNil filters
// matched that very row; and inputs already take blank text as missing
// (internal/store/blank.go). Only nullable String fields are touched:
// a non-null one keeps its value whatever it is.
func EmptyTextAsNull(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	var empty bool
	switch v := res.(type) {
	case string:
		empty = v == ""
	case *string:
		empty = v != nil && *v == ""
	default:
		return res, nil
	}
	if !empty {
		return res, nil
	}
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Definition != nil {
		if t := fc.Field.Definition.Type; !t.NonNull && t.Elem == nil && t.NamedType == "String" {
			return nil, nil
		}
	}
	return res, nil
}
