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

// Headcount is the number of people a unit employs in a year: the
// denominator of its participation rate.
type Headcount struct{ ent.Schema }

// Fields of the Headcount.
func (Headcount) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id"),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		// A unit's staff, bounded: the warehouse holds it as UInt32, and no
		// unit of the city has a million people.
		field.Int("headcount").Range(0, 1_000_000).Annotations(entgql.OrderField("HEADCOUNT")),
		versionField(),
	}
}

// Edges of the Headcount.
func (Headcount) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("headcounts").Field("unit_id").Unique().Required(),
	}
}

// Indexes of the Headcount.
func (Headcount) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "year").Unique()}
}

// Mixin of the Headcount.
func (Headcount) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{Kind: "Headcount"}}
}

// Annotations of the Headcount.
func (Headcount) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate(), entgql.MutationUpdate())
}

// Policy of the Headcount.
func (Headcount) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadHeadcount(), Mutation: policy.Write("Headcount")}
}
