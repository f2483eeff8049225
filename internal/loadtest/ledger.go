package loadtest

import (
	"fmt"
	"sync"
)

// Ledger is what the clients saw happen to their ideas, the reference the
// store is checked against after the run. An idea action is a
// compare-and-set on the idea's version, so an action sent with version v
// that succeeds is the event with seq v+1: keying by (code, seq) makes the
// expected history independent of the order the clients report in.
type Ledger struct {
	mu sync.Mutex
	// Seen maps an idea code to its events by seq; seq 0 is CREATE.
	Seen map[string]map[int]string
	// Uncertain holds writes whose outcome the client could not know (the
	// connection failed, or the server answered 5xx or TIMEOUT): they may or
	// may not be in the store, and either is accepted.
	Uncertain map[string]map[int][]string
	// Doubles lists (code, seq) pairs two clients both saw succeed: a
	// duplicated write the server must never allow.
	Doubles []string
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{Seen: map[string]map[int]string{}, Uncertain: map[string]map[int][]string{}}
}

// Succeeded records that action, sent at version, succeeded on the idea
// (CREATE is sent at version -1, i.e. it is seq 0).
func (l *Ledger) Succeeded(code string, version int, action string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	seq := version + 1
	byseq := l.Seen[code]
	if byseq == nil {
		byseq = map[int]string{}
		l.Seen[code] = byseq
	}
	if prev, ok := byseq[seq]; ok {
		l.Doubles = append(l.Doubles, fmt.Sprintf("%s seq %d: %s and %s both succeeded", code, seq, prev, action))
		return
	}
	byseq[seq] = action
}

// Unknown records a write whose outcome the client does not know.
func (l *Ledger) Unknown(code string, version int, action string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	byseq := l.Uncertain[code]
	if byseq == nil {
		byseq = map[int][]string{}
		l.Uncertain[code] = byseq
	}
	byseq[version+1] = append(byseq[version+1], action)
}

// Counts returns the ideas created and the actions (CREATE excluded) seen
// to succeed.
func (l *Ledger) Counts() (created, actions int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, byseq := range l.Seen {
		for seq := range byseq {
			if seq == 0 {
				created++
			} else {
				actions++
			}
		}
	}
	return created, actions
}
