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

// DossierDocument is one document of a nomination dossier (§III.5.2):
// submission letter, council minutes, achievement summary, tax confirmation.
type DossierDocument struct{ ent.Schema }

// Fields of the DossierDocument.
func (DossierDocument) Fields() []ent.Field {
	return []ent.Field{
		field.Int("nomination_id"),
		field.Enum("kind").GoType(domain.DocumentKind("")).Annotations(entgql.Type("DocumentKind")),
		field.String("title").NotEmpty().MaxLen(500),
		field.String("document_number").Optional().MaxLen(64),
		field.Time("issued_on").SchemaType(dateSchema).Annotations(dateGQL).Optional().Nillable(),
		field.String("file_name").Optional().MaxLen(255),
		field.String("content_type").Optional().MaxLen(127),
		field.Int64("size_bytes").Default(0).NonNegative(),
		field.String("sha256").Optional().MaxLen(64),
	}
}

// Edges of the DossierDocument.
func (DossierDocument) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("nomination", Nomination.Type).Ref("documents").Field("nomination_id").Unique().Required(),
	}
}

// Indexes of the DossierDocument: a nomination's dossier, and whether it
// holds a document of a kind (the submission's check), without reading
// every nomination's documents.
func (DossierDocument) Indexes() []ent.Index {
	return []ent.Index{index.Fields("nomination_id", "kind")}
}

// Mixin of the DossierDocument.
func (DossierDocument) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, AuditMixin{Kind: "DossierDocument"}}
}

// Annotations of the DossierDocument.
func (DossierDocument) Annotations() []schema.Annotation { return entity(entgql.MutationCreate()) }

// Policy of the DossierDocument.
func (DossierDocument) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadDossierDocument(), Mutation: policy.Write("DossierDocument")}
}
