package server_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestErrorsPointAtTheField (issue 17: VALIDATION had no extensions.field,
// named the English field, a duplicate code gave a CONFLICT naming neither
// field nor value, a whitespace-only title was accepted, parse and
// validation messages were half English, first with last answered
// INTERNAL, and a LEADER refused by role was told the idea lay outside
// their scope).
func TestErrorsPointAtTheField(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		var u struct {
			Units struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.do(t, board, `{ units(first: 1, where: {code: "TD"}) { edges { node { id } } } }`, nil).decode(t, &u)
		unitID := u.Units.Edges[0].Node.ID
		var taken struct {
			Ideas struct {
				Edges []struct{ Node struct{ ID, Code string } }
			}
		}
		e.do(t, board, `{ ideas(first: 1, orderBy: {field: CODE}) { edges { node { id code } } } }`, nil).decode(t, &taken)
		create := `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { id title summary } }`
		idea := func(code, title string) map[string]any {
			return map[string]any{"code": code, "title": title, "field": "ADMINISTRATIVE_REFORM", "kind": "IDEA",
				"proposedOn": "2026-01-05", "unitID": unitID}
		}
		for _, c := range []struct {
			name       string
			in         map[string]any
			code, path string
			says       []string
		}{
			{"a title of spaces", idea("LOI-TRONG-1", " \t "), "VALIDATION", "input.title", []string{"Tiêu đề"}},
			{"a code already taken", idea(taken.Ideas.Edges[0].Node.Code, "Trùng mã"), "CONFLICT", "input.code",
				[]string{"Mã", taken.Ideas.Edges[0].Node.Code}},
			{"a code of the wrong form", idea("mã sai", "Mã sai dạng"), "VALIDATION", "input.code", []string{"Mã"}},
		} {
			res := e.do(t, board, create, map[string]any{"in": c.in})
			if res.code() != c.code || res.Errors[0].Extensions["field"] != c.path {
				t.Errorf("%s: %+v, want %s at %s", c.name, res.Errors, c.code, c.path)
				continue
			}
			for _, s := range c.says {
				if !strings.Contains(res.Errors[0].Message, s) {
					t.Errorf("%s: %q does not say %q", c.name, res.Errors[0].Message, s)
				}
			}
			if strings.Contains(res.Errors[0].Message, "ràng buộc") || strings.Contains(res.Errors[0].Message, "title") {
				t.Errorf("%s: %q speaks of the database or the English field", c.name, res.Errors[0].Message)
			}
		}
		// Blank optional text is not stored as text; surrounding spaces go.
		var made struct {
			CreateIdea struct{ Title, Summary string }
		}
		in := idea("LOI-TRONG-2", "  Ý tưởng có khoảng trắng  ")
		in["summary"] = "   "
		e.do(t, board, create, map[string]any{"in": in}).decode(t, &made)
		if made.CreateIdea.Title != "Ý tưởng có khoảng trắng" || made.CreateIdea.Summary != "" {
			t.Errorf("stored %+v", made.CreateIdea)
		}

		// Paging arguments.
		if res := e.do(t, board, `{ ideas(first: 2, last: 2) { totalCount } }`, nil); res.code() != "VALIDATION" || res.Errors[0].Extensions["field"] != "last" {
			t.Errorf("first with last: %+v", res.Errors)
		}
		// Cursors from another ordering, or forged, are refused, not
		// answered with an unrelated page or an internal error.
		var byCode struct {
			Ideas struct{ PageInfo struct{ EndCursor string } }
		}
		e.do(t, board, `{ ideas(first: 3, orderBy: {field: CODE}) { edges { node { id } } pageInfo { endCursor } } }`, nil).decode(t, &byCode)
		byID := ""
		{
			var p struct {
				Ideas struct{ PageInfo struct{ EndCursor string } }
			}
			e.do(t, board, `{ ideas(first: 3) { edges { node { id } } pageInfo { endCursor } } }`, nil).decode(t, &p)
			byID = p.Ideas.PageInfo.EndCursor
		}
		// {"i": 1, "v": {"a": 1}} in msgpack: a map where a code belongs.
		forged := base64.RawStdEncoding.EncodeToString([]byte{0x82, 0xa1, 'i', 0x01, 0xa1, 'v', 0x81, 0xa1, 'a', 0x01})
		page := `query($c: Cursor, $o: IdeaOrder) { ideas(first: 3, after: $c, orderBy: $o) { edges { node { id } } } }`
		for _, c := range []struct {
			name   string
			cursor string
			order  any
			ok     bool
		}{
			{"its own ordering", byCode.Ideas.PageInfo.EndCursor, map[string]any{"field": "CODE"}, true},
			{"by id, its own", byID, nil, true},
			{"by code, used by date", byCode.Ideas.PageInfo.EndCursor, map[string]any{"field": "PROPOSED_ON"}, false},
			{"by code, used by id", byCode.Ideas.PageInfo.EndCursor, nil, false},
			{"by id, used by code", byID, map[string]any{"field": "CODE"}, false},
			{"forged", forged, map[string]any{"field": "CODE"}, false},
			{"not a cursor", "!!!", nil, false},
		} {
			res := e.do(t, board, page, map[string]any{"c": c.cursor, "o": c.order})
			if c.ok && len(res.Errors) > 0 || !c.ok && res.code() != "VALIDATION" {
				t.Errorf("a cursor %s: %+v", c.name, res.Errors)
			}
		}

		// The query's own mistakes, in Vietnamese, the original kept.
		for q, says := range map[string]string{
			`{ ideas(first: 2 { totalCount } }`:         "cần Name",
			`{ ideas(first: 2) { tieuDe } }`:            `Kiểu "IdeaConnection" không có trường "tieuDe"`,
			`mutation { createIdea(input: {}) { id } }`: `Thiếu trường bắt buộc "code"`,
		} {
			res := e.do(t, board, q, nil)
			if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, says) || res.Errors[0].Extensions["detail"] == nil {
				t.Errorf("%s: %+v, want %q with the original in detail", q, res.Errors, says)
			}
		}
		// A leader takes no workflow step: told so, not that the idea is
		// outside their units.
		leader := e.token(t, "leader", "HCM", access.Leader)
		res := e.do(t, leader, `mutation($id: ID!) { submitIdea(input: {id: $id, version: 0}) { id } }`, map[string]any{"id": taken.Ideas.Edges[0].Node.ID})
		if res.code() != "FORBIDDEN" || !strings.Contains(res.Errors[0].Message, "Vai trò") {
			t.Errorf("a leader submitting: %+v, want FORBIDDEN by role", res.Errors)
		}
	})
}
