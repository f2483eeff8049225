package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The column tests need the same names in each encoding. These encoders
// invert the decoders' tables; the fixed examples in tcvn3_test.go and
// vni_test.go pin those tables independently of them.

// toTCVN3 types s as a .VnTime user would: capitals other than Ă Â Ê Ô Ơ Ư Đ
// with lowercase code points.
func toTCVN3(s string) string {
	byRune := map[rune]rune{}
	for b := rune(0xFF); b >= tcvn3First; b-- {
		byRune[tcvn3Table[b-tcvn3First]] = b
	}
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		if b, ok := byRune[r]; ok && !isGlibcOnlyCapital(r) {
			out.WriteRune(b)
		} else if b, ok := byRune[unicode.ToLower(r)]; ok {
			out.WriteRune(b)
		} else {
			out.WriteRune(r)
		}
	}
	return out.String()
}

// isGlibcOnlyCapital: glibc puts some toned capitals in 0xA1–0xFF; VN3 users
// do not have them and type the lowercase letter.
func isGlibcOnlyCapital(r rune) bool {
	return unicode.IsUpper(r) && !strings.ContainsRune("ĂÂÊÔƠƯĐ", r)
}

var (
	vniCirc  = [...]string{toneNone: "â", toneAcute: "á", toneGrave: "à", toneHook: "å", toneTilde: "ã", toneDot: "ä"}
	vniBreve = [...]string{toneNone: "ê", toneAcute: "é", toneGrave: "è", toneHook: "ú", toneTilde: "ü", toneDot: "ë"}
	vniTone  = [...]string{toneNone: "", toneAcute: "ù", toneGrave: "ø", toneHook: "û", toneTilde: "õ", toneDot: "ï"}
	vniI     = [...]string{toneAcute: "í", toneGrave: "ì", toneHook: "æ", toneTilde: "ó", toneDot: "ò"}
)

// toVNI types s in VNI-Windows, accents in the case of their letter.
func toVNI(s string) string {
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		p, ok := lookupLetter(r)
		if !ok || r < 0x80 {
			out.WriteRune(r)
			continue
		}
		upper := unicode.IsUpper(r)
		cased := func(s string) string {
			if upper {
				return strings.ToUpper(s)
			}
			return s
		}
		var base, accent string
		switch p.letter {
		case lAcirc, lEcirc, lOcirc:
			base, accent = string("aeo"[strings.IndexByte(string([]byte{lAcirc, lEcirc, lOcirc}), p.letter)]), vniCirc[p.tone]
		case lAbreve:
			base, accent = "a", vniBreve[p.tone]
		case lOhorn:
			base, accent = "ô", vniTone[p.tone]
		case lUhorn:
			base, accent = "ö", vniTone[p.tone]
		case lDbar:
			base = "ñ"
		case 'i':
			base = vniI[p.tone]
		case 'y':
			base, accent = "y", vniTone[p.tone]
			if p.tone == toneDot {
				base, accent = "î", ""
			}
		default:
			base, accent = string(rune(p.letter)), vniTone[p.tone]
		}
		out.WriteString(cased(base) + cased(accent))
	}
	return out.String()
}

// names is a column of invented but ordinary names, the Unicode truth for
// the encoding tests. "Lê Thị Hồng Nhung" is "Hoàng" in VNI.
var names = []string{
	"Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Hồng Nhung", "Phạm Văn Được",
	"Hoàng Minh Tuấn", "Đỗ Thị Thúy", "Trương Quốc Khánh", "Võ Thị Thu Hằng",
	"Bùi Xuân Trường", "Đặng Thị Mỹ Duyên", "Huỳnh Ngọc Quyền", "Dương Văn Nghiêm",
	"Lý Thị Hoà", "Ngô Đức Thắng", "Phan Thị Kiều Oanh", "Hồ Sỹ Hùng",
	"Vũ Thị Ngọc Diệp", "Mai Văn Lực", "Tạ Thị Thuỷ", "Lương Khắc Hiếu",
}
