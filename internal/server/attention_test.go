package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

const attentionQuery = `query($d: Int) { attention(withinDays: $d) { counts { kind count } items { kind title dueOn unit { code } subject { id } } } }`

type attentionAnswer struct {
	Attention struct {
		Counts []struct {
			Kind  string
			Count int
		}
		Items []struct {
			Kind, Title string
			DueOn       *string
			Unit        *struct{ Code string }
		}
	}
}

func (a attentionAnswer) counts() map[string]int {
	out := map[string]int{}
	for _, c := range a.Attention.Counts {
		out[c.Kind] = c.Count
	}
	return out
}

// TestAttentionListsWhatWaits — Kế hoạch 1821, mục V.4: Sở Nội vụ "theo
// dõi, đôn đốc" the units. From an empty store: the board sees the units
// late with plans and reports; a district's head sees its subtree's reports
// due or overdue and its late plans, another district's head nothing of
// them; a member sees their own draft. The statements the list costs do not
// grow with its items (3 wards, then 30).
func TestAttentionListsWhatWaits(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2026-01-05", 9, 0)
			c.unit(t, "HCM", "CITY", "")
			c.unit(t, "Q1", "DISTRICT", "HCM")
			c.unit(t, "Q2", "DISTRICT", "HCM")
			wards := func(from, to int) {
				for i := from; i < to; i++ {
					c.unit(t, fmt.Sprintf("PW%02d", i), "WARD", "Q1")
				}
			}
			wards(0, 3)
			c.do(t, c.board, `mutation { createPhase(input: {name: "2026-2030", startYear: 2026, endYear: 2030, plansDueOn: "2026-03-31"}) { id } }`, nil).decode(t, &struct{}{})
			call := func() {
				c.do(t, c.board, `mutation { callForReports(input: {phase: "2026-2030", kind: YEARLY, year: 2026, dueOn: "2026-12-15",
					reach: {unitType: WARD}}) { created } }`, nil).decode(t, &struct{}{})
			}
			call()
			var p struct{ CreatePerson struct{ ID string } }
			c.do(t, c.board, `mutation { createPerson(input: {code: "CB1", fullName: "Phạm Thị Thử", gender: FEMALE}) { id } }`, nil).decode(t, &p)
			c.do(t, c.board, `mutation($p: ID!, $u: ID!) { createMembership(input: {personID: $p, unitID: $u, category: CIVIL_SERVANT, validFrom: "2026-01-01"}) { id } }`,
				map[string]any{"p": p.CreatePerson.ID, "u": c.units["PW00"]}).decode(t, &struct{}{})
			c.do(t, c.board, `mutation($p: ID!, $u: ID!) { createIdea(input: {code: "YT-1", title: "Một cửa số hóa", field: ADMINISTRATIVE_REFORM, kind: IDEA,
				proposedOn: "2026-01-02", unitID: $u, proposerIDs: [$p]}) { id } }`, map[string]any{"p": p.CreatePerson.ID, "u": c.units["PW00"]}).decode(t, &struct{}{})

			c.at("2026-12-10", 9, 0)
			ask := func(tok string, within int) attentionAnswer {
				var a attentionAnswer
				c.do(t, tok, attentionQuery, map[string]any{"d": within}).decode(t, &a)
				return a
			}
			head := c.token(t, "head-q1", "Q1", access.UnitHead)
			if got := ask(head, 3).counts(); got["REPORT_DUE_SOON"] != 0 {
				t.Errorf("five days before the due day, within 3 days: %v", got)
			}
			if got := ask(head, 7).counts(); got["REPORT_DUE_SOON"] != 3 || got["LATE_PLAN"] != 4 {
				t.Errorf("the head of Q1, within 7 days: %v, want 3 reports due and 4 late plans (Q1 and its wards)", got)
			}
			c.at("2026-12-20", 9, 0)
			board := ask(c.board, 7)
			if got := board.counts(); got["LATE_REPORT"] != 3 || got["LATE_PLAN"] != 5 {
				t.Errorf("the board: %v, want 3 late reports and 5 late plans", got)
			}
			for _, it := range board.Attention.Items {
				if it.Kind == "LATE_REPORT" && (!strings.Contains(it.Title, "chưa gửi Báo cáo năm năm 2026") || it.DueOn == nil || *it.DueOn != "2026-12-15") {
					t.Errorf("a late report's item: %+v", it)
				}
			}
			if got := ask(c.token(t, "head-q2", "Q2", access.UnitHead), 7).counts(); got["REPORT_DUE_SOON"] != 0 || got["LATE_PLAN"] != 1 {
				t.Errorf("the head of Q2: %v, want only its own late plan", got)
			}
			member := ask(c.token(t, "CB1", "PW00", access.Member), 7)
			if got := member.counts(); len(got) != 1 || got["IDEA_NEXT_STEP"] != 1 {
				t.Errorf("the member: %v, want their draft only", got)
			}
			if res := c.do(t, c.board, attentionQuery, map[string]any{"d": 100000}); res.code() != "VALIDATION" {
				t.Errorf("withinDays 100000: %q", res.code())
			}

			statements := func() int64 {
				c.counter.Reset()
				ask(c.board, 7)
				return c.counter.Statements()
			}
			few := statements()
			wards(3, 30)
			call()
			many := statements()
			if got := ask(c.board, 7).counts(); got["LATE_REPORT"] != 30 {
				t.Fatalf("30 wards: %v", got)
			}
			if few != many {
				t.Errorf("the board's list cost %d statements with 3 wards and %d with 30", few, many)
			}
			t.Logf("%s: the board's attention list: %d statements for 3 or 30 late wards", d, many)
		})
	}
}
