package render

import (
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/internal/interim"
)

// Sheets are the workbook's sheets of an OK report, in order: one per
// table of the page.
var Sheets = func() []string {
	var names []string
	for _, s := range sections(&interim.Summary{}, nil) {
		for _, b := range s.Blocks {
			names = append(names, b.Table.Sheet)
		}
	}
	return names
}()

// statusSheet is the only sheet of a report that is not OK.
const statusSheet = "Sơ kết"

// The rows of a sheet: two of titles, then the header, then the data.
const (
	headerRow = 3
	firstRow  = 4
)

type styles struct{ title, subtitle, header, text, flag, year, count, ratio, days, absent int }

// XLSX writes the report as a workbook with a sheet per table of the
// page, figures as numbers, so analysts can go on from them; a report
// that is not OK gets one sheet with its message.
func XLSX(w io.Writer, r interim.Report) error {
	f, st, p, subtitle, err := newWorkbook(r, "")
	if err != nil {
		return err
	}
	defer f.Close()
	if !p.OK {
		err = writeStatus(f, st, p, subtitle)
	} else {
		err = writeTables(f, st, p, subtitle)
	}
	if err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// newWorkbook opens a report's workbook: its styles, the page model, the
// properties stamped, and the subtitle every sheet carries; title goes
// before the report's own title ("" for none).
func newWorkbook(r interim.Report, title string) (*excelize.File, styles, page, string, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	p := newPage(r)
	p.Title = title + p.Title
	if err == nil {
		err = stamp(f, r, p.Title)
	}
	if err != nil {
		f.Close()
		return nil, styles{}, page{}, "", err
	}
	subtitle := "Giai đoạn " + p.Phase + " · Phạm vi: " + p.Scope
	if p.Refreshed != "" {
		subtitle += " · " + p.Refreshed
	}
	return f, st, p, subtitle, nil
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{{Type: "left", Color: "B8B8B8", Style: 1}, {Type: "right", Color: "B8B8B8", Style: 1},
		{Type: "top", Color: "B8B8B8", Style: 1}, {Type: "bottom", Color: "B8B8B8", Style: 1}}
	pct, dec := "0.0%", "#,##0.0"
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 14}},
		{Font: &excelize.Font{Italic: true, Color: "454545"}},
		{Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF4"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"}},
		{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Border: border, Font: &excelize.Font{Bold: true, Color: "8A1C00"}, Alignment: &excelize.Alignment{Vertical: "top"}},
		{Border: border, NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}},
		{Border: border, NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "top"}},
		{Border: border, CustomNumFmt: &pct, Alignment: &excelize.Alignment{Vertical: "top"}},
		{Border: border, CustomNumFmt: &dec, Alignment: &excelize.Alignment{Vertical: "top"}},
		{Border: border, Font: &excelize.Font{Italic: true, Color: "454545"}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, err
		}
		ids[i] = id
	}
	return styles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9]}, nil
}

func writeStatus(f *excelize.File, st styles, p page, subtitle string) error {
	if err := f.SetSheetName("Sheet1", statusSheet); err != nil {
		return err
	}
	rows := []struct {
		cell  string
		value string
		style int
	}{
		{"A1", p.Title, st.title},
		{"A2", subtitle, st.subtitle},
		{"A4", p.Message, 0},
	}
	for _, r := range rows {
		if err := f.SetCellValue(statusSheet, r.cell, r.value); err != nil {
			return err
		}
		if r.style != 0 {
			if err := f.SetCellStyle(statusSheet, r.cell, r.cell, r.style); err != nil {
				return err
			}
		}
	}
	return f.SetColWidth(statusSheet, "A", "A", 120)
}

func writeTables(f *excelize.File, st styles, p page, subtitle string) error {
	first := true
	for _, s := range p.Sections {
		for _, b := range s.Blocks {
			t := b.Table
			if first {
				if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
					return err
				}
				first = false
			} else if _, err := f.NewSheet(t.Sheet); err != nil {
				return err
			}
			if err := writeTable(f, st, t, s.Title+" — "+t.Caption, subtitle); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeTable writes one table on its sheet, with the titles above so a
// printed or forwarded sheet still says what, where and as of when.
func writeTable(f *excelize.File, st styles, t table, title, subtitle string) error {
	sh := t.Sheet
	set := func(col, row int, v any, style int) error {
		c, err := excelize.CoordinatesToCellName(col, row)
		if err == nil {
			err = f.SetCellValue(sh, c, v)
		}
		if err == nil && style != 0 {
			err = f.SetCellStyle(sh, c, c, style)
		}
		return err
	}
	widths := make([]int, len(t.Head))
	fit := func(col, n int) { widths[col] = max(widths[col], n) }
	if err := set(1, 1, title, st.title); err != nil {
		return err
	}
	if err := set(1, 2, subtitle, st.subtitle); err != nil {
		return err
	}
	for i, h := range t.Head {
		// Headers wrap, so a long one need not widen its column.
		fit(i, min(utf8.RuneCountInString(h), 18))
		if err := set(i+1, headerRow, h, st.header); err != nil {
			return err
		}
	}
	if len(t.Rows) == 0 {
		if err := set(1, firstRow, t.Empty, st.absent); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for i, c := range row {
			v, style := xlsxValue(c, st)
			fit(i, utf8.RuneCountInString(c.Text()))
			if err := set(i+1, firstRow+r, v, style); err != nil {
				return err
			}
		}
	}
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err == nil {
			err = f.SetColWidth(sh, col, col, float64(min(max(w+2, 10), 60)))
		}
		if err != nil {
			return err
		}
	}
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: "A4", ActivePane: "bottomLeft"})
}

// xlsxValue keeps figures numbers, so that sums and charts work on them.
func xlsxValue(c cell, st styles) (any, int) {
	switch c.kind {
	case kindYear:
		return int(c.num), st.year
	case kindCount:
		return int(c.num), st.count
	case kindRatio:
		return c.num, st.ratio
	case kindDays:
		return c.num, st.days
	case kindAbsent, kindMissing:
		return c.Text(), st.absent
	}
	if c.flag {
		return printable(c.text), st.flag
	}
	return printable(c.text), st.text
}

// stamp names the workbook's maker and dates it by the figures' refresh,
// not by excelize's defaults (creator "xuri", created in 2006).
func stamp(f *excelize.File, r interim.Report, title string) error {
	props := &excelize.DocProperties{Creator: "thidua", LastModifiedBy: "thidua", Title: title, Language: "vi-VN"}
	if r.Summary != nil && !r.Summary.RefreshedAt.IsZero() {
		props.Created = r.Summary.RefreshedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	return f.SetDocProps(props)
}

// printable leaves out of a cell what a title someone typed may hold and a
// sheet should not show: control characters (a spreadsheet shows them as
// boxes) and the controls that reorder text after them.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}
