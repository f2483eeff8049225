package importer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// tableBuilder takes a file's records one at a time, the header first, so
// that a file is checked against the caps as it is read and only the
// cells under the kind's columns are kept.
type tableBuilder struct {
	cols     []Column
	t        *table
	problems []Problem
	width    int // cells kept a row: up to the last column the header maps
	data     int // non-blank data rows so far
}

// add takes record n (1 is the header). The reader's slice is not kept
// beyond the columns read, so that the cells a row holds further right
// cost nothing once it is added.
func (b *tableBuilder) add(n int, rec []string) error {
	if err := checkRecord(n, rec); err != nil {
		return err
	}
	if b.t == nil {
		b.header(rec)
		return nil
	}
	if blank(rec) {
		return nil
	}
	if b.data++; b.data > maxRows {
		return refuse("Tệp có hơn %s dòng dữ liệu; hãy chia thành nhiều tệp.", viNumber(maxRows))
	}
	if len(rec) > b.width {
		rec = slices.Clone(rec[:b.width])
	}
	b.t.rows = append(b.t.rows, row{n: n, cells: rec})
	return nil
}

func (b *tableBuilder) header(rec []string) {
	b.t = &table{columns: map[string]int{}, headers: slices.Clone(rec)}
	for i, h := range rec {
		key := headerKey(h)
		if key == "" {
			continue
		}
		c, ok := columnFor(b.cols, key)
		if !ok {
			b.problems = append(b.problems, Problem{Row: 1, Column: strings.TrimSpace(h), Message: "Cột không có trong mẫu; hãy đối chiếu với tệp mẫu."})
			continue
		}
		if _, dup := b.t.columns[c.Key]; dup {
			b.problems = append(b.problems, Problem{Row: 1, Column: strings.TrimSpace(h), Message: "Cột bị lặp lại."})
			continue
		}
		b.t.columns[c.Key] = i
		b.width = max(b.width, i+1)
	}
	for _, c := range b.cols {
		if _, ok := b.t.columns[c.Key]; !ok && c.Required {
			b.problems = append(b.problems, Problem{Row: 1, Column: c.Header, Message: "Thiếu cột bắt buộc."})
		}
	}
}

// checkRecord refuses a record with a value beyond the columns a file may
// use or a cell longer than Excel allows, and one that is not text: bytes
// that are not UTF-8, or NUL, which a UTF-16 file read as UTF-8 is full
// of, would otherwise be echoed into problems and answers.
func checkRecord(n int, rec []string) error {
	for i := len(rec) - 1; i >= maxColumns; i-- {
		if strings.TrimSpace(rec[i]) != "" {
			col, _ := excelize.ColumnNumberToName(i + 1)
			return refuse("Dòng %d có dữ liệu ở cột %s, ngoài %d cột đầu tiên mà tệp nhập được dùng; hãy xóa nội dung các cột thừa rồi nhập lại.", n, col, maxColumns)
		}
	}
	for i, c := range rec {
		switch {
		case !utf8.ValidString(c):
			return fileProblem("Ô %s có ký tự không đọc được theo bảng mã UTF-8; hãy lưu tệp CSV dạng “CSV UTF-8” (Excel: Lưu thành › CSV UTF-8) rồi nhập lại.", cellName(i, n))
		case strings.IndexByte(c, 0) >= 0:
			return fileProblem("Ô %s có ký tự NUL: tệp có lẽ được lưu theo bảng mã UTF-16 mà không có dấu BOM; hãy lưu tệp CSV dạng “CSV UTF-8” rồi nhập lại.", cellName(i, n))
		case len(c) > maxCellChars && utf8.RuneCountInString(c) > maxCellChars:
			return refuse("Ô %s dài hơn %s ký tự, giới hạn của một ô Excel; tệp không được đọc.", cellName(i, n), viNumber(maxCellChars))
		}
	}
	return nil
}

// cellName is the cell at index i of record n as Excel names it ("K12").
func cellName(i, n int) string {
	name, _ := excelize.CoordinatesToCellName(i+1, n)
	return name
}
