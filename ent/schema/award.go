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

// Award is an award decided for a collective or an individual for a year
// (§III.2), with the decision that grants it. unit is the collective itself,
// or the individual's unit when the award was made.
type Award struct{ ent.Schema }

// Fields of the Award.
func (Award) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id"),
		field.Enum("recipient_kind").GoType(domain.RecipientKind("")).Annotations(entgql.Type("RecipientKind")),
		field.Int("recipient_person_id").Optional().Nillable(),
		field.Enum("level").GoType(domain.AwardLevel("")).Annotations(entgql.Type("AwardLevel"), entgql.OrderField("LEVEL")),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		field.String("decision_number").NotEmpty().MaxLen(64),
		field.Time("decision_date").SchemaType(dateSchema).Annotations(dateGQL).Annotations(entgql.OrderField("DECISION_DATE")),
		field.String("issuer").NotEmpty().MaxLen(255).Comment("the authority that signed the decision"),
		field.Int("nomination_id").Optional().Nillable(),
		field.Int("revokes_id").Optional().Nillable().
			Comment("the award this decision corrects: a decided award is never edited, a new decision revokes it"),
		field.String("note").Optional().MaxLen(2000),
	}
}

// Edges of the Award.
func (Award) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("awards").Field("unit_id").Unique().Required(),
		edge.From("recipient_person", Person.Type).Ref("awards").Field("recipient_person_id").Unique(),
		edge.From("nomination", Nomination.Type).Ref("award").Field("nomination_id").Unique(),
		edge.To("ideas", Idea.Type).Annotations(entgql.RelayConnection()),
		edge.From("exemplars", Exemplar.Type).Ref("awards").Annotations(noInputs),
		edge.To("revoked_by", Award.Type).Unique().Annotations(noInputs).
			From("revokes").Field("revokes_id").Unique(),
	}
}

// Indexes of the Award.
func (Award) Indexes() []ent.Index {
	// A person's awards of a year (the criteria count the years before).
	return []ent.Index{index.Fields("unit_id", "year"), index.Fields("year", "level"), index.Fields("recipient_person_id", "year")}
}

// Mixin of the Award.
func (Award) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, AuditMixin{Kind: "Award"}}
}

// Annotations of the Award.
func (Award) Annotations() []schema.Annotation { return entity(entgql.MutationCreate()) }

// Policy of the Award.
func (Award) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadAward(), Mutation: policy.Write("Award")}
}
