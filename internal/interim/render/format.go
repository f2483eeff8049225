package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

// number writes v the Vietnamese way, 1.234,5: readers take "1,234" for
// one and a quarter.
func number(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

func count(n int) string { return number(float64(n), 0) }

// percent writes a fraction with one decimal, as the review reports rates.
func percent(r float64) string { return number(r*100, 1) + "%" }

// days keeps the half a median of an even count can have.
func days(d float64) string {
	if d == math.Trunc(d) {
		return number(d, 0)
	}
	return number(d, 1)
}

// refreshed says how recent the figures are; readers compare it with
// what their unit entered since.
func refreshed(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return "Số liệu đến hết " + t.In(etl.HCM).Format("15:04 ngày 02/01/2006") + " (giờ Việt Nam)"
}

// phaseName uses the en dash of printed Vietnamese documents; the code's
// name uses a hyphen.
func phaseName(p interim.Phase) string {
	if p.Start == 0 {
		return p.Name
	}
	return fmt.Sprintf("%d–%d", p.Start, p.End)
}

// personName shows a pseudonym's prefix to viewers who may not read the
// name: enough to tell people apart, not to find them in the warehouse.
func personName(p interim.Person) string {
	if p.Name != "" {
		return p.Name
	}
	key := []rune(p.Key)
	return "Mã ẩn danh " + string(key[:min(10, len(key))])
}
