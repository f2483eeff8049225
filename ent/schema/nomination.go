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

// Nomination is a unit's proposal to award a collective or an individual at
// a level for a year (§III.5), resting on ideas and carrying its dossier.
type Nomination struct{ ent.Schema }

// Fields of the Nomination.
func (Nomination) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id").Comment("the proposing unit"),
		field.Enum("recipient_kind").GoType(domain.RecipientKind("")).Annotations(entgql.Type("RecipientKind")),
		field.Int("recipient_person_id").Optional().Nillable(),
		field.Int("recipient_unit_id").Optional().Nillable(),
		field.Enum("level").GoType(domain.AwardLevel("")).Annotations(entgql.Type("AwardLevel"), entgql.OrderField("LEVEL")),
		field.Int("year").Range(2000, 2100).Annotations(entgql.OrderField("YEAR")),
		field.Enum("status").GoType(domain.NominationStatus("")).Default(string(domain.NominationStatusDraft)).
			Annotations(entgql.Type("NominationStatus"), noInputs),
		field.String("note").Optional().MaxLen(4000),
		field.Int("version").Default(0).Annotations(noInputs),
		field.Time("submitted_at").Optional().Nillable().Annotations(noInputs),
		field.String("override_justification").Optional().Nillable().MaxLen(4000).Annotations(noInputs).
			Comment("why CITY_ADMIN submitted it although the dossier or the criteria fell short"),
		field.Time("council_date").SchemaType(dateSchema).Annotations(dateGQL, noInputs).Optional().Nillable(),
		field.Int("council_members").Optional().Nillable().NonNegative().Annotations(noInputs),
		field.Int("votes_for").Optional().Nillable().NonNegative().Annotations(noInputs),
		field.Int("votes_against").Optional().Nillable().NonNegative().Annotations(noInputs),
		field.Int("votes_abstain").Optional().Nillable().NonNegative().Annotations(noInputs),
		field.JSON("judgements", []domain.Judgement{}).Optional().
			Annotations(entgql.Type("[CriterionJudgement!]"), noInputs).
			Comment("the council's judgements of the criteria the plan leaves to people, recorded with its vote"),
		field.Time("forwarded_on").SchemaType(dateSchema).Annotations(dateGQL, noInputs).Optional().Nillable(),
		field.String("forwarded_to").Optional().MaxLen(255).Annotations(noInputs),
	}
}

// Edges of the Nomination.
func (Nomination) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("unit", Unit.Type).Ref("nominations").Field("unit_id").Unique().Required(),
		edge.From("recipient_person", Person.Type).Ref("nominations").Field("recipient_person_id").Unique(),
		edge.From("recipient_unit", Unit.Type).Ref("received_nominations").Field("recipient_unit_id").Unique(),
		edge.To("ideas", Idea.Type).Annotations(entgql.RelayConnection()),
		edge.To("documents", DossierDocument.Type).Annotations(connection()...),
		edge.To("award", Award.Type).Unique().Annotations(noInputs),
	}
}

// Indexes of the Nomination.
func (Nomination) Indexes() []ent.Index {
	// A recipient's nominations of a year: the criteria's and the one-standing-
	// award check's lookups start from the person or the unit.
	return []ent.Index{index.Fields("unit_id", "year"), index.Fields("year", "level"),
		index.Fields("recipient_person_id", "year"), index.Fields("recipient_unit_id", "year")}
}

// Mixin of the Nomination.
func (Nomination) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, AuditMixin{Kind: "Nomination"}}
}

// Annotations of the Nomination.
func (Nomination) Annotations() []schema.Annotation {
	return entity(entgql.MutationCreate())
}

// Policy of the Nomination.
func (Nomination) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadNomination(), Mutation: policy.Write("Nomination")}
}
