package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/policy"
)

// Exemplar is an entry of the board's register of exemplary models and
// people (§II.2.2 "tuyên truyền nhân rộng những mô hình hay, cách làm mới
// của tập thể, cá nhân tiêu biểu, xuất sắc"; §II.2.5), linked to the ideas
// and awards behind it. Every signed-in viewer reads it: it exists to be
// spread; only the board writes it.
type Exemplar struct{ ent.Schema }

// Fields of the Exemplar.
func (Exemplar) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").GoType(domain.ExemplarKind("")).Annotations(entgql.Type("ExemplarKind")),
		field.String("title").NotEmpty().MaxLen(500),
		field.String("description").Optional().MaxLen(4000),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		field.Int("unit_id").Comment("the model's unit, the collective itself, or the person's unit"),
		field.Int("person_id").Optional().Nillable().Comment("the exemplary person (INDIVIDUAL only)"),
		field.Time("recognized_on").SchemaType(dateSchema).Annotations(dateGQL).
			Comment("the day the board entered it in the register"),
		versionField(),
	}
}

// Edges of the Exemplar.
func (Exemplar) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("unit", Unit.Type).Field("unit_id").Unique().Required(),
		edge.To("person", Person.Type).Field("person_id").Unique(),
		edge.To("ideas", Idea.Type),
		edge.To("awards", Award.Type),
	}
}

// Indexes of the Exemplar.
func (Exemplar) Indexes() []ent.Index { return []ent.Index{index.Fields("year", "kind")} }

// Mixin of the Exemplar.
func (Exemplar) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "Exemplar"}}
}

// Annotations of the Exemplar.
func (Exemplar) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the Exemplar.
func (Exemplar) Policy() ent.Policy {
	return privacy.Policy{Query: policy.Public(), Mutation: policy.SystemOnly()}
}
