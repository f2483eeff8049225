package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/policy"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Idea is an idea, initiative, creative solution or breakthrough approach
// (§I.1.3, §II.1) proposed by people of a unit. Its status is the status of
// its last event and changes only through events (see the status guard).
type Idea struct{ ent.Schema }

// Fields of the Idea.
func (Idea) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(32).Immutable().Unique().Match(codePattern).
			Annotations(entgql.OrderField("CODE")),
		field.String("title").NotEmpty().MaxLen(500).Annotations(entgql.OrderField("TITLE")),
		field.Text("summary").Optional().MaxLen(20000),
		field.Enum("field").GoType(domain.IdeaField("")).
			Annotations(entgql.Type("IdeaField"), entgql.OrderField("FIELD")),
		field.Enum("kind").GoType(domain.IdeaKind("")).Annotations(entgql.Type("IdeaKind")),
		field.Enum("status").GoType(domain.IdeaStatus("")).Default(string(domain.IdeaStatusDraft)).
			Annotations(entgql.Type("IdeaStatus"), entgql.OrderField("STATUS"), noInputs),
		field.Int("unit_id"),
		field.Bool("by_collective").Default(false).Comment("proposed by the unit as a collective"),
		field.String("scope").Optional().MaxLen(2000).Comment("where the idea applies"),
		field.Time("proposed_on").SchemaType(dateSchema).Annotations(dateGQL).Annotations(entgql.OrderField("PROPOSED_ON")),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR"), noInputs).
			Comment("the year of proposal, the idea's year in reports; derived from proposed_on"),
		field.String("pilot_scope").Optional().MaxLen(2000).Annotations(noInputs),
		field.Time("pilot_started_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().Annotations(noInputs),
		field.Time("pilot_planned_end").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().Annotations(noInputs),
		field.Int("version").Default(0).Annotations(noInputs).
			Comment("optimistic concurrency: every action checks and bumps it"),
		searchTextField(),
	}
}

// Edges of the Idea.
func (Idea) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("ideas").Field("unit_id").Unique().Required(),
		edge.To("proposers", Person.Type).Annotations(entgql.RelayConnection()),
		edge.To("events", IdeaEvent.Type).Annotations(connection()...),
		edge.To("adoptions", Adoption.Type).Annotations(connection()...),
		edge.From("nominations", Nomination.Type).Ref("ideas").Annotations(connection()...),
		edge.From("awards", Award.Type).Ref("ideas").Annotations(connection()...),
		edge.From("exemplars", Exemplar.Type).Ref("ideas").Annotations(noInputs),
	}
}

// Indexes of the Idea.
func (Idea) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("unit_id", "year"),
		index.Fields("status"),
		index.Fields("field", "year"),
	}
}

// Mixin of the Idea.
func (Idea) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, AuditMixin{Kind: "Idea"}}
}

// Annotations of the Idea.
func (Idea) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the Idea.
func (Idea) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadIdea(), Mutation: policy.Write("Idea")}
}
