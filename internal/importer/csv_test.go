package importer

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

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
// without the mark, or in a legacy code page, is refused with a
// Vietnamese message that quotes none of its bytes: before, its raw bytes
// went into the problems and the answer was no longer UTF-8.
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
		before := dump(t, st.DB)
		noBOM := utf16(t, text, unicode.LittleEndian)[2:]
		latin := []byte("M\xe3 \xf0\xf4n v\xe1,N\xe4m,Bi\xean ch\xe9\nQ-THU,2032,1\n")
		for name, file := range map[string][]byte{"UTF-16 without a mark": noBOM, "a legacy code page": latin} {
			res := run(t, st, Headcounts, "bien-che.csv", file, false)
			if res.OK() || len(res.Problems) != 1 {
				t.Errorf("%s: %+v", name, res)
				continue
			}
			p := res.Problems[0]
			if !utf8.ValidString(p.Column+p.Message) || !strings.Contains(p.Message, "CSV UTF-8") || p.Row != 0 {
				t.Errorf("%s: %+v", name, p)
			}
		}
		if dump(t, st.DB) != before {
			t.Error("a refused CSV wrote")
		}
	})
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
