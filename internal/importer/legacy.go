package importer

import (
	"fmt"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/vntext"
)

// convertLegacy converts text typed in the pre-Unicode Vietnamese
// encodings, column by column, with a notice on each cell it changed: a
// cell set in a .VnTime or VNI-Times font is converted by its font; a
// column without such fonts (a CSV, or a workbook whose fonts were
// changed) by what its text as a whole reads as (vntext.DetectColumn),
// never cell by cell, since the VNI bytes of "Hồng" are the plausible
// Unicode "Hoàng".
func (b *tableBuilder) convertLegacy(t *table) {
	for _, i := range t.columns {
		fonts := false
		for _, r := range t.rows {
			if i < len(r.info) && r.info[i].font != "" {
				fonts = true
				break
			}
		}
		enc := vntext.Unicode
		if !fonts {
			cells := make([]string, 0, len(t.rows))
			for _, r := range t.rows {
				if i < len(r.cells) && r.cells[i] != "" {
					cells = append(cells, r.cells[i])
				}
			}
			enc, _, _ = vntext.DetectColumn(cells)
			if enc != vntext.Unicode && !mostlyLegacy(enc, cells) {
				enc = vntext.Unicode // mixed: the legacy cells are refused one by one
			}
		}
		for k := range t.rows {
			r := &t.rows[k]
			if i >= len(r.cells) || r.cells[i] == "" {
				continue
			}
			e := enc
			if fonts {
				if i >= len(r.info) {
					continue
				}
				if e, _ = vntext.FontEncoding(r.info[i].font); e == vntext.Unicode {
					continue
				}
			}
			if e == vntext.Unicode {
				if !fonts {
					strayLegacy(t, r, i)
				}
				continue
			}
			was := r.cells[i]
			now := vntext.FromLegacy(e, was)
			if fonts && capitalFont(r.info[i].font) {
				now = strings.ToUpper(now)
			}
			if now != was {
				r.cells[i] = now
				t.notices = append(t.notices, Problem{Row: r.n, Col: i + 1, Value: strings.TrimSpace(was), Message: fmt.Sprintf(
					"Chữ gõ bằng phông %s (bảng mã cũ), đã chuyển sang Unicode: “%s”; hãy kiểm tra lại.", e, strings.TrimSpace(now))})
			}
		}
	}
}

// capitalFont is a TCVN3 font of capitals (.VnTimeH, .VnArialH): its
// letters are typed with the lower-case codes and shown as capitals.
func capitalFont(font string) bool {
	f := strings.ToLower(strings.TrimSpace(font))
	return strings.HasPrefix(f, ".vn") && strings.HasSuffix(f, "h")
}

// strayLegacy refuses a cell of a Unicode column that reads as Vietnamese
// only in TCVN3 or VNI: one name pasted from an old file among Unicode
// ones. It is not converted, since a column's other cells say Unicode,
// but it is not stored as it is either.
func strayLegacy(t *table, r *row, i int) {
	v := r.cells[i]
	if !hasLatin1(v) || allSyllables(v) {
		return
	}
	enc, _, _ := vntext.DetectColumn([]string{v})
	if enc == vntext.Unicode {
		return
	}
	t.rowProblems = append(t.rowProblems, Problem{Row: r.n, Col: i + 1, Value: strings.TrimSpace(v), Message: fmt.Sprintf(
		"Ô này có vẻ gõ bằng phông %s (bảng mã cũ): đọc theo phông đó là “%s”. Các ô khác của cột là Unicode nên ô này không được tự chuyển; hãy gõ lại bằng Unicode.",
		enc, strings.TrimSpace(vntext.FromLegacy(enc, v)))})
}

// allSyllables reports whether every word of s with a letter beyond ASCII
// is a Vietnamese syllable: most cells are, and need no closer look.
func allSyllables(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,;:()[]\"'“”-–/")
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= 0x80 {
				ascii = false
				break
			}
		}
		if !ascii && !vntext.ValidSyllable(w) {
			return false
		}
	}
	return true
}

// mostlyLegacy guards a column's conversion: a Unicode cell whose letters
// a legacy reading changes into other valid ones ("Lê" read as TCVN3 is
// "Lờ") is silently wrong once converted. The column is converted only
// when the cells that are not Vietnamese as typed outnumber such cells two
// to one: a VNI column has its "Hoàng" among many "Nguyeãn", a Unicode
// column its one stray "NguyÔn" among many "Lê".
func mostlyLegacy(enc vntext.Encoding, cells []string) bool {
	invalid, wouldChange := 0, 0
	for _, v := range cells {
		if !hasLatin1(v) {
			continue
		}
		if !allSyllables(v) {
			invalid++
		} else if vntext.FromLegacy(enc, v) != v {
			wouldChange++
		}
	}
	return invalid >= 2*wouldChange
}
