package schema

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// VersionMixin counts a record's changes (its field is versionField). Every update adds one, whatever
// the way in; the API's update mutations name the version their client
// saw and are refused with CONFLICT on any other (graph/versioned.go), so
// two officers editing one record never lose a change unseen.
type VersionMixin struct{ mixin.Schema }

// versionField is the counter itself, last among a schema's fields: a
// column added at the end is an ALTER TABLE on SQLite, where one in the
// middle would rebuild tables that others reference.
func versionField() ent.Field {
	return field.Int("version").Default(0).NonNegative().
		Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)).
		Comment("how many times the record has changed: 0 when created; an update names the version it saw")
}

// Hooks of the VersionMixin.
func (VersionMixin) Hooks() []ent.Hook {
	return []ent.Hook{bumpVersion}
}

// bumpVersion adds one to the version of every record an update changes,
// unless the update sets the version itself.
func bumpVersion(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if m.Op().Is(ent.OpUpdate | ent.OpUpdateOne) {
			if _, set := m.Field("version"); !set {
				if _, added := m.AddedField("version"); !added {
					if err := m.AddField("version", 1); err != nil {
						return nil, err
					}
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}
