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

// ReportCall is the board's call for reports (§V.4: "theo dõi, đôn đốc"):
// the phase, the kind, the year, the due day, and the units it reaches. The
// call creates the report each reached unit owes; the due day is the
// board's alone.
type ReportCall struct{ ent.Schema }

// Fields of the ReportCall.
func (ReportCall) Fields() []ent.Field {
	return []ent.Field{
		field.Int("phase_id").Immutable(),
		field.Enum("kind").GoType(domain.ReportKind("")).Immutable().Annotations(entgql.Type("ReportKind")),
		field.Int("year").Range(2000, 2100).Immutable().Annotations(entgql.OrderField("YEAR")),
		field.Time("due_on").SchemaType(dateSchema).Annotations(dateGQL, entgql.OrderField("DUE_ON")),
		field.String("document_number").Optional().MaxLen(64).Comment("the board's letter that calls"),
		// The reach: every set part narrows it; none set reaches every unit
		// but the city open on the due day.
		field.Enum("reach_unit_type").GoType(domain.UnitType("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("UnitType")),
		field.Int("reach_subtree_id").Optional().Nillable().Immutable().Comment("units under this one, itself included"),
		field.Time("reach_open_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().Immutable().
			Comment("units open on this day; the due day when empty"),
		field.String("note").Optional().MaxLen(2000),
		versionField(),
	}
}

// Edges of the ReportCall.
func (ReportCall) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("phase", Phase.Type).Ref("report_calls").Field("phase_id").Unique().Required().Immutable(),
		edge.From("reach_subtree", Unit.Type).Ref("report_calls").Field("reach_subtree_id").Unique().Immutable(),
		edge.To("reports", UnitReport.Type).Annotations(connection()...),
	}
}

// Indexes of the ReportCall.
func (ReportCall) Indexes() []ent.Index {
	return []ent.Index{index.Fields("phase_id", "kind", "year")}
}

// Mixin of the ReportCall.
func (ReportCall) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "ReportCall"}}
}

// Annotations of the ReportCall: written through callForReports, which
// creates the reports the call reaches in the same transaction.
func (ReportCall) Annotations() []schema.Annotation { return entity() }

// Policy of the ReportCall: every signed-in viewer reads the calls (they are
// the board's public letters); only the board writes them.
func (ReportCall) Policy() ent.Policy {
	return privacy.Policy{Query: policy.Public(), Mutation: policy.SystemOnly()}
}
