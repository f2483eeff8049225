package importer

import (
	"math"
	"regexp"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// earliestDate: no record the movement keeps is older; a date before it is
// a mistyped year or a serial misread (2025 as a date is 17/07/1905).
var earliestDate = time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC)

// futureDates are the columns whose dates may lie beyond this year: the
// phases' deadlines, a pilot's planned end, a term or a unit's planned
// end. Every other date is of something that has happened.
var futureDates = map[Kind]map[string]bool{
	Phases: {"plans_due_on": true, "interim_review_due_on": true, "final_review_due_on": true, "starts_on": true, "ends_on": true},
	Ideas:  {"pilot_end": true},
	People: {"to": true},
	Units:  {"valid_to": true},
}

// date reads a date cell: a workbook's date (its serial, in the workbook's
// 1900 or 1904 system), a text date dd/mm/yyyy (or d/m/yyyy, dd-mm-yyyy,
// dd.mm.yyyy, yyyy-mm-dd), either with a time, which is dropped. A number
// that is a year, or that makes a date before 1930 or after this year
// (for the columns of things that have happened), is refused; so is a text
// date in a column that writes dates month first.
func (c rowCheck) date(key string, required bool) *time.Time {
	v := c.t.get(c.r, key)
	if v == "" {
		if required {
			c.fail(key, "Bắt buộc, không được để trống.")
		}
		return nil
	}
	var d time.Time
	switch kind := c.t.kindOf(c.r, key); kind {
	case cellDate, cellNumber:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			if t, ok := isoDate(v); ok { // a cell of type d holds ISO 8601
				d = t
				break
			}
			c.fail(key, "Ô ngày “%s” không đọc được.", v)
			return nil
		}
		if kind == cellNumber && f == math.Trunc(f) && f >= 1000 && f <= 2200 {
			c.fail(key, "“%s” là một năm, không phải một ngày; ghi ngày đầy đủ theo dạng dd/mm/yyyy, ví dụ 01/07/%s.", v, v)
			return nil
		}
		t, err := excelize.ExcelDateToTime(math.Floor(f), c.t.date1904)
		if err != nil || f < 1 {
			c.fail(key, "Số “%s” không phải một ngày; ghi ngày theo dạng dd/mm/yyyy.", v)
			return nil
		}
		d = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if kind == cellNumber {
			c.notice(key, "Ô kiểu số “%s” được đọc là ngày %s; hãy kiểm tra lại, và định dạng cột là Ngày (Date).", v, d.Format("02/01/2006"))
		}
		if kind == cellDate && c.t.dateStats(key).text > 0 && d.Day() <= 12 && d.Day() != int(d.Month()) {
			c.notice(key, "Cột này có cả ô kiểu ngày lẫn ngày gõ thành chữ: ô này được đọc là ngày %s, nhưng ngày và tháng có thể đã bị đảo (%s) khi tệp được mở với định dạng vùng khác; hãy kiểm tra lại.",
				d.Format("02/01/2006"), time.Date(d.Year(), time.Month(d.Day()), int(d.Month()), 0, 0, 0, 0, time.UTC).Format("02/01/2006"))
		}
	default:
		t, ok := parseDate(v)
		if !ok {
			// "7/13/2025" is no day-first date, so parseDate fails on it; it
			// is said to be month first here, where it would otherwise only
			// be "invalid" (the check below sees dates that parse, whose
			// second number is at most 12).
			if a, b, ok := dayMonth(v); ok && a <= 12 && b > 12 && b <= 31 {
				c.fail(key, "Ngày “%s” được ghi theo thứ tự tháng/ngày/năm (kiểu Mỹ); hãy ghi lại theo dd/mm/yyyy.", v)
				return nil
			}
			c.fail(key, "Ngày “%s” không hợp lệ; ghi theo dạng dd/mm/yyyy, ví dụ 01/07/2025.", v)
			return nil
		}
		if s := c.t.dateStats(key); s.monthFirst > 0 {
			if a, b, ok := dayMonth(v); ok && a != b && a <= 12 {
				c.fail(key, "Cột này có ngày ghi theo thứ tự tháng/ngày/năm (dòng %d: “%s”), nên “%s” không rõ là ngày %d tháng %d hay ngày %d tháng %d; hãy ghi lại cả cột theo dd/mm/yyyy.",
					s.exampleRow, s.example, v, a, b, b, a)
				return nil
			}
		}
		d = t
	}
	if d.Before(earliestDate) {
		c.fail(key, "Ngày %s trước năm 1930; hãy kiểm tra lại năm.", d.Format("02/01/2006"))
		return nil
	}
	if last := time.Date(c.t.today.Year(), 12, 31, 0, 0, 0, 0, time.UTC); !futureDates[c.kind][key] && d.After(last) {
		c.fail(key, "Ngày %s sau năm %d; hãy kiểm tra lại năm.", d.Format("02/01/2006"), c.t.today.Year())
		return nil
	}
	return &d
}

// dateColumn is what a date column's cells are, looked at once for all of
// its rows: how many are text, and whether any text date can only be read
// month first (13 or more in its second place).
type dateColumn struct {
	text, monthFirst int
	exampleRow       int
	example          string
}

func (t *table) dateStats(key string) dateColumn {
	if s, ok := t.dates[key]; ok {
		return s
	}
	var s dateColumn
	for _, r := range t.rows {
		v := t.get(r, key)
		if v == "" || t.kindOf(r, key) != cellText {
			continue
		}
		s.text++
		if a, b, ok := dayMonth(v); ok && a <= 12 && b > 12 && b <= 31 {
			if s.monthFirst++; s.monthFirst == 1 {
				s.exampleRow, s.example = r.n, v
			}
		}
	}
	if t.dates == nil {
		t.dates = map[string]dateColumn{}
	}
	t.dates[key] = s
	return s
}

var dmy = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$`)

// dayMonth are a text date's first two numbers, day and month when it is
// written as Vietnam writes it.
func dayMonth(v string) (a, b int, ok bool) {
	m := dmy.FindStringSubmatch(v)
	if m == nil {
		return 0, 0, false
	}
	a, _ = strconv.Atoi(m[1])
	b, _ = strconv.Atoi(m[2])
	return a, b, true
}

// parseDate reads a text date, day first, or ISO; a time after it is
// dropped. An Excel serial typed as text (a CSV) is read as one.
func parseDate(v string) (time.Time, bool) {
	if a, b, ok := dayMonth(v); ok {
		y, _ := strconv.Atoi(dmy.FindStringSubmatch(v)[3])
		d := time.Date(y, time.Month(b), a, 0, 0, 0, 0, time.UTC)
		if d.Day() != a || int(d.Month()) != b {
			return time.Time{}, false
		}
		return d, true
	}
	if d, ok := isoDate(v); ok {
		return d, true
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f > 2200 && f < 80000 {
		if d, err := excelize.ExcelDateToTime(math.Floor(f), false); err == nil {
			return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

func isoDate(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.000"} {
		if d, err := time.Parse(layout, v); err == nil {
			return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
