package server_test

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestAnAwardRestsOnItsYear — issue 16, from a migrated, empty store with
// only the templates, GraphQL over HTTP and the roles' tokens.
//
// §III.4 “khen thưởng thường xuyên hằng năm khi đủ tiêu chuẩn” and §III.2
// “Thành tích tới đâu khen thưởng đến đó”: an idea evaluated effective by a
// decision of 28/12/2026, entered on 05/01/2027, backs 2026's certificate
// and not 2027's; a decision day still ahead, or before the step it
// follows, is refused; a second award of the same level and year for the
// same person is refused (CONFLICT), a correction is not.
func TestAnAwardRestsOnItsYear(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2026-01-05", 9, 0)
			step := func(tok, q string, in map[string]any, out any) {
				t.Helper()
				c.do(t, tok, q, map[string]any{"in": in}).decode(t, out)
			}
			step(c.board, `mutation($in: CreatePhaseInput!) { createPhase(input: $in) { id } }`, map[string]any{
				"name": "2026-2030", "startYear": 2026, "endYear": 2030}, &struct{}{})
			var imported importAnswer
			c.importUpload(t, c.board, "UNITS", "units.csv", c.fill(t, "units", [][]string{
				{"HCM", "Thành phố Hồ Chí Minh", "Thành phố", "", "", ""},
				{"Q1", "Quận 1", "DISTRICT", "HCM", "", ""},
				{"PBN", "Phường Bến Nghé", "WARD", "Q1", "", ""},
			}), false).decode(t, &imported)
			c.importUpload(t, c.board, "PEOPLE", "people.csv", c.fill(t, "people", [][]string{
				{"CB1", "Nguyễn Văn An", "Nam", "1975", "", "PBN", "Công chức", "Thủ trưởng", "Chủ tịch", "01/01/2020", ""},
				{"CB2", "Trần Thị Bình", "Nữ", "1990", "", "PBN", "Công chức", "Chuyên viên", "Chuyên viên", "01/01/2021", ""},
				{"CB4", "Phạm Thị Dung", "Nữ", "1988", "", "PBN", "Công chức", "Cán bộ thi đua", "Chuyên viên", "01/01/2022", ""},
			}), false).decode(t, &imported)
			pbn := c.id(t, `query($c: String!) { units(where: {code: $c}) { edges { node { id } } } }`, "PBN")
			cb2 := c.id(t, `query($c: String!) { people(where: {code: $c}) { edges { node { id } } } }`, "CB2")
			head := c.token(t, "CB1", "PBN", access.UnitHead)
			officer := c.token(t, "CB4", "PBN", access.UnitAdmin)
			member := c.token(t, "CB2", "PBN", access.Member)
			step(officer, `mutation($in: CreateParticipationInput!) { createParticipation(input: $in) { id } }`, map[string]any{
				"unitID": pbn, "year": 2026, "kind": "INDIVIDUAL", "personID": cb2}, &struct{}{})
			step(officer, `mutation($in: CreateParticipationInput!) { createParticipation(input: $in) { id } }`, map[string]any{
				"unitID": pbn, "year": 2027, "kind": "INDIVIDUAL", "personID": cb2}, &struct{}{})

			// The idea, each step on its decision's day.
			c.at("2026-03-01", 9, 0)
			var created struct{ CreateIdea ideaState }
			step(member, `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { `+ideaFields+` } }`, map[string]any{
				"code": "YT-2026-9", "title": "Trả kết quả hộ tịch qua bưu chính", "field": "ADMINISTRATIVE_REFORM",
				"kind": "IDEA", "unitID": pbn, "proposedOn": "2026-02-20", "proposerIDs": []string{cb2}}, &created)
			st := created.CreateIdea
			mustAct(t, c.env, member, "SUBMIT", &st)
			mustAct(t, c.env, head, "START_REVIEW", &st)
			dated := func(a domain.IdeaAction, day string) response {
				in := inputFor(a, st.ID, st.Version)
				if _, ok := in["decisionDate"]; ok {
					in["decisionDate"] = day
				}
				name := mutationOf[a]
				return c.do(t, head, `mutation($in: `+strings.ToUpper(name[:1])+name[1:]+`Input!) { `+name+`(input: $in) { `+ideaFields+` } }`,
					map[string]any{"in": in})
			}
			advance := func(a domain.IdeaAction, day string) {
				t.Helper()
				var got map[string]ideaState
				dated(a, day).decode(t, &got)
				st = got[mutationOf[a]]
			}
			// A decision day still ahead of today is refused.
			if res := dated("APPROVE_IMPLEMENTATION", "2026-03-02"); res.code() != "VALIDATION" || !strings.Contains(res.Errors[0].Message, "chưa đến") {
				t.Fatalf("a decision dated tomorrow: %q %+v", res.code(), res.Errors)
			}
			advance("APPROVE_IMPLEMENTATION", "2026-02-27")
			mustAct(t, c.env, head, "START_IMPLEMENTATION", &st)
			c.at("2027-01-05", 8, 30)
			// Before the step it follows: refused.
			if res := dated("EVALUATE_EFFECTIVE", "2026-02-26"); res.code() != "VALIDATION" || !strings.Contains(res.Errors[0].Message, "trước quyết định") {
				t.Fatalf("a decision before the approval: %q %+v", res.code(), res.Errors)
			}
			// Decided on 28/12/2026, entered on 05/01/2027.
			advance("EVALUATE_EFFECTIVE", "2026-12-28")
			if st.Status != "EVALUATED_EFFECTIVE" {
				t.Fatalf("status %s", st.Status)
			}

			eligible := func(year int) (bool, bool) {
				var got struct {
					AwardEligibility struct {
						Eligible, Registered bool
					}
				}
				c.do(t, officer, `query($r: ID!, $y: Int!) { awardEligibility(recipient: $r, level: UNIT_HEAD_CERTIFICATE, year: $y) { eligible registered } }`,
					map[string]any{"r": cb2, "y": year}).decode(t, &got)
				return got.AwardEligibility.Eligible, got.AwardEligibility.Registered
			}
			if ok, reg := eligible(2026); !ok || !reg {
				t.Errorf("2026: eligible %v registered %v; the decision of 28/12/2026 counts in 2026", ok, reg)
			}
			if ok, _ := eligible(2027); ok {
				t.Error("2027: eligible on 2026's achievement")
			}

			// The certificate for 2026, decided by the unit's head.
			nominate := func() nominationState {
				t.Helper()
				var nom struct{ CreateNomination nominationState }
				step(officer, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`, map[string]any{
					"unitID": pbn, "recipientKind": "INDIVIDUAL", "recipientPersonID": cb2, "level": "UNIT_HEAD_CERTIFICATE",
					"year": 2026, "ideaIDs": []string{st.ID}}, &nom)
				for _, k := range []string{"SUBMISSION_LETTER", "COUNCIL_MINUTES", "ACHIEVEMENT_SUMMARY"} {
					c.upload(t, officer, nom.CreateNomination.ID, k, pdf).decode(t, &struct{}{})
				}
				var s struct{ SubmitNomination nominationState }
				step(officer, `mutation($in: SubmitNominationInput!) { submitNomination(input: $in) { `+nominationFields+` } }`,
					map[string]any{"id": nom.CreateNomination.ID, "version": nom.CreateNomination.Version}, &s)
				vote := func(day string) response {
					return c.do(t, head, `mutation($in: RecordCouncilVoteInput!) { recordCouncilVote(input: $in) { `+nominationFields+` } }`,
						map[string]any{"in": map[string]any{"id": s.SubmitNomination.ID, "version": s.SubmitNomination.Version,
							"councilDate": day, "members": 7, "votesFor": 6, "votesAgainst": 0, "votesAbstain": 1}})
				}
				if res := vote("2026-12-31"); res.code() != "VALIDATION" || !strings.Contains(res.Errors[0].Message, "trước ngày trình") {
					t.Errorf("a council before the submission: %q %+v", res.code(), res.Errors)
				}
				var v struct{ RecordCouncilVote nominationState }
				vote("2027-01-05").decode(t, &v)
				return v.RecordCouncilVote
			}
			decide := func(n nominationState, number, day string) response {
				return c.do(t, head, `mutation($in: DecideNominationInput!) { decideNomination(input: $in) { id year } }`,
					map[string]any{"in": map[string]any{"id": n.ID, "version": n.Version, "decisionNumber": number,
						"decisionDate": day, "issuer": "Chủ tịch UBND Phường Bến Nghé"}})
			}
			first := nominate()
			if res := decide(first, "1/QĐ-UBND", "2027-01-06"); res.code() != "VALIDATION" {
				t.Errorf("a decision dated tomorrow: %q %+v", res.code(), res.Errors)
			}
			var awarded struct{ DecideNomination struct{ ID string } }
			decide(first, "1/QĐ-UBND", "2027-01-05").decode(t, &awarded)

			// The same achievement cannot back a second certificate of 2026.
			second := nominate()
			if res := decide(second, "2/QĐ-UBND", "2027-01-05"); res.code() != "CONFLICT" || !strings.Contains(res.Errors[0].Message, "1/QĐ-UBND") {
				t.Errorf("a second certificate of 2026: %q %+v", res.code(), res.Errors)
			}
			// A correction replaces the award; it does not add one.
			var corrected struct{ CorrectAward struct{ ID string } }
			c.do(t, c.board, `mutation($in: CorrectAwardInput!) { correctAward(input: $in) { id } }`, map[string]any{"in": map[string]any{
				"awardID": awarded.DecideNomination.ID, "decisionNumber": "3/QĐ-UBND", "decisionDate": "2027-01-05",
				"issuer": "Chủ tịch UBND Phường Bến Nghé"}}).decode(t, &corrected)
			var awards struct{ Awards struct{ TotalCount int } }
			c.do(t, c.board, `{ awards(where: {year: 2026, not: {hasRevokedBy: true}}) { totalCount } }`, nil).decode(t, &awards)
			if awards.Awards.TotalCount != 1 {
				t.Errorf("standing awards of 2026: %d, want 1", awards.Awards.TotalCount)
			}
		})
	}
}
