package loadtest

import (
	"bufio"
	"io"
	"strings"
)

// ReadEvents reads a subscription's stream as graphql-sse's distinct
// connections mode writes it: next calls for each "next" event's data (one
// GraphQL result); it returns true at the "complete" event, false when the
// stream broke off before it.
func ReadEvents(r io.Reader, next func(data []byte)) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
			if event == "complete" {
				return true
			}
		case strings.HasPrefix(line, "data: ") && event == "next":
			next([]byte(strings.TrimPrefix(line, "data: ")))
		}
	}
	return false
}
