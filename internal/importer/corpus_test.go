package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

const corpusDir = "testdata/corpus"

// The corpus's base files, imported before every case as a deployment
// imports them: the units, then the people already recorded.
var corpusBase = []struct {
	file    string
	kind    Kind
	created int
}{{"00-don-vi.xlsx", Units, 4}, {"01-can-bo.xlsx", People, 5}}

// spot is a problem or notice expected at a row (0: the file as a whole)
// and column letter ("" for none), whose message has text; value, when
// given, is the cell as typed.
type spot struct {
	row       int
	col, text string
	value     string
}

type corpusCase struct {
	file       string
	kind       Kind
	confirmNew bool // importer.Options.ConfirmNew
	ok         bool
	// same: the store is unchanged afterwards (always checked when refused).
	same bool
	// created, updated, unchanged are checked when the file imports.
	created, updated, unchanged int
	problems                    []spot // exactly these, in this order
	notices                     []spot // at least these
	check                       func(t *testing.T, st *store.Store, res Result)
}

// corpusCases: one per file of testdata/corpus (issue 18, item 6: "a
// corpus of realistic files kept in the repository … one file per case
// with its expected outcome, run by make test").
var corpusCases = []corpusCase{
	// Issue 18, "no silent garbage": TCVN3 and VNI text is converted to
	// Unicode with a notice on each converted cell — by the cell's font
	// where it has one (a .VnTime cell)…
	{file: "10-tcvn3-phong-vntime.xlsx", kind: People, ok: true, created: 3,
		notices: []spot{{row: 2, col: "B", text: "phông TCVN3"}, {row: 3, col: "B", text: "phông TCVN3"}, {row: 4, col: "B", text: "phông TCVN3"}},
		check:   names(map[string]string{"CB100001": "Nguyễn Văn An", "CB100002": "Trần Thị Bình", "CB100003": "Đỗ Thị Thúy"})},
	// …and by the column's text where it has none (a CSV saved in the
	// legacy bytes, read as Windows-1252).
	{file: "11-tcvn3-windows-1252.csv", kind: People, ok: true, created: 3,
		notices: []spot{{row: 0, text: "Windows-1252"}, {row: 2, col: "B", text: "TCVN3"}, {row: 3, col: "B", text: "TCVN3"},
			{row: 4, col: "B", text: "TCVN3"}, {row: 3, col: "C", text: "“Nữ”"}, {row: 2, col: "G", text: "“Công chức”"}},
		check: both(names(map[string]string{"CB100001": "Nguyễn Văn An", "CB100002": "Trần Thị Bình", "CB100003": "Đỗ Thị Thúy"}),
			func(t *testing.T, st *store.Store, _ Result) {
				p := st.Client.Person.Query().Where(person.Code("CB100002")).WithMemberships().OnlyX(sysCtx())
				if p.Gender != domain.GenderFemale || len(p.Edges.Memberships) != 1 || p.Edges.Memberships[0].Category != domain.PersonCategoryCivilServant ||
					p.Edges.Memberships[0].PositionTitle != "Chuyên viên" {
					t.Errorf("CB100002: %+v %+v", p, p.Edges.Memberships)
				}
			})},
	// Issue 18, "no silent garbage": VNI "Leâ Thò Hoàng" is Lê Thị Hồng,
	// though "Hoàng" alone reads as Unicode (legacy.go: never cell by cell).
	{file: "12-vni-phong-vni-times.xlsx", kind: People, ok: true, created: 3,
		notices: []spot{{row: 2, col: "B", text: "phông VNI"}, {row: 3, col: "B", text: "phông VNI"}, {row: 4, col: "B", text: "phông VNI"}},
		check:   names(map[string]string{"CB100001": "Lê Thị Hồng", "CB100002": "Phạm Văn Được", "CB100003": "Võ Thị Thu Hằng"})},
	// A workbook whose fonts were changed (legacy.go): the column decides.
	{file: "13-vni-phong-times-new-roman.xlsx", kind: People, ok: true, created: 3,
		notices: []spot{{row: 2, col: "B", text: "phông VNI"}, {row: 3, col: "B", text: "phông VNI"}, {row: 4, col: "B", text: "phông VNI"}},
		check:   names(map[string]string{"CB100001": "Lê Thị Hồng", "CB100002": "Phạm Văn Được", "CB100003": "Võ Thị Thu Hằng"})},
	// Issue 18, "no silent garbage": name cp1258 and UTF-16 files as such,
	// decode what can be decoded (the words of csv_test.go's TestCSVInUTF16).
	{file: "14-windows-1258.csv", kind: People, ok: true, created: 3,
		notices: []spot{{row: 0, text: "Windows-1258"}},
		check:   names(map[string]string{"CB200001": "Hoàng Minh Tuấn", "CB200002": "Đặng Thị Mỹ Duyên", "CB200003": "Ngô Đức Thắng"})},
	// Excel's "Unicode text" declares its encoding with its BOM: read
	// without a notice.
	{file: "15-utf16-co-bom.csv", kind: People, ok: true, created: 2,
		check: names(map[string]string{"CB250001": "Bùi Xuân Trường", "CB250002": "Huỳnh Ngọc Quyền"})},
	{file: "16-utf16-khong-bom.csv", kind: People, ok: true, created: 2,
		notices: []spot{{row: 0, text: "UTF-16"}},
		check:   names(map[string]string{"CB250001": "Bùi Xuân Trường", "CB250002": "Huỳnh Ngọc Quyền"})},

	// Issue 18, "no silent garbage": a code that lost its leading zeros
	// (000123 typed into a number cell) would make a second person; a new
	// person with a recorded one's name and birth year is refused unless
	// the row or the import confirms it (people_checks.go, likelyDuplicates).
	{file: "20-ma-mat-so-0.xlsx", kind: People,
		problems: []spot{{row: 2, col: "A", text: "000123", value: "123"}},
		notices:  []spot{{row: 2, col: "A", text: "ô kiểu số"}}},
	{file: "20-ma-mat-so-0.xlsx", kind: People, confirmNew: true, ok: true, created: 1,
		notices: []spot{{row: 2, col: "A", text: "ô kiểu số"}},
		check:   names(map[string]string{"123": "Phạm Minh Đức", "000123": "Phạm Minh Đức"})},
	{file: "21-ma-mat-so-0-xac-nhan.xlsx", kind: People, ok: true, created: 1,
		check: names(map[string]string{"123": "Phạm Minh Đức", "000123": "Phạm Minh Đức"})},

	// Issue 18, "no silent garbage", dates (dates.go): month-first text
	// refused, a year is not a date, the 1904 system read, a column mixing
	// date cells and text noticed, a time dropped, days before 1930, after
	// this year or outside the unit's life (unitLife.outside) refused.
	{file: "30-ngay-kieu-my.xlsx", kind: People,
		problems: []spot{{row: 2, col: "J", text: "kiểu Mỹ", value: "7/13/2025"}, {row: 3, col: "J", text: "không rõ", value: "7/1/2025"}}},
	{file: "31-ngay-la-nam.xlsx", kind: People,
		problems: []spot{{row: 2, col: "J", text: "là một năm", value: "2025"}}},
	{file: "32-he-ngay-1904.xlsx", kind: People, ok: true, created: 2,
		check: startDays(map[string]string{"CB3200001": "PX-AN-LAC 2025-07-01", "CB3200002": "PX-AN-LAC 2024-03-15"})},
	{file: "33-ngay-lan-o-ngay-va-chu.xlsx", kind: People, ok: true, created: 2,
		notices: []spot{{row: 2, col: "J", text: "bị đảo"}},
		check:   startDays(map[string]string{"CB3300001": "PX-AN-LAC 2024-03-05", "CB3300002": "PX-AN-LAC 2024-08-15"})},
	{file: "34-ngay-co-gio.xlsx", kind: People, ok: true, created: 1,
		check: startDays(map[string]string{"CB3400001": "PX-AN-LAC 2025-07-01"})},
	{file: "35-ngay-truoc-1930.xlsx", kind: People,
		problems: []spot{{row: 2, col: "J", text: "trước năm 1930", value: "15/03/1925"}}},
	{file: "36-ngay-nam-2030.xlsx", kind: People,
		problems: []spot{{row: 2, col: "J", text: "sau năm 2026", value: "01/01/2030"}}},
	{file: "37-ngay-truoc-don-vi.xlsx", kind: People,
		problems: []spot{{row: 2, col: "J", text: "trước ngày đơn vị PX-TAN-HOA bắt đầu hoạt động (01/07/2025)"}}},
	{file: "38-ngay-sau-giai-the.xlsx", kind: People,
		problems: []spot{{row: 2, col: "J", text: "đơn vị Q-CU thôi hoạt động (01/07/2025)"}}},

	// Issue 18, "the layouts they use" (table_builder.go, layout.go): a
	// letterhead and title above the header, a two-row header, STT,
	// synonyms and unaccented headers, column numbers, merged cells, the
	// total and the signature block.
	{file: "40-danh-sach-cua-van-phong.xlsx", kind: People, ok: true, created: 6,
		notices: []spot{{row: 7, text: "Dòng tiêu đề là dòng 7"}, {row: 8, text: "A “STT”, K “Ghi chú”"},
			{row: 16, text: "đến hết dòng 15"}},
		check: both(startDays(map[string]string{"AL0000101": "PX-AN-LAC 2021-01-01", "AL0000104": "PX-AN-LAC 2023-03-01",
			"BA0000201": "Q-BINH-AN 2018-02-01", "BA0000202": "Q-BINH-AN 2022-10-10"}),
			names(map[string]string{"AL0000102": "Lưu Thị Ngân", "BA0000202": "Khúc Thị Liên"}))},
	// A list spread over several sheets is refused naming them, never half
	// read (tableBuilder); the template's guide sheet is not data.
	{file: "41-hai-trang-du-lieu.xlsx", kind: People,
		problems: []spot{{row: 0, text: "“Phường An Lạc” (1 dòng), “Phường Tân Hòa” (1 dòng)"}}},
	{file: "42-co-trang-huong-dan.xlsx", kind: People, ok: true, created: 1,
		check: names(map[string]string{"CB4200001": "Lâm Thị Tuyết"})},

	// Issue 18, "the layouts they use": .xls and web pages named .xls are
	// refused with the steps to save as .xlsx (table.go, sniff).
	{file: "50-excel-97-2003.xls", kind: People,
		problems: []spot{{row: 0, text: "Lưu thành › “Sổ làm việc Excel (*.xlsx)”"}}},
	{file: "51-trang-web.xls", kind: People,
		problems: []spot{{row: 0, text: "trang web (HTML)"}}},

	// Issue 18, "no silent garbage": look-alike decision numbers (QĐ, QÐ
	// with U+00D0, QD) are one decision (awards.go, sameDecision).
	{file: "60-khen-thuong-so-qd-giong-nhau.xlsx", kind: Awards, ok: true, created: 3,
		notices: []spot{{row: 3, col: "A", text: "“152/QĐ-UBND”", value: "152/QÐ-UBND"}, {row: 4, col: "A", text: "“152/QĐ-UBND”", value: "152/QD-UBND"}},
		check: func(t *testing.T, st *store.Store, _ Result) {
			as := st.Client.Award.Query().Order(award.ByID()).AllX(sysCtx())
			if len(as) != 3 {
				t.Fatalf("%d awards, want 3", len(as))
			}
			for _, a := range as {
				if a.DecisionNumber != "152/QĐ-UBND" {
					t.Errorf("award %d: decision %q, want 152/QĐ-UBND", a.ID, a.DecisionNumber)
				}
			}
		}},
	{file: "61-khen-thuong-trung.xlsx", kind: Awards,
		problems: []spot{{row: 3, col: "A", text: "đã có ở dòng 2"}}},

	// Names compare equal in either tone placement (vntext.Key): Thủy and
	// Thuỷ are one person, and the import changes nothing.
	{file: "70-dau-thanh-cach-bo-dau.xlsx", kind: People, ok: true, unchanged: 1, same: true,
		check: names(map[string]string{"CB0000002": "Nguyễn Thị Thủy"})},
	// An e-mail cell is one address or empty (parse.go, email).
	{file: "71-thu-dien-tu-sai.xlsx", kind: People,
		problems: []spot{{row: 2, col: "E", text: "không phải một địa chỉ thư điện tử", value: "không có"},
			{row: 3, col: "E", text: "mỗi ô một địa chỉ", value: "a@x.gov.vn; b@x.gov.vn"}}},
	// parse.go: "a double space or a line break inside a cell would make
	// two people of one"; e-mails are stored lower case.
	{file: "72-thu-dien-tu-chu-hoa-va-khoang-trang.xlsx", kind: People, ok: true, created: 2,
		check: both(names(map[string]string{"CB7200002": "Tôn Nữ Minh Thư"}), func(t *testing.T, st *store.Store, _ Result) {
			if p := st.Client.Person.Query().Where(person.Code("CB7200001")).OnlyX(sysCtx()); p.Email != "an.nv@example.gov.vn" {
				t.Errorf("e-mail %q, want an.nv@example.gov.vn", p.Email)
			}
		})},
	// Issue 18, "an error report an officer can act on": a value not in
	// the list is refused with the list (parse.go, enum).
	{file: "73-gioi-tinh-sai.xlsx", kind: People,
		problems: []spot{{row: 2, col: "C", text: "chọn một trong: Nam; Nữ; Khác", value: "Nũ"}}},
	// Issue 18, "an error report an officer can act on": problems sorted
	// by row then column, each with its column letter and the value as
	// typed, and the marked-up XLSX report (report.go).
	{file: "80-nhieu-loi.xlsx", kind: People,
		problems: []spot{{row: 2, col: "C", text: "không có trong danh mục", value: "Nũ"}, {row: 2, col: "D", text: "từ 1930 đến 2015", value: "1890"},
			{row: 2, col: "J", text: "không hợp lệ", value: "32/13/2025"}, {row: 3, col: "E", text: "thư điện tử", value: "không có"},
			{row: 4, col: "F", text: "Không có đơn vị mã PX-KHONG-CO", value: "PX-KHONG-CO"}},
		check: reportMarks},
}

// TestCorpus imports each file of testdata/corpus, on both dialects, into
// a store holding the city and the corpus's base files, and checks the
// outcome its case names.
func TestCorpus(t *testing.T) {
	files, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(corpusDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cased := map[string]bool{}
	for _, c := range corpusCases {
		cased[c.file] = true
	}
	for _, b := range corpusBase {
		cased[b.file] = true
	}
	for _, f := range files {
		if f.Name() == "README.md" {
			continue
		}
		if !cased[f.Name()] {
			t.Errorf("%s has no case in corpusCases", f.Name())
		}
		if !bytes.Contains(readme, []byte("`"+f.Name()+"`")) {
			t.Errorf("%s is not in the corpus README", f.Name())
		}
		delete(cased, f.Name())
	}
	for name := range cased {
		t.Errorf("case %s has no file in %s (run go generate ./internal/importer)", name, corpusDir)
	}
	for _, c := range corpusCases {
		name := c.file
		if c.confirmNew {
			name += "/ConfirmNew"
		}
		t.Run(name, func(t *testing.T) {
			file, err := os.ReadFile(filepath.Join(corpusDir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range storetest.Dialects {
				t.Run(d, func(t *testing.T) {
					st := corpusStore(t, d)
					ctx := corpusCtx()
					before := dump(t, st.DB)
					res, err := RunWith(ctx, st.Client, c.kind, c.file, bytes.NewReader(file), Options{ConfirmNew: c.confirmNew, Report: true})
					if err != nil {
						t.Fatal(err)
					}
					t.Logf("%s; problems:%s\nnotices:%s", counts(res), spots(res.Problems), spots(res.Notices))
					checkCorpusResult(t, c, res)
					if (!c.ok || c.same) && dump(t, st.DB) != before {
						t.Error("the store changed")
					}
					if c.check != nil && !t.Failed() {
						c.check(t, st, res)
					}
				})
			}
		})
	}
}

func checkCorpusResult(t *testing.T, c corpusCase, res Result) {
	t.Helper()
	if res.OK() != c.ok {
		t.Errorf("OK %v, want %v; problems %s", res.OK(), c.ok, spots(res.Problems))
	}
	if c.ok {
		if res.Created != c.created || res.Updated != c.updated || res.Unchanged != c.unchanged {
			t.Errorf("%s, want created %d updated %d unchanged %d", counts(res), c.created, c.updated, c.unchanged)
		}
	}
	if len(res.Problems) != len(c.problems) {
		t.Errorf("%d problems, want %d: %s", len(res.Problems), len(c.problems), spots(res.Problems))
	} else {
		for i, w := range c.problems {
			if !w.matches(res.Problems[i]) {
				t.Errorf("problem %d: %s, want %+v", i, spots(res.Problems[i:i+1]), w)
			}
		}
	}
	for _, w := range c.notices {
		if !slices.ContainsFunc(res.Notices, w.matches) {
			t.Errorf("no notice %+v among %s", w, spots(res.Notices))
		}
	}
}

func (w spot) matches(p Problem) bool {
	return p.Row == w.row && p.Letter() == w.col && strings.Contains(p.Message, w.text) && (w.value == "" || p.Value == w.value)
}

func spots(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("\n\t" + p.Where() + " [" + p.Letter() + "] “" + p.Value + "”: " + p.Message)
	}
	return b.String()
}

// corpusCtx is the board's officer importing on a fixed day, so that the
// cases about dates after this year hold whatever year the test runs in.
func corpusCtx() context.Context {
	return clock.With(board(), clock.Fixed(time.Date(2026, 6, 15, 9, 0, 0, 0, domain.Zone)))
}

func sysCtx() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

func both(checks ...func(*testing.T, *store.Store, Result)) func(*testing.T, *store.Store, Result) {
	return func(t *testing.T, st *store.Store, res Result) {
		for _, c := range checks {
			c(t, st, res)
		}
	}
}

// names checks people's full names by code, as stored (Unicode NFC).
func names(want map[string]string) func(*testing.T, *store.Store, Result) {
	return func(t *testing.T, st *store.Store, _ Result) {
		for code, name := range want {
			p, err := st.Client.Person.Query().Where(person.Code(code)).Only(sysCtx())
			if err != nil {
				t.Errorf("person %s: %v", code, err)
				continue
			}
			if p.FullName != name {
				t.Errorf("person %s: %q, want %q", code, p.FullName, name)
			}
		}
	}
}

// startDays checks each person's one membership: "UNIT yyyy-mm-dd".
func startDays(want map[string]string) func(*testing.T, *store.Store, Result) {
	return func(t *testing.T, st *store.Store, _ Result) {
		for code, w := range want {
			ms, err := st.Client.Membership.Query().Where(membership.HasPersonWith(person.Code(code))).WithUnit().All(sysCtx())
			if err != nil || len(ms) != 1 {
				t.Errorf("person %s: %d memberships, %v", code, len(ms), err)
				continue
			}
			if got := ms[0].Edges.Unit.Code + " " + ms[0].ValidFrom.UTC().Format("2006-01-02"); got != w {
				t.Errorf("person %s: membership %s, want %s", code, got, w)
			}
		}
	}
}

// reportMarks: the report is a workbook whose first sheet lists the
// problems in the result's order, and whose data sheet comments each
// problem cell.
func reportMarks(t *testing.T, _ *store.Store, res Result) {
	f, err := excelize.OpenReader(bytes.NewReader(res.Report))
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) < 2 || sheets[0] != "Kết quả kiểm tra" || sheets[1] != "Dữ liệu" {
		t.Fatalf("report sheets %v", sheets)
	}
	rows, err := f.GetRows("Kết quả kiểm tra")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2+len(res.Problems) {
		t.Fatalf("report lists %d rows, want %d problems under its title and header", len(rows), len(res.Problems))
	}
	for i, p := range res.Problems {
		r := rows[2+i]
		if len(r) < 7 || r[0] != "Lỗi" || r[3] != p.Letter() || r[5] != p.Value || r[6] != p.Message {
			t.Errorf("report row %d: %q, want problem %+v", 3+i, r, p)
		}
	}
	comments, err := f.GetComments("Dữ liệu")
	if err != nil {
		t.Fatal(err)
	}
	commented := map[string]string{}
	for _, c := range comments {
		var text strings.Builder
		for _, run := range c.Paragraph {
			text.WriteString(run.Text)
		}
		commented[c.Cell] = text.String() + c.Text
	}
	for _, p := range res.Problems {
		cell, _ := excelize.CoordinatesToCellName(p.Col, p.Row)
		if !strings.Contains(commented[cell], p.Message) {
			t.Errorf("cell %s: comment %q, want the problem %q", cell, commented[cell], p.Message)
		}
	}
}
