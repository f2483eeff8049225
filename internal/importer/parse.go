package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/search"
	"github.com/hcmc-thidua/thidua/internal/vntext"
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

// notice records how a cell was read, without refusing the row.
func (c rowCheck) notice(key, format string, args ...any) {
	c.t.notices = append(c.t.notices, Problem{Row: c.r.n, Column: header(c.kind, key), Message: fmt.Sprintf(format, args...)})
}

func (c rowCheck) text(key string, required bool, max int) string {
	v := c.t.get(c.r, key)
	switch {
	case v == "" && c.t.kindOf(c.r, key) == cellFormula:
		c.fail(key, "Ô là một công thức chưa được tính (tệp do phần mềm khác tạo ra, không lưu kết quả); hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nhập.")
	case v == "" && required:
		c.fail(key, "Bắt buộc, không được để trống.")
	case len([]rune(v)) > max:
		c.fail(key, "Dài quá %d ký tự.", max)
	}
	return v
}

// name is a person's or a unit's name: its spaces collapsed (a double
// space or a line break inside a cell would make two people of one).
// A name that begins as a formula would ("=", "+", "@") is refused: it is
// no one's name, and a list exported later would run it in a spreadsheet.
func (c rowCheck) name(key string, required bool, max int) string {
	v := vntext.CollapseSpaces(c.text(key, required, max))
	if v != "" && strings.ContainsAny(v[:1], "=+@") {
		c.fail(key, "Tên không được bắt đầu bằng “%s” (dấu của công thức bảng tính); hãy ghi đúng tên.", v[:1])
		return ""
	}
	return v
}

// email is an official address, checked: "không có" or two addresses in
// one cell are not an address.
func (c rowCheck) email(key string) string {
	v := vntext.CollapseSpaces(c.text(key, false, 255))
	if v != "" && !vntext.ValidEmail(v) {
		c.fail(key, "“%s” không phải một địa chỉ thư điện tử (dạng ten@coquan.gov.vn, mỗi ô một địa chỉ); để trống nếu không có.", v)
		return ""
	}
	return strings.ToLower(v)
}

// phone is one work phone number, stored as its digits.
func (c rowCheck) phone(key string) string {
	v := c.text(key, false, 64)
	if v == "" {
		return ""
	}
	n, ok := domain.NormalizePhone(v)
	if !ok {
		c.fail(key, "“%s” không phải một số điện thoại (8 đến 15 chữ số, có thể có dấu cách, dấu chấm, gạch ngang hay +84 ở đầu; mỗi ô một số); để trống nếu không có.", v)
		return ""
	}
	return n
}

var codeRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]*$`)

// code reads a code in upper case. A code that came from a number cell is
// noted: Excel drops the zeros in front of "000123" when the cell is a
// number, so the code may not be the one the unit uses.
func (c rowCheck) code(key string, required bool, max int) string {
	typed := c.text(key, required, max)
	v := strings.ToUpper(typed)
	if v != "" && !codeRe.MatchString(v) {
		c.fail(key, "Mã “%s” chỉ được gồm chữ in hoa không dấu, chữ số và dấu gạch ngang.", typed)
	}
	if v != "" && c.t.kindOf(c.r, key) == cellNumber {
		c.notice(key, "Mã “%s” lấy từ một ô kiểu số: nếu mã gốc có số 0 ở đầu thì Excel đã bỏ mất chúng; hãy định dạng cột là Văn bản (Text) và gõ lại mã đúng.", typed)
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
		c.fail(key, "“%s” không phải số nguyên từ %d đến %d.", v, lo, hi)
		return 0, false
	}
	return int(f), true
}

// labelled is a domain enumeration: codes with Vietnamese labels.
type labelled interface {
	~string
	Values() []string
	Label() string
}

// synonyms are the other words unit workbooks use for a code, beside the
// domain's labels, by vntext.Key.
var synonyms = map[string]string{
	"thủ trưởng":         "HEAD",
	"cấp trưởng":         "HEAD",
	"trưởng phòng":       "HEAD",
	"phó thủ trưởng":     "DEPUTY_HEAD",
	"cấp phó":            "DEPUTY_HEAD",
	"cán bộ thi đua":     "EMULATION_OFFICER",
	"chuyên viên":        "STAFF",
	"nhân viên":          "STAFF",
	"lực lượng vũ trang": "ARMED_FORCES",
	"cá nhân":            "INDIVIDUAL",
	"tập thể":            "COLLECTIVE",
	"quận":               "DISTRICT",
	"huyện":              "DISTRICT",
	"xã":                 "COMMUNE",
	"thị trấn":           "COMMUNE",
	"sở":                 "DEPARTMENT",
}

// synonymKeys are the synonyms by vntext.Key, as enum compares them.
var synonymKeys = sync.OnceValue(func() map[string]string {
	out := make(map[string]string, len(synonyms))
	for s, code := range synonyms {
		out[vntext.Key(s)] = code
	}
	return out
})

// labelKeys holds vntext.Key of the enumerations' labels, which enum
// compared every cell against, the labels' keys made anew each time: a
// staff list's three enumerations a row spent a tenth of its checks there.
var labelKeys sync.Map

func labelKey(label string) string {
	if k, ok := labelKeys.Load(label); ok {
		return k.(string)
	}
	k := vntext.Key(label)
	labelKeys.Store(label, k)
	return k
}

// enum reads a value of a domain enumeration by its code or its
// Vietnamese label, in any case and either tone placement; a value not
// in the list is refused with the list.
func enum[T labelled](c rowCheck, key string, required bool) T {
	v := c.t.get(c.r, key)
	if v == "" {
		if required {
			c.fail(key, "Bắt buộc, không được để trống.")
		}
		return ""
	}
	var zero T
	k := vntext.Key(v)
	for _, code := range zero.Values() {
		if e := T(code); strings.EqualFold(code, v) || labelKey(e.Label()) == k || synonymKeys()[k] == code {
			return e
		}
	}
	// Typed without any accent ("Nu", "Phuong"): the one value it can be.
	// A value with a wrong accent ("Nũ") is not guessed at.
	folded, match := search.Fold(v), T("")
	if folded != strings.ToLower(vntext.CollapseSpaces(v)) {
		folded = "" // matches no label
	}
	for _, code := range zero.Values() {
		e := T(code)
		same := search.Fold(e.Label()) == folded
		for syn, c := range synonyms {
			same = same || c == code && search.Fold(syn) == folded
		}
		if same {
			if match != "" && match != e {
				match = ""
				break
			}
			match = e
		}
	}
	if match != "" {
		return match
	}
	allowed := make([]string, 0, len(zero.Values()))
	for _, code := range zero.Values() {
		allowed = append(allowed, T(code).Label())
	}
	c.fail(key, "Giá trị “%s” không có trong danh mục; chọn một trong: %s (hoặc mã %s).", v, strings.Join(allowed, "; "), strings.Join(zero.Values(), ", "))
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
