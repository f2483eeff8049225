package ideaflow

import (
	"context"
	"sync"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// memo holds, for one GraphQL operation, what the rules read of every idea
// on a page: the ideas the viewer proposed, the units' paths, and where
// halted ideas were halted from. Each is one statement, loaded on first
// use, so availableActions costs the same for a page of 1 or of 1000.
type memo struct {
	mu       sync.Mutex
	proposed map[int]bool
	paths    map[int]string
	halted   map[int]domain.IdeaStatus
}

type memoKey struct{}

// WithMemo returns a context whose state lookups are shared (one per operation).
func WithMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &memo{})
}

func memoOf(ctx context.Context) *memo {
	m, _ := ctx.Value(memoKey{}).(*memo)
	return m
}

func (m *memo) state(ctx context.Context, client *ent.Client, sub string, i *ent.Idea) (State, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.proposed == nil {
		m.proposed = map[int]bool{}
		if sub != "" {
			ids, err := client.Idea.Query().Where(idea.HasProposersWith(person.Code(sub))).IDs(ctx)
			if err != nil {
				return State{}, "", err
			}
			for _, id := range ids {
				m.proposed[id] = true
			}
		}
	}
	if m.paths == nil {
		units, err := client.Unit.Query().Select(unit.FieldID, unit.FieldPath).All(ctx)
		if err != nil {
			return State{}, "", err
		}
		m.paths = make(map[int]string, len(units))
		for _, u := range units {
			m.paths[u.ID] = u.Path
		}
	}
	s := State{Status: i.Status, Proposer: m.proposed[i.ID]}
	if i.Status == domain.IdeaStatusHaltedForCorrection {
		if m.halted == nil {
			halts, err := client.IdeaEvent.Query().Where(ideaevent.ActionEQ(domain.IdeaActionHalt)).
				Order(ent.Asc(ideaevent.FieldSeq)).All(ctx)
			if err != nil {
				return State{}, "", err
			}
			m.halted = map[int]domain.IdeaStatus{}
			for _, h := range halts { // in seq order: the last halt of an idea wins
				if h.FromStatus != nil {
					m.halted[h.IdeaID] = *h.FromStatus
				}
			}
		}
		s.HaltedFrom = m.halted[i.ID]
	}
	return s, m.paths[i.UnitID], nil
}
