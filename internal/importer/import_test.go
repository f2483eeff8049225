package importer

import (
	"bytes"
	"context"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store"
)

var (
	unitRows = [][]string{
		{"PX-MOT", "Phường Một", "Phường", "Q-THU", "01/07/2025", ""},
		{"Q-THU", "Quận Thử", "Quận, huyện", "HCM", "", "01/07/2025"},
		{"PX-HAI", "Phường Hai", "WARD", "HCM", "2025-07-01", ""},
	}
	peopleRows = [][]string{
		{"CB9000001", "Trần Thị Mẫu", "Nữ", "1988", "mau@example.gov.vn", "Q-THU", "Công chức", "Chuyên viên", "Chuyên viên", "01/01/2020", "01/07/2025"},
		{"CB9000001", "Trần Thị Mẫu", "Nữ", "1988", "mau@example.gov.vn", "PX-MOT", "Công chức", "Cán bộ thi đua", "Chuyên viên", "01/07/2025", ""},
		{"CB9000002", "Lê Văn Thử", "MALE", "", "", "PX-HAI", "CIVIL_SERVANT", "HEAD", "Chủ tịch", "01/07/2025", ""},
	}
	headcountRows = [][]string{{"Q-THU", "2024", "120"}, {"PX-MOT", "2025", "45"}, {"PX-HAI", "2025", "38"}}
	awardRows     = [][]string{
		{"12/QĐ-UBND", "15/01/2025", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "2024", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "Cá nhân", "Q-THU", "CB9000001", ""},
		{"12/QĐ-UBND", "15/01/2025", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "2024", "CITY_CHAIRMAN_CERTIFICATE", "Tập thể", "Q-THU", "", "Tập thể xuất sắc"},
	}
)

// importAll imports the four files in their order and returns the results.
func importAll(t *testing.T, st *store.Store, csv bool) []Result {
	var out []Result
	for _, f := range []struct {
		k    Kind
		rows [][]string
	}{{Units, unitRows}, {People, peopleRows}, {Headcounts, headcountRows}, {Awards, awardRows}} {
		name, file := "tep.xlsx", workbook(t, f.k, f.rows)
		if csv {
			name, file = "tep.csv", csvFile(t, f.k, f.rows)
		}
		res := run(t, st, f.k, name, file, false)
		if !res.OK() {
			t.Fatalf("%s: %+v", f.k, res.Problems)
		}
		out = append(out, res)
	}
	return out
}

// TestImportTwice: the templates filled with valid data import; importing
// them again changes nothing, not even the audit log.
func TestImportTwice(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		first := importAll(t, st, false)
		want := []string{"rows 3 created 3 updated 0 unchanged 0", "rows 3 created 3 updated 0 unchanged 0",
			"rows 3 created 3 updated 0 unchanged 0", "rows 2 created 2 updated 0 unchanged 0"}
		for i, r := range first {
			if counts(r) != want[i] {
				t.Errorf("%s: %s, want %s", r.Kind, counts(r), want[i])
			}
		}
		sys := privacy.DecisionContext(context.Background(), privacy.Allow)
		ward := st.Client.Unit.Query().Where(unit.Code("PX-MOT")).WithParent().OnlyX(sys)
		if ward.Path != "/HCM/Q-THU/PX-MOT/" || ward.ValidFrom == nil || ward.ValidFrom.Format("2006-01-02") != "2025-07-01" {
			t.Errorf("ward: %s from %v", ward.Path, ward.ValidFrom)
		}
		p := st.Client.Person.Query().Where(person.Code("CB9000001")).WithMemberships().OnlyX(sys)
		if len(p.Edges.Memberships) != 2 || p.BirthYear == nil || *p.BirthYear != 1988 {
			t.Errorf("person: %+v", p)
		}
		audited := createsAudited(t, st.DB)
		if want := map[string]int{"Unit": 3, "Person": 2, "Membership": 3, "Headcount": 3, "Award": 2}; !maps.Equal(audited, want) {
			t.Errorf("creations audited: %v, want %v", audited, want)
		}
		before := dump(t, st.DB)
		for _, r := range importAll(t, st, true) { // the same data, as CSV
			if r.Created+r.Updated != 0 || r.Unchanged != r.Rows {
				t.Errorf("second import of %s: %s", r.Kind, counts(r))
			}
		}
		if after := dump(t, st.DB); after != before {
			t.Error("importing the same files again changed the store")
		}
	})
}

// TestImportCorrected: a corrected file updates what changed, and only that.
func TestImportCorrected(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importAll(t, st, false)
		units := slices.Clone(unitRows)
		units[2] = []string{"PX-HAI", "Phường Hai Mới", "WARD", "HCM", "2025-07-01", ""}
		if r := run(t, st, Units, "u.xlsx", workbook(t, Units, units), false); counts(r) != "rows 3 created 0 updated 1 unchanged 2" {
			t.Errorf("units: %s %+v", counts(r), r.Problems)
		}
		people := slices.Clone(peopleRows)
		people[2] = []string{"CB9000002", "Lê Văn Thử", "MALE", "1990", "thu@example.gov.vn", "PX-HAI", "CIVIL_SERVANT", "HEAD", "Chủ tịch", "01/07/2025", ""}
		if r := run(t, st, People, "p.xlsx", workbook(t, People, people), false); counts(r) != "rows 3 created 0 updated 1 unchanged 2" {
			t.Errorf("people: %s %+v", counts(r), r.Problems)
		}
		heads := [][]string{{"Q-THU", "2024", "121"}, {"PX-MOT", "2026", "47"}}
		if r := run(t, st, Headcounts, "h.csv", csvFile(t, Headcounts, heads), false); counts(r) != "rows 2 created 1 updated 1 unchanged 0" {
			t.Errorf("headcounts: %s %+v", counts(r), r.Problems)
		}
		sys := privacy.DecisionContext(context.Background(), privacy.Allow)
		if n := st.Client.Unit.Query().Where(unit.Code("PX-HAI")).OnlyX(sys).Name; n != "Phường Hai Mới" {
			t.Errorf("name %q", n)
		}
		if p := st.Client.Person.Query().Where(person.Code("CB9000002")).OnlyX(sys); p.Email != "thu@example.gov.vn" {
			t.Errorf("email %q", p.Email)
		}
	})
}

// TestImportErrors: each kind of error is reported with its row, column
// and a Vietnamese message, and a file with any error writes nothing.
func TestImportErrors(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importAll(t, st, false)
		cases := []struct {
			name   string
			kind   Kind
			rows   [][]string
			row    int
			column string
			says   string
		}{
			{"required", Units, [][]string{{"PX-BA", "", "Phường", "HCM", "", ""}}, 2, "Tên đơn vị", "Bắt buộc"},
			{"code", Units, [][]string{{"px ba", "Phường Ba", "Phường", "HCM", "", ""}}, 2, "Mã đơn vị", "chữ in hoa"},
			{"unknown parent", Units, [][]string{{"PX-BA", "Phường Ba", "Phường", "Q-KHONG", "", ""}}, 2, "Mã đơn vị cấp trên", "Không có đơn vị"},
			{"duplicate", Units, [][]string{{"PX-BA", "Phường Ba", "Phường", "HCM", "", ""}, {"PX-BA", "Phường Ba", "Phường", "HCM", "", ""}}, 3, "Mã đơn vị", "đã có ở dòng 2"},
			{"date", Units, [][]string{{"PX-BA", "Phường Ba", "Phường", "HCM", "31/02/2025", ""}}, 2, "Hiệu lực từ ngày", "không hợp lệ"},
			{"period", Units, [][]string{{"PX-BA", "Phường Ba", "Phường", "HCM", "01/07/2025", "01/01/2025"}}, 2, "Hiệu lực đến ngày", "phải sau"},
			{"enum", Units, [][]string{{"PX-BA", "Phường Ba", "Làng", "HCM", "", ""}}, 2, "Loại đơn vị", "không có trong danh mục"},
			{"cycle", Units, [][]string{{"X-A", "A", "Phường", "X-B", "", ""}, {"X-B", "B", "Phường", "X-A", "", ""}}, 2, "Mã đơn vị cấp trên", "vòng lặp"},
			{"valid row before a bad one", Units, [][]string{{"PX-BA", "Phường Ba", "Phường", "HCM", "", ""}, {"PX-BON", "Phường Bốn", "Phường", "HCM", "hôm qua", ""}}, 3, "Hiệu lực từ ngày", "không hợp lệ"},
			{"unit unknown", People, [][]string{{"CB9000003", "Phạm Văn Ba", "Nam", "", "", "PX-KHONG", "Công chức", "", "", "01/01/2024", ""}}, 2, "Mã đơn vị công tác", "nhập danh mục đơn vị trước"},
			{"person disagrees", People, [][]string{{"CB9000003", "Phạm Văn Ba", "Nam", "", "", "PX-MOT", "Công chức", "", "", "01/01/2024", ""}, {"CB9000003", "Phạm Văn Bốn", "Nam", "", "", "PX-HAI", "Công chức", "", "", "01/01/2024", ""}}, 3, "Mã cán bộ", "khác với dòng 2"},
			{"membership twice", People, [][]string{{"CB9000003", "Phạm Văn Ba", "Nam", "", "", "PX-MOT", "Công chức", "", "", "01/01/2024", ""}, {"CB9000003", "Phạm Văn Ba", "Nam", "", "", "PX-MOT", "Viên chức", "", "", "01/01/2024", ""}}, 3, "Từ ngày", "đã có ở dòng 2"},
			{"birth year", People, [][]string{{"CB9000003", "Phạm Văn Ba", "Nam", "1890", "", "PX-MOT", "Công chức", "", "", "01/01/2024", ""}}, 2, "Năm sinh", "số nguyên"},
			{"headcount", Headcounts, [][]string{{"PX-MOT", "2025", "-3"}}, 2, "Biên chế", "số nguyên"},
			{"headcount twice", Headcounts, [][]string{{"PX-MOT", "2025", "3"}, {"PX-MOT", "2025", "4"}}, 3, "Năm", "đã có ở dòng 2"},
			{"individual without person", Awards, [][]string{{"13/QĐ-UBND", "15/01/2025", "UBND", "2024", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "Cá nhân", "Q-THU", "", ""}}, 2, "Mã cán bộ được khen", "Bắt buộc khi khen cá nhân"},
			{"decided award differs", Awards, [][]string{{"12/QĐ-UBND", "15/01/2025", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "2023", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "Cá nhân", "Q-THU", "CB9000001", ""}}, 2, "Số quyết định", "không sửa được"},
			// §III.4 “khen thưởng thường xuyên hằng năm”: one standing award
			// per recipient, level and year — in the file, against the store
			// (CB9000001 holds 12/QĐ-UBND's for 2024), and decided by now.
			{"the same award twice in the file", Awards, [][]string{
				{"20/QĐ-UBND", "15/01/2025", "UBND", "2023", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "Cá nhân", "Q-THU", "CB9000001", ""},
				{"21/QĐ-UBND", "16/01/2025", "UBND", "2023", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "Cá nhân", "Q-THU", "CB9000001", ""}}, 3, "Hình thức khen thưởng", "ở dòng 2"},
			{"an award the recipient already holds", Awards, [][]string{{"22/QĐ-UBND", "20/01/2025", "UBND", "2024", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "Cá nhân", "Q-THU", "CB9000001", ""}}, 2, "Hình thức khen thưởng", "12/QĐ-UBND"},
			{"a decision not yet made", Awards, [][]string{{"23/QĐ-UBND", "15/01/2099", "UBND", "2098", "Giấy khen của Thủ trưởng cơ quan, đơn vị", "Tập thể", "Q-THU", "", ""}}, 2, "Ngày quyết định", "sau năm"},
			{"award for a year after its decision", Awards, [][]string{{"14/QĐ-UBND", "15/01/2025", "UBND", "2026", "Giấy khen của Thủ trưởng cơ quan, đơn vị", "Tập thể", "Q-THU", "", ""}}, 2, "Ngày quyết định", "không thể khen"},
		}
		before := dump(t, st.DB)
		for _, c := range cases {
			for _, dry := range []bool{false, true} {
				res := run(t, st, c.kind, "loi.xlsx", workbook(t, c.kind, c.rows), dry)
				found := false
				for _, p := range res.Problems {
					found = found || p.Row == c.row && p.Column == c.column && strings.Contains(p.Message, c.says)
				}
				if !found {
					t.Errorf("%s: want row %d %q %q, got %+v", c.name, c.row, c.column, c.says, res.Problems)
				}
			}
		}
		for name, file := range map[string][]byte{"a.pdf": []byte("%PDF"), "a.xlsx": []byte("not a workbook"), "a.csv": []byte("Cột lạ,Tên\nX,Y\n")} {
			if res := run(t, st, Units, name, file, false); res.OK() {
				t.Errorf("%s accepted", name)
			}
		}
		if after := dump(t, st.DB); after != before {
			t.Error("a file with errors changed the store")
		}
	})
}

// TestImportDryRunAndAccess: a dry run says what would be done and writes
// nothing; only the board imports.
func TestImportDryRunAndAccess(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		before := dump(t, st.DB)
		res := run(t, st, Units, "u.xlsx", workbook(t, Units, unitRows), true)
		if !res.OK() || counts(res) != "rows 3 created 3 updated 0 unchanged 0" || !res.DryRun {
			t.Errorf("dry run: %s %+v", counts(res), res.Problems)
		}
		if dump(t, st.DB) != before {
			t.Error("a dry run wrote")
		}
		head := access.NewContext(context.Background(), &access.Viewer{Sub: "head", Roles: []access.Role{access.UnitAdmin, access.UnitHead}, UnitCode: "HCM"})
		if _, err := Run(head, st.Client, Units, "u.xlsx", bytes.NewReader(workbook(t, Units, unitRows)), false); err == nil || !strings.Contains(err.Error(), "FORBIDDEN") {
			t.Errorf("a unit admin imported: %v", err)
		}
	})
}

// TestDocsListEveryColumn: docs/import.md lists every column of every
// template with its header.
func TestDocsListEveryColumn(t *testing.T) {
	doc, err := os.ReadFile("../../docs/import.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds {
		section := "### `" + strings.ToLower(string(k)) + "`"
		at := strings.Index(string(doc), section)
		if at < 0 {
			t.Errorf("docs/import.md has no section %s", section)
			continue
		}
		rest := string(doc[at+len(section):])
		if next := strings.Index(rest, "\n## "); next >= 0 {
			rest = rest[:next]
		}
		if next := strings.Index(rest, "\n### "); next >= 0 {
			rest = rest[:next]
		}
		for _, c := range Columns[k] {
			if !strings.Contains(rest, "| "+c.Header+" |") {
				t.Errorf("docs/import.md, %s: no row for %q", section, c.Header)
			}
		}
	}
}
