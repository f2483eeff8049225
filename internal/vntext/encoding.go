// Package vntext reads the Vietnamese text that offices' legacy spreadsheets
// hold: TCVN3 (ABC) and VNI-Windows text that Excel shows as Latin-1
// garbage, names that compare equal however their tone marks were placed,
// decision numbers typed with look-alike letters, and the e-mail cells and
// CSV bytes that come with them.
package vntext

//go:generate go run ./internal/gen -o tcvn3_table.go

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Encoding is how a column's text was typed.
type Encoding int

const (
	Unicode Encoding = iota // as is
	TCVN3                   // ABC / TCVN 5712:1993 VN3, fonts .VnTime, .VnArial… ; Excel stores each byte as the rune U+00xx
	VNI                     // VNI Windows, fonts VNI-Times…; Excel stores each byte as its Windows-1252 rune
)

func (e Encoding) String() string {
	switch e {
	case Unicode:
		return "Unicode"
	case TCVN3:
		return "TCVN3"
	case VNI:
		return "VNI"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// FromLegacy converts one cell's text typed in enc to NFC Unicode. Unicode
// returns s unchanged.
//
// TCVN3 text is read with VN3's lowercase code points: capital fonts such as
// .VnTimeH draw those same bytes as capitals, so a caller that knows the font
// is a capital one upper-cases the result itself.
func FromLegacy(enc Encoding, s string) string {
	switch enc {
	case TCVN3:
		rs := make([]rune, 0, len(s))
		for _, r := range s {
			rs = append(rs, tcvn3Rune(r))
		}
		return norm.NFC.String(string(rs))
	case VNI:
		return norm.NFC.String(string(appendVNI(make([]rune, 0, len(s)), s)))
	}
	return s
}

// FontEncoding names the encoding a cell font implies. Fonts are matched by
// family prefix because offices used many members of each family
// (.VnTime, .VnTimeH, .VnArial, VNI-Times, VNI-Helve…).
func FontEncoding(font string) (Encoding, bool) {
	f := strings.ToLower(strings.TrimSpace(font))
	switch {
	case strings.HasPrefix(f, ".vn"):
		return TCVN3, true
	case strings.HasPrefix(f, "vni-"):
		return VNI, true
	}
	return Unicode, false
}
