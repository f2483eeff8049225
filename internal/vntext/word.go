package vntext

// maxLetters bounds a syllable: the longest, "nghiêng", has 7 letters.
const maxLetters = 10

// word accumulates one word rune by rune, NFC and NFD alike, so callers can
// feed it straight from a cell or from a legacy decoding without building
// strings.
type word struct {
	letters [maxLetters]byte
	n       int
	tone    byte
	toneAt  int
	bad     bool
}

func (w *word) reset() {
	w.n, w.tone, w.toneAt, w.bad = 0, toneNone, -1, false
}

func (w *word) add(r rune) {
	if w.bad {
		return
	}
	if mod, tone, ok := markOf(r); ok {
		w.addMark(mod, tone)
		return
	}
	p, ok := lookupLetter(r)
	if !ok || w.n == maxLetters {
		w.bad = true
		return
	}
	w.letters[w.n] = p.letter
	w.n++
	if p.tone != toneNone {
		w.setTone(p.tone)
	}
}

func (w *word) addMark(mod, tone byte) {
	if w.n == 0 {
		w.bad = true
		return
	}
	if tone != toneNone {
		w.setTone(tone)
		return
	}
	last := &w.letters[w.n-1]
	if *last >= 0x80 {
		w.bad = true // a second vowel mark
		return
	}
	if *last = withMod(*last, mod); *last == 0 {
		w.bad = true
	}
}

func (w *word) setTone(t byte) {
	if w.tone != toneNone {
		w.bad = true
		return
	}
	w.tone, w.toneAt = t, w.n-1
}

func (w *word) addString(s string) {
	for _, r := range s {
		w.add(r)
	}
}

// valid reports whether the accumulated word is a Vietnamese syllable.
func (w *word) valid() bool {
	if w.bad {
		return false
	}
	sp, ok := w.split()
	if !ok {
		return false
	}
	if w.tone == toneNone {
		return !sp.stop
	}
	if sp.stop && w.tone != toneAcute && w.tone != toneDot {
		return false
	}
	return sp.allowed&(1<<w.toneAt) != 0
}

// canonicalToneAt is where Key puts the tone: the last place spelling allows,
// which is the old style (hoà, thuỷ) where old and new differ.
func (w *word) canonicalToneAt() (int, bool) {
	if !w.valid() || w.tone == toneNone {
		return 0, false
	}
	sp, _ := w.split()
	at := -1
	for i := 0; i < w.n; i++ {
		if sp.allowed&(1<<i) != 0 {
			at = i
		}
	}
	return at, at >= 0
}
