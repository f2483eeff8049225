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

// Unit is an agency, locality or organisation of the city (cơ quan, đơn vị,
// địa phương), a node of the tree under the city. Units change: a unit has a
// validity period and a dissolved unit names its successors.
type Unit struct{ ent.Schema }

// Fields of the Unit.
func (Unit) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(64).Immutable().Unique().
			Match(codePattern).
			Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().MaxLen(255).
			Annotations(entgql.OrderField("NAME")),
		field.Enum("type").GoType(domain.UnitType("")).
			Annotations(entgql.OrderField("TYPE"), entgql.Type("UnitType")),
		field.Int("parent_id").Optional().Nillable(),
		// path is the chain of codes from the root, "/HCM/Q1/", kept by a
		// hook; access checks read a subtree with one indexed prefix match.
		field.String("path").MaxLen(1024).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("valid_from").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Annotations(entgql.OrderField("VALID_FROM")),
		field.Time("valid_to").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable().
			Comment("exclusive: the first day the unit no longer exists"),
		field.JSON("level4_criteria", &domain.Level4Criteria{}).Optional().
			Annotations(entgql.Type("Level4Criteria"), noInputs).
			Comment("the unit's own criteria for its head's certificate; defaults apply when empty"),
		field.Bool("real_name").Default(true).
			Comment("false for a plausible placeholder name in demo data"),
		versionField(),
		searchTextField(),
	}
}

// Edges of the Unit.
func (Unit) Edges() []ent.Edge {
	return []ent.Edge{
		// A unit moves by its own parentID (the path hook follows that
		// field); children are not set from the parent's side.
		edge.To("children", Unit.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").Field("parent_id").Unique(),
		edge.To("successors", Unit.Type).
			Annotations(entgql.RelayConnection()).
			From("predecessors").Annotations(entgql.RelayConnection()),
		edge.To("memberships", Membership.Type).Annotations(connection()...),
		edge.To("ideas", Idea.Type).Annotations(connection()...),
		edge.To("plans", UnitPlan.Type).Annotations(connection()...),
		edge.To("reports", UnitReport.Type).Annotations(connection()...),
		edge.To("headcounts", Headcount.Type).Annotations(connection()...),
		edge.To("participations", Participation.Type).Annotations(connection()...),
		edge.To("adoptions", Adoption.Type).Annotations(connection()...),
		edge.To("nominations", Nomination.Type).Annotations(connection()...),
		edge.To("received_nominations", Nomination.Type).Annotations(connection()...),
		edge.To("awards", Award.Type).Annotations(connection()...),
		edge.To("integrity_flags", IntegrityFlag.Type).Annotations(connection()...),
		edge.To("chosen_problems", ChosenProblem.Type).Annotations(connection()...),
		edge.To("report_calls", ReportCall.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Unit.
func (Unit) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("path"),
		index.Fields("type"),
		index.Fields("parent_id"), // a unit's children
	}
}

// Mixin of the Unit.
func (Unit) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "Unit"}}
}

// Annotations of the Unit.
func (Unit) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the Unit.
func (Unit) Policy() ent.Policy {
	return privacy.Policy{Query: policy.Public(), Mutation: policy.Write("Unit")}
}
