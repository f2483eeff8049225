package graph

import (
	"testing"

	"github.com/hcmc-thidua/thidua/ent"
)

func TestIdeasInSubtreeRewritesOnlyThePathFilter(t *testing.T) {
	path, code := "/HCM/TD/", "TD"
	onlyPath := func() []*ent.UnitWhereInput { return []*ent.UnitWhereInput{{PathHasPrefix: &path}} }

	w := &ent.IdeaWhereInput{HasUnitWith: onlyPath(),
		And: []*ent.IdeaWhereInput{{HasUnitWith: onlyPath()}},
		Not: &ent.IdeaWhereInput{HasUnitWith: onlyPath()}}
	ideasInSubtree(w)
	for name, x := range map[string]*ent.IdeaWhereInput{"top": w, "and": w.And[0], "not": w.Not} {
		if x.HasUnitWith != nil || len(x.Predicates) != 1 {
			t.Errorf("%s: hasUnitWith %v, %d predicates; want the subtree predicate instead", name, x.HasUnitWith, len(x.Predicates))
		}
	}

	// Anything more about the unit, or two unit filters, stays ent's.
	for name, with := range map[string][]*ent.UnitWhereInput{
		"path and code": {{PathHasPrefix: &path, Code: &code}},
		"two":           {{PathHasPrefix: &path}, {Code: &code}},
		"code":          {{Code: &code}},
		"empty":         {{}},
	} {
		w := &ent.IdeaWhereInput{HasUnitWith: with}
		ideasInSubtree(w)
		if len(w.HasUnitWith) != len(with) || len(w.Predicates) != 0 {
			t.Errorf("%s: rewritten", name)
		}
	}
	ideasInSubtree(nil)
}
