// Package importer brings a city's existing records into thidua from the
// workbooks units keep: units, people with their memberships, ideas with
// how far they went, headcounts and past awards, from XLSX or CSV with
// Vietnamese column headers. Every row is checked before anything is
// written; a file with any error writes nothing, and a file imported twice
// changes nothing the second time.
package importer

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"golang.org/x/text/unicode/norm"
)

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
// (see readCSV), and maps its headers to the kind's columns. Either is
// read a row at a time under the caps of limits.go: a file over a cap is
// refused with a VALIDATION problem, one that is not a table with a
// FileError.
func readTable(name string, r io.Reader, cols []Column) (*table, []Problem, error) {
	b := &tableBuilder{cols: cols}
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		err = readXLSX(r, b.add)
	case ".csv":
		err = readCSV(r, b.add)
	default:
		return nil, nil, fileProblem("Chỉ nhận tệp .xlsx hoặc .csv (tệp đã gửi: %q).", name)
	}
	if err != nil {
		return nil, nil, err
	}
	if b.t == nil {
		return nil, nil, fileProblem("Tệp trống: thiếu dòng tiêu đề.")
	}
	return b.t, b.problems, nil
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
