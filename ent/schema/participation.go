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

// Participation is an individual's or a collective's registration to take
// part in the movement in a year (đăng ký thi đua). For a collective the
// participant is the unit itself and person is empty.
type Participation struct{ ent.Schema }

// Fields of the Participation.
func (Participation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id"),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		field.Enum("kind").GoType(domain.RecipientKind("")).Annotations(entgql.Type("RecipientKind")),
		field.Int("person_id").Optional().Nillable(),
		field.Time("registered_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().Annotations(entgql.OrderField("REGISTERED_ON")),
	}
}

// Edges of the Participation.
func (Participation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("participations").Field("unit_id").Unique().Required(),
		edge.From("person", Person.Type).Ref("participations").Field("person_id").Unique(),
	}
}

// Indexes of the Participation.
func (Participation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("unit_id", "year", "kind"),
		index.Fields("person_id", "year"),
	}
}

// Mixin of the Participation.
func (Participation) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, AuditMixin{Kind: "Participation"}}
}

// Annotations of the Participation.
func (Participation) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate())
}

// Policy of the Participation.
func (Participation) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadParticipation(), Mutation: policy.Write("Participation")}
}
