package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/policy"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Person is a cadre, civil servant, public employee or armed-forces member.
// Where they work, and in which category and role, is in their memberships.
type Person struct{ ent.Schema }

// Fields of the Person.
func (Person) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(32).Immutable().Unique().Match(codePattern).
			Comment("the unit's staff code; never leaves the operational store").
			Annotations(entgql.OrderField("CODE")),
		field.String("full_name").NotEmpty().MaxLen(255).
			Annotations(entgql.OrderField("FULL_NAME")),
		field.Enum("gender").GoType(domain.Gender("")).Annotations(entgql.Type("Gender")),
		field.Int("birth_year").Optional().Nillable().Range(1930, 2015),
		field.String("email").Optional().MaxLen(255),
		versionField(),
		searchTextField(),
		// Added last so that existing tables only gain a column.
		field.String("phone").Optional().MaxLen(20).Validate(domain.CheckPhone).
			Comment("the person's work phone as the unit keeps it: digits with an optional leading +, at most 20 characters"),
	}
}

// Edges of the Person.
func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("memberships", Membership.Type).Annotations(connection()...),
		edge.From("ideas", Idea.Type).Ref("proposers").Annotations(connection()...),
		edge.To("participations", Participation.Type).Annotations(connection()...),
		edge.To("nominations", Nomination.Type).Annotations(connection()...),
		edge.To("awards", Award.Type).Annotations(connection()...),
		edge.To("integrity_flags", IntegrityFlag.Type).Annotations(connection()...),
	}
}

// Mixin of the Person.
func (Person) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "Person"}}
}

// Annotations of the Person.
func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entsql.Table("people"),
		entgql.RelayConnection(),
		entgql.QueryField("people"),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Person.
func (Person) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadPerson(), Mutation: policy.Write("Person")}
}
