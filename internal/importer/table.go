// Package importer brings a city's existing records into thidua from the
// workbooks units keep: units, people with their memberships, ideas with
// how far they went, headcounts and past awards, from XLSX or CSV with
// Vietnamese column headers. Every row is checked before anything is
// written; a file with any error writes nothing, and a file imported twice
// changes nothing the second time.
package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// maxRows bounds a file: the largest list a unit keeps (the city's staff)
// is about 300,000 rows.
const maxRows = 1_000_000

// table is a file's rows under its header, with each row's number as the
// person who made the file sees it (the header is row 1).
type table struct {
	columns map[string]int // column key → index
	headers []string       // as written, by index
	rows    []row
}

type row struct {
	n     int
	cells []string
}

// readTable reads the first sheet of an XLSX workbook, or a CSV file
// (UTF-8, with or without a byte-order mark; comma or semicolon), and maps
// its headers to the kind's columns.
func readTable(name string, r io.Reader, cols []Column) (*table, []Problem, error) {
	var records [][]string
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, fileProblem("Không đọc được tệp Excel (.xlsx): %v", err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, nil, fileProblem("Tệp Excel không có trang tính nào.")
		}
		rows, err := f.Rows(sheets[0])
		if err != nil {
			return nil, nil, fileProblem("Không đọc được trang tính %q: %v", sheets[0], err)
		}
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, nil, fileProblem("Không đọc được trang tính %q: %v", sheets[0], err)
			}
			records = append(records, cells)
			if len(records) > maxRows+1 {
				return nil, nil, fileProblem("Tệp có hơn %d dòng; hãy chia thành nhiều tệp.", maxRows)
			}
		}
		_ = rows.Close()
	case ".csv":
		b, err := io.ReadAll(io.LimitReader(r, 512<<20))
		if err != nil {
			return nil, nil, err
		}
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		cr := csv.NewReader(bytes.NewReader(b))
		cr.FieldsPerRecord = -1
		if first, _, _ := bytes.Cut(b, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
			cr.Comma = ';'
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, nil, fileProblem("Tệp CSV sai định dạng: %v", err)
			}
			records = append(records, rec)
			if len(records) > maxRows+1 {
				return nil, nil, fileProblem("Tệp có hơn %d dòng; hãy chia thành nhiều tệp.", maxRows)
			}
		}
	default:
		return nil, nil, fileProblem("Chỉ nhận tệp .xlsx hoặc .csv (tệp đã gửi: %q).", name)
	}
	if len(records) == 0 {
		return nil, nil, fileProblem("Tệp trống: thiếu dòng tiêu đề.")
	}
	t := &table{columns: map[string]int{}, headers: records[0]}
	var problems []Problem
	for i, h := range records[0] {
		key := headerKey(h)
		if key == "" {
			continue
		}
		c, ok := columnFor(cols, key)
		if !ok {
			problems = append(problems, Problem{Row: 1, Column: strings.TrimSpace(h), Message: "Cột không có trong mẫu; hãy đối chiếu với tệp mẫu."})
			continue
		}
		if _, dup := t.columns[c.Key]; dup {
			problems = append(problems, Problem{Row: 1, Column: strings.TrimSpace(h), Message: "Cột bị lặp lại."})
			continue
		}
		t.columns[c.Key] = i
	}
	for _, c := range cols {
		if _, ok := t.columns[c.Key]; !ok && c.Required {
			problems = append(problems, Problem{Row: 1, Column: c.Header, Message: "Thiếu cột bắt buộc."})
		}
	}
	for i, rec := range records[1:] {
		if blank(rec) {
			continue
		}
		t.rows = append(t.rows, row{n: i + 2, cells: rec})
	}
	return t, problems, nil
}

// get is a row's cell of a column, trimmed; "" when the column or cell is absent.
func (t *table) get(r row, key string) string {
	i, ok := t.columns[key]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(norm.NFC.String(r.cells[i]))
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// headerKey folds a header for matching: lower case, NFC, single spaces,
// without the "*" that marks required columns in the templates.
func headerKey(h string) string {
	h = strings.ToLower(norm.NFC.String(h))
	h = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(h), "*"))
	return strings.Join(strings.Fields(h), " ")
}

// fileProblem is a problem with the file as a whole.
func fileProblem(format string, args ...any) error {
	return &FileError{Message: fmt.Sprintf(format, args...)}
}

// FileError: the file cannot be read as a table at all.
type FileError struct{ Message string }

func (e *FileError) Error() string { return e.Message }
