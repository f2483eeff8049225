package schema

import (
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/policy"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// AuditEvent is one state change: who changed which entity, how, from
// which request. The audit hook writes it in the same transaction as the
// change; nothing updates or deletes it.
type AuditEvent struct{ ent.Schema }

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("occurred_at").Default(storedNow).Immutable().Annotations(entgql.OrderField("OCCURRED_AT")),
		field.String("actor_sub").MaxLen(255).Immutable(),
		field.Strings("actor_roles").Optional().Immutable(),
		field.String("actor_unit").Optional().MaxLen(64).Immutable(),
		field.String("request_id").Optional().MaxLen(64).Immutable(),
		field.String("client_addr").Optional().MaxLen(64).Immutable().
			Comment("the client's IP address: the connection's peer, or what the trusted proxies (THIDUA_TRUSTED_PROXIES) forwarded"),
		field.Enum("operation").GoType(domain.AuditOperation("")).Immutable().Annotations(entgql.Type("AuditOperation")),
		field.String("entity_type").MaxLen(64).Immutable(),
		field.Int("entity_id").Immutable(),
		field.String("unit_path").Optional().MaxLen(1024).Immutable().
			Comment("the path of the unit the entity belongs to, for scoped reads"),
		field.JSON("changes", map[string]any{}).Optional().Immutable().Annotations(entgql.Type("Map")),
	}
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity_type", "entity_id"), index.Fields("occurred_at"), index.Fields("unit_path")}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation { return entity() }

// Policy of the AuditEvent.
func (AuditEvent) Policy() ent.Policy {
	return privacy.Policy{Query: policy.ReadAuditEvent(), Mutation: policy.Ledger()}
}
