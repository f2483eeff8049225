package schema

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/search"
)

// searchTextField is the record's searched text folded (internal/search):
// kept by a hook, so that a LIKE on it ignores case and accents on both
// stores, neither of which folds Vietnamese by itself. Last among the
// fields, like versionField, so adding it is an ALTER TABLE. Null only on
// rows written before it existed, until store.Open fills them.
func searchTextField() ent.Field {
	return field.Text("search_text").Optional().
		Annotations(entgql.Skip(entgql.SkipAll)).
		Comment("the searched fields folded: lower case, without accents (internal/search)")
}

// Hooks of the Person.
func (Person) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(personSearchText, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)}
}

// errBulkSearched guards search_text: no bulk update writes the searched
// fields today, and one that did would leave its rows unfindable.
func errBulkSearched(kind string) error {
	return fmt.Errorf("%s: a bulk update may not change the searched fields; update the records one by one", kind)
}

// oldOr is the value the update sets, else the stored one.
func oldOr[T any](ctx context.Context, set bool, v T, old func(context.Context) (T, error)) (T, error) {
	if set {
		return v, nil
	}
	return old(privacy.DecisionContext(ctx, privacy.Allow))
}

func ideaSearchText(next ent.Mutator) ent.Mutator {
	return hook.IdeaFunc(func(ctx context.Context, m *gen.IdeaMutation) (gen.Value, error) {
		title, tSet := m.Title()
		summary, sSet := m.Summary()
		sCleared := m.SummaryCleared()
		fld, fSet := m.GetField()
		if !tSet && !sSet && !sCleared && !fSet {
			return next.Mutate(ctx, m)
		}
		if m.Op().Is(ent.OpUpdate) {
			return nil, errBulkSearched("Idea")
		}
		if m.Op().Is(ent.OpUpdateOne) {
			var err error
			if title, err = oldOr(ctx, tSet, title, m.OldTitle); err != nil {
				return nil, err
			}
			if !sCleared {
				if summary, err = oldOr(ctx, sSet, summary, m.OldSummary); err != nil {
					return nil, err
				}
			}
			// The field named "field" has no typed OldX: ent's generic
			// OldField takes its name.
			if fld, err = oldOr(ctx, fSet, fld, func(ctx context.Context) (domain.IdeaField, error) {
				v, err := m.OldField(ctx, "field")
				f, _ := v.(domain.IdeaField)
				return f, err
			}); err != nil {
				return nil, err
			}
		}
		return setSearchText(ctx, next, m, search.IdeaText(title, summary, fld))
	})
}

func unitSearchText(next ent.Mutator) ent.Mutator {
	return hook.UnitFunc(func(ctx context.Context, m *gen.UnitMutation) (gen.Value, error) {
		name, set := m.Name()
		return codeAndNameText(ctx, next, m, "Unit", name, set, m.Code, m.OldCode)
	})
}

func personSearchText(next ent.Mutator) ent.Mutator {
	return hook.PersonFunc(func(ctx context.Context, m *gen.PersonMutation) (gen.Value, error) {
		name, set := m.FullName()
		return codeAndNameText(ctx, next, m, "Person", name, set, m.Code, m.OldCode)
	})
}

// codeAndNameText folds a record searched by its code and name (units,
// people) when the name changes; the code never does, so it is the one
// given on create or the stored one.
func codeAndNameText(ctx context.Context, next ent.Mutator, m ent.Mutation, kind, name string, nameSet bool,
	code func() (string, bool), oldCode func(context.Context) (string, error)) (ent.Value, error) {
	if !nameSet {
		return next.Mutate(ctx, m)
	}
	if m.Op().Is(ent.OpUpdate) {
		return nil, errBulkSearched(kind)
	}
	c, ok := code()
	if !ok {
		var err error
		if c, err = oldCode(privacy.DecisionContext(ctx, privacy.Allow)); err != nil {
			return nil, err
		}
	}
	return setSearchText(ctx, next, m, search.Join(c, name))
}

// setSearchText goes through the generic setter, which the schema's
// hooks can name before the typed one is generated.
func setSearchText(ctx context.Context, next ent.Mutator, m ent.Mutation, text string) (ent.Value, error) {
	if err := m.SetField("search_text", text); err != nil {
		return nil, err
	}
	return next.Mutate(ctx, m)
}
