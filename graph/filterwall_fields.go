package graph

import (
	"context"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/policy"
)

// wallFilters walls (wallWhere) every where argument of every field before
// it resolves: top-level lists, custom ones (unitsOn…) and nested
// connections alike, so a new list cannot forget it.
//
// A nested connection's where reaches the database by a second road too:
// entgql eager-loads nested connections from the parent's resolver, reading
// their arguments itself through the request's input unmarshalers, before
// this guard sees the nested field. So the operation's root field also
// replaces those unmarshalers, for everything below it, with ones that wall
// what they produce (walledInputs).
//
// The board reads everything, so its filters pass through untouched and
// keep the plans measured in docs/performance.md. fieldGuards calls it for
// root fields and fields with arguments only: the others have nothing to
// wall, and the root's unmarshalers reach them through the context.
func wallFilters(ctx context.Context, fc *graphql.FieldContext) (context.Context, error) {
	v := access.FromContext(ctx)
	if policy.ReadsEveryKind(v) {
		return ctx, nil
	}
	for _, arg := range fc.Args {
		if isWhereInput(reflect.TypeOf(arg)) {
			if err := wallWhere(v, arg); err != nil {
				return ctx, err
			}
		}
	}
	if ctx.Value(walledInputsKey{}) == nil {
		ctx = context.WithValue(graphql.WithLazyInputUnmarshalerIndex(ctx, walledInputs(ctx, v)), walledInputsKey{}, true)
	}
	return ctx, nil
}

type walledInputsKey struct{}

// isWhereInput reports whether t is a pointer to one of ent's where inputs.
func isWhereInput(t reflect.Type) bool {
	return t != nil && t.Kind() == reflect.Pointer && t.Elem().PkgPath() == entPkg &&
		strings.HasSuffix(t.Elem().Name(), "WhereInput")
}

var entPkg = reflect.TypeFor[ent.Client]().PkgPath()

// walledInputs is an input unmarshaler index for entgql's eager loading:
// each where input is unmarshaled by the request's own unmarshaler (from
// orig, the context that carries it) and then walled. It holds the where
// inputs only, which is all entgql asks it for; a where input missing
// from it would leave entgql's nested filter unapplied, so a test compares
// whereInputs with the schema's.
func walledInputs(orig context.Context, v *access.Viewer) func() *graphql.InputUnmarshalerIndex {
	return func() *graphql.InputUnmarshalerIndex {
		us := make([]graphql.InputUnmarshaler, len(whereInputs))
		for i, w := range whereInputs {
			_, us[i] = w(orig, v)
		}
		return graphql.NewInputUnmarshalerIndex(us...)
	}
}

// whereInputs are ent's where inputs, each with its walled unmarshaler.
var whereInputs = []func(orig context.Context, v *access.Viewer) (string, graphql.InputUnmarshaler){
	walled[ent.AdoptionWhereInput],
	walled[ent.AuditEventWhereInput],
	walled[ent.AwardWhereInput],
	walled[ent.ChosenProblemWhereInput],
	walled[ent.DossierDocumentWhereInput],
	walled[ent.ExemplarWhereInput],
	walled[ent.HeadcountWhereInput],
	walled[ent.IdeaWhereInput],
	walled[ent.IdeaEventWhereInput],
	walled[ent.IntegrityFlagWhereInput],
	walled[ent.MembershipWhereInput],
	walled[ent.NominationWhereInput],
	walled[ent.ParticipationWhereInput],
	walled[ent.PersonWhereInput],
	walled[ent.PhaseWhereInput],
	walled[ent.ReportCallWhereInput],
	walled[ent.UnitWhereInput],
	walled[ent.UnitPlanWhereInput],
	walled[ent.UnitReportWhereInput],
}

// walled unmarshals a T as the generated code does, then walls it.
func walled[T any](orig context.Context, v *access.Viewer) (string, graphql.InputUnmarshaler) {
	name := reflect.TypeFor[T]().Name()
	return name, graphql.NewInputUnmarshaler(name, func(_ context.Context, raw any) (T, error) {
		var w T
		if err := graphql.UnmarshalNamedInputFromContext(orig, name, raw, &w); err != nil {
			return w, err
		}
		return w, wallWhere(v, &w)
	})
}
