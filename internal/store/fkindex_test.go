package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// unindexedForeignKeys are the foreign keys no index leads with, each for a
// reason: the rows are read from the other side, or the table stays small.
// A new edge must either get an index (ent/schema's Indexes) or a line
// here saying why not.
var unindexedForeignKeys = []string{
	"award_ideas.idea_id",            // ent's join table of an award's ideas, read from the award
	"nomination_ideas.idea_id",       // the same for a nomination
	"exemplar_ideas.idea_id",         // the board's register: tens of rows a year
	"exemplar_awards.award_id",       // the same
	"idea_proposers.person_id",       // ent's join table; its key leads with the idea
	"unit_successors.predecessor_id", // a reorganisation's successors, read from the unit that ends
	"idea_events.actor_person_id",    // who acted, read with the event
	"unit_plans.phase_id",            // a handful of phases; plans are read by unit (unit_id leads)
	"unit_reports.phase_id",          // the same for reports
	"report_calls.reach_subtree_id",  // the board's calls: tens
	"chosen_problems.idea_id",        // one a unit and year, read by unit
	"exemplars.person_id",            // the register, read whole
	"exemplars.unit_id",              // the same
}

// TestForeignKeysIndexed: every foreign key of the PostgreSQL schema has an
// index that leads with it, or a reason in unindexedForeignKeys. Without
// one, a lookup by the key reads the whole table: the demo seed's awards
// (a nomination's dossier documents by nomination, within one growing
// transaction) took over 7 minutes at city scale, 4 min 16 s with them.
func TestForeignKeysIndexed(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.URL(t, "postgres"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB.QueryContext(ctx, `
SELECT c.conrelid::regclass::text || '.' || a.attname
FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
  AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var unindexed []string
	for rows.Next() {
		var fk string
		if err := rows.Scan(&fk); err != nil {
			t.Fatal(err)
		}
		unindexed = append(unindexed, fk)
		if !slices.Contains(unindexedForeignKeys, fk) {
			t.Errorf("foreign key %s has no index leading with it: add one in ent/schema (and make migration), or say in unindexedForeignKeys why it needs none", fk)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, fk := range unindexedForeignKeys {
		if !slices.Contains(unindexed, fk) {
			t.Errorf("%s is listed as unindexed but is indexed (or gone): drop it from unindexedForeignKeys", fk)
		}
	}
}
