package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
)

// Person is a current member of a unit.
type Person struct{ ID, Code string }

// Unit is a unit the clients work in: a ward or a department that exists
// today, with people who are its members today.
type Unit struct {
	ID, Code, Path string
	Members        []Person
	SeedIdeas      []string // ids of the seed's ideas of the unit, for detail reads

	mu     sync.Mutex
	active []*loadIdea // the load's ideas that still have actions to take
}

// loadIdea is an idea a client created during the run.
type loadIdea struct {
	ID, Code string
	Proposer Person
}

func (u *Unit) add(i *loadIdea) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.active = append(u.active, i)
}

// anyActive picks one of the unit's active load ideas, nil when none: the
// clients of a unit share them, so two heads sometimes act on the same idea
// at once, which is the race the version check must settle.
func (u *Unit) anyActive(r *rand.Rand) *loadIdea {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.active) == 0 {
		return nil
	}
	return u.active[r.IntN(len(u.active))]
}

func (u *Unit) retire(i *loadIdea) {
	u.mu.Lock()
	defer u.mu.Unlock()
	for k, a := range u.active {
		if a == i {
			u.active = append(u.active[:k], u.active[k+1:]...)
			return
		}
	}
}

func (u *Unit) anyIdeaID(r *rand.Rand) string {
	u.mu.Lock()
	defer u.mu.Unlock()
	n := len(u.SeedIdeas) + len(u.active)
	if n == 0 {
		return ""
	}
	k := r.IntN(n)
	if k < len(u.SeedIdeas) {
		return u.SeedIdeas[k]
	}
	return u.active[k-len(u.SeedIdeas)].ID
}

// BoardToken is a CITY_ADMIN token for the discovery queries.
func BoardToken(signer *auth.HS256) (string, error) {
	return signer.Mint(auth.Identity{Sub: "load-board", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}, 2*time.Hour)
}

// DiscoverUnits asks the API, as the board, for the wards and departments
// that exist today and picks n of them (at random, with r) that have
// current members, with those members and the unit's own ideas.
func DiscoverUnits(ctx context.Context, g *GQL, board string, n int, r *rand.Rand) ([]*Unit, error) {
	var all []*Unit
	var after any
	for {
		var page struct {
			Units struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Node struct{ ID, Code, Path string }
				}
			}
		}
		if err := g.Do(ctx, board, qUnitsToday, map[string]any{"after": after}).Decode(&page); err != nil {
			return nil, fmt.Errorf("listing today's units: %w", err)
		}
		for _, e := range page.Units.Edges {
			all = append(all, &Unit{ID: e.Node.ID, Code: e.Node.Code, Path: e.Node.Path})
		}
		if !page.Units.PageInfo.HasNextPage {
			break
		}
		after = page.Units.PageInfo.EndCursor
	}
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	var picked []*Unit
	for _, u := range all {
		if len(picked) == n {
			break
		}
		var people struct {
			People struct{ Edges []struct{ Node Person } }
		}
		if err := g.Do(ctx, board, qMembers, map[string]any{"unit": u.Code}).Decode(&people); err != nil {
			return nil, fmt.Errorf("members of %s: %w", u.Code, err)
		}
		for _, e := range people.People.Edges {
			u.Members = append(u.Members, e.Node)
		}
		if len(u.Members) == 0 {
			continue
		}
		var ideas struct {
			Ideas struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := g.Do(ctx, board, qUnitIdeas, map[string]any{"unit": u.Code}).Decode(&ideas); err != nil {
			return nil, fmt.Errorf("ideas of %s: %w", u.Code, err)
		}
		for _, e := range ideas.Ideas.Edges {
			u.SeedIdeas = append(u.SeedIdeas, e.Node.ID)
		}
		picked = append(picked, u)
	}
	if len(picked) == 0 {
		return nil, fmt.Errorf("no ward or department of today has current members (%d units listed)", len(all))
	}
	return picked, nil
}
