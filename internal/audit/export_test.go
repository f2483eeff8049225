package audit

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
)

// WriteHeld writes rows as a Hold's write does, on PostgreSQL's raw path
// (pg) or through ent's builders.
func WriteHeld(ctx context.Context, client *ent.Client, rows []*ent.AuditEventCreate, pg bool) error {
	h := &held{rows: rows, pg: pg}
	return h.write(ctx, client)
}
