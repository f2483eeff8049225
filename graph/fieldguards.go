package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/graph/guarded"
)

// fieldGuards is the API's one field middleware. Every field of an answer
// passes it — a page of 50 ideas with their units and proposers is about
// 1,000 fields — and each middleware gqlgen chains costs a closure and a
// call per field, so the three guards share one, and a field pays only for
// those that concern it:
//   - hiddenTextIn and wallFilters, for a field with arguments;
//   - wallFilters' walled input unmarshalers, installed at the operation's
//     root field, which every other field runs below;
//   - emptyTextAsNull, for a nullable String.
//
// graph/guarded states which fields that is: graph/generator marshals the
// plain scalars outside it without passing them here at all.
func fieldGuards(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return next(ctx)
	}
	if len(fc.Args) > 0 {
		if err := hiddenTextIn(fc); err != nil {
			return nil, err
		}
	}
	if len(fc.Args) > 0 || guarded.Root(fc.Object) {
		var err error
		if ctx, err = wallFilters(ctx, fc); err != nil {
			return nil, err
		}
	}
	if nullableText(fc) {
		return emptyTextAsNull(ctx, next)
	}
	return next(ctx)
}
