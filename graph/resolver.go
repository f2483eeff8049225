// Package graph is thidua's GraphQL API: thin resolvers over the ent client
// (entgql does the reading), hand-written mutations, and the server wiring.
package graph

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
)

// Resolver is the root resolver.
type Resolver struct {
	client  *ent.Client
	files   nominationflow.Files
	reports *interim.Service
	live    *live.Feed // nil: no subscriptions
}

// act runs an idea action in the mutation's transaction.
func (r *mutationResolver) act(ctx context.Context, a domain.IdeaAction, in ideaflow.Input) (*ent.Idea, error) {
	return ideaflow.Act(ctx, ent.FromContext(ctx), a, in)
}

// clientFor is the client of the operation's transaction when there is
// one (mutations), else the shared client: a resolver that took the shared
// client inside a mutation would wait for a second connection, forever on
// SQLite's single one.
func (r *Resolver) clientFor(ctx context.Context) *ent.Client {
	if tx := ent.FromContext(ctx); tx != nil {
		return tx
	}
	return r.client
}

// availableActions are the idea actions the viewer may take now.
func availableActions(ctx context.Context, client *ent.Client, i *ent.Idea) ([]domain.IdeaAction, error) {
	s, err := ideaflow.StateOf(ctx, client, i)
	if err != nil {
		return nil, err
	}
	return ideaflow.Available(access.FromContext(ctx), s), nil
}
