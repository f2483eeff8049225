package importer

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// TestImportIntegrityRecords — Kế hoạch 1821, mục III: a person disciplined
// in a year is not awarded for it. The board brings the records it holds on
// paper with the decisions behind them; a row again changes nothing, a
// lifting updates the record. A record without its decision's date, for a
// person who did not work in the unit that year, decided before its year,
// lifted without the lifting decision's number or day, or lifted before it
// was imposed is named row by row — in a dry run as in the write — and the
// file writes nothing.
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
		bads := [][]string{
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "13/QĐ-KL", "", "", "", "", ""},
			{"PX-HAI", "CB9000001", "2024", "Kỷ luật", "14/QĐ-KL", "03/04/2025", "", "", "", ""},
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "15/QĐ-KL", "03/04/2025", "", "", "01/06/2025", ""},
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "16/QĐ-KL", "03/04/2025", "", "", "", "21/QĐ-XKL"},
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "17/QĐ-KL", "03/04/2023", "", "", "", ""},
			{"Q-THU", "CB9000001", "2024", "Kỷ luật", "18/QĐ-KL", "03/04/2025", "", "", "01/01/2025", "22/QĐ-XKL"},
		}
		for _, bad := range bads {
			for _, dry := range []bool{true, false} {
				r, err := Run(board(), st.Client, IntegrityRecords, "k.csv", readerOf(csvFile(t, IntegrityRecords, [][]string{bad})), dry)
				if err != nil || r.OK() || len(r.Problems) == 0 || r.Problems[0].Row != 2 {
					t.Errorf("%v (dry run %v): %v %+v, want the row named as a problem", bad, dry, err, r)
				}
			}
		}
		// One file with every bad row: each is named, not only the first.
		r, err := Run(board(), st.Client, IntegrityRecords, "k.csv", readerOf(csvFile(t, IntegrityRecords, bads)), true)
		if err != nil || len(r.Problems) != len(bads) {
			t.Errorf("every bad row in one file: %v, %d problems %+v, want %d", err, len(r.Problems), r.Problems, len(bads))
		}
		if dump(t, st.DB) != before {
			t.Error("a refused file wrote something")
		}
	})
}
