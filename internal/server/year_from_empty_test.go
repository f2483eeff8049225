package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

// fill downloads a published import template (CSV) and appends rows.
func (c *emptyCity) fill(t *testing.T, kind string, rows [][]string) []byte {
	t.Helper()
	res, tmpl := c.get(t, "/import/templates/"+kind+".csv", c.board)
	if res.StatusCode != 200 {
		t.Fatalf("template %s: %d", kind, res.StatusCode)
	}
	var b bytes.Buffer
	b.Write(tmpl)
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func (c *emptyCity) id(t *testing.T, query, code string) string {
	t.Helper()
	var got map[string]struct {
		Edges []struct{ Node struct{ ID string } }
	}
	c.do(t, c.board, query, map[string]any{"c": code}).decode(t, &got)
	for _, v := range got {
		if len(v.Edges) == 1 {
			return v.Edges[0].Node.ID
		}
	}
	t.Fatalf("%s: not one record for %s", query, code)
	return ""
}

// TestAYearFromAnEmptyStore — issue 15's proof: a city's first year from a
// migrated, empty store, with only what a deployment has — the published
// import templates, GraphQL over HTTP, the real roles' tokens — and never
// the seed. Then an ETL run, and the phase summary shows exactly what the
// year did.
func TestAYearFromAnEmptyStore(t *testing.T) {
	srv := chtest.Shared(t)
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2026-01-05", 9, 0)
			step := func(tok, q string, in map[string]any, out any) {
				t.Helper()
				c.do(t, tok, q, map[string]any{"in": in}).decode(t, out)
			}

			// The board: the phase and its milestones (mục V.1 — kế hoạch của
			// đơn vị gửi về Sở Nội vụ), then the unit tree and the staff from
			// the published templates.
			step(c.board, `mutation($in: CreatePhaseInput!) { createPhase(input: $in) { id } }`, map[string]any{
				"name": "2026-2030", "startYear": 2026, "endYear": 2030, "plansDueOn": "2026-03-31", "yearlyReportDue": "06-30",
				"interimReviewDueOn": "2028-09-30", "finalReviewDueOn": "2030-09-30"}, &struct{}{})
			units := c.fill(t, "units", [][]string{
				{"HCM", "Thành phố Hồ Chí Minh", "Thành phố", "", "", ""},
				{"SYT", "Sở Y tế", "DEPARTMENT", "HCM", "", ""},
				{"Q1", "Quận 1", "DISTRICT", "HCM", "", ""},
				{"PBN", "Phường Bến Nghé", "WARD", "Q1", "", ""},
				{"PDK", "Phường Đa Kao", "WARD", "Q1", "", ""},
			})
			var imported importAnswer
			c.importUpload(t, c.board, "UNITS", "units.csv", units, false).decode(t, &imported)
			if !imported.ImportFile.OK || imported.ImportFile.Created != 5 {
				t.Fatalf("units: %+v", imported.ImportFile)
			}
			people := c.fill(t, "people", [][]string{
				{"CB1", "Nguyễn Văn An", "Nam", "1975", "an@example.gov.vn", "PBN", "Công chức", "Thủ trưởng", "Chủ tịch", "01/01/2020", ""},
				{"CB2", "Trần Thị Bình", "Nữ", "1990", "binh@example.gov.vn", "PBN", "Công chức", "Chuyên viên", "Chuyên viên", "01/01/2021", ""},
				{"CB3", "Lê Văn Cường", "Nam", "1985", "", "PBN", "Công chức", "Chuyên viên", "Chuyên viên", "01/01/2021", ""},
				{"CB4", "Phạm Thị Dung", "Nữ", "1988", "dung@example.gov.vn", "PBN", "Công chức", "Cán bộ thi đua", "Chuyên viên", "01/01/2022", ""},
				{"CB5", "Võ Văn Em", "Nam", "1992", "", "PDK", "Công chức", "Cán bộ thi đua", "Chuyên viên", "01/01/2022", ""},
			})
			c.importUpload(t, c.board, "PEOPLE", "people.csv", people, false).decode(t, &imported)
			if !imported.ImportFile.OK || imported.ImportFile.Created < 5 {
				t.Fatalf("people: %+v", imported.ImportFile)
			}
			pbn := c.id(t, `query($c: String!) { units(where: {code: $c}) { edges { node { id } } } }`, "PBN")
			pdk := c.id(t, `query($c: String!) { units(where: {code: $c}) { edges { node { id } } } }`, "PDK")
			person := func(code string) string {
				return c.id(t, `query($c: String!) { people(where: {code: $c}) { edges { node { id } } } }`, code)
			}
			officer := c.token(t, "CB4", "PBN", access.UnitAdmin)
			head := c.token(t, "CB1", "PBN", access.UnitHead)
			member := c.token(t, "CB2", "PBN", access.Member)
			pdkOfficer := c.token(t, "CB5", "PDK", access.UnitAdmin)

			// The board calls the wards for their 2026 yearly report, due 30/06 (mục V.4).
			var called struct{ CallForReports struct{ Created int } }
			step(c.board, `mutation($in: CallForReportsInput!) { callForReports(input: $in) { created } }`, map[string]any{
				"phase": "2026-2030", "kind": "YEARLY", "year": 2026, "dueOn": "2026-06-30", "documentNumber": "88/SNV-TĐKT",
				"reach": map[string]any{"unitType": "WARD"}}, &called)
			if called.CallForReports.Created != 2 {
				t.Fatalf("the call created %d reports", called.CallForReports.Created)
			}

			// Plans: PBN issues, launches (phát động) and sends by the due day; PDK only issues.
			var plan struct{ IssueUnitPlan struct{ ID string } }
			c.at("2026-02-01", 9, 0)
			step(officer, `mutation($in: IssueUnitPlanInput!) { issueUnitPlan(input: $in) { id } }`, map[string]any{
				"unitID": pbn, "phase": "2026-2030", "documentNumber": "5/KH-UBND", "issuedOn": "2026-02-01", "linkedToDirective05": true}, &plan)
			c.at("2026-02-10", 10, 0)
			// Entered on the 10th, launched on the 5th: a day recorded is never after today.
			step(officer, `mutation($in: LaunchUnitPlanInput!) { launchUnitPlan(input: $in) { id } }`, map[string]any{
				"id": plan.IssueUnitPlan.ID, "launchedOn": "2026-02-05"}, &struct{}{})
			step(officer, `mutation($in: SendUnitPlanInput!) { sendUnitPlan(input: $in) { sentOn } }`, map[string]any{"id": plan.IssueUnitPlan.ID}, &struct{}{})
			step(pdkOfficer, `mutation($in: IssueUnitPlanInput!) { issueUnitPlan(input: $in) { id } }`, map[string]any{
				"unitID": pdk, "phase": "2026-2030", "documentNumber": "7/KH-UBND", "issuedOn": "2026-02-10"}, &struct{}{})

			// People register for the year (mục IV: đăng ký thi đua).
			for _, code := range []string{"CB2", "CB3"} {
				step(officer, `mutation($in: CreateParticipationInput!) { createParticipation(input: $in) { id } }`, map[string]any{
					"unitID": pbn, "year": 2026, "kind": "INDIVIDUAL", "personID": person(code)}, &struct{}{})
			}

			// An idea through a pilot to city-wide application (mục II), which
			// PDK later adopts (nhân rộng); its decisions are dated 01/04.
			c.at("2026-04-02", 9, 0)
			var created struct{ CreateIdea ideaState }
			step(member, `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { `+ideaFields+` } }`, map[string]any{
				"code": "YT-2026-1", "title": "Tiếp nhận hồ sơ đất đai một lần, trả kết quả tại nhà", "field": "ADMINISTRATIVE_REFORM",
				"kind": "IDEA", "unitID": pbn, "proposedOn": "2026-03-02", "proposerIDs": []string{person("CB2")}}, &created)
			st := created.CreateIdea
			mustAct(t, c.env, member, "SUBMIT", &st)
			for _, a := range []domain.IdeaAction{"START_REVIEW", "APPROVE_PILOT", "START_PILOT", "EVALUATE_EFFECTIVE", "APPLY_IN_UNIT", "PROPOSE_TO_CITY"} {
				mustAct(t, c.env, head, a, &st)
			}
			mustAct(t, c.env, c.board, "APPLY_CITY_WIDE", &st)
			if st.Status != "APPLIED_CITY_WIDE" {
				t.Fatalf("the idea ended %s", st.Status)
			}

			// The yearly report: PBN on its due day, PDK the day after: late.
			reportOf := func(u string) string {
				var got struct {
					UnitReports struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
				c.do(t, c.board, `query($u: ID!) { unitReports(where: {unitID: $u}) { edges { node { id } } } }`, map[string]any{"u": u}).decode(t, &got)
				return got.UnitReports.Edges[0].Node.ID
			}
			send := `mutation($in: SendUnitReportInput!) { sendUnitReport(input: $in) { sentOn } }`
			c.at("2026-06-30", 22, 0)
			step(officer, send, map[string]any{"id": reportOf(pbn), "documentNumber": "30/BC-UBND"}, &struct{}{})
			c.at("2026-07-01", 8, 0)
			step(pdkOfficer, send, map[string]any{"id": reportOf(pdk), "documentNumber": "31/BC-UBND"}, &struct{}{})

			// An integrity record disqualifies CB3 (mục III: không bị xử lý kỷ luật),
			// entered two days after its decision.
			c.at("2026-08-05", 9, 0)
			step(head, `mutation($in: CreateIntegrityFlagInput!) { createIntegrityFlag(input: $in) { id } }`, map[string]any{
				"unitID": pbn, "personID": person("CB3"), "year": 2026, "kind": "DISCIPLINE", "decisionNumber": "9/QĐ-UBND",
				"decisionDate": "2026-08-03", "form": "Khiển trách"}, &struct{}{})
			c.at("2026-11-10", 9, 0)
			// PDK adopted the idea on 02/11 (entered on the 10th).
			step(pdkOfficer, `mutation($in: CreateAdoptionInput!) { createAdoption(input: $in) { id } }`, map[string]any{
				"ideaID": st.ID, "unitID": pdk, "adoptedOn": "2026-11-02"}, &struct{}{})
			var nom struct{ CreateNomination nominationState }
			step(officer, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`, map[string]any{
				"unitID": pbn, "recipientKind": "INDIVIDUAL", "recipientPersonID": person("CB3"), "level": "UNIT_HEAD_CERTIFICATE", "year": 2026}, &nom)
			for _, k := range []string{"SUBMISSION_LETTER", "COUNCIL_MINUTES", "ACHIEVEMENT_SUMMARY"} {
				c.upload(t, officer, nom.CreateNomination.ID, k, pdf).decode(t, &struct{}{})
			}
			submit := `mutation($in: SubmitNominationInput!) { submitNomination(input: $in) { ` + nominationFields + ` } }`
			if res := c.do(t, officer, submit, map[string]any{"in": map[string]any{"id": nom.CreateNomination.ID, "version": nom.CreateNomination.Version}}); res.code() != "VALIDATION" {
				t.Errorf("submitting the disciplined person: %q", res.code())
			}

			// CB2's nomination with its dossier goes through the council to the award (mục III.5).
			step(officer, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`, map[string]any{
				"unitID": pbn, "recipientKind": "INDIVIDUAL", "recipientPersonID": person("CB2"), "level": "CITY_CHAIRMAN_CERTIFICATE",
				"year": 2026, "ideaIDs": []string{st.ID}}, &nom)
			for _, k := range []string{"SUBMISSION_LETTER", "COUNCIL_MINUTES", "ACHIEVEMENT_SUMMARY"} {
				c.upload(t, officer, nom.CreateNomination.ID, k, pdf).decode(t, &struct{}{})
			}
			var submitted struct{ SubmitNomination nominationState }
			step(officer, submit, map[string]any{"id": nom.CreateNomination.ID, "version": nom.CreateNomination.Version}, &submitted)
			// "Có thành tích xuất sắc trong chỉ đạo, tham mưu…" (mục III.3.2.b)
			// is the council's to judge: a vote that passes without judging it
			// is refused.
			c.at("2026-12-02", 9, 0)
			voteOn := map[string]any{"id": submitted.SubmitNomination.ID, "version": submitted.SubmitNomination.Version, "councilDate": "2026-11-20",
				"members": 15, "votesFor": 12, "votesAgainst": 1, "votesAbstain": 0}
			vote := `mutation($in: RecordCouncilVoteInput!) { recordCouncilVote(input: $in) { ` + nominationFields + ` } }`
			if res := c.do(t, c.board, vote, map[string]any{"in": voteOn}); res.code() != "VALIDATION" || !strings.Contains(res.Errors[0].Message, "chưa đánh giá") {
				t.Errorf("a vote without the council's judgement: %q %+v", res.code(), res.Errors)
			}
			voteOn["judgements"] = []map[string]any{{"code": "EXCELLENT_IN_DIRECTION", "met": true,
				"reason": "Tham mưu, hỗ trợ cán bộ triển khai thí điểm đúng tiến độ."}}
			var voted struct{ RecordCouncilVote nominationState }
			step(c.board, vote, voteOn, &voted)
			step(c.board, `mutation($in: DecideNominationInput!) { decideNomination(input: $in) { id } }`, map[string]any{
				"id": voted.RecordCouncilVote.ID, "version": voted.RecordCouncilVote.Version, "decisionNumber": "4321/QĐ-UBND",
				"decisionDate": "2026-12-01", "issuer": "Chủ tịch Ủy ban nhân dân Thành phố"}, &struct{}{})

			// PBN's problem of the year is the one its idea answers (mục II.1.1:
			// "lựa chọn một vấn đề … cụ thể để làm thí điểm"); PDK chose none.
			// The board enters the idea in the register of models (mục II.2.2).
			step(head, `mutation($in: CreateChosenProblemInput!) { createChosenProblem(input: $in) { id } }`, map[string]any{
				"unitID": pbn, "year": 2026, "title": "Hồ sơ đất đai đi lại nhiều lần", "chosenOn": "2026-03-01", "ideaID": st.ID}, &struct{}{})
			step(c.board, `mutation($in: CreateExemplarInput!) { createExemplar(input: $in) { id } }`, map[string]any{
				"kind": "MODEL", "title": "Trả kết quả đất đai tại nhà", "year": 2026, "recognizedOn": "2026-12-02",
				"unitID": pbn, "ideaIDs": []string{st.ID}}, &struct{}{})

			// The ETL, then the summary of the phase.
			db := fmt.Sprintf("thidua_year_%s_%d", d, localch.FreePort())
			t.Cleanup(func() { dropWarehouse(srv, db) })
			if _, err := etl.Run(context.Background(), etl.Config{Store: c.url, Warehouse: srv.URL(db), PseudonymKey: interimKey}); err != nil {
				t.Fatal(err)
			}
			reports := &interim.Service{Warehouse: &etl.Monitor{URL: srv.URL(db)}}
			leader := c.serve(t, server.Config{Reports: reports, Now: func() time.Time { return c.now }})
			var got struct {
				PhaseSummary struct {
					State   string
					Summary struct {
						Overview map[string]int
					}
				}
			}
			leader.do(t, c.token(t, "leader", "HCM", access.Leader), `{ phaseSummary(phase: "2026-2030", review: INTERIM) { state
				summary { overview { units plansIssued plansSent reportsDue reportsSent reportsLate individuals ideas ideasEffective
					ideasCityWide adoptions awards awardsOnIdeas ideasAwaitingCity ideasHalted pilotsIneffective
					nominationsInProgress eligibleNotNominated unitYearsWithoutProblem exemplars } } } }`, nil).decode(t, &got)
			if got.PhaseSummary.State != "OK" {
				t.Fatalf("summary state %s", got.PhaseSummary.State)
			}
			want := map[string]int{"units": 4, "plansIssued": 2, "plansSent": 1, "reportsDue": 2, "reportsSent": 2, "reportsLate": 1,
				"individuals": 2, "ideas": 1, "ideasEffective": 1, "ideasCityWide": 1, "adoptions": 1, "awards": 1, "awardsOnIdeas": 1,
				// CB3's refused nomination is still a draft; of the four units
				// of 2026 only PBN chose its problem; one model in the register.
				"ideasAwaitingCity": 0, "ideasHalted": 0, "pilotsIneffective": 0,
				"nominationsInProgress": 1, "unitYearsWithoutProblem": 3, "exemplars": 1}
			// Eligible and not nominated: PBN itself, whose plan is launched and
			// tied to Chỉ thị 05 and whose member's idea was found effective
			// (mục III.3.2.a) — as awardEligibility says of it.
			var pbnElig struct{ AwardEligibility struct{ HighestLevel string } }
			c.do(t, c.board, `query($r: ID!) { awardEligibility(recipient: $r, level: UNIT_HEAD_CERTIFICATE, year: 2026) { highestLevel } }`,
				map[string]any{"r": pbn}).decode(t, &pbnElig)
			if pbnElig.AwardEligibility.HighestLevel != "CITY_CHAIRMAN_CERTIFICATE" {
				t.Errorf("PBN's highest level: %q", pbnElig.AwardEligibility.HighestLevel)
			}
			want["eligibleNotNominated"] = 1
			for k, w := range want {
				if g := got.PhaseSummary.Summary.Overview[k]; g != w {
					t.Errorf("summary %s: %d, want %d", k, g, w)
				}
			}
		})
	}
}
