package importer

import (
	"bytes"
	"errors"
)

var errLongToken = errors.New("xml token longer than maxTokenBytes")

// xmlScan measures, as XML streams through it, each stretch that
// encoding/xml would return as one token, and fails on one longer than
// maxTokenBytes. It only needs to find where tokens end, not to check the
// XML: the decoder does that afterwards, on bounded tokens. A '>' ends a
// tag only outside quotes, since attribute values may hold it; comments,
// CDATA sections and processing instructions end only at their own
// closing sequence, since they may hold '<' and '>'.
type xmlScan struct {
	mode    scanMode
	quote   byte   // in a tag: the quote an attribute value opened, or 0
	opening []byte // after '<', while it is not yet known what it opens
	depth   int    // in a <!DOCTYPE …>: nested '<'
	last    [2]byte
	run     int // bytes of the current token so far
}

type scanMode int

const (
	inText scanMode = iota
	inOpening
	inTag
	inPI
	inComment
	inCDATA
	inDirective
)

func (s *xmlScan) Write(p []byte) (int, error) {
	for _, c := range p {
		s.run++
		switch s.mode {
		case inText:
			if c == '<' {
				s.mode, s.run, s.opening = inOpening, 1, s.opening[:0]
			}
		case inOpening:
			s.open(c)
		case inTag:
			s.tag(c)
		case inPI:
			s.endAt(c, len("<??>"), '?')
		case inComment:
			s.endAt(c, len("<!---->"), '-', '-')
		case inCDATA:
			s.endAt(c, len("<![CDATA[]]>"), ']', ']')
		case inDirective:
			switch c {
			case '<':
				s.depth++
			case '>':
				if s.depth--; s.depth == 0 {
					s.mode, s.run = inText, 0
				}
			}
		}
		s.last = [2]byte{s.last[1], c}
		if s.run > maxTokenBytes {
			return 0, errLongToken
		}
	}
	return len(p), nil
}

// open decides, a byte at a time after '<', what the markup is.
func (s *xmlScan) open(c byte) {
	s.opening = append(s.opening, c)
	o := s.opening
	switch {
	case o[0] == '?':
		s.mode = inPI
	case o[0] != '!':
		s.mode = inTag
		s.tag(c)
	case bytes.Equal(o, []byte("!--")):
		s.mode = inComment
	case bytes.Equal(o, []byte("![CDATA[")):
		s.mode = inCDATA
	case bytes.HasPrefix([]byte("!--"), o) || bytes.HasPrefix([]byte("![CDATA["), o):
		// not yet told apart
	default:
		s.mode, s.depth = inDirective, 1
		if c == '>' {
			s.mode, s.run = inText, 0
		}
	}
}

func (s *xmlScan) tag(c byte) {
	switch {
	case s.quote != 0:
		if c == s.quote {
			s.quote = 0
		}
	case c == '"' || c == '\'':
		s.quote = c
	case c == '>':
		s.mode, s.run = inText, 0
	}
}

// endAt ends the markup at '>' after the bytes it ends with ("?>", "-->",
// "]]>"), once it is long enough to hold its opening and closing both:
// "<!-->" does not close the comment it opens.
func (s *xmlScan) endAt(c byte, shortest int, before ...byte) {
	if c != '>' || s.run < shortest {
		return
	}
	if len(before) == 1 && s.last[1] != before[0] || len(before) == 2 && (s.last[0] != before[0] || s.last[1] != before[1]) {
		return
	}
	s.mode, s.run = inText, 0
}
