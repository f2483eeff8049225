package vntext

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func mapNames(f func(string) string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = f(n)
	}
	return out
}

func TestDetectColumnLegacy(t *testing.T) {
	for _, enc := range []Encoding{VNI, TCVN3} {
		column := mapNames(toTCVN3)
		if enc == VNI {
			column = mapNames(toVNI)
		}
		got, asIs, after := DetectColumn(column)
		if got != enc {
			t.Errorf("%v column detected as %v (invalid as is %d, after %d)", enc, got, asIs, after)
			continue
		}
		if after != 0 || asIs < len(names) {
			t.Errorf("%v column: invalid as is %d, after %d; want many, 0", enc, asIs, after)
		}
		for i, cell := range column {
			if u := FromLegacy(got, cell); u != names[i] {
				t.Errorf("%v %q → %q, want %q", enc, cell, u, names[i])
			}
		}
	}
}

func TestDetectColumnVNIHasHoang(t *testing.T) {
	column := mapNames(toVNI)
	found := false
	for _, c := range column {
		found = found || c == "Leâ Thò Hoàng Nhung"
	}
	if !found {
		t.Fatal("the VNI column lacks the Hoàng/Hồng case")
	}
}

func TestDetectColumnUnicode(t *testing.T) {
	column := append(mapNames(func(s string) string { return s }),
		"Hoàng", "Nguyễn Thị Thuỷ", norm.NFD.String("Trần Thị Thủy"), norm.NFD.String("Lê Hoàng Long"), "CB0001", "")
	got, asIs, after := DetectColumn(column)
	if got != Unicode || asIs != 0 || after != 0 {
		t.Errorf("Unicode column: %v, %d, %d; want Unicode, 0, 0", got, asIs, after)
	}
}

func TestDetectColumnASCII(t *testing.T) {
	got, asIs, after := DetectColumn([]string{"CB0001", "Nguyen Van An", "Tran Thi Binh", "a@b.vn"})
	if got != Unicode || asIs != 0 || after != 0 {
		t.Errorf("ASCII column: %v, %d, %d; want Unicode, 0, 0", got, asIs, after)
	}
	if got, _, _ := DetectColumn(nil); got != Unicode {
		t.Errorf("empty column: %v", got)
	}
}

// TestDetectColumnMixed documents a column typed mostly in Unicode with one
// TCVN3 name: the decision is by counts, so the column stays Unicode and the
// TCVN3 cell's two invalid words stay in invalidAfter for the caller to
// report (reading the column as TCVN3 would ruin every name with à, ì, ê…).
func TestDetectColumnMixed(t *testing.T) {
	column := mapNames(func(s string) string { return s })
	column[0] = toTCVN3(column[0]) // NguyÔn V¨n An
	got, asIs, after := DetectColumn(column)
	if got != Unicode || asIs != 2 || after != 2 {
		t.Errorf("mixed column: %v, %d, %d; want Unicode, 2, 2", got, asIs, after)
	}
}

// TestDetectColumnGarbage: text garbled beyond any reading is left as is
// and reported by its counts.
func TestDetectColumnGarbage(t *testing.T) {
	got, asIs, after := DetectColumn([]string{"Ã¤Ã¶Ã¼ Â©Â®", "Ã¡Ã© Ã±Ã³"})
	if got != Unicode || asIs == 0 || after != asIs {
		t.Errorf("garbage column: %v, %d, %d", got, asIs, after)
	}
}

func BenchmarkDetectColumn(b *testing.B) {
	surnames := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middles := []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Kim"}
	givens := []string{"An", "Bình", "Hồng", "Nhung", "Được", "Tuấn", "Thúy", "Khánh", "Hằng", "Trường", "Duyên", "Quyền", "Nghiêm", "Hoà", "Thắng", "Oanh", "Hùng", "Diệp", "Lực", "Thuỷ", "Hiếu"}
	column := make([]string, 5000)
	for i := range column {
		n := fmt.Sprintf("%s %s %s", surnames[i%len(surnames)], middles[i/3%len(middles)], givens[i/7%len(givens)])
		column[i] = toVNI(n)
	}
	b.ReportAllocs()
	for b.Loop() {
		if enc, _, _ := DetectColumn(column); enc != VNI {
			b.Fatalf("detected %v", enc)
		}
	}
}

// BenchmarkDetectColumnDistinct is the cost without the repeated-word cache:
// 15,000 mostly distinct syllables built from the initial and rhyme tables.
func BenchmarkDetectColumnDistinct(b *testing.B) {
	var words []string
	tones := []string{"", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
	for _, i := range strings.Fields(initialList) {
		for _, r := range strings.Fields(rhymeList) {
			for _, t := range tones {
				rs := []rune(r)
				words = append(words, norm.NFC.String(i+string(rs[:1])+t+string(rs[1:])))
			}
		}
	}
	column := make([]string, 5000)
	for i := range column {
		column[i] = toVNI(words[(3*i)%len(words)] + " " + words[(3*i+1)%len(words)] + " " + words[(3*i+2)%len(words)])
	}
	b.ReportAllocs()
	for b.Loop() {
		DetectColumn(column)
	}
}

// TestDetectColumnAlikeWordsDoNotDilute: separators and abbreviations that
// every reading leaves as they are must not keep a VNI column from being
// read as VNI, however many there are.
func TestDetectColumnAlikeWordsDoNotDilute(t *testing.T) {
	column := mapNames(toVNI)
	for i := range column {
		column[i] += " – QĐ – TĐKT – ĐHQG"
	}
	got, asIs, after := DetectColumn(column)
	if got != VNI {
		t.Fatalf("VNI column with abbreviations detected as %v (%d, %d)", got, asIs, after)
	}
	if after != 6*len(column) {
		t.Errorf("invalidAfter = %d, want the %d alike words", after, 6*len(column))
	}
}
