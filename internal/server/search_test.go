package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/search"
)

// Two wards directly under the city: neither is in the other's subtree.
const (
	searchOwn, searchOwnPath = "PX-BEN-THANH", "/HCM/PX-BEN-THANH/"
	searchOther              = "PX-SAI-GON"
)

type searchHit struct {
	ID, Title string
}

type searchPage struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage bool
		EndCursor   *string
	}
	Edges []struct{ Node searchHit }
}

func (p searchPage) ids() []string {
	var out []string
	for _, e := range p.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

const searchIdeasQuery = `query($q: String!, $first: Int, $after: Cursor, $u: ID, $s: [IdeaStatus!]) {
  searchIdeas(query: $q, first: $first, after: $after, unitID: $u, status: $s) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id title } } } }`

func searchIdeas(t *testing.T, e *env, tok string, vars map[string]any) searchPage {
	t.Helper()
	if _, ok := vars["first"]; !ok {
		vars["first"] = 50
	}
	var got struct{ SearchIdeas searchPage }
	e.do(t, tok, searchIdeasQuery, vars).decode(t, &got)
	return got.SearchIdeas
}

// draftIn creates a draft of the unit as the board, proposed by one of its people.
func draftIn(t *testing.T, e *env, unitCode, title, summary string) string {
	t.Helper()
	board := e.token(t, "board", "HCM", access.CityAdmin)
	var p struct {
		People struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.do(t, board, `query($c: String!) { people(where: {code: $c}) { edges { node { id } } } }`,
		map[string]any{"c": memberOf(t, e, unitCode)}).decode(t, &p)
	in := map[string]any{"code": fmt.Sprintf("TIM-%d", draftSeq.Add(1)), "title": title, "field": "ADMINISTRATIVE_REFORM",
		"kind": "IDEA", "proposedOn": "2026-01-05", "unitID": unitID(t, e, board, unitCode), "proposerIDs": []string{p.People.Edges[0].Node.ID}}
	if summary != "" {
		in["summary"] = summary
	}
	var made struct{ CreateIdea struct{ ID string } }
	e.do(t, board, `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { id } }`, map[string]any{"in": in}).decode(t, &made)
	return made.CreateIdea.ID
}

// TestSearchIdeas: accents, case and tone placement aside, every word must
// match; a title match ranks before a summary-only one, pages follow that
// order, and a viewer finds only what the read rule shows them.
func TestSearchIdeas(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		marker := fmt.Sprintf("dautim%d", draftSeq.Add(1))
		summaryOnly := draftIn(t, e, searchOwn, "Cải tiến quy trình tiếp nhận "+marker, "Ứng dụng số hoá cho hồ sơ thủy lợi")
		inTitle := draftIn(t, e, searchOwn, "Ứng dụng số hoá hồ sơ thuỷ lợi "+marker, "")
		elsewhere := draftIn(t, e, searchOther, "Ứng dụng số hoá hồ sơ nội bộ "+marker, "")
		board := e.token(t, "board", "HCM", access.CityAdmin)

		got := searchIdeas(t, e, board, map[string]any{"q": "ung dung SO HOA " + marker})
		// Both titles hold the phrase; the summary's match comes last.
		if want := []string{inTitle, elsewhere, summaryOnly}; !equalIDs(got.ids(), want) {
			t.Errorf("board: %v, want %v", got.ids(), want)
		}
		if got.TotalCount != 3 {
			t.Errorf("totalCount %d, want 3", got.TotalCount)
		}

		// Pages of one follow the ranking.
		var paged []string
		vars := map[string]any{"q": "ung dung so hoa " + marker, "first": 1}
		for i := 0; i < 4; i++ {
			p := searchIdeas(t, e, board, vars)
			paged = append(paged, p.ids()...)
			if !p.PageInfo.HasNextPage {
				break
			}
			vars["after"] = *p.PageInfo.EndCursor
		}
		if !equalIDs(paged, got.ids()) {
			t.Errorf("paged %v, want %v", paged, got.ids())
		}

		// "Thủy" finds "thuỷ", in a title or a summary.
		if got := searchIdeas(t, e, board, map[string]any{"q": "Thủy " + marker}); !equalIDs(got.ids(), []string{inTitle, summaryOnly}) {
			t.Errorf("Thủy: %v, want %v", got.ids(), []string{inTitle, summaryOnly})
		}

		// Another unit's member finds neither draft of TD's subtree.
		other := e.token(t, memberOf(t, e, searchOther), searchOther, access.Member)
		for _, id := range searchIdeas(t, e, other, map[string]any{"q": "so hoa " + marker}).ids() {
			if id == inTitle || id == summaryOnly {
				t.Errorf("a member of %s found %s's draft %s", searchOther, searchOwn, id)
			}
		}
		admin := e.token(t, "officer", searchOwn, access.UnitAdmin)
		if got := searchIdeas(t, e, admin, map[string]any{"q": "so hoa " + marker}); !equalIDs(got.ids(), []string{inTitle, summaryOnly}) {
			t.Errorf("%s's officer: %v, want their own drafts %v only", searchOwn, got.ids(), []string{inTitle, summaryOnly})
		}
	})
}

func equalIDs(a, b []string) bool {
	return strings.Join(a, ",") == strings.Join(b, ",")
}

// TestSearchFindsPublicIdeas: an idea judged effective elsewhere is found
// by any unit's member, typed without accents, before they propose it
// again or to adopt it.
func TestSearchFindsPublicIdeas(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		var got struct {
			Ideas struct {
				Edges []struct {
					Node struct {
						ID, Title string
						Unit      struct{ ID string }
					}
				}
			}
		}
		e.do(t, board, `query($p: String!) { ideas(first: 1, orderBy: {field: CODE}, where: {not: {hasUnitWith: {pathHasPrefix: $p}},
		    statusIn: [EVALUATED_EFFECTIVE, APPLIED_IN_UNIT, PROPOSED_TO_CITY, APPLIED_CITY_WIDE]}) { edges { node { id title unit { id } } } } }`,
			map[string]any{"p": searchOwnPath}).decode(t, &got)
		if len(got.Ideas.Edges) == 0 {
			t.Fatalf("no public idea outside %s in the demo data", searchOwnPath)
		}
		n := got.Ideas.Edges[0].Node
		words := search.Words(search.Fold(n.Title))
		if len(words) > 6 {
			words = words[:6]
		}
		q := strings.Join(words, " ")
		if q == n.Title {
			t.Fatalf("the demo title %q has no accent to ignore", n.Title)
		}
		member := e.token(t, memberOf(t, e, searchOwn), searchOwn, access.Member)
		found := searchIdeas(t, e, member, map[string]any{"q": q, "u": n.Unit.ID, "first": 1000})
		if !strings.Contains(","+strings.Join(found.ids(), ",")+",", ","+n.ID+",") {
			t.Errorf("%q did not find %q (%s): %v", q, n.Title, n.ID, found.ids())
		}
	})
}

// TestSearchQueryChecked: a blank, too long or too wordy query is refused
// as VALIDATION, naming the argument.
func TestSearchQueryChecked(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		for _, q := range []string{"", "   ", " ,. ", strings.Repeat("a ", 11), strings.Repeat("ă", 201)} {
			for _, op := range []string{
				`query($q: String!) { searchIdeas(query: $q) { totalCount } }`,
				`query($q: String!) { searchUnits(query: $q) { totalCount } }`,
				`query($q: String!) { searchPeople(query: $q) { totalCount } }`,
			} {
				res := e.do(t, board, op, map[string]any{"q": q})
				if res.code() != "VALIDATION" || res.Errors[0].Extensions["field"] != "query" {
					t.Errorf("%.20s… with %q: %+v, want VALIDATION at query", op, q, res.Errors)
				}
			}
		}
		res := e.do(t, board, `{ searchIdeas(query: "so hoa", after: "gqFp0gAPQkA") { totalCount } }`, nil)
		if res.code() != "VALIDATION" {
			t.Errorf("a foreign cursor: %+v, want VALIDATION", res.Errors)
		}
	})
}

// TestSearchUnitsPeopleSimilar: units and people by name without accents;
// a draft's similar ideas put the closest first.
func TestSearchUnitsPeopleSimilar(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		var units struct {
			SearchUnits struct {
				Edges []struct{ Node struct{ Code, Name string } }
			}
		}
		e.do(t, board, `{ searchUnits(query: "ben thanh", first: 5) { edges { node { code name } } } }`, nil).decode(t, &units)
		if len(units.SearchUnits.Edges) == 0 || !strings.Contains(search.Fold(units.SearchUnits.Edges[0].Node.Name), "ben thanh") {
			t.Errorf("searchUnits(ben thanh): %+v", units.SearchUnits.Edges)
		}

		code := memberOf(t, e, searchOwn)
		var people struct {
			SearchPeople struct {
				Edges []struct {
					Node struct{ Code, FullName string }
				}
			}
		}
		e.do(t, board, `query($q: String!) { searchPeople(query: $q) { edges { node { code fullName } } } }`,
			map[string]any{"q": strings.ToLower(code)}).decode(t, &people)
		if len(people.SearchPeople.Edges) == 0 || people.SearchPeople.Edges[0].Node.Code != code {
			t.Fatalf("searchPeople(%s): %+v", code, people.SearchPeople.Edges)
		}
		name := people.SearchPeople.Edges[0].Node.FullName
		e.do(t, board, `query($q: String!) { searchPeople(query: $q, first: 1000) { edges { node { code fullName } } } }`,
			map[string]any{"q": search.Fold(name)}).decode(t, &people)
		hit := false
		for _, p := range people.SearchPeople.Edges {
			hit = hit || p.Node.Code == code
		}
		if !hit {
			t.Errorf("searchPeople(%s) did not find %s", search.Fold(name), code)
		}

		marker := fmt.Sprintf("giongnhau%d", draftSeq.Add(1))
		close := draftIn(t, e, searchOwn, "Số hoá sổ hộ tịch và chứng thực điện tử "+marker, "")
		far := draftIn(t, e, searchOwn, "Chứng thực nhanh "+marker, "")
		var sim struct{ SimilarIdeas searchPage }
		e.do(t, board, `query($t: String!) { similarIdeas(title: $t, first: 2) { totalCount edges { node { id title } } } }`,
			map[string]any{"t": "Số hóa sổ hộ tịch của các phường " + marker}).decode(t, &sim)
		if ids := sim.SimilarIdeas.ids(); len(ids) < 2 || ids[0] != close {
			t.Errorf("similarIdeas: %v, want %s (then others, %s among them)", ids, close, far)
		}
	})
}

// TestSearchFollowsEdits: an edit refolds the record's search text, from
// the fields it changes and the stored ones it leaves.
func TestSearchFollowsEdits(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		before, after := fmt.Sprintf("truocsua%d", draftSeq.Add(1)), fmt.Sprintf("sauksua%d", draftSeq.Add(1))
		id := draftIn(t, e, searchOwn, "Đường dây nóng "+before, "Tiếp nhận phản ánh của người dân")
		res := e.do(t, board, `mutation($id: ID!, $v: Int!, $t: String!) { updateIdea(id: $id, version: $v, input: {title: $t}) { id } }`,
			map[string]any{"id": id, "v": e.versionOf(t, id), "t": "Đường dây nóng " + after})
		if res.code() != "" {
			t.Fatalf("updateIdea: %+v", res.Errors)
		}
		if got := searchIdeas(t, e, board, map[string]any{"q": before}).ids(); len(got) != 0 {
			t.Errorf("the old title still found: %v", got)
		}
		if got := searchIdeas(t, e, board, map[string]any{"q": "duong day nong phan anh " + after}).ids(); !equalIDs(got, []string{id}) {
			t.Errorf("the new title with the kept summary: %v, want [%s]", got, id)
		}
	})
}

// TestSearchCostsConstantStatements: a page of search results loads the
// edges its nodes ask for once per edge, as the lists do (ent's
// CollectFields), not once per node.
func TestSearchCostsConstantStatements(t *testing.T) {
	const q = `query($q: String!, $n: Int!) {
  searchIdeas(query: $q, first: $n) { totalCount edges { node { code unit { name parent { name } }
    proposers(first: 3) { totalCount edges { node { fullName } } } } } }
  searchUnits(query: $q, first: $n) { edges { node { name parent { name } } } }
  searchPeople(query: $q, first: $n) { edges { node { fullName memberships(first: 2) { edges { node { id } } } } } }
}`
	forEachStore(t, func(t *testing.T, e *env) {
		tok := e.token(t, "board", "HCM", access.CityAdmin)
		// Uncounted: the token's unit is read once and then kept in memory
		// (store.UnitScopes); run alone, the first page would pay for it.
		e.do(t, tok, q, map[string]any{"q": "n", "n": 1})
		counts := map[int]int64{}
		for _, n := range []int{1, 10, 40} {
			e.counter.Reset()
			var got struct {
				SearchIdeas, SearchUnits, SearchPeople struct{ Edges []any }
			}
			// "n" is in most folded texts: pages fill at every size.
			e.do(t, tok, q, map[string]any{"q": "n", "n": n}).decode(t, &got)
			counts[n] = e.counter.Statements()
			if len(got.SearchIdeas.Edges) != n || len(got.SearchUnits.Edges) != n || len(got.SearchPeople.Edges) != n {
				t.Fatalf("first %d: %d ideas, %d units, %d people; the test would prove nothing", n,
					len(got.SearchIdeas.Edges), len(got.SearchUnits.Edges), len(got.SearchPeople.Edges))
			}
		}
		t.Logf("statements by page size: %v", counts)
		for n, c := range counts {
			if c != counts[1] {
				t.Errorf("page size %d cost %d statements, page size 1 cost %d", n, c, counts[1])
			}
		}
	})
}

// TestSearchUnitIDIsThatUnit: unitID keeps the ideas of that unit, not of
// its subtree (docs/api.md), for a unit whose subtree has ideas of others.
func TestSearchUnitIDIsThatUnit(t *testing.T) {
	const q = `query($q: String!, $u: ID) {
  searchIdeas(query: $q, first: 1000, unitID: $u) { totalCount edges { node { unit { id path } } } } }`
	type page struct {
		SearchIdeas struct {
			TotalCount int
			Edges      []struct {
				Node struct{ Unit struct{ ID, Path string } }
			}
		}
	}
	forEachStore(t, func(t *testing.T, e *env) {
		tok := e.token(t, "board", "HCM", access.CityAdmin)
		var all page
		e.do(t, tok, q, map[string]any{"q": "n"}).decode(t, &all)
		// The unit with ideas of its own and the most ideas below it.
		own, below := map[string]int{}, map[string]int{}
		paths := map[string]string{}
		for _, ed := range all.SearchIdeas.Edges {
			u := ed.Node.Unit
			own[u.ID]++
			paths[u.ID] = u.Path
		}
		var unitID string
		for id, p := range paths {
			for _, q := range paths {
				if q != p && strings.HasPrefix(q, p) {
					below[id]++
				}
			}
			if below[id] > below[unitID] {
				unitID = id
			}
		}
		if unitID == "" {
			t.Fatal("no unit with ideas of its own and below it; the test would prove nothing")
		}
		var one page
		e.do(t, tok, q, map[string]any{"q": "n", "u": unitID}).decode(t, &one)
		if one.SearchIdeas.TotalCount != own[unitID] {
			t.Errorf("unitID %s (%s): %d ideas, want its own %d", unitID, paths[unitID], one.SearchIdeas.TotalCount, own[unitID])
		}
		for _, ed := range one.SearchIdeas.Edges {
			if ed.Node.Unit.ID != unitID {
				t.Errorf("unitID %s found an idea of %s", paths[unitID], ed.Node.Unit.Path)
			}
		}
	})
}
