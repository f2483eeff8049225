package graph

import (
	"context"
	"sync"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/internal/access"
)

// actorShown says whether the viewer may see who took a step: the person's
// own read rule decides, as it does for an idea's proposers, so a public
// idea's history does not hand another unit the staff code of a proposer
// its proposers list hides. A step by someone who is none of the store's
// people is shown only to the city-wide readers and to that actor.
func (r *Resolver) actorShown(ctx context.Context, ev *ent.IdeaEvent) (bool, error) {
	v := access.FromContext(ctx)
	if v == nil {
		return false, nil
	}
	if !v.Scoped() || v.Sub == ev.ActorSub {
		return true, nil
	}
	if ev.ActorPersonID == nil {
		return false, nil
	}
	if m, ok := ctx.Value(actorMemoKey{}).(*actorMemo); ok {
		return m.reads(ctx, r.clientFor(ctx), *ev.ActorPersonID)
	}
	return r.clientFor(ctx).Person.Query().Where(person.ID(*ev.ActorPersonID)).Exist(ctx)
}

// actorMemo holds, for one operation, the people a scoped viewer reads,
// read once when the first step's actor is asked for: a page of histories
// would otherwise ask the store once per step.
type actorMemo struct {
	once sync.Once
	ids  map[int]bool
	err  error
}

type actorMemoKey struct{}

func withActorMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, actorMemoKey{}, &actorMemo{})
}

func (m *actorMemo) reads(ctx context.Context, c *ent.Client, id int) (bool, error) {
	m.once.Do(func() {
		ids, err := c.Person.Query().IDs(ctx)
		m.ids, m.err = make(map[int]bool, len(ids)), err
		for _, i := range ids {
			m.ids[i] = true
		}
	})
	return m.ids[id], m.err
}
