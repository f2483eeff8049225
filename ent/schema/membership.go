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

// Membership is a person working in a unit over a period, in a category and
// a role; a person who moves has one membership per unit.
type Membership struct{ ent.Schema }

// Fields of the Membership.
func (Membership) Fields() []ent.Field {
	return []ent.Field{
		field.Int("person_id"),
		field.Int("unit_id"),
		field.Enum("category").GoType(domain.PersonCategory("")).Annotations(entgql.Type("PersonCategory")),
		field.Enum("role").GoType(domain.MemberRole("")).Default(string(domain.MemberRoleStaff)).
			Annotations(entgql.Type("MemberRole")),
		field.String("position_title").Optional().MaxLen(255),
		field.Time("valid_from").SchemaType(dateSchema).Annotations(dateGQL).Annotations(entgql.OrderField("VALID_FROM")),
		field.Time("valid_to").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().Comment("exclusive"),
		versionField(),
	}
}

// Edges of the Membership.
func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).Ref("memberships").Field("person_id").Unique().Required(),
		edge.From("unit", Unit.Type).Ref("memberships").Field("unit_id").Unique().Required(),
	}
}

// Indexes of the Membership.
func (Membership) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "role"), index.Fields("person_id", "valid_from")}
}

// Mixin of the Membership.
func (Membership) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "Membership"}}
}

// Annotations of the Membership.
func (Membership) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the Membership.
func (Membership) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadMembership(), Mutation: policy.Write("Membership")}
}
