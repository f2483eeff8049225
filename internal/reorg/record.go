package reorg

import (
	"context"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// AuditEntity is the entity type of the audit event that records a
// reorganisation as a whole; its entity id is the first reorganised unit's.
const AuditEntity = "Reorganization"

// record writes one audit event for the reorganisation as a whole, beside
// the row-by-row events of the audit hook: the plan as decided (kind,
// date, note), which no single row change carries, and what it did. The
// audit log is a ledger nobody writes directly (policy.Ledger), so this
// system step alone runs under an allow decision, as the audit hook's own
// writes do; the actor is still the viewer.
func record(ctx context.Context, c *ent.Client, ck *checked, r Result) error {
	v := access.FromContext(ctx)
	roles := make([]string, len(v.Roles))
	for i, role := range v.Roles {
		roles[i] = string(role)
	}
	plan := map[string]any{
		"kind":         ck.Kind,
		"effective_on": ck.on.Format(time.DateOnly),
		"units":        ck.Units,
	}
	if s := successorCodes(ck.Plan); len(s) > 0 {
		plan["successors"] = s
	}
	if ck.parent != nil {
		plan["parent"] = ck.parent.Code
	}
	if ck.carry != "" {
		plan["carry_to"] = ck.carry
	}
	if ck.Note != "" {
		plan["note"] = ck.Note
	}
	first := ck.old[0]
	return c.AuditEvent.Create().
		SetOperation(domain.AuditOperationUpdate).
		SetEntityType(AuditEntity).
		SetEntityID(first.ID).
		SetUnitPath(first.Path).
		SetRequestID(access.RequestID(ctx)).
		SetActorSub(v.Sub).SetActorRoles(roles).SetActorUnit(v.UnitCode).
		SetChanges(map[string]any{"plan": plan, "result": r}).
		Exec(privacy.DecisionContext(ctx, privacy.Allow))
}
