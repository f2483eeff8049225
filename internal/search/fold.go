// Package search folds Vietnamese text so that a query typed without
// accents, in either Unicode normal form or with the tone mark on another
// vowel ("Thuỷ", "Thủy") finds the same records, and builds the matching
// and ranking the API's search fields share.
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Fold returns s lower-cased, without diacritics (đ as d), its words
// separated by single spaces. Decomposing first makes composed and
// decomposed input equal and leaves the tone and vowel marks as separate
// combining runes to drop; once every mark is gone, where a tone was
// placed no longer matters.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words splits a folded text into its words, punctuation trimmed, empty
// ones dropped.
func Words(folded string) []string {
	fs := strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '-' && r != '.' && r != '_'
	})
	out := fs[:0]
	for _, w := range fs {
		w = strings.Trim(w, "-./_")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Join folds each part and joins them with " | ": a separator no folded
// word contains, so that a phrase never matches across two fields.
func Join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if f := Fold(p); f != "" {
			out = append(out, f)
		}
	}
	return strings.Join(out, " | ")
}

// IdeaText is an idea's searched text: its title, summary and the
// Vietnamese name of its field, so "giáo dục" finds the field's ideas.
func IdeaText(title, summary string, field domain.IdeaField) string {
	return Join(title, summary, field.Label())
}
