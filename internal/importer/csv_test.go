package importer

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// utf16 is text as UTF-16 in a byte order, with its byte-order mark.
func utf16(t *testing.T, text string, order unicode.Endianness) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCSVInUTF16: a CSV in UTF-16 with a byte-order mark (Excel's
// "Unicode text", tab-separated) imports as its UTF-8 twin does; one
// without the mark, or in the Windows Vietnamese code page (cp1258), is
// decoded with a notice naming its encoding (issue 18: "name cp1258 and
// UTF-16 files as such, decode what can be decoded"), and a problem never
// quotes raw bytes.
func TestCSVInUTF16(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importAll(t, st, true)
		text := "Mã đơn vị\tNăm\tBiên chế\r\nQ-THU\t2031\t120\r\nPX-MOT\t2031\t45\r\n"
		for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
			res := run(t, st, Headcounts, "bien-che.csv", utf16(t, text, order), true)
			if !res.OK() || res.Rows != 2 || res.Created != 2 {
				t.Errorf("UTF-16 (%v): %s %+v", order, counts(res), res.Problems)
			}
		}
		noBOM := utf16(t, text, unicode.LittleEndian)[2:]
		cp1258, err := charmap.Windows1258.NewEncoder().Bytes([]byte(cp1258Form(text)))
		if err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]struct {
			file []byte
			says string
		}{"UTF-16 without a mark": {noBOM, "UTF-16 LE"}, "cp1258": {cp1258, "Windows-1258"}} {
			res := run(t, st, Headcounts, "bien-che.csv", c.file, true)
			if !res.OK() || res.Rows != 2 || len(res.Notices) == 0 || !strings.Contains(res.Notices[0].Message, c.says) {
				t.Errorf("%s: %s %+v %+v", name, counts(res), res.Problems, res.Notices)
			}
		}
		before := dump(t, st.DB)
		// UTF-8 that turns invalid after the first megabyte is refused by
		// name, never half read.
		late := []byte("Mã đơn vị,Năm,Biên chế\n" + strings.Repeat("Q-THU,2025,1\n", 90_000) + "PX-M\xd4T,2025,1\n")
		res := run(t, st, Headcounts, "bien-che.csv", late, false)
		if res.OK() || len(res.Problems) != 1 || !utf8.ValidString(res.Problems[0].Message) || !strings.Contains(res.Problems[0].Message, "CSV UTF-8") {
			t.Errorf("late bad bytes: %+v", res.Problems)
		}
		if dump(t, st.DB) != before {
			t.Error("a refused CSV wrote")
		}
	})
}

// cp1258Form is text as Windows-1258 spells it: tone marks apart, the
// letters with circumflex, breve, horn and đ whole.
func cp1258Form(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch r {
		case '\u0302', '\u0306', '\u031b':
			// compose with the letter before
			prev := []rune(b.String())
			last := prev[len(prev)-1]
			b.Reset()
			b.WriteString(string(prev[:len(prev)-1]))
			b.WriteString(norm.NFC.String(string(last) + string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestProblemsAreUTF8: problems that quote a file are made valid UTF-8
// on the way out, whatever a check quotes.
func TestProblemsAreUTF8(t *testing.T) {
	ps := []Problem{{Row: 1, Column: "C\xf4t", Message: "Gi\xe1 tr\xef \"x\xff\""}, {Row: 2, Column: "Năm", Message: "Bắt buộc."}}
	validUTF8(ps)
	if !utf8.ValidString(ps[0].Column+ps[0].Message) || ps[0].Column != "C\ufffdt" || ps[1].Message != "Bắt buộc." {
		t.Errorf("%+v", ps)
	}
}
