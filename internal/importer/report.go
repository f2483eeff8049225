package importer

import (
	"bytes"
	"fmt"
	"strings"

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
		if err := markCells(f, data, res); err != nil {
			return nil, err
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

// markCells colours and comments the cells problems and notices name,
// keeping each cell's own style (a date keeps its format) under the new
// fill. A cell's messages are gathered first and commented once: replacing
// a comment is a scan of all of them in excelize, which made a file with a
// notice and a problem on each of 5,000 cells take minutes. Problems come
// first: when the marks run out, what stops the import is marked.
func markCells(f *excelize.File, sheet string, res Result) error {
	type mark struct {
		cell    string
		problem bool
		text    []string
	}
	var order []*mark
	at := map[string]*mark{}
	add := func(ps []Problem, problem bool, label string) {
		for _, p := range ps {
			if p.Row <= 0 {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(max(p.Col, 1), p.Row)
			if err != nil {
				continue
			}
			m := at[cell]
			if m == nil {
				if len(order) >= maxMarkedCells {
					continue
				}
				m = &mark{cell: cell}
				at[cell] = m
				order = append(order, m)
			}
			m.problem = m.problem || problem
			m.text = append(m.text, label+": "+p.Message)
		}
	}
	add(res.Problems, true, "Lỗi")
	add(res.Notices, false, "Lưu ý")
	styles := map[[2]int]int{} // (old style, problem or not) → new style
	for _, m := range order {
		old, err := f.GetCellStyle(sheet, m.cell)
		if err != nil {
			return err
		}
		color, which := "FFF2CC", 0
		if m.problem {
			color, which = "F4CCCC", 1
		}
		id, ok := styles[[2]int{old, which}]
		if !ok {
			st, err := f.GetStyle(old)
			if err != nil || st == nil {
				st = &excelize.Style{}
			}
			st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
			if id, err = f.NewStyle(st); err != nil {
				return err
			}
			styles[[2]int{old, which}] = id
		}
		if err := f.SetCellStyle(sheet, m.cell, m.cell, id); err != nil {
			return err
		}
		text := strings.Join(m.text, "\n")
		if err := f.AddComment(sheet, excelize.Comment{Cell: m.cell, Author: "thidua", Paragraph: []excelize.RichTextRun{{Text: text}}}); err != nil {
			return err
		}
	}
	return nil
}
