package importer

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// TestUnitByName: an office's list names the unit ("phường một", in any
// case or tone placement) where the template wants its code; a name of one
// unit is read as its code with a notice, a name of none is refused with
// what to write instead (issue 18: "common header synonyms (Họ tên, Đơn
// vị …)": a column "Đơn vị" holds names).
func TestUnitByName(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importAll(t, st, false)
		rows := [][]string{
			{"CB9000101", "Lê Văn Tên", "Nam", "1990", "", "phường một", "Công chức", "", "", "01/08/2025", ""},
			{"CB9000102", "Lê Văn Khác", "Nam", "1991", "", "Phường Không Có", "Công chức", "", "", "01/08/2025", ""},
		}
		res := run(t, st, People, "ten.xlsx", workbook(t, People, rows), true)
		if len(res.Problems) != 1 || res.Problems[0].Row != 3 || res.Problems[0].Letter() != "F" || !strings.Contains(res.Problems[0].Message, "ghi mã đơn vị") {
			t.Errorf("problems: %+v", res.Problems)
		}
		found := false
		for _, n := range res.Notices {
			found = found || n.Row == 2 && strings.Contains(n.Message, "PX-MOT")
		}
		if !found {
			t.Errorf("notices: %+v", res.Notices)
		}
		res = run(t, st, People, "ten.xlsx", workbook(t, People, rows[:1]), false)
		if !res.OK() || res.Created != 1 {
			t.Errorf("by name: %s %+v", counts(res), res.Problems)
		}
	})
}

// TestPhoneColumn: a staff list's phone column is read (issue 18: "there
// is no phone column") and stored as its digits; a cell that is not one
// number is refused naming it.
func TestPhoneColumn(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importAll(t, st, false)
		row := func(code, phone string) []string {
			return []string{code, "Lê Văn Số " + code[len(code)-1:], "Nam", "1990", "", "PX-MOT", "Công chức", "", "", "01/08/2025", "", "", phone}
		}
		res := run(t, st, People, "so.xlsx", workbook(t, People, [][]string{row("CB9000201", "không có"), row("CB9000202", "0903 123 456 - 028 3829 1234 - 0911")}), true)
		if len(res.Problems) != 2 || res.Problems[0].Letter() != "M" || !strings.Contains(res.Problems[1].Message, "mỗi ô một số") {
			t.Errorf("problems: %+v", res.Problems)
		}
		res = run(t, st, People, "so.xlsx", workbook(t, People, [][]string{row("CB9000201", "(028) 3829.1234")}), false)
		if !res.OK() || res.Created != 1 {
			t.Fatalf("%s %+v", counts(res), res.Problems)
		}
		var phone string
		if err := st.DB.QueryRow(`SELECT phone FROM people WHERE code = 'CB9000201'`).Scan(&phone); err != nil || phone != "02838291234" {
			t.Errorf("stored %q (%v)", phone, err)
		}
	})
}
