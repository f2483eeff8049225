package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/policy"
)

// DigestDelivery is one recipient's reminder digest of one day. The unique
// (day, recipient) row is the claim that makes a day's digest go out once,
// however many replicas run the schedule or restart; derived, never written
// through the API.
type DigestDelivery struct{ ent.Schema }

// Fields of the DigestDelivery.
func (DigestDelivery) Fields() []ent.Field {
	return []ent.Field{
		field.Time("day").SchemaType(dateSchema).Immutable().Comment("the civil day in Asia/Ho_Chi_Minh"),
		field.String("recipient").MaxLen(320).Immutable().Comment("the e-mail address"),
		field.Int("person_id").Optional().Nillable().Immutable(),
		field.Time("claimed_at").Immutable(),
		field.String("claimed_by").MaxLen(255).Immutable().Comment("the replica that claimed it"),
		field.Time("sent_at").Optional().Nillable(),
		field.Int("items").Default(0),
		field.String("error").Optional().MaxLen(2000),
	}
}

// Indexes of the DigestDelivery.
func (DigestDelivery) Indexes() []ent.Index {
	return []ent.Index{index.Fields("day", "recipient").Unique()}
}

// Annotations of the DigestDelivery: not part of the API.
func (DigestDelivery) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the DigestDelivery: the scheduler writes it under a system
// decision; nobody reads or writes it through the API.
func (DigestDelivery) Policy() ent.Policy {
	return privacy.Policy{Query: policy.SystemRead(), Mutation: policy.Ledger()}
}
