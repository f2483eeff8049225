package render

import "strconv"

// A table is built once and written twice, to the page and to the
// workbook, so that both show the same figures.
type table struct {
	ID      string // the page's anchor
	Sheet   string // the workbook's sheet
	Caption string
	Head    []string
	Keys    int // leading cells that name their row
	Rows    [][]cell
	Empty   string // said instead of a table without rows
}

// Wide tables scroll on screen instead of squeezing their columns.
func (t table) Wide() bool { return len(t.Head) > 8 }

// Span is how many columns an absent cell at column i covers: the rest
// of its row.
func (t table) Span(i int) int { return len(t.Head) - i }

type cellKind uint8

const (
	kindText    cellKind = iota
	kindYear             // a number written without a thousands separator
	kindCount            // a whole number
	kindRatio            // a fraction shown as a percent
	kindDays             // a median of days
	kindAbsent           // a year without any row: not a zero
	kindMissing          // a figure that cannot be computed (no headcount, no idea)
)

// A cell keeps its value and its kind, so the workbook gets numbers and
// the page gets Vietnamese formatting.
type cell struct {
	kind cellKind
	text string
	num  float64
	flag bool
}

func text(s string) cell { return cell{kind: kindText, text: s} }
func year(y int) cell    { return cell{kind: kindYear, num: float64(y)} }
func num(n int) cell     { return cell{kind: kindCount, num: float64(n)} }
func absent() cell       { return cell{kind: kindAbsent} }

func ratio(r *float64) cell {
	if r == nil {
		return cell{kind: kindMissing}
	}
	return cell{kind: kindRatio, num: *r}
}

func median(d *float64) cell {
	if d == nil {
		return cell{kind: kindMissing}
	}
	return cell{kind: kindDays, num: *d}
}

// flagged marks a gap a reader should see first, such as a missing plan.
func flagged(s string, gap bool) cell { return cell{kind: kindText, text: s, flag: gap} }

// Text is the cell as the page shows it.
func (c cell) Text() string {
	switch c.kind {
	case kindYear:
		return strconv.Itoa(int(c.num))
	case kindCount:
		return number(c.num, 0)
	case kindRatio:
		return percent(c.num)
	case kindDays:
		return days(c.num)
	case kindAbsent:
		return "chưa có số liệu"
	case kindMissing:
		return "—"
	}
	return c.text
}

// Numeric cells align right, so that digits line up.
func (c cell) Numeric() bool {
	return c.kind == kindCount || c.kind == kindRatio || c.kind == kindDays || c.kind == kindMissing
}

func (c cell) Absent() bool  { return c.kind == kindAbsent }
func (c cell) Flagged() bool { return c.flag }

// byYear lays rows out over the phase's years, so that a year without
// rows says so instead of showing zeros; rows of other years follow.
func byYear[T any](years []int, rows []T, yearOf func(T) int, cells func(T) []cell) [][]cell {
	var out [][]cell
	seen := map[int]bool{}
	for _, y := range years {
		seen[y] = true
		n := len(out)
		for _, r := range rows {
			if yearOf(r) == y {
				out = append(out, cells(r))
			}
		}
		if len(out) == n {
			out = append(out, []cell{year(y), absent()})
		}
	}
	for _, r := range rows {
		if !seen[yearOf(r)] {
			out = append(out, cells(r))
		}
	}
	return out
}
