package vntext

import "unicode/utf8"

// VNI-Windows types a letter as its ASCII base followed by one accent byte,
// and a few letters (ơ ư đ, i with a tone, ỵ) as one byte. Excel keeps each
// byte as its Windows-1252 rune, so the accents arrive as Latin-1 letters:
// "Nguyeãn" is Nguyễn, "Hoàng" is Hồng.
//
// The layout matches the VNI table of xvnkb (github.com/lamdao/xvnkb, vni.h:
// "AÙ AØ AÛ AÕ AÏ / AÂ AÁ AÀ AÅ AÃ AÄ / AÊ AÉ AÈ AÚ AÜ AË … I Í Ì Æ Ó Ò …
// YÙ YØ YÛ YÕ Î … Ñ") and the brief's mapping; the two agree. Lowercase
// accents are the same bytes + 0x20, as in Windows-1252.

// vniAccent reads the byte after a vowel: a tone alone, or a vowel mark with
// an optional tone. Both cases are accepted whatever the base's case.
func vniAccent(r rune) (mod, tone byte, ok bool) {
	if r >= 'à' && r <= 'þ' {
		r -= 'à' - 'À'
	}
	switch r {
	case 'Ù':
		return modNone, toneAcute, true
	case 'Ø':
		return modNone, toneGrave, true
	case 'Û':
		return modNone, toneHook, true
	case 'Õ':
		return modNone, toneTilde, true
	case 'Ï':
		return modNone, toneDot, true
	case 'Â':
		return modCirc, toneNone, true
	case 'Á':
		return modCirc, toneAcute, true
	case 'À':
		return modCirc, toneGrave, true
	case 'Å':
		return modCirc, toneHook, true
	case 'Ã':
		return modCirc, toneTilde, true
	case 'Ä':
		return modCirc, toneDot, true
	case 'Ê':
		return modBreve, toneNone, true
	case 'É':
		return modBreve, toneAcute, true
	case 'È':
		return modBreve, toneGrave, true
	case 'Ú':
		return modBreve, toneHook, true
	case 'Ü':
		return modBreve, toneTilde, true
	case 'Ë':
		return modBreve, toneDot, true
	}
	return 0, 0, false
}

// vniBase reports the letters an accent byte may follow; Ô and Ö are VNI's
// Ơ and Ư and take a tone after them like any vowel ("ôù" is ớ).
func vniBase(r rune) (base rune, horn, ok bool) {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'A', 'E', 'I', 'O', 'U', 'Y':
		return r, false, true
	case 'Ô':
		return 'O', true, true
	case 'ô':
		return 'o', true, true
	case 'Ö':
		return 'U', true, true
	case 'ö':
		return 'u', true, true
	}
	return 0, false, false
}

// vniSingle is a letter VNI types as one byte, in NFD.
func vniSingle(r rune) (base rune, tone byte, ok bool) {
	switch r {
	case 'Í':
		return 'I', toneAcute, true
	case 'í':
		return 'i', toneAcute, true
	case 'Ì':
		return 'I', toneGrave, true
	case 'ì':
		return 'i', toneGrave, true
	case 'Æ':
		return 'I', toneHook, true
	case 'æ':
		return 'i', toneHook, true
	case 'Ó':
		return 'I', toneTilde, true
	case 'ó':
		return 'i', toneTilde, true
	case 'Ò':
		return 'I', toneDot, true
	case 'ò':
		return 'i', toneDot, true
	case 'Î':
		return 'Y', toneDot, true
	case 'î':
		return 'y', toneDot, true
	case 'Ñ':
		return 'Đ', toneNone, true
	case 'ñ':
		return 'đ', toneNone, true
	}
	return 0, 0, false
}

func vniFits(base rune, horn bool, mod byte) bool {
	switch mod {
	case modNone:
		return true
	case modCirc:
		return !horn && (base|0x20 == 'a' || base|0x20 == 'e' || base|0x20 == 'o')
	case modBreve:
		return !horn && base|0x20 == 'a'
	}
	return false
}

var vniMarks = [...]rune{modCirc: 0x302, modBreve: 0x306, modHorn: 0x31B}

// appendVNI appends s read as VNI to dst, in NFD. Bytes that do not form a
// VNI letter are kept as they are.
func appendVNI(dst []rune, s string) []rune {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		base, horn, ok := vniBase(r)
		if !ok {
			if b, tone, ok := vniSingle(r); ok {
				dst = append(dst, b)
				if tone != toneNone {
					dst = append(dst, toneMarks[tone])
				}
			} else {
				dst = append(dst, r)
			}
			continue
		}
		dst = append(dst, base)
		if horn {
			dst = append(dst, vniMarks[modHorn])
		}
		if i == len(s) {
			break
		}
		next, nsize := utf8.DecodeRuneInString(s[i:])
		mod, tone, ok := vniAccent(next)
		if !ok || !vniFits(base, horn, mod) {
			continue
		}
		i += nsize
		if mod != modNone {
			dst = append(dst, vniMarks[mod])
		}
		if tone != toneNone {
			dst = append(dst, toneMarks[tone])
		}
	}
	return dst
}
