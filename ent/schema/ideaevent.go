package schema

import (
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/policy"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// IdeaEvent is one step of an idea's lifecycle: who did what, when, on
// which decision. Events are never changed once written.
type IdeaEvent struct{ ent.Schema }

// Fields of the IdeaEvent.
func (IdeaEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("idea_id").Immutable(),
		field.Enum("action").GoType(domain.IdeaAction("")).Immutable().Annotations(entgql.Type("IdeaAction")),
		field.Enum("from_status").GoType(domain.IdeaStatus("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("IdeaStatus")),
		field.Enum("to_status").GoType(domain.IdeaStatus("")).Immutable().Annotations(entgql.Type("IdeaStatus")),
		field.Int("seq").NonNegative().Immutable().Annotations(entgql.OrderField("SEQ")).
			Comment("the idea's version after the event: 0 for its creation, then 1, 2, … without gaps"),
		field.Time("occurred_at").Default(storedNow).Immutable().Annotations(entgql.OrderField("OCCURRED_AT")),
		// Who acted is a person identifier: the API shows it through the
		// person's read rule (graph/actor.go), never as a plain field or filter.
		field.String("actor_sub").MaxLen(255).Immutable().Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput)),
		field.Int("actor_person_id").Optional().Nillable().Immutable().Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput)),
		field.String("decision_number").Optional().MaxLen(64).Immutable(),
		field.Time("decision_date").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().Immutable(),
		field.String("authority").Optional().MaxLen(255).Immutable().
			Comment("the competent authority that decided or evaluated"),
		field.Enum("authority_level").GoType(domain.AuthorityLevel("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("AuthorityLevel")).
			Comment("who gave an approval: the unit, a superior unit, or the city"),
		field.Enum("effectiveness").GoType(domain.Effectiveness("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("Effectiveness")).
			Comment("the degree of effectiveness an effective evaluation found"),
		field.String("note").Optional().MaxLen(4000).Immutable(),
	}
}

// Edges of the IdeaEvent.
func (IdeaEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("idea", Idea.Type).Ref("events").Field("idea_id").Unique().Required().Immutable(),
		edge.To("actor_person", Person.Type).Field("actor_person_id").Unique().Immutable(),
	}
}

// Indexes of the IdeaEvent.
func (IdeaEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("idea_id", "seq").Unique(), index.Fields("idea_id", "occurred_at")}
}

// Annotations of the IdeaEvent.
func (IdeaEvent) Annotations() []schema.Annotation { return entity() }

// Policy of the IdeaEvent.
func (IdeaEvent) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadIdeaEvent(), Mutation: policy.Ledger()}
}

// Mixin of the IdeaEvent.
func (IdeaEvent) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{Kind: "IdeaEvent"}} }
