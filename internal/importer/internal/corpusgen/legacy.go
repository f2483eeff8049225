package main

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/hcmc-thidua/thidua/internal/vntext"
)

// toTCVN3 types s as a .VnTime user would: each Vietnamese letter as its
// TCVN3 (ABC) byte, which Excel keeps as the rune U+00xx. The table is
// vntext's own, read backwards: each byte 0xA1–0xFF decoded once. Capitals
// other than Ă Â Ê Ô Ơ Ư Đ are typed with their lowercase byte, as VN3
// fonts had no others (capital fonts such as .VnTimeH draw them large).
func toTCVN3(s string) string {
	byRune := map[rune]rune{}
	for b := rune(0xFF); b >= 0xA1; b-- { // the lowest byte wins
		u := []rune(vntext.FromLegacy(vntext.TCVN3, string(b)))
		if len(u) == 1 {
			byRune[u[0]] = b
		}
	}
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		b, ok := byRune[r]
		if ok && (!unicode.IsUpper(r) || strings.ContainsRune("ĂÂÊÔƠƯĐ", r)) {
			out.WriteRune(b)
		} else if b, ok := byRune[unicode.ToLower(r)]; ok && r >= 0x80 {
			out.WriteRune(b)
		} else {
			out.WriteRune(r)
		}
	}
	return roundTrip(vntext.TCVN3, s, out.String())
}

// VNI-Windows types a letter as its ASCII base and an accent byte after
// it (kept by Excel as its Windows-1252 rune), and ơ ư đ, i with a tone
// and ỵ as one byte.
var (
	vniCirc  = map[rune]string{0: "â", '\u0301': "á", '\u0300': "à", '\u0309': "å", '\u0303': "ã", '\u0323': "ä"}
	vniBreve = map[rune]string{0: "ê", '\u0301': "é", '\u0300': "è", '\u0309': "ú", '\u0303': "ü", '\u0323': "ë"}
	vniTone  = map[rune]string{0: "", '\u0301': "ù", '\u0300': "ø", '\u0309': "û", '\u0303': "õ", '\u0323': "ï"}
	vniI     = map[rune]string{0: "i", '\u0301': "í", '\u0300': "ì", '\u0309': "æ", '\u0303': "ó", '\u0323': "ò"}
)

// toVNI types s in VNI-Windows, accents in the case of their letter.
func toVNI(s string) string {
	var out strings.Builder
	for _, r := range norm.NFC.String(s) {
		if r < 0x80 {
			out.WriteRune(r)
			continue
		}
		upper := unicode.IsUpper(r)
		d := []rune(norm.NFD.String(string(unicode.ToLower(r))))
		base, mod, tone := d[0], rune(0), rune(0)
		for _, m := range d[1:] {
			switch m {
			case '\u0302', '\u0306', '\u031b':
				mod = m
			default:
				tone = m
			}
		}
		var letter, accent string
		switch {
		case base == 'đ':
			letter = "ñ"
		case mod == '\u0302':
			letter, accent = string(base), vniCirc[tone]
		case mod == '\u0306':
			letter, accent = "a", vniBreve[tone]
		case mod == '\u031b' && base == 'o':
			letter, accent = "ô", vniTone[tone]
		case mod == '\u031b' && base == 'u':
			letter, accent = "ö", vniTone[tone]
		case base == 'i':
			letter = vniI[tone]
		case base == 'y' && tone == '\u0323':
			letter = "î"
		default:
			letter, accent = string(base), vniTone[tone]
		}
		if upper {
			letter, accent = strings.ToUpper(letter), strings.ToUpper(accent)
		}
		out.WriteString(letter + accent)
	}
	return roundTrip(vntext.VNI, s, out.String())
}

// roundTrip stops the generator when vntext would not read the legacy
// text back as the Unicode it was made from.
func roundTrip(enc vntext.Encoding, unicodeText, legacy string) string {
	if back := vntext.FromLegacy(enc, legacy); back != norm.NFC.String(unicodeText) {
		panic(fmt.Sprintf("%s: %q encodes to %q, which reads back as %q", enc, unicodeText, legacy, back))
	}
	return legacy
}
