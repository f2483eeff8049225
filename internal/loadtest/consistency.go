package loadtest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// IdeaRow is an idea as stored.
type IdeaRow struct {
	ID      int
	Code    string
	Status  string
	Version int
}

// EventRow is an idea event as stored; From is "" when NULL (CREATE).
type EventRow struct {
	IdeaID   int
	Seq      int
	Action   string
	From, To string
}

// CheckResult is what Check found.
type CheckResult struct {
	Ideas, Events int // all ideas and events in the store
	LoadIdeas     int // ideas with the load's code prefix
	Resolved      int // uncertain writes found committed
	Problems      []string
}

// Check verifies the store's ideas and events against themselves and, for
// the ideas whose code starts with prefix, against what the clients saw:
//
//   - every idea (the seed's too) has events numbered 0..n without gaps,
//     the first a CREATE, each starting from the status the previous one
//     left; its status is its last event's to_status and its version that
//     event's seq;
//   - every load idea and every action a client saw succeed is in the
//     store (nothing lost), and the store holds no load idea or event no
//     client saw succeed (nothing duplicated or invented), except writes
//     whose outcome the client could not know.
func Check(ideas []IdeaRow, events []EventRow, l *Ledger, prefix string) CheckResult {
	res := CheckResult{Ideas: len(ideas), Events: len(events)}
	bad := func(format string, a ...any) { res.Problems = append(res.Problems, fmt.Sprintf(format, a...)) }

	byIdea := map[int][]EventRow{}
	for _, e := range events {
		byIdea[e.IdeaID] = append(byIdea[e.IdeaID], e)
	}
	stored := map[string]bool{}
	for _, idea := range ideas {
		evs := byIdea[idea.ID]
		delete(byIdea, idea.ID)
		sort.Slice(evs, func(i, j int) bool { return evs[i].Seq < evs[j].Seq })
		checkHistory(idea, evs, bad)
		if strings.HasPrefix(idea.Code, prefix) {
			res.LoadIdeas++
			stored[idea.Code] = true
			res.Resolved += checkAgainstLedger(idea, evs, l, bad)
		}
	}
	for id := range byIdea {
		bad("events of idea id %d, which does not exist", id)
	}
	for _, code := range sortedKeys(l.Seen) {
		if !stored[code] {
			bad("%s: lost — a client saw it created, the store does not have it", code)
		}
	}
	for _, d := range l.Doubles {
		bad("duplicated write: %s", d)
	}
	return res
}

// checkHistory checks one idea's events against each other and its row.
func checkHistory(idea IdeaRow, evs []EventRow, bad func(string, ...any)) {
	if len(evs) == 0 {
		bad("%s: no events", idea.Code)
		return
	}
	for i, e := range evs {
		switch {
		case e.Seq != i:
			bad("%s: event seq %d where %d was expected (gap or duplicate)", idea.Code, e.Seq, i)
			return
		case i == 0 && e.Action != "CREATE":
			bad("%s: first event is %s, not CREATE", idea.Code, e.Action)
		case i > 0 && e.From != evs[i-1].To:
			bad("%s: event %d (%s) starts from %s, the previous one ended in %s", idea.Code, i, e.Action, e.From, evs[i-1].To)
		}
	}
	last := evs[len(evs)-1]
	if idea.Status != last.To {
		bad("%s: status %s, last event %s ends in %s", idea.Code, idea.Status, last.Action, last.To)
	}
	if idea.Version != last.Seq {
		bad("%s: version %d, last event seq %d", idea.Code, idea.Version, last.Seq)
	}
}

// checkAgainstLedger compares a load idea's events with the ledger and
// returns how many uncertain writes turned out committed.
func checkAgainstLedger(idea IdeaRow, evs []EventRow, l *Ledger, bad func(string, ...any)) (resolved int) {
	seen, unsure := l.Seen[idea.Code], l.Uncertain[idea.Code]
	inStore := map[int]bool{}
	for _, e := range evs {
		inStore[e.Seq] = true
		want, ok := seen[e.Seq]
		switch {
		case ok && want != e.Action:
			bad("%s seq %d: store has %s, the client saw %s succeed", idea.Code, e.Seq, e.Action, want)
		case !ok && slices.Contains(unsure[e.Seq], e.Action):
			resolved++
		case !ok:
			bad("%s seq %d: store has %s, which no client saw succeed", idea.Code, e.Seq, e.Action)
		}
	}
	for _, seq := range sortedKeys(seen) {
		if !inStore[seq] {
			bad("%s seq %d: lost — a client saw %s succeed, the store does not have it", idea.Code, seq, seen[seq])
		}
	}
	return resolved
}

func sortedKeys[K int | string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
