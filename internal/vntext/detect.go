package vntext

import "unicode/utf8"

// DetectColumn decides which encoding makes a column Vietnamese, judging all
// its text cells together: one cell is too little (VNI's "Hoàng" is Hồng, yet
// reads as the plausible Hoàng), while a column of names leaves no doubt.
//
// For each reading (as is, TCVN3, VNI) it counts the words that contain a
// non-ASCII rune and are not valid syllables, a symbol inside a word (the ¨
// of TCVN3's "V¨n") counting as invalid. A legacy reading wins only with at
// most half the invalid words of the cells as they are, so ties and small
// gains keep the text untouched; between TCVN3 and VNI the fewer wins,
// TCVN3 on a tie. Words that read the same under all three readings (no
// rune in U+00A1–U+00FF: "QĐ", "–") are in the returned counts but not in
// that comparison, where they would only dilute the evidence.
//
// A column mixing encodings is decided by these counts alone: one TCVN3
// name among Unicode names stays Unicode, its invalid words left in the
// counts for the caller to report.
//
// invalidAfter is the count under the returned encoding; a caller refuses a
// column whose invalidAfter is still high.
func DetectColumn(cells []string) (enc Encoding, invalidAsIs, invalidAfter int) {
	var c counter
	for _, cell := range cells {
		c.cell(cell)
	}
	return c.decide()
}

// counter holds the invalid-word counts of the three readings; its buffer
// is reused so the whole column costs a handful of allocations.
type counter struct {
	invalid [3]int
	// alike counts the invalid words every reading leaves unchanged.
	alike int
	w     word
	buf   []rune
	// seen remembers the verdicts on words already judged: a column of
	// names repeats a few thousand syllables across 500,000 rows.
	seen map[string]uint8
}

// seenLimit bounds the memory a column of garbage can make the cache take.
const seenLimit = 1 << 14

func (c *counter) decide() (Encoding, int, int) {
	asIs := c.invalid[Unicode]
	best := TCVN3
	if c.invalid[VNI] < c.invalid[TCVN3] {
		best = VNI
	}
	if 2*(c.invalid[best]-c.alike) < asIs-c.alike {
		return best, asIs, c.invalid[best]
	}
	return Unicode, asIs, asIs
}

func (c *counter) cell(s string) {
	start := -1
	for i, r := range s {
		if isWordBreak(r) {
			if start >= 0 {
				c.word(s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		c.word(s[start:])
	}
}

// isWordBreak splits on white space and ASCII punctuation only: TCVN3 and
// VNI letters are Latin-1 symbols and letters (¸ is á, « is ô), so any
// non-ASCII rune may belong to a word.
func isWordBreak(r rune) bool {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return false
		}
		return true
	}
	return isSpace(r)
}

func (c *counter) word(s string) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	// Both legacy readings keep ASCII as ASCII, so such a word is the same
	// under all three and says nothing.
	if ascii {
		return
	}
	verdict, ok := c.seen[s]
	if !ok {
		verdict = c.judge(s)
		if c.seen == nil {
			c.seen = make(map[string]uint8)
		}
		if len(c.seen) < seenLimit {
			c.seen[s] = verdict
		}
	}
	for enc := range c.invalid {
		if verdict&(1<<enc) != 0 {
			c.invalid[enc]++
		}
	}
	if verdict&readsAlike != 0 && verdict&(1<<Unicode) != 0 {
		c.alike++
	}
}

// readsAlike marks a verdict whose word no legacy reading changes: both
// decoders touch only U+00A1–U+00FF.
const readsAlike = 1 << 3

// judge returns a bit per Encoding whose reading of s is not a syllable,
// and readsAlike.
func (c *counter) judge(s string) uint8 {
	verdict := uint8(readsAlike)
	for _, r := range s {
		if r >= tcvn3First && r <= 0xFF {
			verdict = 0
			break
		}
	}
	w := &c.w
	w.reset()
	w.addString(s)
	if !w.valid() {
		verdict |= 1 << Unicode
	}
	w.reset()
	for _, r := range s {
		w.add(tcvn3Rune(r))
	}
	if !w.valid() {
		verdict |= 1 << TCVN3
	}
	c.buf = appendVNI(c.buf[:0], s)
	w.reset()
	for _, r := range c.buf {
		w.add(r)
	}
	if !w.valid() {
		verdict |= 1 << VNI
	}
	return verdict
}
