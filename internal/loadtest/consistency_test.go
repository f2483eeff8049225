package loadtest

import (
	"strings"
	"testing"
)

// fixture is a store of three ideas: a seed idea under review, and two load
// ideas the clients created and moved along.
func fixture() ([]IdeaRow, []EventRow, *Ledger) {
	ideas := []IdeaRow{
		{ID: 1, Code: "YT-2024-000001", Status: "UNDER_REVIEW", Version: 2},
		{ID: 2, Code: "YT-LOAD-0-1", Status: "SUBMITTED", Version: 1},
		{ID: 3, Code: "YT-LOAD-1-1", Status: "DRAFT", Version: 0},
	}
	events := []EventRow{
		{IdeaID: 1, Seq: 0, Action: "CREATE", To: "DRAFT"},
		{IdeaID: 1, Seq: 1, Action: "SUBMIT", From: "DRAFT", To: "SUBMITTED"},
		{IdeaID: 1, Seq: 2, Action: "START_REVIEW", From: "SUBMITTED", To: "UNDER_REVIEW"},
		{IdeaID: 2, Seq: 1, Action: "SUBMIT", From: "DRAFT", To: "SUBMITTED"}, // out of order on purpose
		{IdeaID: 2, Seq: 0, Action: "CREATE", To: "DRAFT"},
		{IdeaID: 3, Seq: 0, Action: "CREATE", To: "DRAFT"},
	}
	l := NewLedger()
	l.Succeeded("YT-LOAD-0-1", -1, "CREATE")
	l.Succeeded("YT-LOAD-0-1", 0, "SUBMIT")
	l.Succeeded("YT-LOAD-1-1", -1, "CREATE")
	return ideas, events, l
}

func TestCheckConsistentStore(t *testing.T) {
	ideas, events, l := fixture()
	res := Check(ideas, events, l, CodePrefix)
	if len(res.Problems) > 0 {
		t.Fatalf("problems on a consistent store: %q", res.Problems)
	}
	if res.Ideas != 3 || res.LoadIdeas != 2 || res.Events != 6 {
		t.Fatalf("counted %+v", res)
	}
}

func TestCheckFindsEachKindOfProblem(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(ideas []IdeaRow, events []EventRow, l *Ledger) ([]IdeaRow, []EventRow)
		want  string
	}{
		{"status behind its events", func(i []IdeaRow, e []EventRow, _ *Ledger) ([]IdeaRow, []EventRow) {
			i[0].Status = "SUBMITTED"
			return i, e
		}, "YT-2024-000001: status SUBMITTED, last event START_REVIEW ends in UNDER_REVIEW"},
		{"version behind its events", func(i []IdeaRow, e []EventRow, _ *Ledger) ([]IdeaRow, []EventRow) {
			i[0].Version = 1
			return i, e
		}, "YT-2024-000001: version 1, last event seq 2"},
		{"a gap in the events", func(i []IdeaRow, e []EventRow, _ *Ledger) ([]IdeaRow, []EventRow) {
			return i, append(e[:1:1], e[2])
		}, "YT-2024-000001: event seq 2 where 1 was expected"},
		{"an event not starting where the previous ended", func(i []IdeaRow, e []EventRow, _ *Ledger) ([]IdeaRow, []EventRow) {
			e[2].From = "DRAFT"
			return i, e
		}, "starts from DRAFT, the previous one ended in SUBMITTED"},
		{"a lost action", func(i []IdeaRow, e []EventRow, l *Ledger) ([]IdeaRow, []EventRow) {
			l.Succeeded("YT-LOAD-1-1", 0, "SUBMIT")
			return i, e
		}, "YT-LOAD-1-1 seq 1: lost — a client saw SUBMIT succeed"},
		{"a lost idea", func(i []IdeaRow, e []EventRow, l *Ledger) ([]IdeaRow, []EventRow) {
			l.Succeeded("YT-LOAD-2-1", -1, "CREATE")
			return i, e
		}, "YT-LOAD-2-1: lost"},
		{"an event no client saw", func(i []IdeaRow, e []EventRow, _ *Ledger) ([]IdeaRow, []EventRow) {
			i[2].Status, i[2].Version = "WITHDRAWN", 1
			return i, append(e, EventRow{IdeaID: 3, Seq: 1, Action: "WITHDRAW", From: "DRAFT", To: "WITHDRAWN"})
		}, "YT-LOAD-1-1 seq 1: store has WITHDRAW, which no client saw succeed"},
		{"an idea no client saw created", func(i []IdeaRow, e []EventRow, _ *Ledger) ([]IdeaRow, []EventRow) {
			return append(i, IdeaRow{ID: 4, Code: "YT-LOAD-9-9", Status: "DRAFT"}),
				append(e, EventRow{IdeaID: 4, Seq: 0, Action: "CREATE", To: "DRAFT"})
		}, "YT-LOAD-9-9 seq 0: store has CREATE, which no client saw succeed"},
		{"a different action than the client saw", func(i []IdeaRow, e []EventRow, _ *Ledger) ([]IdeaRow, []EventRow) {
			e[3].Action = "WITHDRAW"
			return i, e
		}, "YT-LOAD-0-1 seq 1: store has WITHDRAW, the client saw SUBMIT"},
		{"two clients succeeding at one version", func(i []IdeaRow, e []EventRow, l *Ledger) ([]IdeaRow, []EventRow) {
			l.Succeeded("YT-LOAD-0-1", 0, "WITHDRAW")
			return i, e
		}, "duplicated write: YT-LOAD-0-1 seq 1: SUBMIT and WITHDRAW both succeeded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ideas, events, l := fixture()
			ideas, events = tc.spoil(ideas, events, l)
			res := Check(ideas, events, l, CodePrefix)
			for _, p := range res.Problems {
				if strings.Contains(p, tc.want) {
					return
				}
			}
			t.Fatalf("want a problem containing %q, got %q", tc.want, res.Problems)
		})
	}
}

func TestCheckAcceptsUncertainWritesEitherWay(t *testing.T) {
	ideas, events, l := fixture()
	// The client lost the answer to a WITHDRAW of YT-LOAD-1-1 and a CREATE:
	// the store may or may not have them.
	l.Unknown("YT-LOAD-1-1", 0, "WITHDRAW")
	l.Unknown("YT-LOAD-3-1", -1, "CREATE")
	if res := Check(ideas, events, l, CodePrefix); len(res.Problems) > 0 || res.Resolved != 0 {
		t.Fatalf("not committed: %+v", res)
	}
	ideas[2].Status, ideas[2].Version = "WITHDRAWN", 1
	events = append(events, EventRow{IdeaID: 3, Seq: 1, Action: "WITHDRAW", From: "DRAFT", To: "WITHDRAWN"})
	if res := Check(ideas, events, l, CodePrefix); len(res.Problems) > 0 || res.Resolved != 1 {
		t.Fatalf("committed: %+v", res)
	}
}
