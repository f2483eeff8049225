package graph

import (
	"context"

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
	return r.clientFor(ctx).Person.Query().Where(person.ID(*ev.ActorPersonID)).Exist(ctx)
}
