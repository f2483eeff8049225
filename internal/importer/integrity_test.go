package importer

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// TestImportIntegrityRecords — Kế hoạch 1821, mục III: a person disciplined
// in a year is not awarded for it. The board brings the records it holds on
// paper with the decisions behind them; a row again changes nothing, a
// lifting updates the record, and a record without its decision's date or
// for a person who did not work in the unit that year writes nothing.
func TestImportIntegrityRecords(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importAll(t, st, true)
		rows := [][]string{
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "12/QĐ-KL", "03/04/2025", "Khiển trách", "Vi phạm quy chế", "", ""},
			{"PX-HAI", "", "2025", "INTEGRITY", "3/KL-TTr", "10/09/2025", "", "", "", ""},
		}
		if r := run(t, st, IntegrityRecords, "k.csv", csvFile(t, IntegrityRecords, rows), false); !r.OK() || r.Created != 2 {
			t.Fatalf("first import: %s %+v", counts(r), r.Problems)
		}
		if r := run(t, st, IntegrityRecords, "k.xlsx", workbook(t, IntegrityRecords, rows), false); !r.OK() || r.Unchanged != 2 {
			t.Errorf("the same file again: %s %+v", counts(r), r.Problems)
		}
		rows[0][8], rows[0][9] = "01/06/2025", "20/QĐ-XKL"
		if r := run(t, st, IntegrityRecords, "k.csv", csvFile(t, IntegrityRecords, rows), false); !r.OK() || r.Updated != 1 {
			t.Errorf("a lifting: %s %+v", counts(r), r.Problems)
		}
		before := dump(t, st.DB)
		for _, bad := range [][]string{
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "13/QĐ-KL", "", "", "", "", ""},
			{"PX-HAI", "CB9000001", "2024", "Kỷ luật", "14/QĐ-KL", "03/04/2025", "", "", "", ""},
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "15/QĐ-KL", "03/04/2025", "", "", "01/06/2025", ""},
		} {
			r, err := Run(board(), st.Client, IntegrityRecords, "k.csv", readerOf(csvFile(t, IntegrityRecords, [][]string{bad})), false)
			if err == nil && r.OK() {
				t.Errorf("%v: accepted", bad)
			} else if err != nil && !strings.Contains(err.Error(), "VALIDATION") {
				t.Errorf("%v: %v, want VALIDATION", bad, err)
			}
		}
		if dump(t, st.DB) != before {
			t.Error("a refused file wrote something")
		}
	})
}
