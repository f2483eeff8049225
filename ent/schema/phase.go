package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/policy"
)

// Phase is a phase of the movement, named by its years ("2022-2025").
type Phase struct{ ent.Schema }

// Fields of the Phase.
func (Phase) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Unique().Immutable().Match(phasePattern).
			Annotations(entgql.OrderField("NAME")),
		// The years are the name's: fixed once the phase exists.
		field.Int("start_year").Range(2000, 2100).Immutable().Annotations(entgql.OrderField("START_YEAR")),
		field.Int("end_year").Range(2000, 2100).Immutable(),
		// The plan's milestones (§V.1, §IV): the board's dates, facts the
		// rules read ("late plan", the calls' default due days).
		field.Time("plans_due_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Comment("the day the units' plans for the phase are due at the board"),
		field.String("yearly_report_due").Optional().Nillable().Match(monthDayPattern).
			Comment("the yearly report's due day in each year of the phase, MM-DD"),
		field.Time("interim_review_due_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Comment("the interim review (sơ kết) report's due day"),
		field.Time("final_review_due_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Comment("the final review (tổng kết) report's due day"),
		versionField(),
	}
}

// Edges of the Phase.
func (Phase) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plans", UnitPlan.Type).Annotations(connection()...),
		edge.To("reports", UnitReport.Type).Annotations(connection()...),
		edge.To("report_calls", ReportCall.Type).Annotations(connection()...),
	}
}

// Mixin of the Phase.
func (Phase) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "Phase"}}
}

// Annotations of the Phase.
func (Phase) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the Phase.
func (Phase) Policy() ent.Policy {
	return privacy.Policy{Query: policy.Public(), Mutation: policy.SystemOnly()}
}
