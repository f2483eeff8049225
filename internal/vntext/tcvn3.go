package vntext

const tcvn3First = 0xA1

// The table is glibc's, so sixteen bytes (0xAF, 0xBA, 0xBF, 0xC0–0xC5, 0xCD,
// 0xD9–0xDB, 0xE0, 0xF0, 0xFF) read as toned capitals (Ằ … Ố) that
// TCVN5712-1 keeps there for VN1/VN2. Hand-made ABC converters leave those
// bytes unmapped, since .VnTime users type capitals with lowercase bytes;
// were one met in a .VnTime cell, glibc's capital is the likeliest meaning.

// tcvn3Rune reads one rune of a TCVN3 cell. Bytes below 0xA1 are left as
// they are: VN3 fonts type only ASCII there, and the C0 positions where
// TCVN5712-1 puts VN1 capitals are not used by .VnTime files.
func tcvn3Rune(r rune) rune {
	if r >= tcvn3First && r <= 0xFF {
		return tcvn3Table[r-tcvn3First]
	}
	return r
}
