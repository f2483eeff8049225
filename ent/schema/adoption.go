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
)

// Adoption records that a unit applied another unit's idea (nhân rộng,
// §II.2.2, §II.2.5). A unit adopts an idea at most once.
type Adoption struct{ ent.Schema }

// Fields of the Adoption.
func (Adoption) Fields() []ent.Field {
	return []ent.Field{
		field.Int("idea_id"),
		field.Int("unit_id").Comment("the adopting unit"),
		field.Time("adopted_on").SchemaType(dateSchema).Annotations(dateGQL).Annotations(entgql.OrderField("ADOPTED_ON")),
		field.String("decision_number").Optional().MaxLen(64),
		field.Time("decision_date").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable(),
		field.String("scope").Optional().MaxLen(2000),
		field.String("note").Optional().MaxLen(2000),
	}
}

// Edges of the Adoption.
func (Adoption) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("idea", Idea.Type).Ref("adoptions").Field("idea_id").Unique().Required(),
		edge.From("unit", Unit.Type).Ref("adoptions").Field("unit_id").Unique().Required(),
	}
}

// Indexes of the Adoption.
func (Adoption) Indexes() []ent.Index {
	return []ent.Index{index.Fields("idea_id", "unit_id").Unique(), index.Fields("unit_id", "adopted_on")}
}

// Mixin of the Adoption.
func (Adoption) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, AuditMixin{Kind: "Adoption"}}
}

// Annotations of the Adoption.
func (Adoption) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate())
}

// Policy of the Adoption.
func (Adoption) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadAdoption(), Mutation: policy.Write("Adoption")}
}
