package server_test

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// TestAMatterForTheCity — §II.1.1 “Chủ động đề xuất Thành phố về giải pháp
// đột phá tháo gỡ khó khăn …” and §I.1.3 “được cấp có thẩm quyền xem xét,
// quyết định cho thực hiện hoặc thực hiện thí điểm”: a unit head refers an
// idea beyond the unit's authority to the city straight from review, with
// no fictitious unit steps; while it waits, only the board decides; the
// board approves a pilot as the city (an approval records who gave it) or
// declines with a reason; the ideas awaiting the city are counted.
func TestAMatterForTheCity(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unitCode = "PX-TAN-DINH"
		member := memberOf(t, e, unitCode)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		head := e.token(t, "head", unitCode, access.UnitHead)
		awaiting := func() int {
			var got struct {
				Attention struct {
					Counts []struct {
						Kind  string
						Count int
					}
				}
			}
			e.do(t, board, `{ attention { counts { kind count } } }`, nil).decode(t, &got)
			for _, c := range got.Attention.Counts {
				if c.Kind == "IDEA_AWAITING_CITY" {
					return c.Count
				}
			}
			return 0
		}
		before := awaiting()

		refer := func(code string) ideaState {
			t.Helper()
			st := newIdea(t, e, member, unitCode, code+strings.ToUpper(e.store.Dialect))
			mustAct(t, e, e.token(t, member, unitCode, access.Member), "SUBMIT", &st)
			mustAct(t, e, head, "START_REVIEW", &st)
			mustAct(t, e, head, "REFER_TO_CITY", &st)
			if st.Status != "REFERRED_TO_CITY" {
				t.Fatalf("referred: %s", st.Status)
			}
			return st
		}
		st := refer("YT-TP-1-")
		if n := awaiting(); n != before+1 {
			t.Errorf("awaiting the city: %d, want %d", n, before+1)
		}
		// The unit cannot approve what it sent up.
		if res := act(t, e, head, "APPROVE_PILOT", st.ID, st.Version); res.code() != "FORBIDDEN" {
			t.Errorf("the unit approving a referral: %q", res.code())
		}
		// The city's approval is the city's.
		in := inputFor("APPROVE_PILOT", st.ID, st.Version)
		res := e.do(t, board, `mutation($in: ApproveIdeaPilotInput!) { approveIdeaPilot(input: $in) { `+ideaFields+` } }`, map[string]any{"in": in})
		if res.code() != "VALIDATION" {
			t.Errorf("a referral approved as the unit's: %q", res.code())
		}
		in["authorityLevel"] = "CITY"
		var approved struct{ ApproveIdeaPilot ideaState }
		e.do(t, board, `mutation($in: ApproveIdeaPilotInput!) { approveIdeaPilot(input: $in) { `+ideaFields+` } }`, map[string]any{"in": in}).decode(t, &approved)
		if approved.ApproveIdeaPilot.Status != "APPROVED_FOR_PILOT" {
			t.Fatalf("approved: %+v", approved.ApproveIdeaPilot)
		}
		var ev struct {
			Node struct {
				Events struct {
					Edges []struct {
						Node struct{ Action, AuthorityLevel string }
					}
				}
			}
		}
		e.do(t, board, `query($id: ID!) { node(id: $id) { ... on Idea { events(orderBy: {field: SEQ, direction: DESC}, first: 1) { edges { node { action authorityLevel } } } } } }`,
			map[string]any{"id": st.ID}).decode(t, &ev)
		if got := ev.Node.Events.Edges; len(got) != 1 || got[0].Node.AuthorityLevel != "CITY" {
			t.Errorf("the approval's authority: %+v", got)
		}

		// Another referral declined, with the city's reason: closed.
		st = refer("YT-TP-2-")
		if res := act(t, e, head, domain.IdeaActionDeclineByCity, st.ID, st.Version); res.code() != "FORBIDDEN" {
			t.Errorf("the unit declining for the city: %q", res.code())
		}
		mustAct(t, e, board, domain.IdeaActionDeclineByCity, &st)
		if st.Status != "DECLINED_BY_CITY" || len(st.AvailableActions) != 0 {
			t.Errorf("declined: %+v", st)
		}
		if n := awaiting(); n != before+0 {
			t.Errorf("awaiting the city after both decided: %d, want %d", n, before)
		}
	})
}
