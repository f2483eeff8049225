package importer

import (
	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// choice reads a cell that names one of a few options, in any case.
func choice[T any](c rowCheck, key string, options map[string]T, allowed string) T {
	var zero T
	v := c.t.get(c.r, key)
	if v == "" {
		return zero
	}
	if o, ok := options[strings.ToLower(v)]; ok {
		return o
	}
	c.fail(key, "Giá trị %q không hợp lệ; ghi %s.", v, allowed)
	return zero
}

// codeList reads codes separated by ";" (or ","), each checked as a code.
func codeList(c rowCheck, key string, max int) []string {
	v := c.t.get(c.r, key)
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		code := strings.ToUpper(strings.TrimSpace(part))
		switch {
		case code == "":
			continue
		case len(code) > max || !codeRe.MatchString(code):
			c.fail(key, "Mã %q chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang, tối đa %d ký tự.", code, max)
		case slices.Contains(out, code):
			c.fail(key, "Mã %s bị ghi hai lần.", code)
		default:
			out = append(out, code)
		}
	}
	return out
}

// nineAM is a step's moment: a file gives days, and each becomes the
// day at 09:00 in Ho Chi Minh City.
func nineAM(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, domain.Zone)
}

// civil is the day of a recorded moment in Ho Chi Minh City, as dayText writes it.
func civil(t time.Time) string { return t.In(domain.Zone).Format("02/01/2006") }

// civilToday is today in Ho Chi Minh City, as parseDate returns days.
func civilToday() time.Time {
	n := time.Now().In(domain.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func message(err error) string {
	if p, ok := problem.As(err); ok {
		return p.Message
	}
	return err.Error()
}

func collectiveText(b bool) string {
	if b {
		return "là ý tưởng của tập thể"
	}
	return "là ý tưởng của cá nhân"
}

func listText(codes []string) string {
	if len(codes) == 0 {
		return "(không có)"
	}
	return strings.Join(codes, "; ")
}
