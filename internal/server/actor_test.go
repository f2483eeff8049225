package server_test

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestActorFollowsPersonReadRule (issue 17: another unit's readers saw a
// public idea's proposers hidden, but its events' actorSub gave the
// proposer's staff code): who took a step shows only to a viewer who may
// read that person, and is no longer a filter anyone can probe with.
func TestActorFollowsPersonReadRule(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		officer := e.token(t, "officer-actor", ownUnit, access.UnitAdmin)
		type events struct {
			Ideas struct {
				Edges []struct {
					Node struct {
						ID     string
						Events struct {
							Edges []struct {
								Node struct {
									ID            string
									ActorSub      *string
									ActorPersonID *string
								}
							}
						}
					}
				}
			}
		}
		const q = `query($p: String!) { ideas(first: 100, where: {not: {hasUnitWith: {pathHasPrefix: $p}}}, orderBy: {field: CODE}) {
			edges { node { id events(first: 50) { edges { node { id actorSub actorPersonID } } } } } } }`
		var seen, asBoard events
		e.do(t, officer, q, map[string]any{"p": ownPath}).decode(t, &seen)
		e.do(t, board, q, map[string]any{"p": ownPath}).decode(t, &asBoard)
		actor := map[string]*string{}
		sub := map[string]*string{}
		for _, i := range asBoard.Ideas.Edges {
			for _, ev := range i.Node.Events.Edges {
				actor[ev.Node.ID], sub[ev.Node.ID] = ev.Node.ActorPersonID, ev.Node.ActorSub
				if ev.Node.ActorSub == nil {
					t.Fatalf("the board does not see who took step %s", ev.Node.ID)
				}
			}
		}
		hidden, shown := 0, 0
		reads := map[string]bool{}
		for _, i := range seen.Ideas.Edges {
			for _, ev := range i.Node.Events.Edges {
				pid := actor[ev.Node.ID]
				readable, known := false, false
				if pid != nil {
					readable, known = reads[*pid]
				}
				if pid != nil && !known {
					r := e.do(t, officer, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": *pid})
					if r.code() != "NOT_FOUND" {
						var n struct{ Node *struct{ ID string } }
						r.decode(t, &n)
						readable = n.Node != nil
					}
					reads[*pid] = readable
				}
				switch {
				case readable && (ev.Node.ActorSub == nil || *ev.Node.ActorSub != *sub[ev.Node.ID]):
					t.Errorf("step %s: the officer reads its actor %s but is not shown them", ev.Node.ID, *pid)
				case !readable && (ev.Node.ActorSub != nil || ev.Node.ActorPersonID != nil):
					t.Errorf("step %s: the officer may not read its actor but sees %v / %v", ev.Node.ID, ev.Node.ActorSub, ev.Node.ActorPersonID)
				case readable:
					shown++
				default:
					hidden++
				}
			}
		}
		if hidden == 0 {
			t.Fatalf("no step of another unit's idea by someone the officer may not read: the rule is not exercised (%d shown)", shown)
		}
		// Nobody filters steps by who took them: the filter would answer
		// what the field hides.
		r := e.do(t, officer, `{ ideaEvents(where: {actorSub: "x"}) { totalCount } }`, nil)
		if r.code() != "VALIDATION" && r.code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("filtering steps by actor: %+v", r.Errors)
		}
	})
}
