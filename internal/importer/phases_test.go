package importer

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// TestImportPhases: a new store's first file is its phases and their
// milestones (issue 15, "no fact the rules read may be writable only by the
// seed"); the same file again changes nothing, a corrected one updates, and
// a milestone outside the phase is refused by the same rules as
// createPhase, with nothing written.
func TestImportPhases(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		rows := [][]string{
			{"2022-2025", "30/06/2023", "12-15", "30/09/2025", ""},
			{"2026-2030", "31/03/2026", "12-15", "30/09/2028", "30/09/2030"},
		}
		if r := run(t, st, Phases, "p.csv", csvFile(t, Phases, rows), false); !r.OK() || r.Created != 2 {
			t.Fatalf("first import: %s %+v", counts(r), r.Problems)
		}
		if r := run(t, st, Phases, "p.xlsx", workbook(t, Phases, rows), false); !r.OK() || r.Unchanged != 2 {
			t.Errorf("the same file again: %s %+v", counts(r), r.Problems)
		}
		rows[1][1] = "15/04/2026"
		if r := run(t, st, Phases, "p.csv", csvFile(t, Phases, rows), false); !r.OK() || r.Updated != 1 || r.Unchanged != 1 {
			t.Errorf("a corrected file: %s %+v", counts(r), r.Problems)
		}
		before := dump(t, st.DB)
		for _, bad := range [][]string{
			{"2026-2030", "31/03/2031", "", "", ""},
			{"2026-2030", "", "02-30", "", ""},
			{"2026-20", "", "", "", ""},
		} {
			r := run(t, st, Phases, "p.csv", csvFile(t, Phases, [][]string{bad}), false)
			if r.OK() || len(r.Problems) == 0 {
				t.Errorf("%v: accepted (%s)", bad, counts(r))
			}
		}
		if dump(t, st.DB) != before {
			t.Error("a refused file wrote something")
		}
		// A dry run refuses what the store would: years outside 2000–2100.
		if r := run(t, st, Phases, "p.csv", csvFile(t, Phases, [][]string{{"1990-1995", "", "", "", ""}}), true); r.OK() {
			t.Errorf("a dry run accepted phase 1990-1995 (%s)", counts(r))
		}
	})
}
