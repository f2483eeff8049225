package vntext

import (
	"golang.org/x/text/unicode/norm"
)

// A word is held as one byte per letter, tone apart, so that rhyme and
// initial look-ups are map hits on a stack array instead of string building:
// ASCII a–z for plain letters and these codes for the marked ones.
const (
	lAbreve byte = 0x80 + iota // ă
	lAcirc                     // â
	lEcirc                     // ê
	lOcirc                     // ô
	lOhorn                     // ơ
	lUhorn                     // ư
	lDbar                      // đ
)

// Vowel modifiers are part of the letter; tones are not.
const (
	modNone byte = iota
	modCirc
	modBreve
	modHorn
)

const (
	toneNone byte = iota
	toneGrave
	toneAcute
	toneTilde
	toneHook
	toneDot
)

// toneMarks are the combining marks of the five tones, indexed by tone.
var toneMarks = [...]rune{toneGrave: 0x300, toneAcute: 0x301, toneTilde: 0x303, toneHook: 0x309, toneDot: 0x323}

// letterRunes spells a letter code back as a lowercase rune.
var letterRunes = map[byte]rune{lAbreve: 'ă', lAcirc: 'â', lEcirc: 'ê', lOcirc: 'ô', lOhorn: 'ơ', lUhorn: 'ư', lDbar: 'đ'}

func letterRune(l byte) rune {
	if l < 0x80 {
		return rune(l)
	}
	return letterRunes[l]
}

func markOf(r rune) (mod, tone byte, ok bool) {
	switch r {
	case 0x300:
		return 0, toneGrave, true
	case 0x301:
		return 0, toneAcute, true
	case 0x303:
		return 0, toneTilde, true
	case 0x309:
		return 0, toneHook, true
	case 0x323:
		return 0, toneDot, true
	case 0x302:
		return modCirc, 0, true
	case 0x306:
		return modBreve, 0, true
	case 0x31B:
		return modHorn, 0, true
	}
	return 0, 0, false
}

func withMod(base, mod byte) byte {
	switch {
	case mod == modNone:
		return base
	case base == 'a' && mod == modCirc:
		return lAcirc
	case base == 'a' && mod == modBreve:
		return lAbreve
	case base == 'e' && mod == modCirc:
		return lEcirc
	case base == 'o' && mod == modCirc:
		return lOcirc
	case base == 'o' && mod == modHorn:
		return lOhorn
	case base == 'u' && mod == modHorn:
		return lUhorn
	}
	return 0
}

// isDbar accepts the letters offices type for Đ when the font lacks it:
// Icelandic eth and African D with tail look the same on screen.
func isDbar(r rune) bool {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð', 'ɖ', 'Ɖ':
		return true
	}
	return false
}

// precomposed is a letter and tone of one precomposed rune.
type precomposed struct{ letter, tone byte }

// Precomposed Vietnamese letters live in Latin-1, Latin Extended-A/B and
// Latin Extended Additional; arrays over those ranges keep the per-rune
// lookup off the map path in DetectColumn's inner loop.
const (
	latinLo, latinHi = 0xC0, 0x1B0
	extLo, extHi     = 0x1EA0, 0x1EF9
)

var (
	latinLetters [latinHi - latinLo + 1]precomposed
	extLetters   [extHi - extLo + 1]precomposed
)

func init() {
	fill := func(dst []precomposed, lo rune) {
		for i := range dst {
			dst[i] = decompose(lo + rune(i))
		}
	}
	fill(latinLetters[:], latinLo)
	fill(extLetters[:], extLo)
}

// decompose derives a rune's letter and tone from Unicode's own
// decomposition rather than a hand-typed list of 134 letters.
func decompose(r rune) precomposed {
	var p precomposed
	mod := modNone
	for i, c := range norm.NFD.String(string(r)) {
		if i == 0 {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c < 'a' || c > 'z' {
				return precomposed{}
			}
			p.letter = byte(c)
			continue
		}
		m, t, ok := markOf(c)
		switch {
		case !ok:
			return precomposed{}
		case t != 0:
			if p.tone != 0 {
				return precomposed{}
			}
			p.tone = t
		default:
			if mod != modNone {
				return precomposed{}
			}
			mod = m
		}
	}
	p.letter = withMod(p.letter, mod)
	if p.letter == 0 {
		return precomposed{}
	}
	return p
}

// lookupLetter reads one non-combining rune as a Vietnamese letter.
func lookupLetter(r rune) (precomposed, bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return precomposed{letter: byte(r)}, true
	case r >= 'A' && r <= 'Z':
		return precomposed{letter: byte(r + 'a' - 'A')}, true
	case isDbar(r):
		return precomposed{letter: lDbar}, true
	case r >= latinLo && r <= latinHi:
		p := latinLetters[r-latinLo]
		return p, p.letter != 0
	case r >= extLo && r <= extHi:
		p := extLetters[r-extLo]
		return p, p.letter != 0
	}
	return precomposed{}, false
}

func isVowel(l byte) bool {
	switch l {
	case 'a', 'e', 'i', 'o', 'u', 'y', lAbreve, lAcirc, lEcirc, lOcirc, lOhorn, lUhorn:
		return true
	}
	return false
}

// hasHat reports the vowels whose mark draws the tone in standard spelling.
func hasHat(l byte) bool {
	switch l {
	case lAbreve, lAcirc, lEcirc, lOcirc, lOhorn, lUhorn:
		return true
	}
	return false
}
