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

// IntegrityFlag records a disciplinary measure or an integrity breach of a
// person or a collective in a year; it disqualifies from awards (§III.3).
type IntegrityFlag struct{ ent.Schema }

// Fields of the IntegrityFlag.
func (IntegrityFlag) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id").Comment("the collective, or the person's unit"),
		field.Int("person_id").Optional().Nillable().Comment("empty for a collective"),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		field.Enum("kind").GoType(domain.FlagKind("")).Annotations(entgql.Type("FlagKind")),
		field.String("decision_number").Optional().MaxLen(64),
		field.Time("decision_date").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Comment("the date of the decision that imposed the measure"),
		field.String("form").Optional().MaxLen(128).
			Comment("the measure's form as the decision names it (khiển trách, cảnh cáo…)"),
		field.Time("lifted_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Comment("the day the measure was lifted or annulled; a lifted record no longer disqualifies"),
		field.String("lift_decision_number").Optional().MaxLen(64),
		field.String("note").Optional().MaxLen(2000),
		versionField(),
	}
}

// Edges of the IntegrityFlag.
func (IntegrityFlag) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("integrity_flags").Field("unit_id").Unique().Required(),
		edge.From("person", Person.Type).Ref("integrity_flags").Field("person_id").Unique(),
	}
}

// Indexes of the IntegrityFlag.
func (IntegrityFlag) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "year"), index.Fields("person_id", "year")}
}

// Mixin of the IntegrityFlag.
func (IntegrityFlag) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "IntegrityFlag"}}
}

// Annotations of the IntegrityFlag.
func (IntegrityFlag) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the IntegrityFlag.
func (IntegrityFlag) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadIntegrityFlag(), Mutation: policy.Write("IntegrityFlag")}
}
