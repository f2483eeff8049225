package server

import (
	"bufio"
	"io"
	"net/http"
)

// peekFirstByte returns the body's first non-space byte and leaves the body
// readable from its start.
func peekFirstByte(r *http.Request) byte {
	br := bufio.NewReader(r.Body)
	r.Body = struct {
		io.Reader
		io.Closer
	}{br, r.Body}
	for i := 1; i <= 64; i++ {
		b, err := br.Peek(i)
		if err != nil || len(b) < i {
			return 0
		}
		switch c := b[i-1]; c {
		case ' ', '\t', '\r', '\n':
			continue
		default:
			return c
		}
	}
	return 0
}
