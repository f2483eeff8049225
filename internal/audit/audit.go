// Package audit records every state change as an AuditEvent, written by an
// ent hook in the same transaction as the change, so a change and its audit
// row commit or roll back together.
package audit

import (
	"context"
	"reflect"

	entgo "entgo.io/ent"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/pgtx"
)

type suppressKey struct{}

// Suppress returns a context whose changes are not audited row by row: bulk
// loads (demo data, imports) write one summary event of their own instead.
func Suppress(ctx context.Context) context.Context {
	return context.WithValue(ctx, suppressKey{}, true)
}

// Suppressed reports whether the context is a bulk load's (see Suppress).
func Suppressed(ctx context.Context) bool {
	s, _ := ctx.Value(suppressKey{}).(bool)
	return s
}

type unitPathKey struct{}

// FiledUnder returns a context whose audited changes are filed under the
// unit path given: a caller that already knows the unit its records
// belong to (an idea's action: the idea and its event) spares the hook the
// lookups pathOf would make to find the same path.
func FiledUnder(ctx context.Context, unitPath string) context.Context {
	return context.WithValue(ctx, unitPathKey{}, unitPath)
}

// change is one field's values before and after.
type change struct {
	Old any `json:"old,omitempty"`
	New any `json:"new"`
}

// Hook audits the mutations of one kind of record.
func Hook(kind string) entgo.Hook {
	return func(next entgo.Mutator) entgo.Mutator {
		return entgo.MutateFunc(func(ctx context.Context, m entgo.Mutation) (entgo.Value, error) {
			if Suppressed(ctx) {
				return next.Mutate(ctx, m)
			}
			sys := privacy.DecisionContext(ctx, privacy.Allow)
			id, _ := m.(interface{ ID() (int, bool) }).ID()
			changes := make(map[string]any, len(m.Fields()))
			for _, f := range m.Fields() {
				v, _ := m.Field(f)
				c := change{New: v}
				if m.Op().Is(entgo.OpUpdateOne) {
					c.Old, _ = m.OldField(sys, f)
				}
				changes[f] = c
			}
			for _, e := range m.AddedEdges() {
				changes["+"+e] = m.AddedIDs(e)
			}
			for _, e := range m.RemovedEdges() {
				changes["-"+e] = m.RemovedIDs(e)
			}
			if m.Op().Is(entgo.OpUpdate | entgo.OpDelete) {
				if ids, err := m.(interface {
					IDs(context.Context) ([]int, error)
				}).IDs(sys); err == nil {
					changes["ids"] = ids
				}
			}
			var unitID any
			if m.Op().Is(entgo.OpDeleteOne) {
				unitID, _ = m.OldField(sys, "unit_id")
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if m.Op().Is(entgo.OpCreate) {
				id = intField(v, "ID")
			}
			if uid := intField(v, "UnitID"); uid != 0 {
				unitID = uid
			}
			client := m.(interface{ Client() *ent.Client }).Client()
			path := pathOf(sys, client, kind, v, unitID)
			viewer := access.FromContext(ctx)
			e := client.AuditEvent.Create().
				SetOperation(operation(m.Op())).
				SetEntityType(kind).
				SetEntityID(id).
				SetUnitPath(path).
				SetRequestID(access.RequestID(ctx)).SetClientAddr(access.ClientAddr(ctx)).
				SetChanges(changes)
			if viewer != nil {
				roles := make([]string, len(viewer.Roles))
				for i, r := range viewer.Roles {
					roles[i] = string(r)
				}
				e.SetActorSub(viewer.Sub).SetActorRoles(roles).SetActorUnit(viewer.UnitCode)
			} else {
				e.SetActorSub("system")
			}
			if h := heldIn(ctx); h != nil {
				h.keep(ctx, e)
				return v, nil
			}
			if pgtx.Driving(ctx) && client.InTx() {
				// Sent with the transaction's next statement or its COMMIT
				// instead of in a round trip of its own; a failure fails
				// that statement and so the transaction: never a change
				// committed without its row.
				return v, heldArrays(pgtx.Deferred(ctx), client, []*ent.AuditEventCreate{e})
			}
			if err := e.Exec(sys); err != nil {
				return nil, err
			}
			return v, nil
		})
	}
}

func operation(op entgo.Op) domain.AuditOperation {
	switch {
	case op.Is(entgo.OpCreate):
		return domain.AuditOperationCreate
	case op.Is(entgo.OpDelete | entgo.OpDeleteOne):
		return domain.AuditOperationDelete
	default:
		return domain.AuditOperationUpdate
	}
}

// pathOf is the unit path an audit row is filed under, so that a unit's
// officers read the changes to their own records: the record's unit, or for
// a record of an idea without a unit of its own (its events) the idea's,
// and only failing both the actor's.
func pathOf(ctx context.Context, client *ent.Client, kind string, v entgo.Value, unitID any) string {
	if u, ok := v.(*ent.Unit); ok && kind == "Unit" {
		return u.Path
	}
	if p, ok := ctx.Value(unitPathKey{}).(string); ok {
		return p
	}
	if id, ok := unitID.(int); ok && id != 0 {
		if p, err := client.Unit.Query().Where(unit.ID(id)).Select(unit.FieldPath).String(ctx); err == nil {
			return p
		}
	}
	if id := intField(v, "IdeaID"); id != 0 {
		if p, err := client.Unit.Query().Where(unit.HasIdeasWith(idea.ID(id))).Select(unit.FieldPath).String(ctx); err == nil {
			return p
		}
	}
	if viewer := access.FromContext(ctx); viewer != nil {
		return viewer.UnitPath
	}
	return ""
}

// intField reads an int field of a generated entity.
func intField(v entgo.Value, name string) int {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return 0
	}
	f := rv.Elem().FieldByName(name)
	switch {
	case !f.IsValid():
		return 0
	case f.Kind() == reflect.Int:
		return int(f.Int())
	case f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Int:
		return int(f.Elem().Int())
	}
	return 0
}
