package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/graph/guarded"
)

// emptyTextAsNull answers null, not "", for optional text that holds
// nothing. ent reads an unset optional column (NULL) as "", so a client
// saw "" for a note never written while the where inputs' IsNil filters
// matched that very row; and inputs already take blank text as missing
// (internal/store/blank.go). Only nullable String fields are touched
// (nullableText): a non-null one keeps its value whatever it is.
func emptyTextAsNull(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	switch v := res.(type) {
	case string:
		if v == "" {
			return nil, nil
		}
	case *string:
		if v != nil && *v == "" {
			return nil, nil
		}
	}
	return res, nil
}

// nullableText reports whether fc's field is a nullable String.
func nullableText(fc *graphql.FieldContext) bool {
	return fc.Field.Definition != nil && guarded.NullableText(fc.Field.Definition.Type)
}
