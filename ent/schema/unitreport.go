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

// UnitReport is a unit's yearly or interim report of results to the board
// (§V.1, §IV.1.b).
type UnitReport struct{ ent.Schema }

// Fields of the UnitReport.
func (UnitReport) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id"),
		field.Int("phase_id"),
		field.Enum("kind").GoType(domain.ReportKind("")).Annotations(entgql.Type("ReportKind")),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		field.Int("call_id").Optional().Nillable().Comment("the board's call the report answers"),
		field.String("document_number").Optional().MaxLen(64),
		// Due dates are the board's alone (set by its call); a report is
		// sent through sendUnitReport, never by editing the row.
		field.Time("due_on").SchemaType(dateSchema).Annotations(dateGQL, noInputs).Optional().Nillable(),
		field.Time("sent_on").SchemaType(dateSchema).Annotations(dateGQL, noInputs).Optional().Nillable().Annotations(entgql.OrderField("SENT_ON")),
		field.String("note").Optional().MaxLen(2000),
		versionField(),
	}
}

// Edges of the UnitReport.
func (UnitReport) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("reports").Field("unit_id").Unique().Required(),
		edge.From("phase", Phase.Type).Ref("reports").Field("phase_id").Unique().Required(),
		edge.From("call", ReportCall.Type).Ref("reports").Field("call_id").Unique().Annotations(noInputs),
	}
}

// Indexes of the UnitReport.
func (UnitReport) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "phase_id", "kind", "year").Unique(), index.Fields("call_id")} // call_id: a call's reports
}

// Mixin of the UnitReport.
func (UnitReport) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "UnitReport"}}
}

// Annotations of the UnitReport.
func (UnitReport) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the UnitReport.
func (UnitReport) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadUnitReport(), Mutation: policy.Write("UnitReport")}
}
