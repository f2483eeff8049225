// Package importer brings a city's existing records into thidua from the
// workbooks units keep: units, people with their memberships, ideas with
// how far they went, headcounts and past awards, from XLSX or CSV with
// Vietnamese column headers. Every row is checked before anything is
// written; a file with any error writes nothing, and a file imported twice
// changes nothing the second time.
package importer

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"golang.org/x/text/unicode/norm"
)

// table is a file's rows under its header, with each row's number as the
// person who made the file sees it.
type table struct {
	sheet     string         // the sheet read, when the workbook has several; "" otherwise
	readSheet string         // the sheet read
	original  []byte         // a workbook's bytes, for the report that marks it
	columns   map[string]int // column key → index
	headers   []string       // as written, by index (a two-row header joined)
	headerRow int            // the header's last row
	date1904  bool
	rows      []row
	problems  []Problem // with the header: the rows are not checked
	// rowProblems are cells refused as the file was read; the rows are
	// still checked.
	rowProblems []Problem
	notices     []Problem
	byRow       map[int]int // row number → index in rows, built when a problem needs it
	dates       map[string]dateColumn
	today       time.Time // in Ho Chi Minh City, for dates that cannot be ahead
}

type row struct {
	n     int
	cells []string
	info  []cellInfo // nil for a CSV file
}

// readTable reads a workbook (see readXLSX) or a CSV file (see readCSV),
// finds its header row and maps the headers to the kind's columns. Either
// is read a row at a time under the caps of limits.go: a file over a cap
// is refused with a VALIDATION problem, one that is not a table with a
// FileError. The format is told from the file's first bytes, not its
// name: an .xls saved as .xlsx, or a web page saved as .xls, is named as
// what it is.
func readTable(name string, r io.Reader, cols []Column) (*table, []Problem, error) {
	b := newTableBuilder(cols)
	in := io.LimitReader(r, maxFileBytes+1)
	head := make([]byte, 512)
	k, _ := io.ReadFull(in, head)
	head = head[:k]
	rest := io.MultiReader(bytes.NewReader(head), in)
	ext := strings.ToLower(filepath.Ext(name))
	var err error
	var workbook []byte // kept for the report that marks it
	switch format := sniff(head, ext); format {
	case "xlsx":
		if workbook, err = io.ReadAll(rest); err == nil {
			if len(workbook) > maxFileBytes {
				return nil, nil, refuse("Tệp lớn hơn %s MB; hãy chia thành nhiều tệp nhỏ hơn.", mb(maxFileBytes))
			}
			err = readXLSX(workbook, b)
		}
	case "csv":
		// The CSV's own cap (readCSV) is larger than a workbook's.
		err = readCSV(io.MultiReader(bytes.NewReader(head), r), b)
	default:
		return nil, nil, &FileError{Message: format}
	}
	if err != nil {
		return nil, nil, err
	}
	t, problems := b.finish()
	if t != nil {
		t.original = workbook
	}
	return t, problems, nil
}

// sniff names a file's format from its first bytes, or returns the message
// that refuses it. Offices save .xls (Excel 97–2003) and web pages named
// .xls; both are refused with the steps to save a workbook as .xlsx, since
// re-saving in Excel or LibreOffice is exact and a half-read .xls is not.
func sniff(head []byte, ext string) string {
	const howTo = " Hãy mở tệp bằng Excel, chọn Tệp › Lưu thành › “Sổ làm việc Excel (*.xlsx)” (LibreOffice: Tệp › Lưu thành › “Excel 2007-365 (.xlsx)”), rồi nhập tệp .xlsx vừa lưu."
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 64)])
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "xlsx"
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		if ext == ".xlsx" {
			return "Tệp này là bảng tính Excel 97–2003 (.xls) hoặc một tệp Excel có đặt mật khẩu, dù tên có đuôi .xlsx; hệ thống chỉ đọc .xlsx không mật khẩu." + howTo
		}
		return "Tệp .xls (Excel 97–2003) không được đọc trực tiếp." + howTo
	case bytes.HasPrefix(lower, []byte("<html")) || bytes.HasPrefix(lower, []byte("<!doctype")) || bytes.HasPrefix(lower, []byte("<table")):
		return "Tệp này là một trang web (HTML) được đặt tên như bảng tính, thường do phần mềm khác xuất ra." + howTo
	case bytes.HasPrefix(lower, []byte("<?xml")):
		return "Tệp này là bảng tính dạng XML (Excel 2003 XML), không phải .xlsx." + howTo
	case ext == ".csv":
		return "csv"
	case ext == ".xlsx":
		return "Tệp có đuôi .xlsx nhưng không phải bảng tính Excel (.xlsx)." + howTo
	case ext == ".xls":
		return "Tệp có đuôi .xls nhưng không đọc được." + howTo
	}
	return fmt.Sprintf("Chỉ nhận tệp .xlsx hoặc .csv (tệp đã gửi: %q).", extName(ext))
}

func extName(ext string) string {
	if ext == "" {
		return "không có đuôi"
	}
	return "đuôi " + ext
}

// get is a row's cell of a column, trimmed and NFC; "" when the column or
// cell is absent.
func (t *table) get(r row, key string) string {
	i, ok := t.columns[key]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(norm.NFC.String(r.cells[i]))
}

// kindOf is what a row's cell of a column held in the workbook.
func (t *table) kindOf(r row, key string) cellKind {
	i, ok := t.columns[key]
	if !ok || i >= len(r.info) {
		return cellText
	}
	return r.info[i].kind
}

// cellAt is the text of row n's cell at index i, as typed (trimmed), for
// the report.
func (t *table) cellAt(n, i int) string {
	if t.byRow == nil {
		t.byRow = make(map[int]int, len(t.rows))
		for j, r := range t.rows {
			t.byRow[r.n] = j
		}
	}
	j, ok := t.byRow[n]
	if !ok || i < 0 || i >= len(t.rows[j].cells) {
		return ""
	}
	r := t.rows[j]
	v := strings.TrimSpace(r.cells[i])
	// A date cell holds a serial; the officer sees, and looks for, the day.
	if i < len(r.info) && r.info[i].kind == cellDate {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 {
			if d, err := excelize.ExcelDateToTime(math.Floor(f), t.date1904); err == nil {
				return d.Format("02/01/2006")
			}
		}
	}
	return v
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// fileProblem is a problem with the file as a whole.
func fileProblem(format string, args ...any) error {
	return &FileError{Message: fmt.Sprintf(format, args...)}
}

// FileError: the file cannot be read as a table at all.
type FileError struct{ Message string }

func (e *FileError) Error() string { return e.Message }
