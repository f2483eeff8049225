package vntext

import "strings"

// ValidSyllable reports whether a single word (any case, NFC or NFD) is a
// valid Vietnamese syllable: an optional initial consonant, a rhyme from the
// real set of Vietnamese rhymes, at most one tone mark placed where old or
// new spelling puts it, and stop finals (c ch p t) only with the acute or
// dot-below tone. Đ's look-alikes (Ð ð Ɖ ɖ) count as Đ, as in Key.
func ValidSyllable(s string) bool {
	var w word
	w.reset()
	w.addString(s)
	return w.n > 0 && w.valid()
}

// split is a word cut into initial and rhyme.
type split struct {
	allowed uint16 // letter positions a tone may sit on
	stop    bool   // the rhyme ends in c, ch, p or t
}

// The rhymes of Vietnamese, toneless. The y-rhymes other than y and yê…
// occur only after qu (quýt, quỳnh, quỵu); uơ is thuở's.
const rhymeList = `
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
uân uâng uât uây
uê uêch uênh
uơ
uy uya uych uyn uynh uyp uyt uyu uyên uyêt
`

// quOnlyRhymes follow qu alone: elsewhere the u is spelled in the rhyme.
const quOnlyRhymes = `ych yn ynh yp yt yu`

const initialList = `b c ch d đ g gh h k kh l m n ng ngh nh p ph r s t th tr v x`

const (
	rhymeAny    = 1
	rhymeQuOnly = 2
)

var (
	rhymes   = map[string]int{}
	initials = map[string]bool{"": true}
)

func init() {
	for _, r := range strings.Fields(rhymeList) {
		rhymes[encodeLetters(r)] = rhymeAny
	}
	for _, r := range strings.Fields(quOnlyRhymes) {
		rhymes[encodeLetters(r)] = rhymeQuOnly
	}
	for _, c := range strings.Fields(initialList) {
		initials[encodeLetters(c)] = true
	}
}

func encodeLetters(s string) string {
	var w word
	w.reset()
	w.addString(s)
	if w.bad || w.tone != toneNone {
		panic("vntext: bad table entry " + s)
	}
	return string(w.letters[:w.n])
}

// split finds an initial and rhyme that spell the word, and where its tone
// may go.
func (w *word) split() (split, bool) {
	l := w.letters[:w.n]
	i := 0
	for i < len(l) && !isVowel(l[i]) {
		i++
	}
	if i == len(l) {
		return split{}, false
	}
	onset := string(l[:i])
	switch {
	case onset == "g" && l[i] == 'i':
		rest := l[i+1:]
		// gì, gìn: g + i…; giếng, giết: gi + iê… with one i written.
		if !hasVowel(rest) || rest[0] == lEcirc {
			return w.rhyme(i, onset, false)
		}
		return w.rhyme(i+1, "gi", false)
	case onset == "q":
		if l[i] != 'u' || i+1 == len(l) {
			return split{}, false
		}
		switch l[i+1] {
		case 'o', 'u', lUhorn:
			return split{}, false // the medial is already qu's
		}
		return w.rhyme(i+1, "qu", true)
	}
	if !initials[onset] {
		return split{}, false
	}
	return w.rhyme(i, onset, false)
}

func hasVowel(l []byte) bool {
	for _, c := range l {
		if isVowel(c) {
			return true
		}
	}
	return false
}

func (w *word) rhyme(start int, onset string, afterQu bool) (split, bool) {
	r := w.letters[start:w.n]
	kind := rhymes[string(r)]
	if kind == 0 || kind == rhymeQuOnly && !afterQu || !isVowel(r[0]) {
		return split{}, false
	}
	// k, gh, ngh stand before i, e, ê, y; c, g, ng before the rest.
	front := r[0] == 'i' || r[0] == 'e' || r[0] == lEcirc || r[0] == 'y'
	switch onset {
	case "k":
		if !front {
			return split{}, false
		}
	case "gh", "ngh":
		if !front || r[0] == 'y' {
			return split{}, false
		}
	case "c", "ng":
		if front {
			return split{}, false
		}
	case "g":
		if front && !(r[0] == 'i' && (len(r) == 1 || !isVowel(r[1]) || r[1] == lEcirc)) {
			return split{}, false
		}
	}
	v := 0
	for v < len(r) && isVowel(r[v]) {
		v++
	}
	final := string(r[v:])
	sp := split{stop: final == "c" || final == "ch" || final == "p" || final == "t"}
	sp.allowed = tonePlaces(r[:v], final != "") << start
	return sp, true
}

// tonePlaces is the set of vowel positions a tone may sit on in a vowel
// cluster. The marked vowel carries it (the second of ươ); otherwise a lone
// vowel, the middle of three, and the second of two before a final consonant.
// Open oa, oe, uy take it on either vowel: old (hoà, thuỷ) and new (hòa,
// thủy) placement are both in use.
func tonePlaces(v []byte, closed bool) uint16 {
	for i := len(v) - 1; i >= 0; i-- {
		if hasHat(v[i]) {
			return 1 << i
		}
	}
	switch len(v) {
	case 1:
		return 1
	case 3:
		return 1 << 1
	case 2:
		if closed {
			return 1 << 1
		}
		switch string(v) {
		case "oa", "oe", "uy":
			return 1 | 1<<1
		}
		return 1
	}
	return 0
}
