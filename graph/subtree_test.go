package graph

import (
	"testing"

	"github.com/hcmc-thidua/thidua/ent"
)

func TestInSubtreeRewritesOnlyThePathFilter(t *testing.T) {
	path, code := "/HCM/TD/", "TD"
	onlyPath := func() []*ent.UnitWhereInput { return []*ent.UnitWhereInput{{PathHasPrefix: &path}} }

	w := &ent.IdeaWhereInput{HasUnitWith: onlyPath(),
		And: []*ent.IdeaWhereInput{{HasUnitWith: onlyPath()}},
		Or:  []*ent.IdeaWhereInput{{HasUnitWith: onlyPath()}},
		Not: &ent.IdeaWhereInput{HasUnitWith: onlyPath()}}
	inSubtree(w)
	for name, x := range map[string]*ent.IdeaWhereInput{"top": w, "and": w.And[0], "or": w.Or[0], "not": w.Not} {
		if x.HasUnitWith != nil || len(x.Predicates) != 1 {
			t.Errorf("%s: hasUnitWith %v, %d predicates; want the subtree predicate instead", name, x.HasUnitWith, len(x.Predicates))
		}
	}

	// Every list with a unit filter.
	m := &ent.MembershipWhereInput{HasUnitWith: onlyPath()}
	n := &ent.NominationWhereInput{HasUnitWith: onlyPath()}
	p := &ent.ParticipationWhereInput{HasUnitWith: onlyPath()}
	inSubtree(m)
	inSubtree(n)
	inSubtree(p)
	if m.HasUnitWith != nil || len(m.Predicates) != 1 || n.HasUnitWith != nil || len(n.Predicates) != 1 ||
		p.HasUnitWith != nil || len(p.Predicates) != 1 {
		t.Error("memberships, nominations or participations: not rewritten")
	}
	for typ := range unitColumns {
		if _, ok := typ.FieldByName("HasUnitWith"); !ok {
			t.Errorf("%s has no hasUnitWith", typ)
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
		inSubtree(w)
		if len(w.HasUnitWith) != len(with) || len(w.Predicates) != 0 {
			t.Errorf("%s: rewritten", name)
		}
	}
	inSubtree((*ent.IdeaWhereInput)(nil))
	inSubtree(nil)
	inSubtree(&ent.UnitWhereInput{PathHasPrefix: &path}) // no unit edge of its own: left as it is
}
