package importer

import (
	"context"
	"testing"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/store"
)

var reorgUnits = [][]string{
	{"Q-A", "Quận A", "Quận, huyện", "HCM", "01/01/2020", ""},
	{"Q-B", "Quận B", "Quận, huyện", "HCM", "01/01/2020", ""},
}

// TestImportReorganizations: a file of reorganisations is carried out in
// order (the second row renames the first row's ward); a second import
// changes nothing; a file whose later row fails leaves the store as it
// was, also inside a caller's transaction (a GraphQL mutation's).
func TestImportReorganizations(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		if r := run(t, st, Units, "u.xlsx", workbook(t, Units, reorgUnits), false); !r.OK() {
			t.Fatal(r.Problems)
		}
		rows := [][]string{
			{"Hợp nhất", "01/01/2026", "Q-A; Q-B", "PX-AB", "Phường AB", "Phường", "", "HCM", "", "Nghị quyết thử"},
			{"RENAME", "01/06/2026", "PX-AB", "PX-AB-MOI", "Phường AB Mới", "", "", "", "", ""},
		}
		file := workbook(t, Reorgs, rows)
		if r := run(t, st, Reorgs, "sap-xep.xlsx", file, false); !r.OK() || counts(r) != "rows 2 created 2 updated 0 unchanged 0" {
			t.Fatalf("%s %+v", counts(r), r.Problems)
		}
		sys := privacy.DecisionContext(context.Background(), privacy.Allow)
		ab := st.Client.Unit.Query().Where(unit.Code("PX-AB")).WithSuccessors().OnlyX(sys)
		if ab.ValidFrom.Format("2006-01-02") != "2026-01-01" || ab.ValidTo.Format("2006-01-02") != "2026-06-01" ||
			len(ab.Edges.Successors) != 1 || ab.Edges.Successors[0].Code != "PX-AB-MOI" {
			t.Errorf("PX-AB: %v–%v successors %v", ab.ValidFrom, ab.ValidTo, ab.Edges.Successors)
		}
		before := dump(t, st.DB)
		if r := run(t, st, Reorgs, "sap-xep.xlsx", file, false); !r.OK() || counts(r) != "rows 2 created 0 updated 0 unchanged 2" {
			t.Errorf("second import: %s %+v", counts(r), r.Problems)
		}
		if dump(t, st.DB) != before {
			t.Error("the second import changed the store")
		}

		// Two new districts, then a file whose second row names a unit
		// that does not exist: nothing of the first row stays.
		if r := run(t, st, Units, "u.xlsx", workbook(t, Units, [][]string{{"Q-C", "Quận C", "Quận, huyện", "HCM", "01/01/2020", ""},
			{"Q-D", "Quận D", "Quận, huyện", "HCM", "01/01/2020", ""}}), false); !r.OK() {
			t.Fatal(r.Problems)
		}
		before = dump(t, st.DB)
		bad := workbook(t, Reorgs, [][]string{
			{"Hợp nhất", "01/01/2026", "Q-C; Q-D", "PX-CD", "Phường CD", "Phường", "", "HCM", "", ""},
			{"Giải thể", "01/01/2026", "Q-KHONG-CO", "", "", "", "", "", "", ""},
		})
		r := run(t, st, Reorgs, "loi.xlsx", bad, false)
		if r.OK() || r.Problems[0].Row != 3 || r.Problems[0].Column != "Mã đơn vị được sắp xếp" || !hasDiacritics(r.Problems[0].Message) {
			t.Errorf("bad file: %+v", r.Problems)
		}
		if dump(t, st.DB) != before {
			t.Error("a file with a failing row changed the store")
		}
		tx, err := st.Client.Tx(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run(ent.NewContext(board(), tx.Client()), st.Client, Reorgs, "loi.xlsx", readerOf(bad), false)
		if err != nil || res.OK() {
			t.Fatalf("in a transaction: %v %+v", err, res.Problems)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if dump(t, st.DB) != before {
			t.Error("inside a caller's transaction, a file with a failing row left writes to commit")
		}
	})
}
