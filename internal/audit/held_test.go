package audit_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// heldRows are audit rows as the hook builds them: a viewer's and the
// system's, texts the blank-as-missing hook trims or drops, changes with
// Vietnamese text, nested values and instants.
func heldRows(c *ent.Client, at time.Time) []*ent.AuditEventCreate {
	return []*ent.AuditEventCreate{
		c.AuditEvent.Create().SetOccurredAt(at).SetOperation(domain.AuditOperationUpdate).SetEntityType("Idea").
			SetEntityID(7).SetUnitPath(" /1/4/ ").SetRequestID("r-1").SetClientAddr("   ").
			SetActorSub("ward-officer").SetActorRoles([]string{"UNIT_OFFICER"}).SetActorUnit("P-BEN-NGHE").
			SetChanges(map[string]any{"status": map[string]any{"old": "DRAFT", "new": "SUBMITTED"},
				"title": map[string]any{"new": "Số hoá hồ sơ “một cửa”"}, "updated_at": map[string]any{"new": at}}),
		c.AuditEvent.Create().SetOccurredAt(at.Add(time.Microsecond)).SetOperation(domain.AuditOperationCreate).
			SetEntityType("IdeaEvent").SetEntityID(1 << 40).SetActorSub("system"),
	}
}

// TestHeldRowsAsEntWritesThem: on PostgreSQL a Hold's rows go as one raw
// INSERT of arrays (sent with COMMIT); the rows stored are those ent's
// builders store, and the rows ent refuses are refused alike.
func TestHeldRowsAsEntWritesThem(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	st, err := store.Open(ctx, storetest.URL(t, "postgres"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2025, 12, 31, 23, 30, 0, 123456000, time.FixedZone("ICT", 7*3600))
	written := map[bool][][]any{}
	for _, pg := range []bool{false, true} {
		tx, err := st.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := audit.WriteHeld(ctx, tx.Client(), heldRows(tx.Client(), at), pg); err != nil {
			t.Fatalf("pg %v: %v", pg, err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		written[pg] = lastTwo(t, st)
	}
	if !reflect.DeepEqual(written[false], written[true]) {
		t.Errorf("ent wrote\n%+v\nthe raw INSERT\n%+v", written[false], written[true])
	}
	if p := written[true][1][9]; p != "/1/4/" {
		t.Errorf("unit path %q, want the trimmed /1/4/", p)
	}

	for name, bad := range map[string]func(*ent.AuditEventCreate){
		"a blank entity type": func(e *ent.AuditEventCreate) { e.SetEntityType("   ") },
		"a long actor":        func(e *ent.AuditEventCreate) { e.SetActorSub(strings.Repeat("x", 256)) },
		"an unknown operation": func(e *ent.AuditEventCreate) {
			e.SetOperation(domain.AuditOperation("RENAME"))
		},
	} {
		for _, pg := range []bool{false, true} {
			tx, err := st.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			rows := heldRows(tx.Client(), at)
			bad(rows[1])
			err = audit.WriteHeld(ctx, tx.Client(), rows, pg)
			if err == nil {
				err = tx.Commit()
			} else {
				_ = tx.Rollback()
			}
			if err == nil {
				t.Errorf("%s (pg %v) was written", name, pg)
			}
		}
	}
	if n := st.Client.AuditEvent.Query().CountX(ctx); n != 4 {
		t.Errorf("%d audit rows, want the 4 written", n)
	}
}

// lastTwo reads the last two audit rows as stored, every column but the id:
// NULL apart from "", JSON as the server keeps it.
func lastTwo(t *testing.T, st *store.Store) [][]any {
	t.Helper()
	rows, err := st.DB.Query(`SELECT occurred_at, actor_sub, actor_roles::text, actor_unit, request_id, client_addr,
		operation, entity_type, entity_id, unit_path, changes::text FROM audit_events ORDER BY id DESC LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		r := make([]any, 11)
		ptrs := make([]any, len(r))
		for i := range r {
			ptrs[i] = &r[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}
