package graph

import (
	"reflect"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/internal/policy"
)

// unitSubtree recognises hasUnitWith: [{pathHasPrefix: P}], the frontends'
// "everything under this unit", and gives P.
func unitSubtree(with []*ent.UnitWhereInput) (string, bool) {
	if len(with) != 1 || with[0] == nil || with[0].PathHasPrefix == nil {
		return "", false
	}
	rest := *with[0]
	rest.PathHasPrefix = nil
	if !reflect.ValueOf(rest).IsZero() {
		return "", false
	}
	return *with[0].PathHasPrefix, true
}

// ideasInSubtree answers a unit-subtree filter of ideas, at any depth of
// the where, with policy.InSubtree: the same rows, planned as an index
// scan where ent's EXISTS made PostgreSQL read every idea of a large store
// (docs/performance.md).
func ideasInSubtree(w *ent.IdeaWhereInput) {
	if w == nil {
		return
	}
	if p, ok := unitSubtree(w.HasUnitWith); ok {
		w.HasUnitWith = nil
		w.AddPredicates(policy.InSubtree(idea.FieldUnitID, p))
	}
	ideasInSubtree(w.Not)
	for _, x := range w.And {
		ideasInSubtree(x)
	}
	for _, x := range w.Or {
		ideasInSubtree(x)
	}
}
