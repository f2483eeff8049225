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

// ChosenProblem is the one concrete problem a unit picks to pilot in a year
// (§II.1.1: "xác định, lựa chọn một vấn đề, sự việc, hoặc nội dung còn khó
// khăn, vướng mắc cụ thể để làm thí điểm"), and the unit's idea that
// pilots it once there is one.
type ChosenProblem struct{ ent.Schema }

// Fields of the ChosenProblem.
func (ChosenProblem) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id"),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		field.String("title").NotEmpty().MaxLen(500),
		field.String("description").Optional().MaxLen(4000),
		field.Time("chosen_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Comment("the day the unit's leadership chose it"),
		field.Int("idea_id").Optional().Nillable(),
		versionField(),
	}
}

// Edges of the ChosenProblem.
func (ChosenProblem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("chosen_problems").Field("unit_id").Unique().Required(),
		edge.To("idea", Idea.Type).Field("idea_id").Unique(),
	}
}

// Indexes of the ChosenProblem.
func (ChosenProblem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "year").Unique()}
}

// Mixin of the ChosenProblem.
func (ChosenProblem) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "ChosenProblem"}}
}

// Annotations of the ChosenProblem.
func (ChosenProblem) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the ChosenProblem.
func (ChosenProblem) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadChosenProblem(), Mutation: policy.Write("ChosenProblem")}
}
