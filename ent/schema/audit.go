package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/mixin"

	"github.com/hcmc-thidua/thidua/internal/audit"
)

// AuditMixin audits every change to a kind of record.
type AuditMixin struct {
	mixin.Schema
	Kind string
}

// Hooks of the AuditMixin.
func (a AuditMixin) Hooks() []ent.Hook { return []ent.Hook{audit.Hook(a.Kind)} }
