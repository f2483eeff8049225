package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key is the comparison key of a name or text: NFC, lower case, spaces
// collapsed, Ð ð Ɖ ɖ read as đ, and each syllable's tone moved to one place
// (the old style: "hoà", "thuỷ"), so the same name typed on two machines
// matches. Every other mark is kept: Hồng, Hông and Hoàng stay apart.
func Key(s string) string {
	s = strings.Map(func(r rune) rune {
		if isDbar(r) {
			return 'đ'
		}
		return unicode.ToLower(r)
	}, norm.NFC.String(CollapseSpaces(s)))

	var b strings.Builder
	b.Grow(len(s))
	start := -1
	for i, r := range s {
		if isKeyLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			writeCanonical(&b, s[start:i])
			start = -1
		}
		b.WriteRune(r)
	}
	if start >= 0 {
		writeCanonical(&b, s[start:])
	}
	return norm.NFC.String(b.String())
}

func isKeyLetter(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// writeCanonical writes one run of letters with its tone moved to the
// canonical place, or as it is when it is not a syllable (foreign names,
// abbreviations) or has no tone.
func writeCanonical(b *strings.Builder, s string) {
	var w word
	w.reset()
	w.addString(s)
	at, ok := w.canonicalToneAt()
	if !ok {
		b.WriteString(s)
		return
	}
	for i := 0; i < w.n; i++ {
		b.WriteRune(letterRune(w.letters[i]))
		if i == at {
			b.WriteRune(toneMarks[w.tone])
		}
	}
}

// DecisionKey is the comparison key of a decision's number and symbol
// ("152/QĐ-UBND"): offices type the symbol with Ð, with or without marks,
// in either case and with spaces around the separators, and all of these
// must find the same decision.
func DecisionKey(s string) string {
	k := norm.NFD.String(strings.ToUpper(Key(s)))
	var b strings.Builder
	b.Grow(len(k))
	for _, r := range k {
		switch {
		case r == 'Đ' || r == 'đ':
			b.WriteByte('D')
		case unicode.Is(unicode.Mn, r), isSpace(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
