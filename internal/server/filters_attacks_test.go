package server_test

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// The where filters of issue 14, each an oracle into rows a member may not
// read before the filters were walled: what the board's answer shows is
// there, and what the member gets now.

// filterTotal is the totalCount of the query's connection aliased x.
func filterTotal(t *testing.T, e *env, tok, query string, vars map[string]any) int {
	t.Helper()
	var got map[string]struct {
		TotalCount int `json:"totalCount"`
	}
	e.do(t, tok, query, vars).decode(t, &got)
	return got["x"].TotalCount
}

// memberWard is the ward the attacks are made from, and its path.
const memberWard, memberWardPath = "PX-CAU-ONG-LANH", "/HCM/PX-CAU-ONG-LANH/"

func TestFilterAttackUnitsWithIntegrityFlags(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		member := e.token(t, "CB0002494", memberWard, access.Member)
		for _, q := range []string{
			`{ x: units(first: 0, where: {hasIntegrityFlags: true}) { totalCount } }`,
			`{ x: units(first: 0, where: {hasIntegrityFlagsWith: {kind: DISCIPLINE}}) { totalCount } }`,
			`{ x: units(first: 0, where: {hasIntegrityFlagsWith: {noteContains: "a"}}) { totalCount } }`,
		} {
			if n := filterTotal(t, e, board, q, nil); n == 0 {
				t.Fatalf("%s: the board finds none, so the attack proves nothing", q)
			}
			if n := filterTotal(t, e, member, q, nil); n != 0 {
				t.Errorf("%s: a member, who reads no integrity flag, finds %d", q, n)
			}
		}
		// A member of a unit with flagged people reads those people, not their flags.
		var flags struct {
			IntegrityFlags struct {
				Edges []struct {
					Node struct{ Unit struct{ Code string } }
				}
			}
		}
		e.do(t, board, `{ integrityFlags(first: 1) { edges { node { unit { code } } } } }`, nil).decode(t, &flags)
		if len(flags.IntegrityFlags.Edges) == 0 {
			t.Fatal("no integrity flag in the demo data")
		}
		flagged := flags.IntegrityFlags.Edges[0].Node.Unit.Code
		colleague := e.token(t, "CB9999999", flagged, access.Member)
		for _, q := range []string{
			`query($u: String!) { x: people(first: 0, where: {hasIntegrityFlags: true, hasMembershipsWith: {hasUnitWith: {code: $u}}}) { totalCount } }`,
			`query($u: String!) { x: people(first: 0, where: {not: {hasIntegrityFlags: false}, hasMembershipsWith: {hasUnitWith: {code: $u}}}) { totalCount } }`,
			`query($u: String!) { x: memberships(first: 0, where: {hasUnitWith: {code: $u}, hasPersonWith: {hasIntegrityFlagsWith: {kindIn: [DISCIPLINE, INTEGRITY]}}}) { totalCount } }`,
		} {
			vars := map[string]any{"u": flagged}
			if n := filterTotal(t, e, board, q, vars); n == 0 {
				t.Fatalf("%s: the board finds none, so the attack proves nothing", q)
			}
			if n := filterTotal(t, e, colleague, q, vars); n != 0 {
				t.Errorf("%s: a member of %s names %d flagged people", q, flagged, n)
			}
		}
		// Without a flag among the rows a member reads, every unit is "without flags".
		all := filterTotal(t, e, member, `{ x: units(first: 0) { totalCount } }`, nil)
		if n := filterTotal(t, e, member, `{ x: units(first: 0, where: {hasIntegrityFlags: false}) { totalCount } }`, nil); n != all {
			t.Errorf("units without flags for a member: %d, want all %d", n, all)
		}
	})
}

func TestFilterAttackDraftTitleLetterByLetter(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		member := e.token(t, "CB0002494", memberWard, access.Member)
		var drafts struct {
			Ideas struct {
				Edges []struct {
					Node struct {
						Title string
						Unit  struct{ Code string }
					}
				}
			}
		}
		e.do(t, board, `query($p: String!) { ideas(first: 1, where: {status: DRAFT, not: {hasUnitWith: {pathHasPrefix: $p}}}) {
			edges { node { title unit { code } } } } }`, map[string]any{"p": memberWardPath}).decode(t, &drafts)
		if len(drafts.Ideas.Edges) == 0 {
			t.Fatal("no draft outside the ward in the demo data")
		}
		d := drafts.Ideas.Edges[0].Node
		prefix := string([]rune(d.Title)[:3])
		for _, q := range []string{
			`query($u: String!, $p: String!) { x: units(first: 0, where: {code: $u, hasIdeasWith: {status: DRAFT, titleHasPrefix: $p}}) { totalCount } }`,
			`query($u: String!, $p: String!) { x: units(first: 0, where: {code: $u, hasIdeasWith: [{status: DRAFT}, {titleHasPrefix: $p}]}) { totalCount } }`,
			`query($u: String!, $p: String!) { x: units(first: 0, where: {code: $u, or: [{hasIdeasWith: {status: DRAFT, titleHasPrefix: $p}}]}) { totalCount } }`,
			`query($u: String!, $p: String!) { x: units(first: 0, where: {code: $u, not: {not: {hasIdeasWith: {status: DRAFT, titleHasPrefix: $p}}}}) { totalCount } }`,
			`query($u: String!, $p: String!) { x: phases(first: 0, where: {hasPlansWith: {hasUnitWith: {code: $u, hasIdeasWith: {status: DRAFT, titleHasPrefix: $p}}}}) { totalCount } }`,
		} {
			vars := map[string]any{"u": d.Unit.Code, "p": prefix}
			if n := filterTotal(t, e, board, q, vars); n == 0 {
				t.Fatalf("%s: the board does not find the draft, so the attack proves nothing", q)
			}
			if n := filterTotal(t, e, member, q, vars); n != 0 {
				t.Errorf("%s: a member of %s learns that %s has a draft titled %q…", q, memberWard, d.Unit.Code, prefix)
			}
		}
	})
}

func TestFilterAttackBirthYearOfAPublicIdeasProposer(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		member := e.token(t, "CB0002494", memberWard, access.Member)
		var found struct {
			Ideas struct {
				Edges []struct {
					Node struct {
						Code      string
						Proposers struct {
							Edges []struct {
								Node struct{ BirthYear *int }
							}
						}
					}
				}
			}
		}
		e.do(t, board, `query($p: String!) { ideas(first: 1, where: {status: EVALUATED_EFFECTIVE, not: {hasUnitWith: {pathHasPrefix: $p}},
			hasProposersWith: {birthYearNotNil: true, not: {hasMembershipsWith: {hasUnitWith: {pathHasPrefix: $p}}}}}) {
			edges { node { code proposers(first: 1, where: {birthYearNotNil: true, not: {hasMembershipsWith: {hasUnitWith: {pathHasPrefix: $p}}}}) {
				edges { node { birthYear } } } } } } }`, map[string]any{"p": memberWardPath}).decode(t, &found)
		if len(found.Ideas.Edges) == 0 || len(found.Ideas.Edges[0].Node.Proposers.Edges) == 0 {
			t.Fatal("no public idea with a proposer outside the ward in the demo data")
		}
		i := found.Ideas.Edges[0].Node
		year := *i.Proposers.Edges[0].Node.BirthYear
		vars := map[string]any{"c": i.Code, "y": year}
		// The member reads the idea itself: it is public.
		if n := filterTotal(t, e, member, `query($c: String!) { x: ideas(first: 0, where: {code: $c}) { totalCount } }`, map[string]any{"c": i.Code}); n != 1 {
			t.Fatalf("the member reads %d ideas coded %s, want the public idea", n, i.Code)
		}
		for _, q := range []string{
			`query($c: String!, $y: Int!) { x: ideas(first: 0, where: {code: $c, hasProposersWith: {birthYear: $y}}) { totalCount } }`,
			`query($c: String!, $y: Int!) { x: ideas(first: 0, where: {code: $c, hasProposersWith: {birthYearGTE: $y, birthYearLTE: $y}}) { totalCount } }`,
			`query($c: String!, $y: Int!) { x: ideaEvents(first: 0, where: {hasIdeaWith: {code: $c, hasProposersWith: {birthYear: $y}}}) { totalCount } }`,
		} {
			if n := filterTotal(t, e, board, q, vars); n == 0 {
				t.Fatalf("%s: the board finds nothing, so the attack proves nothing", q)
			}
			if n := filterTotal(t, e, member, q, vars); n != 0 {
				t.Errorf("%s: a member of %s learns the birth year %d of a proposer outside it", q, memberWard, year)
			}
		}
		// Proposers are counted among those the member reads: none of this idea's.
		if n := filterTotal(t, e, member, `query($c: String!) { x: ideas(first: 0, where: {code: $c, hasProposers: false}) { totalCount } }`, map[string]any{"c": i.Code}); n != 1 {
			t.Errorf("the public idea without readable proposers: %d, want 1", n)
		}
	})
}

// The same oracles one level down, in a nested connection: entgql loads
// those from the parent's resolver, reading their where itself.
func TestFilterAttackInNestedConnections(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		member := e.token(t, "CB0002494", memberWard, access.Member)
		nested := func(tok, q string) int {
			t.Helper()
			var got struct {
				Units struct {
					Edges []struct {
						Node struct {
							X struct{ TotalCount int }
						}
					}
				}
			}
			e.do(t, tok, q, nil).decode(t, &got)
			n := 0
			for _, u := range got.Units.Edges {
				n += u.Node.X.TotalCount
			}
			return n
		}
		ownDrafts := filterTotal(t, e, member, `query($u: String!) { x: units(first: 0, where: {code: $u, hasIdeasWith: {status: DRAFT}}) { totalCount } }`,
			map[string]any{"u": memberWard})
		for _, c := range []struct {
			q    string
			want int
		}{
			{`{ units(where: {code: "HCM"}) { edges { node { x: children(first: 0, where: {hasIntegrityFlags: true}) { totalCount } } } } }`, 0},
			{`{ units(where: {code: "HCM"}) { edges { node { x: children(first: 1000, where: {hasIntegrityFlags: true}) { totalCount edges { node { code } } } } } } }`, 0},
			{`{ units(where: {code: "HCM"}) { edges { node { x: children(first: 1000, where: {hasIdeasWith: {status: DRAFT}}) { totalCount } } } } }`, ownDrafts},
		} {
			if n := nested(board, c.q); n <= c.want {
				t.Fatalf("%s: the board finds %d, so the attack proves nothing", c.q, n)
			}
			if n := nested(member, c.q); n != c.want {
				t.Errorf("%s: a member finds %d, want %d", c.q, n, c.want)
			}
		}
	})
}
