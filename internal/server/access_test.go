package server_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// Units of the access tests: the officer's own subtree and another one.
const (
	ownUnit, ownPath     = "TD", "/HCM/TD/"
	otherUnit, otherPath = "CATP", "/HCM/CATP/"
)

type ideaRef struct {
	ID       string
	Proposer string
}

// firstIdea finds, as the board, an idea in the subtree with a proposer,
// and drafts a new idea of the same unit and proposer: only a draft's
// content may be edited, and the demo's ideas have moved on.
func firstIdea(t *testing.T, e *env, path string) ideaRef {
	t.Helper()
	var got struct {
		Ideas struct {
			Edges []struct {
				Node struct {
					Unit      struct{ ID string }
					Proposers struct {
						Edges []struct{ Node struct{ ID, Code string } }
					}
				}
			}
		}
	}
	board := e.token(t, "board", "HCM", access.CityAdmin)
	e.do(t, board, `query($p: String!) {
	  ideas(first: 1, where: {hasUnitWith: {pathHasPrefix: $p}, hasProposers: true}, orderBy: {field: CODE}) {
	    edges { node { unit { id } proposers(first: 1) { edges { node { id code } } } } }
	  }
	}`, map[string]any{"p": path}).decode(t, &got)
	if len(got.Ideas.Edges) == 0 || len(got.Ideas.Edges[0].Node.Proposers.Edges) == 0 {
		t.Fatalf("no idea with a proposer under %s in the demo data", path)
	}
	n := got.Ideas.Edges[0].Node
	p := n.Proposers.Edges[0].Node
	var made struct{ CreateIdea struct{ ID string } }
	e.do(t, board, `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"code": fmt.Sprintf("NHAP-%d", draftSeq.Add(1)), "title": "Bản nháp để thử quyền sửa", "field": "ADMINISTRATIVE_REFORM",
		"kind": "IDEA", "proposedOn": "2026-01-05", "unitID": n.Unit.ID, "proposerIDs": []string{p.ID}}}).decode(t, &made)
	return ideaRef{ID: made.CreateIdea.ID, Proposer: p.Code}
}

var draftSeq atomic.Int64

// TestAccessMatrix runs every role against its own unit's subtree and
// another unit's, reading and writing: reads outside the subtree see
// nothing, writes outside it are refused (NOT_FOUND where the record is
// not theirs to read, FORBIDDEN otherwise), and only allowed writes are
// applied and audited.
func TestAccessMatrix(t *testing.T) {
	type expect struct{ readOwn, readOther, writeOwn, writeOther bool }
	cases := map[access.Role]expect{
		access.CityAdmin: {true, true, true, true},
		access.UnitAdmin: {true, false, true, false},
		access.UnitHead:  {true, false, true, false},
		access.Member:    {true, false, true, false}, // writes only ideas they proposed
		access.Leader:    {true, true, false, false},
		access.Analyst:   {true, true, false, false},
	}
	forEachStore(t, func(t *testing.T, e *env) {
		own, other := firstIdea(t, e, ownPath), firstIdea(t, e, otherPath)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		for role, want := range cases {
			t.Run(string(role), func(t *testing.T) {
				sub := "officer-" + string(role)
				if role == access.Member {
					sub = own.Proposer
				}
				tok := e.token(t, sub, ownUnit, role)
				if got := countIdeas(t, e, tok, ownPath) > 0; got != want.readOwn {
					t.Errorf("read own subtree: visible=%v, want %v", got, want.readOwn)
				}
				if got := countIdeas(t, e, tok, otherPath) > 0; got != want.readOther {
					t.Errorf("read other subtree: visible=%v, want %v", got, want.readOther)
				}
				for _, w := range []struct {
					name string
					idea ideaRef
					ok   bool
				}{{"own", own, want.writeOwn}, {"other", other, want.writeOther}} {
					title := fmt.Sprintf("Tiêu đề sửa bởi %s (%s)", role, w.name)
					before := auditCount(t, e, board, w.idea.ID)
					res := e.do(t, tok, `mutation($id: ID!, $v: Int!, $t: String!) { updateIdea(id: $id, version: $v, input: {title: $t}) { title } }`,
						map[string]any{"id": w.idea.ID, "v": e.versionOf(t, w.idea.ID), "t": title})
					after := auditCount(t, e, board, w.idea.ID)
					if w.ok {
						if res.code() != "" {
							t.Errorf("write %s: %+v, want success", w.name, res.Errors)
						} else if after != before+1 {
							t.Errorf("write %s: audit events %d → %d, want one more", w.name, before, after)
						}
						continue
					}
					// A record the viewer cannot read is refused as a missing
					// one (NOT_FOUND); one they read but may not change, FORBIDDEN.
					code := "FORBIDDEN"
					if e.do(t, tok, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": w.idea.ID}).code() == "NOT_FOUND" {
						code = "NOT_FOUND"
					}
					if res.code() != code {
						t.Errorf("write %s: code %q (%+v), want %s", w.name, res.code(), res.Errors, code)
					}
					if after != before {
						t.Errorf("write %s refused but audited: %d → %d", w.name, before, after)
					}
					if titleOf(t, e, board, w.idea.ID) == title {
						t.Errorf("write %s refused but applied", w.name)
					}
				}
			})
		}
	})
}

// TestMemberWritesOnlyOwnIdeas: a member of the unit who did not propose
// the idea may not edit it.
func TestMemberWritesOnlyOwnIdeas(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		own := firstIdea(t, e, ownPath)
		tok := e.token(t, "CB9999999", ownUnit, access.Member)
		res := e.do(t, tok, `mutation($id: ID!, $v: Int!) { updateIdea(id: $id, version: $v, input: {title: "Không được sửa"}) { id } }`,
			map[string]any{"id": own.ID, "v": e.versionOf(t, own.ID)})
		if res.code() != "FORBIDDEN" {
			t.Fatalf("code %q, want FORBIDDEN", res.code())
		}
	})
}

// TestCreateScopedToSubtree: a unit's officer records a headcount for a
// unit of the subtree, not for another unit; a unit head may not at all.
func TestCreateScopedToSubtree(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		ownID, otherID := unitID(t, e, board, ownUnit), unitID(t, e, board, otherUnit)
		for i, tc := range []struct {
			role access.Role
			unit string
			code string
		}{
			{access.UnitAdmin, ownID, ""},
			{access.UnitAdmin, otherID, "FORBIDDEN"},
			{access.UnitHead, ownID, "FORBIDDEN"},
			{access.Member, ownID, "FORBIDDEN"},
			{access.Leader, ownID, "FORBIDDEN"},
			{access.Analyst, ownID, "FORBIDDEN"},
			{access.CityAdmin, otherID, ""},
		} {
			tok := e.token(t, "officer", ownUnit, tc.role)
			if tc.role == access.CityAdmin {
				tok = board
			}
			res := e.do(t, tok, `mutation($u: ID!, $y: Int!) { createHeadcount(input: {unitID: $u, year: $y, headcount: 10}) { id } }`,
				map[string]any{"u": tc.unit, "y": 2090 + i})
			if res.code() != tc.code {
				t.Errorf("%s on unit %s: code %q (%+v), want %q", tc.role, tc.unit, res.code(), res.Errors, tc.code)
			}
		}
	})
}

// countIdeas counts the ideas of the subtree not yet evaluated effective:
// those stay within their unit's subtree (effective ones are public, see
// TestEffectiveIdeasReadCityWide).
func countIdeas(t *testing.T, e *env, tok, path string) int {
	t.Helper()
	var got struct{ Ideas struct{ TotalCount int } }
	e.do(t, tok, `query($p: String!) { ideas(where: {hasUnitWith: {pathHasPrefix: $p},
	    statusNotIn: [EVALUATED_EFFECTIVE, APPLIED_IN_UNIT, PROPOSED_TO_CITY, APPLIED_CITY_WIDE, RATED_BY_MINISTRIES]}) { totalCount } }`,
		map[string]any{"p": path}).decode(t, &got)
	return got.Ideas.TotalCount
}

// TestEffectiveIdeasReadCityWide: every signed-in role reads the ideas
// evaluated effective anywhere, with their history, so units can adopt them.
func TestEffectiveIdeasReadCityWide(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		var all struct{ Ideas struct{ TotalCount int } }
		q := `query($p: String!) { ideas(where: {hasUnitWith: {pathHasPrefix: $p}, statusIn: [EVALUATED_EFFECTIVE, APPLIED_IN_UNIT, PROPOSED_TO_CITY, APPLIED_CITY_WIDE, RATED_BY_MINISTRIES]}) { totalCount } }`
		e.do(t, board, q, map[string]any{"p": otherPath}).decode(t, &all)
		if all.Ideas.TotalCount == 0 {
			t.Fatal("no effective idea in the other subtree: the test would prove nothing")
		}
		for _, role := range []access.Role{access.UnitAdmin, access.UnitHead, access.Member} {
			var got struct{ Ideas struct{ TotalCount int } }
			e.do(t, e.token(t, "x", ownUnit, role), q, map[string]any{"p": otherPath}).decode(t, &got)
			if got.Ideas.TotalCount != all.Ideas.TotalCount {
				t.Errorf("%s reads %d of %d effective ideas elsewhere", role, got.Ideas.TotalCount, all.Ideas.TotalCount)
			}
		}
	})
}

func auditCount(t *testing.T, e *env, tok, id string) int {
	t.Helper()
	var got struct{ AuditEvents struct{ TotalCount int } }
	e.do(t, tok, `query($id: Int!) { auditEvents(where: {entityType: "Idea", entityID: $id}) { totalCount } }`,
		map[string]any{"id": atoi(t, id)}).decode(t, &got)
	return got.AuditEvents.TotalCount
}

func titleOf(t *testing.T, e *env, tok, id string) string {
	t.Helper()
	var got struct{ Node struct{ Title string } }
	e.do(t, tok, `query($id: ID!) { node(id: $id) { ... on Idea { title } } }`, map[string]any{"id": id}).decode(t, &got)
	return got.Node.Title
}

func unitID(t *testing.T, e *env, tok, code string) string {
	t.Helper()
	var got struct {
		Units struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.do(t, tok, `query($c: String!) { units(where: {code: $c}) { edges { node { id } } } }`,
		map[string]any{"c": code}).decode(t, &got)
	if len(got.Units.Edges) != 1 {
		t.Fatalf("unit %s not found", code)
	}
	return got.Units.Edges[0].Node.ID
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAuditLogIsTheBoards: only CITY_ADMIN reads the audit log.
func TestAuditLogIsTheBoards(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		for _, role := range access.Roles {
			res := e.do(t, e.token(t, "x", ownUnit, role), `{ auditEvents(first: 1) { totalCount } }`, nil)
			want := "FORBIDDEN"
			if role == access.CityAdmin {
				want = ""
			}
			if res.code() != want {
				t.Errorf("%s: %q, want %q", role, res.code(), want)
			}
		}
	})
}

// TestHistoryIsNeverEdited: not even the board edits or deletes idea
// events or the audit log through the data layer.
func TestHistoryIsNeverEdited(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	ctx := access.NewContext(context.Background(), &access.Viewer{Sub: "board", Roles: []access.Role{access.CityAdmin}})
	ev := e.store.Client.IdeaEvent.Query().FirstX(ctx)
	if err := e.store.Client.IdeaEvent.DeleteOneID(ev.ID).Exec(ctx); err == nil {
		t.Error("an idea event was deleted")
	}
	au := e.store.Client.AuditEvent.Query().FirstX(ctx)
	if err := e.store.Client.AuditEvent.DeleteOneID(au.ID).Exec(ctx); err == nil {
		t.Error("an audit event was deleted")
	}
	if err := e.store.Client.AuditEvent.Create().SetActorSub("forged").SetOperation("CREATE").SetEntityType("Idea").SetEntityID(1).Exec(ctx); err == nil {
		t.Error("an audit event was forged")
	}
}
