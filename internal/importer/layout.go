package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/hcmc-thidua/thidua/internal/search"
	"github.com/hcmc-thidua/thidua/internal/vntext"
)

// headerKey folds a header for matching: without accents, case, the "*"
// that marks required columns, a note in brackets ("Ngày sinh
// (dd/mm/yyyy)") or a trailing colon, so that "HỌ VÀ TÊN", "Ho va ten"
// and "Họ và tên *" are one header.
func headerKey(h string) string {
	h = bracketed.ReplaceAllString(h, " ")
	h = strings.NewReplacer("*", " ", ":", " ", "\n", " ", "\u00a0", " ").Replace(h)
	return search.Fold(h)
}

var bracketed = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)

// columnFor finds the column a folded header names.
func columnFor(cols []Column, key string) (Column, bool) {
	if key == "" || len(cols) == 0 {
		return Column{}, false
	}
	c, ok := headerIndex(cols)[key]
	return c, ok
}

// headerColumn is the column a header cell names, as typed or, failing
// that, read as TCVN3 or VNI: a sheet typed in .VnTime has its header in
// TCVN3 too. The header's words are the template's, so a legacy reading
// that names a column is not a guess. how names the encoding it took.
func headerColumn(cols []Column, h string) (c Column, how string, ok bool) {
	if c, ok := columnFor(cols, headerKey(h)); ok {
		return c, "", true
	}
	if !hasLatin1(h) {
		return Column{}, "", false
	}
	for _, enc := range []vntext.Encoding{vntext.TCVN3, vntext.VNI} {
		if c, ok := columnFor(cols, headerKey(vntext.FromLegacy(enc, h))); ok {
			return c, enc.String(), true
		}
	}
	return Column{}, "", false
}

// hasLatin1 reports a rune in U+00A1–U+00FF, where TCVN3 and VNI text
// (read as Windows-1252) has its letters.
func hasLatin1(s string) bool {
	for _, r := range s {
		if r >= 0xA1 && r <= 0xFF {
			return true
		}
	}
	return false
}

var headerIndexes sync.Map // *Column (a kind's first) → map[string]Column

// headerIndex is a kind's headers and aliases by headerKey, built once.
func headerIndex(cols []Column) map[string]Column {
	if m, ok := headerIndexes.Load(&cols[0]); ok {
		return m.(map[string]Column)
	}
	m := map[string]Column{}
	for i := len(cols) - 1; i >= 0; i-- { // the first column to name a header wins
		c := cols[i]
		for _, a := range c.Aliases {
			m[headerKey(a)] = c
		}
	}
	for i := len(cols) - 1; i >= 0; i-- {
		m[headerKey(cols[i].Header)] = cols[i]
	}
	headerIndexes.Store(&cols[0], m)
	return m
}

// bestHeader is the index of the pending row that maps the most of the
// kind's columns; -1 when none maps any. The letterhead, the motto and
// the title above it map none.
func bestHeader(cols []Column, rows []row) int {
	best, most := -1, 0
	for i, r := range rows {
		if n := mapped(cols, r.cells); n > most {
			best, most = i, n
		}
	}
	return best
}

func mapped(cols []Column, cells []string) int {
	seen := map[string]bool{}
	for _, h := range cells {
		if c, _, ok := headerColumn(cols, h); ok {
			seen[c.Key] = true
		}
	}
	return len(seen)
}

// subHeader joins a header with the row under it when that row names
// columns the header does not: the two-row headers where "Quá trình công
// tác" spans "Từ ngày" and "Đến ngày". Each column takes the lower cell
// where it names a column, the upper one otherwise.
func subHeader(cols []Column, upper, lower []string) ([]string, bool) {
	joined := make([]string, max(len(upper), len(lower)))
	copy(joined, upper)
	added := false
	for i, h := range lower {
		c, _, ok := headerColumn(cols, h)
		if !ok {
			if strings.TrimSpace(h) != "" && i < len(upper) {
				if _, _, up := headerColumn(cols, upper[i]); !up {
					return nil, false // a value under a cell that names nothing: data, not a header
				}
			}
			continue
		}
		if i < len(upper) {
			if u, _, ok := headerColumn(cols, upper[i]); ok && u.Key == c.Key {
				continue
			}
		}
		joined[i], added = h, true
	}
	return joined, added
}

// columnNumbers is the row of column numbers forms put under the header:
// "1, 2, 3…" or "(1), (2), (3)…", consecutive from 1 or A.
func columnNumbers(rec []string) bool {
	n := 0
	for _, c := range rec {
		c = strings.Trim(strings.TrimSpace(c), "()[]")
		if c == "" {
			continue
		}
		n++
		if c != strconv.Itoa(n) && !strings.EqualFold(c, letter(n)) {
			return false
		}
	}
	return n >= 3
}

// endOfData is a row that ends a list's data: its total ("Tổng cộng",
// "Cộng", "Tổng số") or the place, date and signature block under it.
func endOfData(rec []string) bool {
	// Most rows are data with more than three cells and no total in front:
	// they are told apart without folding every cell.
	filled, firstAt := 0, -1
	for i, c := range rec {
		if strings.TrimSpace(c) != "" {
			if filled++; firstAt < 0 {
				firstAt = i
			}
		}
	}
	if filled == 0 {
		return false
	}
	if filled > 3 {
		f := strings.TrimSpace(rec[firstAt])
		if f == "" || !strings.ContainsAny(f[:1], "TtCc") {
			return false
		}
		rec = rec[firstAt : firstAt+1]
	}
	var cells []string
	for _, c := range rec {
		if f := search.Fold(c); f != "" {
			cells = append(cells, f)
		}
	}
	first := strings.TrimRight(cells[0], " :.")
	if first == "tong cong" || first == "cong" || first == "tong so" || first == "tong" || strings.HasPrefix(first, "tong cong ") {
		return true
	}
	if filled > 3 {
		return false
	}
	for _, c := range cells {
		switch {
		case strings.Contains(c, "nguoi lap"), strings.Contains(c, "ky, ghi ro ho ten"), strings.Contains(c, "ky ghi ro ho ten"),
			strings.Contains(c, "ky ten, dong dau"), strings.Contains(c, "ky, dong dau"), strings.HasPrefix(c, "thu truong"),
			strings.HasPrefix(c, "tm. "), strings.HasPrefix(c, "kt. "), strings.HasPrefix(c, "tl. "), strings.HasPrefix(c, "noi nhan"),
			signatureDate.MatchString(c):
			return true
		}
	}
	return false
}

// signatureDate: "…, ngày 15 tháng 7 năm 2025", or its dotted blanks.
var signatureDate = regexp.MustCompile(`ngay\s*[0-9.…_ ]*\s*thang\s*[0-9.…_ ]*\s*nam`)

// guideSheet is a sheet of instructions or lists of values, which the
// templates and many offices' files have beside the data.
func guideSheet(name string) bool {
	f := search.Fold(name)
	for _, g := range []string{"huong dan", "danh muc", "ghi chu", "instructions", "readme"} {
		if strings.HasPrefix(f, g) {
			return true
		}
	}
	return false
}

// fillMerged gives each cell of a merged area below the header the value
// of the area's first cell, which is the only one a workbook stores: the
// unit written once beside all its staff.
func fillMerged(t *table, merges []mergeRange) {
	if len(merges) == 0 {
		return
	}
	at := make(map[int]int, len(t.rows))
	for i, r := range t.rows {
		at[r.n] = i
	}
	for _, m := range merges {
		if m.row1 <= t.headerRow || m.col1 >= maxColumns {
			continue
		}
		top, ok := at[m.row1]
		if !ok || m.col1 >= len(t.rows[top].cells) {
			continue
		}
		v, info := t.rows[top].cells[m.col1], cellInfo{}
		if m.col1 < len(t.rows[top].info) {
			info = t.rows[top].info[m.col1]
		}
		for n := m.row1; n <= m.row2; n++ {
			i, ok := at[n]
			if !ok {
				continue
			}
			r := &t.rows[i]
			for c := m.col1; c <= m.col2 && c < len(t.headers); c++ {
				for len(r.cells) <= c {
					r.cells = append(r.cells, "")
				}
				for r.info != nil && len(r.info) <= c {
					r.info = append(r.info, cellInfo{})
				}
				if strings.TrimSpace(r.cells[c]) == "" {
					r.cells[c] = v
					if c < len(r.info) {
						r.info[c] = info
					}
				}
			}
		}
	}
}

// noteHidden notes the data rows and the read columns that Excel hides:
// they are imported, and the officer should know what they did not see.
func noteHidden(t *table, layout sheetLayout) {
	var rows []string
	for _, r := range t.rows {
		if layout.hiddenRows[r.n] {
			rows = append(rows, strconv.Itoa(r.n))
		}
	}
	if len(rows) > 0 {
		more := ""
		if len(rows) > 20 {
			more = fmt.Sprintf(" và %d dòng khác", len(rows)-20)
			rows = rows[:20]
		}
		t.notices = append(t.notices, Problem{Message: "Các dòng " + strings.Join(rows, ", ") + more + " bị ẩn trong Excel nhưng vẫn được đọc; hãy bỏ ẩn để kiểm tra, hoặc xóa các dòng không muốn nhập."})
	}
	var cols []string
	for i := 0; i < len(t.headers); i++ {
		for _, h := range layout.hiddenCols {
			if i >= h[0] && i <= h[1] && strings.TrimSpace(t.headers[i]) != "" {
				cols = append(cols, letter(i+1)+" “"+strings.TrimSpace(t.headers[i])+"”")
				break
			}
		}
	}
	if len(cols) > 0 {
		t.notices = append(t.notices, Problem{Row: t.headerRow, Message: "Các cột " + strings.Join(cols, ", ") + " bị ẩn trong Excel nhưng vẫn được đọc; hãy bỏ ẩn để kiểm tra."})
	}
}
