package server_test

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/graph/generated"
	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestEveryUpdateNamesItsVersion (issue 17: updateIdea took no version, so
// a member changed an idea's title after its pilot was approved and the
// version did not move; the other update mutations were the same). Read
// from the served schema, so an update mutation added tomorrow is in it:
// each takes the version its client saw (required); the board sending an
// older one gets CONFLICT at extensions.field "version" with nothing
// written; the version it read succeeds and moves the version by one.
func TestEveryUpdateNamesItsVersion(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	var updates []string
	for _, f := range s.Mutation.Fields {
		if !strings.HasPrefix(f.Name, "update") {
			continue
		}
		updates = append(updates, f.Name)
		a := f.Arguments.ForName("version")
		if a == nil || a.Type.String() != "Int!" {
			t.Errorf("%s takes no required version", f.Name)
		}
	}
	if len(updates) < 12 {
		t.Fatalf("only %d update mutations: %v", len(updates), updates)
	}
	eachMatrixStore(t, func(t *testing.T, fx *matrixFixture) {
		board := fx.tokens[access.CityAdmin]
		for _, m := range updates {
			t.Run(m, func(t *testing.T) {
				b := &req{t: t, fx: fx, field: idField{Mutation: m, Path: "id"}, scope: scopeOwn, role: access.CityAdmin, args: map[string]any{}}
				bases[m](b)
				id := b.args["id"].(string)
				seen := b.args["version"].(int)
				b.args["version"] = seen + 1
				before := sqlCount(t, fx.e, "SELECT COUNT(*) FROM audit_events")
				res := fx.e.do(t, board, b.query, b.args)
				if res.code() != "CONFLICT" || res.Errors[0].Extensions["field"] != "version" {
					t.Fatalf("a version the record does not have: %+v, want CONFLICT at version", res.Errors)
				}
				if n := sqlCount(t, fx.e, "SELECT COUNT(*) FROM audit_events") - before; n != 0 {
					t.Errorf("a refused update wrote %d audit rows", n)
				}
				if v := fx.e.versionOf(t, id); v != seen {
					t.Errorf("a refused update moved the version %d → %d", seen, v)
				}
				b.args["version"] = seen
				if res := fx.e.do(t, board, b.query, b.args); len(res.Errors) > 0 {
					t.Fatalf("the version read: %+v", res.Errors)
				}
				if v := fx.e.versionOf(t, id); v != seen+1 {
					t.Errorf("an update moved the version %d → %d, want %d", seen, v, seen+1)
				}
				// The same request again is now a client that did not reload.
				if res := fx.e.do(t, board, b.query, b.args); res.code() != "CONFLICT" {
					t.Errorf("the same update sent twice: %q, want CONFLICT", res.code())
				}
			})
		}
	})
}

// TestIdeaContentFixedOnceReported: content changes while an idea is a
// draft or halted for correction, each change a step of its history; once
// a head has it, an edit is INVALID_TRANSITION. (Plan 1821 §II.1: the
// steps of an idea — "báo cáo người đứng đầu", "xem xét", "chấp thuận" —
// each act on what was reported; the reading chosen: what was reported is
// what stays on record, corrected only through "tạm dừng để điều chỉnh".)
func TestIdeaContentFixedOnceReported(t *testing.T) {
	eachMatrixStore(t, func(t *testing.T, fx *matrixFixture) {
		board := fx.tokens[access.CityAdmin]
		id := fx.make(t, "Idea", scopeOwn, access.CityAdmin)
		edit := `mutation($id: ID!, $v: Int!, $t: String!) { updateIdea(id: $id, version: $v, input: {title: $t}) { title version events(orderBy: {field: SEQ}) { edges { node { seq action toStatus } } } } }`
		var got struct {
			UpdateIdea struct {
				Title, Status string
				Version       int
				Events        struct {
					Edges []struct {
						Node struct {
							Seq              int
							Action, ToStatus string
						}
					}
				}
			}
		}
		fx.e.do(t, board, edit, map[string]any{"id": id, "v": fx.e.versionOf(t, id), "t": "Tiêu đề đã sửa"}).decode(t, &got)
		evs := got.UpdateIdea.Events.Edges
		last := evs[len(evs)-1].Node
		if got.UpdateIdea.Title != "Tiêu đề đã sửa" || last.Action != "EDIT" || last.Seq != got.UpdateIdea.Version || last.ToStatus != "DRAFT" {
			t.Fatalf("an edit of a draft: %+v", got.UpdateIdea)
		}
		v := got.UpdateIdea.Version
		fx.e.do(t, board, `mutation($id: ID!, $v: Int!) { submitIdea(input: {id: $id, version: $v}) { status } }`,
			map[string]any{"id": id, "v": v}).decode(t, &struct{}{})
		res := fx.e.do(t, board, edit, map[string]any{"id": id, "v": v + 1, "t": "Sửa sau khi đã báo cáo"})
		if res.code() != "INVALID_TRANSITION" {
			t.Errorf("an edit once reported: %+v, want INVALID_TRANSITION", res.Errors)
		}
		if res := fx.e.do(t, board, edit, map[string]any{"id": id, "v": v, "t": "Sửa với phiên bản cũ"}); res.code() != "CONFLICT" {
			t.Errorf("an edit with the version before the report: %+v, want CONFLICT", res.Errors)
		}
	})
}
