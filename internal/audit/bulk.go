package audit

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/live"
)

// Created is one record a bulk load created: its id, the unit path its
// audit row is filed under, and its fields' values.
type Created struct {
	ID       int
	UnitPath string
	Fields   map[string]any
}

// bulkBatch is how many audit rows one INSERT carries.
const bulkBatch = 500

// RecordCreated writes the audit rows of records a bulk load created with
// the row-by-row hook suppressed (Suppress): the same rows the hook would
// have written — one per record, the viewer as actor, the request id, each
// field as {"new": value} — a batch per INSERT instead of one INSERT each,
// in the same transaction as the records. On PostgreSQL the rows go as
// arrays (recordArrays).
// Within a context that suppresses auditing (a bulk load that writes its
// own summary), it writes nothing, as the hook would not.
func RecordCreated(ctx context.Context, client *ent.Client, kind string, records []Created) error {
	if Suppressed(ctx) || len(records) == 0 {
		return nil
	}
	switch pg, err := onPostgres(ctx, client); {
	case err != nil:
		return err
	case pg:
		return recordArrays(ctx, client, kind, records)
	}
	// live.Bulk: the batch's INSERT carries one builder's context only.
	sys := live.Bulk(privacy.DecisionContext(ctx, privacy.Allow))
	viewer := access.FromContext(ctx)
	var roles []string
	sub, unit := "system", ""
	if viewer != nil {
		for _, r := range viewer.Roles {
			roles = append(roles, string(r))
		}
		sub, unit = viewer.Sub, viewer.UnitCode
	}
	for i := 0; i < len(records); i += bulkBatch {
		part := records[i:min(i+bulkBatch, len(records))]
		creates := make([]*ent.AuditEventCreate, len(part))
		for j, r := range part {
			changes := make(map[string]any, len(r.Fields))
			for f, v := range r.Fields {
				changes[f] = change{New: v}
			}
			e := client.AuditEvent.Create().SetOperation(domain.AuditOperationCreate).SetEntityType(kind).
				SetEntityID(r.ID).SetUnitPath(r.UnitPath).SetRequestID(access.RequestID(ctx)).SetClientAddr(access.ClientAddr(ctx)).SetChanges(changes).SetActorSub(sub)
			if viewer != nil {
				e.SetActorRoles(roles).SetActorUnit(unit)
			}
			creates[j] = e
		}
		if err := client.AuditEvent.CreateBulk(creates...).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

// MembershipCreated is the audit record of a membership a bulk load created.
func MembershipCreated(m *ent.Membership, unitPath string) Created {
	return Created{ID: m.ID, UnitPath: unitPath, Fields: map[string]any{
		"created_at": m.CreatedAt, "updated_at": m.UpdatedAt, "person_id": m.PersonID, "unit_id": m.UnitID,
		"category": m.Category, "role": m.Role, "position_title": m.PositionTitle, "valid_from": m.ValidFrom, "valid_to": m.ValidTo}}
}
