package importer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// edit opens a people workbook made by workbook, lets fn change it, and
// returns its bytes.
func edit(t *testing.T, file []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func has(ps []Problem, row int, letter, says string) bool {
	for _, p := range ps {
		if p.Row == row && (letter == "" || p.Letter() == letter) && strings.Contains(p.Message, says) {
			return true
		}
	}
	return false
}

func staffRow(code, name string) []string {
	return []string{code, name, "Nam", "1985", "", "PX-MOT", "Công chức", "", "", "01/08/2025", ""}
}

// TestOutsideReview: what an outside tester, as a district's HR officer,
// found stored without a word or refused without help (issue 18: "no case
// stores wrong data without a notice"), each on the file shape they sent.
func TestOutsideReview(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importAll(t, st, false)
		before := dump(t, st.DB)
		base := workbook(t, People, [][]string{staffRow("CB9000301", "Lê Văn Một"), staffRow("CB9000302", "Lê Văn Hai")})

		// A second sheet with one person typed and no header: refused by name.
		file := edit(t, base, func(f *excelize.File) {
			_, _ = f.NewSheet("Bổ sung")
			_ = f.SetSheetRow("Bổ sung", "A1", &[]any{"CB9000303", "Lê Văn Ba", "Nam", "1985", "", "PX-MOT", "Công chức"})
		})
		if res := run(t, st, People, "a.xlsx", file, false); res.OK() || !has(res.Problems, 0, "", "“Bổ sung”") {
			t.Errorf("second sheet: %+v", res.Problems)
		}

		// Hidden rows and columns are read, with a notice.
		file = edit(t, base, func(f *excelize.File) {
			_ = f.SetRowVisible("Dữ liệu", 3, false)
			_ = f.SetColVisible("Dữ liệu", "E", false)
		})
		res := run(t, st, People, "b.xlsx", file, true)
		if !res.OK() || !has(res.Notices, 0, "", "Các dòng 3 bị ẩn") || !has(res.Notices, 1, "", "E “Thư điện tử”") {
			t.Errorf("hidden: %+v %+v", res.Problems, res.Notices)
		}

		// A header and names typed in TCVN3 (.VnTime): the header is read
		// by its legacy reading, the names converted.
		file = edit(t, base, func(f *excelize.File) {
			_ = f.SetSheetRow("Dữ liệu", "A1", &[]any{"M· c¸n bé", "Hä vµ tªn"})
			_ = f.SetCellValue("Dữ liệu", "B2", "NguyÔn V¨n Mét")
			font, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: ".VnTime"}})
			_ = f.SetCellStyle("Dữ liệu", "A1", "B3", font)
		})
		res = run(t, st, People, "c.xlsx", file, true)
		if !res.OK() || !has(res.Notices, 1, "", "Dòng tiêu đề gõ bằng phông cũ") || !has(res.Notices, 2, "B", "“Nguyễn Văn Một”") {
			t.Errorf("TCVN3 header: %+v %+v", res.Problems, res.Notices)
		}

		// One TCVN3 name among Unicode ones, no font: refused with its reading.
		file = workbook(t, People, [][]string{staffRow("CB9000301", "Lê Văn Một"), staffRow("CB9000302", "NguyÔn V¨n ChÝn")})
		if res := run(t, st, People, "d.xlsx", file, false); res.OK() || !has(res.Problems, 3, "B", "“Nguyễn Văn Chín”") {
			t.Errorf("stray TCVN3: %+v", res.Problems)
		}

		// A code in a number cell formatted 000000 is the code Excel shows.
		file = edit(t, base, func(f *excelize.File) {
			pad, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("000000")})
			_ = f.SetCellInt("Dữ liệu", "A2", 123)
			_ = f.SetCellStyle("Dữ liệu", "A2", "A2", pad)
		})
		res = run(t, st, People, "e.xlsx", file, true)
		if !res.OK() || res.Created != 2 || has(res.Notices, 2, "A", "ô kiểu số") {
			t.Errorf("padded code: %s %+v %+v", counts(res), res.Problems, res.Notices)
		}

		// Two new codes for one person in one file; names as formulas; a
		// formula saved without its value.
		dup := staffRow("CB9000304", "Lê Văn Một")
		file = workbook(t, People, [][]string{staffRow("CB9000301", "Lê Văn Một"), dup, staffRow("CB9000305", "=HYPERLINK(\"x\")")})
		res = run(t, st, People, "f.xlsx", edit(t, file, func(f *excelize.File) {
			_ = f.SetSheetRow("Dữ liệu", "A5", &[]any{"CB9000306", nil, "Nam", "1985", "", "PX-MOT", "Công chức", "", "", "01/08/2025"})
			_ = f.SetCellFormula("Dữ liệu", "B5", "CONCAT(\"Lê \",\"Văn\")")
		}), false)
		if res.OK() || !has(res.Problems, 3, "A", "dòng 2 (mã CB9000301)") || !has(res.Problems, 4, "B", "công thức") || !has(res.Problems, 5, "B", "chưa được tính") {
			t.Errorf("duplicates and formulas: %+v", res.Problems)
		}

		// List values without any accent are read; a wrong accent is not guessed.
		nu := staffRow("CB9000307", "Lê Thị Bảy")
		nu[2] = "Nu"
		wrong := staffRow("CB9000308", "Lê Thị Tám")
		wrong[2] = "Nũ"
		res = run(t, st, People, "g.xlsx", workbook(t, People, [][]string{nu, wrong}), true)
		if len(res.Problems) != 1 || !has(res.Problems, 3, "C", "Nam; Nữ; Khác") {
			t.Errorf("accents: %+v", res.Problems)
		}

		// An individual award under a unit the person did not work in that
		// year (CB9000001 worked in Q-THU until 01/07/2025, then PX-MOT).
		award := []string{"31/QĐ-UBND", "15/01/2025", "UBND", "2024", "Giấy khen của Thủ trưởng cơ quan, đơn vị", "Cá nhân", "PX-MOT", "CB9000001", ""}
		res = run(t, st, Awards, "h.xlsx", workbook(t, Awards, [][]string{award}), true)
		if res.OK() || !has(res.Problems, 2, "G", "không công tác tại đơn vị PX-MOT") {
			t.Errorf("award's unit: %+v", res.Problems)
		}
		if dump(t, st.DB) != before {
			t.Error("a refused or dry-run file wrote")
		}
	})
}

func ptr[T any](v T) *T { return &v }
