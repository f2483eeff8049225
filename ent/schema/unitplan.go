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

// UnitPlan is a unit's plan for a phase of the movement (§V.1): issued,
// launched (phát động) and sent to the board.
type UnitPlan struct{ ent.Schema }

// Fields of the UnitPlan.
func (UnitPlan) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id"),
		field.Int("phase_id"),
		field.String("document_number").Optional().MaxLen(64),
		field.Time("issued_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().Annotations(entgql.OrderField("ISSUED_ON")),
		field.Time("launched_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable(),
		// Sent through sendUnitPlan, on the clock's day: "late plan" is a
		// fact, not what the unit types.
		field.Time("sent_on").SchemaType(dateSchema).Annotations(dateGQL, noInputs).Optional().Nillable(),
		field.Bool("linked_to_directive_05").Default(false).
			Comment("the plan is linked to Directive 05-CT/TW (criterion for collectives, levels 1–3)"),
		// §III.3.1.b: a leader "phải chỉ đạo xây dựng kế hoạch tổ chức thực
		// hiện" these three; the plan records which it implements.
		field.Bool("implements_conclusion_14").Default(false).
			Comment("the plan implements Conclusion 14-KL/TW of the Politburo"),
		field.Bool("implements_plan_124").Default(false).
			Comment("the plan implements Plan 124-KH/TU of the City Party Committee's Standing Board"),
		field.Bool("implements_plan_3815").Default(false).
			Comment("the plan implements Plan 3815/KH-UBND of the City People's Committee"),
		field.String("note").Optional().MaxLen(2000),
		versionField(),
	}
}

// Edges of the UnitPlan.
func (UnitPlan) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("plans").Field("unit_id").Unique().Required(),
		edge.From("phase", Phase.Type).Ref("plans").Field("phase_id").Unique().Required(),
	}
}

// Indexes of the UnitPlan.
func (UnitPlan) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "phase_id").Unique()}
}

// Mixin of the UnitPlan.
func (UnitPlan) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "UnitPlan"}}
}

// Annotations of the UnitPlan.
func (UnitPlan) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the UnitPlan.
func (UnitPlan) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadUnitPlan(), Mutation: policy.Write("UnitPlan")}
}
