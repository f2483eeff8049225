package audit

import (
	"context"
	"errors"
	"sync"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/auditevent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/pgtx"
)

type heldKey struct{}

// held is the audit rows of the writes made within one Hold.
type held struct {
	mu   sync.Mutex
	rows []*ent.AuditEventCreate
	// pg: the writes ran on pgtx (PostgreSQL), which sends the rows with
	// COMMIT instead of in a round trip of their own.
	pg bool
}

// Hold returns a context whose audit rows the hook keeps instead of
// writing one INSERT each, and the function that writes them, through the
// client it is given, in one INSERT (a batch of 500 per INSERT past that):
// with the store on another host, every INSERT is a round trip while the
// transaction holds its row locks. The rows are those the hook would have
// written, their occurred_at taken when the change was made.
//
// The caller makes every audited write within ctx in one transaction, the
// client's, and writes the rows before that transaction commits: rows
// kept and never written would leave a committed change unaudited. When
// it fails before writing them, it must not commit (a GraphQL mutation
// that returns an error is rolled back). So client must be a
// transaction's: outside one each write would commit on its own, and a
// failure between a write and the rows would leave it unaudited; Hold
// refuses before anything is written.
func Hold(ctx context.Context, client *ent.Client) (context.Context, func(context.Context, *ent.Client) error, error) {
	if !client.InTx() {
		return ctx, nil, errNotInTx
	}
	h := &held{}
	return context.WithValue(ctx, heldKey{}, h), h.write, nil
}

var errNotInTx = errors.New("audit.Hold: the client is not a transaction's; the held rows would not commit with the change")

func heldIn(ctx context.Context) *held {
	h, _ := ctx.Value(heldKey{}).(*held)
	return h
}

func (h *held) keep(ctx context.Context, e *ent.AuditEventCreate) {
	e.SetOccurredAt(auditevent.DefaultOccurredAt())
	h.mu.Lock()
	h.rows = append(h.rows, e)
	h.pg = h.pg || pgtx.Driving(ctx)
	h.mu.Unlock()
}

func (h *held) write(ctx context.Context, client *ent.Client) error {
	h.mu.Lock()
	rows, pg := h.rows, h.pg
	h.rows = nil
	h.mu.Unlock()
	if pg {
		// Deferred: nothing reads these rows' result, and a failure of
		// theirs fails the COMMIT they go with, so nothing commits
		// unaudited.
		return heldArrays(pgtx.Deferred(ctx), client, rows)
	}
	sys := live.Bulk(privacy.DecisionContext(ctx, privacy.Allow))
	for i := 0; i < len(rows); i += bulkBatch {
		if err := client.AuditEvent.CreateBulk(rows[i:min(i+bulkBatch, len(rows))]...).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}
