package vntext

import (
	"testing"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

func TestDecodeBytes(t *testing.T) {
	cp1258, err := charmap.Windows1258.NewEncoder().String(cp1258Form("Nguyễn Văn An,Trần Thị Bình\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, in, text, enc string
	}{
		{"cp1258", cp1258, "Nguyễn Văn An,Trần Thị Bình\n", "Windows-1258"},
		{"TCVN3", "Nguy\xd4n V\xa8n An", "NguyÔn V¨n An", "Windows-1252"},
		{"VNI", "Nguye\xe3n Va\xean An", "Nguyeãn Vaên An", "Windows-1252"},
		{"UTF-8", "Nguyễn Văn An", "Nguyễn Văn An", "UTF-8"},
		{"ASCII with one stray byte", "Nguyen Van An\x85", "Nguyen Van An…", "Windows-1252"},
	} {
		text, enc := DecodeBytes([]byte(tc.in))
		if text != tc.text || enc != tc.enc {
			t.Errorf("%s: DecodeBytes = %q, %q; want %q, %q", tc.name, text, enc, tc.text, tc.enc)
		}
	}
}

// cp1258Form is the NFD cp1258 takes: tones as combining marks, but ê, ơ, ư,
// ă, â, ô, đ precomposed, since the code page has no combining circumflex,
// breve or horn (plain NFD fails to encode).
func cp1258Form(s string) string {
	var out []rune
	for _, r := range norm.NFC.String(s) {
		p, ok := lookupLetter(r)
		if !ok || r < 0x80 {
			out = append(out, r)
			continue
		}
		l := letterRune(p.letter)
		if unicode.IsUpper(r) {
			l = unicode.ToUpper(l)
		}
		out = append(out, l)
		if p.tone != toneNone {
			out = append(out, toneMarks[p.tone])
		}
	}
	return string(out)
}

func TestLooksUTF16(t *testing.T) {
	text := "Họ tên,Mã cán bộ\nNguyễn Văn An,CB0001\nTrần Thị Bình,CB0002\n"
	le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewEncoder().String(text)
	be, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewEncoder().String(text)
	for _, tc := range []struct {
		name   string
		in     string
		little bool
		ok     bool
	}{
		{"little endian", le, true, true},
		{"big endian", be, false, true},
		{"UTF-8", text, false, false},
		{"cp1252", "Nguy\xd4n V\xa8n An", false, false},
		{"too short", "a", false, false},
		{"all zero", string(make([]byte, 64)), false, false},
	} {
		little, ok := LooksUTF16([]byte(tc.in))
		if little != tc.little || ok != tc.ok {
			t.Errorf("%s: LooksUTF16 = %v, %v; want %v, %v", tc.name, little, ok, tc.little, tc.ok)
		}
	}
}
