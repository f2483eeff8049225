package vntext

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// DecodeBytes reads a CSV file's raw bytes that are not valid UTF-8 and
// returns the text and the name of the encoding used.
//
// Windows-1258, the Vietnamese code page, is chosen only when its reading
// has at most half the invalid Vietnamese words of the Windows-1252 reading
// after DetectColumn's best choice over the whole text; otherwise the 1252
// reading is returned, since that is how TCVN3 and VNI bytes must be seen
// for DetectColumn and FromLegacy to work per column, as on Excel cells.
// Valid UTF-8 is returned as it is, named "UTF-8".
func DecodeBytes(b []byte) (text string, encoding string) {
	if utf8.Valid(b) {
		return string(b), "UTF-8"
	}
	cp1252, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	cp1258, _ := charmap.Windows1258.NewDecoder().Bytes(b)
	// 1258 types tones as combining marks after the letter.
	vn := norm.NFC.String(string(cp1258))

	_, _, legacyInvalid := DetectColumn([]string{string(cp1252)})
	var c counter
	c.cell(vn)
	if 2*c.invalid[Unicode] < legacyInvalid {
		return vn, "Windows-1258"
	}
	return string(cp1252), "Windows-1252"
}

// LooksUTF16 reports a byte order when b (the first few KB of a file without
// a BOM) looks like UTF-16: in text that is mostly ASCII, the high byte of
// most code units is zero — the odd bytes in little endian, the even ones in
// big endian — while the low bytes are not.
func LooksUTF16(b []byte) (littleEndian bool, ok bool) {
	const sample = 4096
	if len(b) > sample {
		b = b[:sample]
	}
	units := len(b) / 2
	if units < 2 {
		return false, false
	}
	var zeroEven, zeroOdd int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			zeroEven++
		}
		if b[i+1] == 0 {
			zeroOdd++
		}
	}
	mostly := func(n int) bool { return 2*n > units }
	rarely := func(n int) bool { return 10*n < units }
	switch {
	case mostly(zeroOdd) && rarely(zeroEven):
		return true, true
	case mostly(zeroEven) && rarely(zeroOdd):
		return false, true
	}
	return false, false
}
