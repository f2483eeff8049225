package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// rowCheck reads one row's cells into typed values and gathers what is
// wrong with them, so that a row reports all its problems at once.
type rowCheck struct {
	kind     Kind
	t        *table
	r        row
	problems *[]Problem
}

func (c rowCheck) fail(key, format string, args ...any) {
	*c.problems = append(*c.problems, Problem{Row: c.r.n, Column: header(c.kind, key), Message: fmt.Sprintf(format, args...)})
}

func (c rowCheck) text(key string, required bool, max int) string {
	v := c.t.get(c.r, key)
	switch {
	case v == "" && required:
		c.fail(key, "Bắt buộc, không được để trống.")
	case len([]rune(v)) > max:
		c.fail(key, "Dài quá %d ký tự.", max)
	}
	return v
}

var codeRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]*$`)

func (c rowCheck) code(key string, required bool, max int) string {
	v := strings.ToUpper(c.text(key, required, max))
	if v != "" && !codeRe.MatchString(v) {
		c.fail(key, "Mã %q chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang.", v)
	}
	return v
}

func (c rowCheck) integer(key string, required bool, lo, hi int) (int, bool) {
	v := c.t.get(c.r, key)
	if v == "" {
		if required {
			c.fail(key, "Bắt buộc, không được để trống.")
		}
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, ".", ""), 64)
	if n := int(f); err != nil || float64(n) != f || n < lo || n > hi {
		c.fail(key, "%q không phải số nguyên từ %d đến %d.", v, lo, hi)
		return 0, false
	}
	return int(f), true
}

// date reads dd/mm/yyyy, yyyy-mm-dd or an Excel date serial.
func (c rowCheck) date(key string, required bool) *time.Time {
	v := c.t.get(c.r, key)
	if v == "" {
		if required {
			c.fail(key, "Bắt buộc, không được để trống.")
		}
		return nil
	}
	d, ok := parseDate(v)
	if !ok {
		c.fail(key, "Ngày %q không hợp lệ; ghi theo dạng dd/mm/yyyy, ví dụ 01/07/2025.", v)
		return nil
	}
	return &d
}

func parseDate(v string) (time.Time, bool) {
	for _, layout := range []string{"02/01/2006", "2/1/2006", "2006-01-02", "02-01-2006"} {
		if d, err := time.Parse(layout, v); err == nil && d.Year() >= 1900 && d.Year() <= 2100 {
			return d, true
		}
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f > 1 && f < 80000 && f == float64(int(f)) {
		if d, err := excelize.ExcelDateToTime(f, false); err == nil {
			return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// labelled is a domain enumeration: codes with Vietnamese labels.
type labelled interface {
	~string
	Values() []string
	Label() string
}

// synonyms are the other words unit workbooks use for a code, beside the
// domain's labels.
var synonyms = map[string]string{
	"thủ trưởng":         "HEAD",
	"cấp trưởng":         "HEAD",
	"phó thủ trưởng":     "DEPUTY_HEAD",
	"cán bộ thi đua":     "EMULATION_OFFICER",
	"chuyên viên":        "STAFF",
	"nhân viên":          "STAFF",
	"lực lượng vũ trang": "ARMED_FORCES",
	"cá nhân":            "INDIVIDUAL",
	"tập thể":            "COLLECTIVE",
}

// enum reads a value of a domain enumeration by its code or its
// Vietnamese label, in any case.
func enum[T labelled](c rowCheck, key string, required bool) T {
	v := c.t.get(c.r, key)
	if v == "" {
		if required {
			c.fail(key, "Bắt buộc, không được để trống.")
		}
		return ""
	}
	var zero T
	for _, code := range zero.Values() {
		if e := T(code); strings.EqualFold(code, v) || strings.EqualFold(e.Label(), v) || synonyms[strings.ToLower(v)] == code {
			return e
		}
	}
	c.fail(key, "Giá trị %q không có trong danh mục; xem trang Hướng dẫn của tệp mẫu.", v)
	return ""
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func dayText(d *time.Time) string {
	if d == nil {
		return "—"
	}
	return d.Format("02/01/2006")
}
