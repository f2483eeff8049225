package render

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/internal/interim"
)

func workbook(t *testing.T, r interim.Report) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := XLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cellValue(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSheetNames(t *testing.T) {
	if len(Sheets) != 24 {
		t.Errorf("%d sheets: %q", len(Sheets), Sheets)
	}
	for _, s := range Sheets {
		if len(utf16.Encode([]rune(s))) > 31 || strings.ContainsAny(s, `:\/?*[]`) {
			t.Errorf("sheet name %q is not allowed", s)
		}
	}
}

func TestXLSX(t *testing.T) {
	f := workbook(t, report(withAwards(sample())))
	if got := f.GetSheetList(); !slices.Equal(got, Sheets) {
		t.Fatalf("sheets %q, want %q", got, Sheets)
	}
	for _, sheet := range Sheets {
		if !strings.Contains(cellValue(t, f, sheet, "A2"), "Giai đoạn 2022–2025 · Phạm vi: Thành phố Hồ Chí Minh · Số liệu đến hết 02:00 ngày 26/11/2026") {
			t.Errorf("%s: A2 = %q", sheet, cellValue(t, f, sheet, "A2"))
		}
		if cellValue(t, f, sheet, "A1") == "" || cellValue(t, f, sheet, "A3") == "" {
			t.Errorf("%s: no title or header", sheet)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 3 {
			t.Errorf("%s: header not frozen: %+v %v", sheet, panes, err)
		}
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{"Tổng quan", "A3", "Chỉ tiêu"},
		{"Tổng quan", "B11", "12345"},
		{"Kế hoạch", "A4", "Sở, ban, ngành"},
		{"Kế hoạch", "G6", "20"},
		{"Báo cáo", "B3", "Loại báo cáo"},
		{"Báo cáo", "A7", "2025"},
		{"Báo cáo", "B7", "chưa có số liệu"},
		{"Tham gia", "E3", "Tỷ lệ cá nhân tham gia"},
		{"Tham gia", "E4", "0.4567"},
		{"Tham gia", "E5", "—"},
		{"Mốc thời gian", "C4", "12.5"},
		{"Mốc thời gian", "C9", "—"},
		{"Khen thưởng", "B4", "chưa có số liệu"},
		{"Khen thưởng", "B5", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố"},
		{"Khen thưởng", "C5", "Tập thể"},
		{"Khen thưởng", "B8", "Bằng khen của Thủ tướng Chính phủ"},
		{"Ý tưởng nhân rộng nhiều", "D5", "Q1"},
		{"Cá nhân tiêu biểu", "A5", "Mã ẩn danh fedcba9876"},
		{"Theo đơn vị hiện nay", "B4", `Phường <script>alert("x")</script>`},
	} {
		if got := cellValue(t, f, c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	for _, c := range []struct{ sheet, cell string }{{"Tổng quan", "B4"}, {"Tham gia", "E4"}, {"Tham gia", "B4"}, {"Khen thưởng", "D5"}} {
		if typ, _ := f.GetCellType(c.sheet, c.cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s!%s is text, not a number", c.sheet, c.cell)
		}
	}
	style, _ := f.GetCellStyle("Tham gia", "E4")
	if s, _ := f.GetStyle(style); s == nil || s.CustomNumFmt == nil || *s.CustomNumFmt != "0.0%" {
		t.Errorf("the rate is not formatted as a percent: %+v", s)
	}
}

func TestXLSXEmptyTable(t *testing.T) {
	f := workbook(t, report(sample()))
	if got := cellValue(t, f, "Khen thưởng", "A4"); !strings.HasPrefix(got, "Chưa có số liệu") {
		t.Errorf("an empty sheet reads %q", got)
	}
}

func TestXLSXStates(t *testing.T) {
	r := report(sample())
	r.State, r.Message, r.Summary = interim.StateUnreachable, interim.Messages[interim.StateUnreachable], nil
	f := workbook(t, r)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Sơ kết"}) {
		t.Fatalf("sheets %q", got)
	}
	if got := cellValue(t, f, "Sơ kết", "A4"); got != r.Message {
		t.Errorf("A4 = %q", got)
	}
}
