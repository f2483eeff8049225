package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/auditevent"
)

// insertHeld writes held rows as one INSERT of arrays, one element a row:
// unlike a bulk load's, each row has its own actor (a viewer's or the
// system's). A raw statement and no RETURNING, so that pgtx can send it
// with COMMIT.
const insertHeld = `INSERT INTO audit_events (occurred_at, actor_sub, actor_roles, actor_unit, request_id, client_addr,
	operation, entity_type, entity_id, unit_path, changes)
SELECT r.occurred_at, r.actor_sub, CAST(r.actor_roles AS jsonb), r.actor_unit, r.request_id, r.client_addr,
	r.operation, r.entity_type, r.entity_id, r.unit_path, CAST(r.changes AS jsonb)
FROM unnest(CAST($1 AS timestamptz[]), CAST($2 AS text[]), CAST($3 AS text[]), CAST($4 AS text[]), CAST($5 AS text[]),
	CAST($6 AS text[]), CAST($7 AS text[]), CAST($8 AS text[]), CAST($9 AS bigint[]), CAST($10 AS text[]), CAST($11 AS text[]))
	AS r(occurred_at, actor_sub, actor_roles, actor_unit, request_id, client_addr, operation, entity_type, entity_id, unit_path, changes)`

// heldColumns are the held rows' values, a column each.
type heldColumns struct {
	at                                  []time.Time
	sub, roles, unit, request, addr, op []*string
	kind, path, changes                 []*string
	ids                                 []int64
}

// heldArrays writes rows, built by the audit hook, as ent's builders
// would: the same required fields and validators, each text as the
// store's blank-as-missing hook leaves it, JSON encoded alike.
func heldArrays(ctx context.Context, client *ent.Client, rows []*ent.AuditEventCreate) error {
	for i := 0; i < len(rows); i += arrayBatch {
		part := rows[i:min(i+arrayBatch, len(rows))]
		var c heldColumns
		for _, e := range part {
			if err := c.add(e.Mutation()); err != nil {
				return err
			}
		}
		if _, err := client.ExecContext(ctx, insertHeld, c.at, c.sub, c.roles, c.unit, c.request, c.addr,
			c.op, c.kind, c.ids, c.path, c.changes); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	return nil
}

func (c *heldColumns) add(m *ent.AuditEventMutation) error {
	at, ok := m.OccurredAt()
	if !ok {
		at = auditevent.DefaultOccurredAt()
	}
	id, ok := m.EntityID()
	if !ok {
		return errors.New(`ent: missing required field "AuditEvent.entity_id"`)
	}
	op, ok := m.Operation()
	if !ok {
		return errors.New(`ent: missing required field "AuditEvent.operation"`)
	}
	if err := auditevent.OperationValidator(op); err != nil {
		return invalid("operation", err)
	}
	var sub, unit, request, addr, kind, path *string
	for _, f := range []struct {
		name     string
		get      func() (string, bool)
		required bool
		check    func(string) error
		to       **string
	}{
		{"actor_sub", m.ActorSub, true, auditevent.ActorSubValidator, &sub},
		{"actor_unit", m.ActorUnit, false, auditevent.ActorUnitValidator, &unit},
		{"request_id", m.RequestID, false, auditevent.RequestIDValidator, &request},
		{"client_addr", m.ClientAddr, false, auditevent.ClientAddrValidator, &addr},
		{"entity_type", m.EntityType, true, auditevent.EntityTypeValidator, &kind},
		{"unit_path", m.UnitPath, false, auditevent.UnitPathValidator, &path},
	} {
		v, set := f.get()
		b, ok := blank(v).(string)
		if !set || !ok {
			if f.required {
				return fmt.Errorf(`ent: missing required field "AuditEvent.%s"`, f.name)
			}
			continue
		}
		if err := f.check(b); err != nil {
			return invalid(f.name, err)
		}
		*f.to = &b
	}
	var err error
	var roles, changes *string
	if v, set := m.ActorRoles(); set {
		if roles, err = jsonText(v); err != nil {
			return err
		}
	}
	if v, set := m.Changes(); set {
		if changes, err = jsonText(v); err != nil {
			return err
		}
	}
	o := string(op)
	c.at, c.ids = append(c.at, at), append(c.ids, int64(id))
	c.sub, c.roles, c.unit = append(c.sub, sub), append(c.roles, roles), append(c.unit, unit)
	c.request, c.addr, c.op = append(c.request, request), append(c.addr, addr), append(c.op, &o)
	c.kind, c.path, c.changes = append(c.kind, kind), append(c.path, path), append(c.changes, changes)
	return nil
}

func jsonText(v any) (*string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	s := string(b)
	return &s, nil
}
