package importer

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// reportSheet lists every problem and notice; it comes first in the report.
const reportSheet = "Kết quả kiểm tra"

// maxAnnotatedRows: above this, the report lists the problems without a
// copy of the file, which excelize holds whole to mark; maxMarkedCells:
// past this many marks the copy is left unmarked further down, since each
// comment is a shape excelize builds in memory (20,000 rows with 2,000
// comments took 4.5 s and 271 MB of heap; see BenchmarkImportReport).
const (
	maxAnnotatedRows = 10_000
	maxMarkedCells   = 1_000
)

// annotated is the report an officer downloads: a first sheet listing each
// problem and notice with its place, then the file itself, with problem
// cells in red and notices in yellow, each commented. A workbook is the
// office's own file, marked; a CSV is laid out as it was read.
func annotated(t *table, kind Kind, res Result) ([]byte, error) {
	var f *excelize.File
	data := t.sheet
	if t.original != nil && len(t.rows) <= maxAnnotatedRows {
		var err error
		if f, err = excelize.OpenReader(bytes.NewReader(t.original)); err != nil {
			f = nil
		} else if data == "" {
			data = f.GetSheetList()[0]
			for _, s := range f.GetSheetList() {
				if s == t.readSheet {
					data = s
				}
			}
		}
	}
	if f == nil {
		f = excelize.NewFile()
		data = ""
		if len(t.rows) <= maxAnnotatedRows {
			data = "Dữ liệu"
			if err := f.SetSheetName("Sheet1", data); err != nil {
				return nil, err
			}
			if err := writeRead(f, data, t); err != nil {
				return nil, err
			}
		}
	}
	defer f.Close()
	if err := listSheet(f, kind, res); err != nil {
		return nil, err
	}
	if data != "" {
		m := marker{f: f, sheet: data, styles: map[[2]int]int{}}
		// Problems first: when the marks run out, what stops the import is marked.
		for _, p := range res.Problems {
			if err := m.mark(p, "F4CCCC", "Lỗi"); err != nil {
				return nil, err
			}
		}
		for _, p := range res.Notices {
			if err := m.mark(p, "FFF2CC", "Lưu ý"); err != nil {
				return nil, err
			}
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// writeRead lays a CSV out as it was read: the header at its row and each
// data row at its own, so that the rows problems name are the sheet's.
func writeRead(f *excelize.File, sheet string, t *table) error {
	put := func(n int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return f.SetSheetRow(sheet, cell, &vals)
	}
	if err := put(max(t.headerRow, 1), t.headers); err != nil {
		return err
	}
	for _, r := range t.rows {
		if err := put(r.n, r.cells); err != nil {
			return err
		}
	}
	return nil
}

func listSheet(f *excelize.File, kind Kind, res Result) error {
	if _, err := f.NewSheet(reportSheet); err != nil {
		return err
	}
	if err := f.MoveSheet(reportSheet, f.GetSheetList()[0]); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	title := fmt.Sprintf("Kiểm tra tệp “%s”: %d lỗi, %d lưu ý. Tệp có lỗi thì không dữ liệu nào được ghi; hãy sửa các ô tô đỏ ở trang dữ liệu rồi nhập lại.",
		kind.Title(), len(res.Problems), len(res.Notices))
	rows := [][]any{{title}, {"Mức", "Trang", "Dòng", "Cột", "Tên cột", "Giá trị trong tệp", "Nội dung"}}
	add := func(level string, ps []Problem) {
		for _, p := range ps {
			var n any = p.Row
			if p.Row == 0 {
				n = "cả tệp"
			}
			rows = append(rows, []any{level, p.Sheet, n, p.Letter(), p.Column, p.Value, p.Message})
		}
	}
	add("Lỗi", res.Problems)
	add("Lưu ý", res.Notices)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(reportSheet, cell, &r); err != nil {
			return err
		}
	}
	for col, w := range map[string]float64{"A": 8, "B": 14, "C": 7, "D": 6, "E": 28, "F": 30, "G": 90} {
		if err := f.SetColWidth(reportSheet, col, col, w); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	return f.SetRowStyle(reportSheet, 2, 2, bold)
}

// marker colours and comments the cells problems name, keeping each
// cell's own style (a date keeps its format) under the new fill.
type marker struct {
	f      *excelize.File
	sheet  string
	styles map[[2]int]int // (old style, colour) → new style
	done   map[string]string
}

func (m *marker) mark(p Problem, color, label string) error {
	if p.Row <= 0 {
		return nil
	}
	col := max(p.Col, 1)
	cell, err := excelize.CoordinatesToCellName(col, p.Row)
	if err != nil {
		return nil
	}
	if m.done == nil {
		m.done = map[string]string{}
	}
	if _, again := m.done[cell]; !again && len(m.done) >= maxMarkedCells {
		return nil
	}
	old, err := m.f.GetCellStyle(m.sheet, cell)
	if err != nil {
		return err
	}
	key := [2]int{old, colorIndex(color)}
	id, ok := m.styles[key]
	if !ok {
		st, err := m.f.GetStyle(old)
		if err != nil || st == nil {
			st = &excelize.Style{}
		}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		if id, err = m.f.NewStyle(st); err != nil {
			return err
		}
		m.styles[key] = id
	}
	if err := m.f.SetCellStyle(m.sheet, cell, cell, id); err != nil {
		return err
	}
	text := label + ": " + p.Message
	if prev, ok := m.done[cell]; ok {
		text = prev + "\n" + text
		if err := m.f.DeleteComment(m.sheet, cell); err != nil {
			return err
		}
	}
	m.done[cell] = text
	return m.f.AddComment(m.sheet, excelize.Comment{Cell: cell, Author: "thidua", Paragraph: []excelize.RichTextRun{{Text: text}}})
}

func colorIndex(c string) int {
	if c == "F4CCCC" {
		return 1
	}
	return 2
}
