package vntext

import (
	"strings"
	"unicode"
)

// isSpace counts the invisible separators cells carry from Word and web
// pages, not only Unicode's white space: zero-width spaces and the BOM
// glue names together without showing.
func isSpace(r rune) bool {
	switch r {
	case '\u200B', '\u2060', '\uFEFF', '\u180E':
		return true
	}
	return unicode.IsSpace(r)
}

// CollapseSpaces trims s and turns every run of white space (NBSP, tabs,
// newlines inside a cell, zero-width spaces) into one ASCII space.
func CollapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if isSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
