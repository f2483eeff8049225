package importer

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// headerScan is how many non-blank rows at a sheet's top may hold the
// letterhead and title block above the header: an office's list has the
// body's name, the motto, a title and a line or two of notes.
const headerScan = 30

// tableBuilder takes a file's sheets one after another, each a record at a
// time, finds each sheet's header among its first rows, and keeps the
// cells under the kind's columns of the one sheet that has data: a list
// spread over several sheets is refused naming them, never half read.
type tableBuilder struct {
	cols  []Column
	t     *table // the sheet kept: the first with data under a header
	empty *table // the first with a header and no data, for its message

	fileNotices []Problem // how the file as a whole was read (its encoding)

	// The sheet being read.
	name     string
	date1904 bool
	pending  []row // rows above and around the header, until it is found
	cur      *table
	width    int // cells kept a row: up to the last column the header maps
	data     int // data rows kept so far
	stopped  int // the row a total or a signature ended the data at; 0 while reading
	after    int // non-blank rows ignored below it
	numbered bool

	sheets []sheetSeen // every sheet with data, for the message that refuses several
}

type sheetSeen struct {
	name   string
	rows   int
	header bool
}

func newTableBuilder(cols []Column) *tableBuilder { return &tableBuilder{cols: cols} }

func (b *tableBuilder) startSheet(name string, date1904 bool) {
	b.name, b.date1904 = name, date1904
	b.pending, b.cur, b.width, b.data, b.stopped, b.after, b.numbered = nil, nil, 0, 0, 0, 0, false
}

// add takes record n of the sheet. The reader's slices are not kept
// beyond the columns read, so that the cells a row holds further right
// cost nothing once it is added.
func (b *tableBuilder) add(n int, rec []string, info []cellInfo) error {
	if err := checkRecord(n, rec); err != nil {
		return err
	}
	if blank(rec) {
		return nil
	}
	if b.cur == nil {
		b.pending = append(b.pending, row{n: n, cells: slices.Clone(rec), info: slices.Clone(info)})
		if len(b.pending) < headerScan {
			return nil
		}
		return b.findHeader()
	}
	return b.dataRow(n, rec, info)
}

// findHeader chooses the header among the pending rows, then reads the
// rows below it as data.
func (b *tableBuilder) findHeader() error {
	pending := b.pending
	b.pending = nil
	h := bestHeader(b.cols, pending)
	if h < 0 {
		b.cur = &table{} // no header: the rest of the sheet is only counted
		b.width = -1
		b.data = len(pending)
		return nil
	}
	headers := pending[h].cells
	next := h + 1
	if next < len(pending) && pending[next].n == pending[h].n+1 {
		if joined, ok := subHeader(b.cols, headers, pending[next].cells); ok {
			headers, next = joined, next+1
		}
	}
	b.cur = &table{sheet: b.name, readSheet: b.name, columns: map[string]int{}, headers: slices.Clone(headers), headerRow: pending[next-1].n, date1904: b.date1904}
	b.mapHeaders(pending[h].n)
	for _, r := range pending[next:] {
		if err := b.dataRow(r.n, r.cells, r.info); err != nil {
			return err
		}
	}
	return nil
}

// dataRow keeps a row below the header, unless the data has ended.
func (b *tableBuilder) dataRow(n int, rec []string, info []cellInfo) error {
	if b.width < 0 {
		b.data++
		return nil
	}
	switch {
	case b.stopped > 0:
		b.after++
		return nil
	case b.data == 0 && !b.numbered && columnNumbers(rec):
		// The "(1) (2) (3)" row forms put under the header.
		b.numbered = true
		return nil
	case endOfData(rec):
		b.stopped = n
		return nil
	case b.repeatedHeader(rec):
		return nil
	}
	if b.data++; b.data > maxRows {
		return refuse("Tệp có hơn %s dòng dữ liệu; hãy chia thành nhiều tệp.", viNumber(maxRows))
	}
	if b.t != nil {
		return nil // a second sheet with data: only counted, the file is refused
	}
	if len(rec) > b.width {
		rec = rec[:b.width]
	}
	if len(info) > b.width {
		info = info[:b.width]
	}
	b.cur.rows = append(b.cur.rows, row{n: n, cells: slices.Clone(rec), info: slices.Clone(info)})
	return nil
}

func (b *tableBuilder) endSheet(layout sheetLayout) error {
	if b.cur == nil {
		if len(b.pending) == 0 {
			return nil // an empty sheet
		}
		if err := b.findHeader(); err != nil {
			return err
		}
	}
	if b.width < 0 {
		b.sheets = append(b.sheets, sheetSeen{name: b.name, rows: b.data})
		return nil
	}
	b.sheets = append(b.sheets, sheetSeen{name: b.name, rows: b.data, header: true})
	t := b.cur
	switch {
	case b.t != nil:
		return nil
	case b.data == 0:
		if b.empty == nil {
			b.empty = t
		}
		return nil
	}
	fillMerged(t, layout.merges)
	noteHidden(t, layout)
	b.convertLegacy(t)
	if b.stopped > 0 && b.after > 0 {
		t.notices = append(t.notices, Problem{Row: b.stopped, Message: fmt.Sprintf(
			"Dữ liệu được đọc đến hết dòng %d; dòng %d (tổng cộng hoặc phần ký tên) và %d dòng có chữ bên dưới không được đọc.",
			b.stopped-1, b.stopped, b.after)})
	}
	b.t = t
	return nil
}

// finish is the sheet read, or the problems that refuse the file: no
// sheet with the template's header, or data on more than one sheet.
func (b *tableBuilder) finish() (*table, []Problem) {
	var withData []sheetSeen
	for _, s := range b.sheets {
		if s.rows > 0 && !guideSheet(s.name) {
			withData = append(withData, s)
		}
	}
	var headed []string
	for _, s := range withData {
		if s.header {
			headed = append(headed, fmt.Sprintf("“%s” (%s dòng)", s.name, viNumber(s.rows)))
		}
	}
	if b.t == nil {
		b.t = b.empty
	}
	switch {
	case b.t == nil:
		return nil, []Problem{{Message: fmt.Sprintf("Không tìm thấy dòng tiêu đề của mẫu trong %d dòng đầu của các trang tính; dòng tiêu đề cần có các cột: %s.", headerScan, b.expected())}}
	case len(headed) > 1:
		return nil, []Problem{{Message: fmt.Sprintf("Tệp có dữ liệu ở %d trang tính: %s. Hãy chép dữ liệu vào một trang, hoặc lưu mỗi trang thành một tệp rồi nhập từng tệp.",
			len(headed), strings.Join(headed, ", "))}}
	}
	// A sheet with text but no header is refused, even a single row: one
	// person typed on a sheet of its own would otherwise be left out unseen.
	var unread []string
	for _, s := range withData {
		if !s.header {
			unread = append(unread, fmt.Sprintf("“%s” (%s dòng)", s.name, viNumber(s.rows)))
		}
	}
	if len(unread) > 0 {
		more := ""
		if len(unread) > 5 {
			more = fmt.Sprintf(" và %d trang khác", len(unread)-5)
			unread = unread[:5]
		}
		return nil, []Problem{{Message: fmt.Sprintf("Trang tính %s%s có chữ nhưng không có dòng tiêu đề của mẫu trong %d dòng đầu nên không đọc được; hãy xóa các trang đó khỏi tệp (hoặc chép dữ liệu vào trang có dòng tiêu đề), rồi nhập lại.",
			strings.Join(unread, ", "), more, headerScan)}}
	}
	if len(b.sheets) < 2 {
		b.t.sheet = ""
	}
	b.t.notices = append(b.fileNotices, b.t.notices...)
	return b.t, b.t.problems
}

func (b *tableBuilder) expected() string {
	var hs []string
	for _, c := range b.cols {
		if c.Required {
			hs = append(hs, "“"+c.Header+"”")
		}
	}
	return strings.Join(hs, ", ")
}

// mapHeaders maps the chosen header's cells to columns: a column of the
// template once each, the others (STT, a unit's own notes) left unread
// with one notice naming them.
func (b *tableBuilder) mapHeaders(headerRow int) {
	t := b.cur
	var unread, legacy []string
	for i, h := range t.headers {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c, how, ok := headerColumn(b.cols, h)
		if how != "" {
			legacy = append(legacy, fmt.Sprintf("%s “%s” (%s)", letter(i+1), strings.TrimSpace(h), how))
		}
		if !ok {
			unread = append(unread, fmt.Sprintf("%s “%s”", letter(i+1), strings.TrimSpace(h)))
			continue
		}
		if j, dup := t.columns[c.Key]; dup {
			t.problems = append(t.problems, Problem{Row: t.headerRow, Col: i + 1, Column: c.Header, Value: strings.TrimSpace(h),
				Message: fmt.Sprintf("Cột bị lặp lại: cột %s cũng là “%s”.", letter(j+1), c.Header)})
			continue
		}
		t.columns[c.Key] = i
		b.width = max(b.width, i+1)
	}
	for _, c := range b.cols {
		if _, ok := t.columns[c.Key]; !ok && c.Required {
			t.problems = append(t.problems, Problem{Row: t.headerRow, Column: c.Header, Message: "Thiếu cột bắt buộc “" + c.Header + "”."})
		}
	}
	if len(legacy) > 0 {
		t.notices = append(t.notices, Problem{Row: t.headerRow, Message: "Dòng tiêu đề gõ bằng phông cũ, đã đọc theo bảng mã của phông: " + strings.Join(legacy, ", ") + "."})
	}
	if len(unread) > 0 {
		t.notices = append(t.notices, Problem{Row: t.headerRow, Message: "Các cột không có trong mẫu nên không được đọc: " + strings.Join(unread, ", ") + "."})
	}
	if headerRow > 1 {
		t.notices = append(t.notices, Problem{Row: headerRow, Message: fmt.Sprintf("Dòng tiêu đề là dòng %d; %d dòng phía trên (tiêu đề văn bản) không được đọc.", headerRow, headerRow-1)})
	}
}

// repeatedHeader is the header again, as a list printed over several
// pages repeats it.
func (b *tableBuilder) repeatedHeader(rec []string) bool {
	same := 0
	for _, i := range b.cur.columns {
		if i < len(rec) && i < len(b.cur.headers) && rec[i] != "" && strings.TrimSpace(rec[i]) == strings.TrimSpace(b.cur.headers[i]) {
			same++
		}
	}
	return same >= 2 && same*2 >= len(b.cur.columns)
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
			return fileProblem("Ô %s có ký tự không đọc được theo bảng mã UTF-8 (tệp được lưu theo một bảng mã khác ở phần sau của tệp); hãy lưu tệp CSV dạng “CSV UTF-8” (Excel: Lưu thành › CSV UTF-8) rồi nhập lại.", cellName(i, n))
		case strings.IndexByte(c, 0) >= 0:
			return fileProblem("Ô %s có ký tự NUL: tệp có lẽ được lưu theo bảng mã UTF-16; hãy lưu tệp CSV dạng “CSV UTF-8” rồi nhập lại.", cellName(i, n))
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

// letter is a 1-based column's letters ("F").
func letter(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}
