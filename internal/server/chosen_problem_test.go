package server_test

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestEachUnitChoosesAProblem — §II.1.1 “chủ động rà soát các vấn đề còn
// hạn chế … để xác định, lựa chọn một vấn đề, sự việc, hoặc nội dung còn khó
// khăn, vướng mắc cụ thể để làm thí điểm”: from an empty store, a ward's
// officer records the ward's problem of 2026 and links the ward's idea that
// pilots it; a second problem for the same year is refused (CONFLICT);
// another ward's idea cannot be linked; another ward's officer neither
// reads nor changes it; the board finds the units without one.
func TestEachUnitChoosesAProblem(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2026-03-02", 9, 0)
			var imported importAnswer
			c.importUpload(t, c.board, "UNITS", "units.csv", c.fill(t, "units", [][]string{
				{"HCM", "Thành phố Hồ Chí Minh", "Thành phố", "", "", ""},
				{"Q1", "Quận 1", "DISTRICT", "HCM", "", ""},
				{"PBN", "Phường Bến Nghé", "WARD", "Q1", "", ""},
				{"PDK", "Phường Đa Kao", "WARD", "Q1", "", ""},
			}), false).decode(t, &imported)
			c.importUpload(t, c.board, "PEOPLE", "people.csv", c.fill(t, "people", [][]string{
				{"CB2", "Trần Thị Bình", "Nữ", "1990", "", "PBN", "Công chức", "Chuyên viên", "Chuyên viên", "01/01/2021", ""},
				{"CB5", "Võ Văn Em", "Nam", "1992", "", "PDK", "Công chức", "Chuyên viên", "Chuyên viên", "01/01/2022", ""},
			}), false).decode(t, &imported)
			unitID := func(code string) string {
				return c.id(t, `query($c: String!) { units(where: {code: $c}) { edges { node { id } } } }`, code)
			}
			personID := func(code string) string {
				return c.id(t, `query($c: String!) { people(where: {code: $c}) { edges { node { id } } } }`, code)
			}
			pbn, pdk := unitID("PBN"), unitID("PDK")
			officer := c.token(t, "officer-pbn", "PBN", access.UnitAdmin)
			other := c.token(t, "officer-pdk", "PDK", access.UnitAdmin)
			idea := func(tok, unit, code, proposer string) string {
				var got struct{ CreateIdea struct{ ID string } }
				c.do(t, tok, `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { id } }`, map[string]any{"in": map[string]any{
					"code": code, "title": "Giải quyết hồ sơ đất đai tồn đọng", "field": "LAND_AND_BACKLOGGED_PROJECTS", "kind": "IDEA",
					"unitID": unit, "proposedOn": "2026-02-20", "proposerIDs": []string{proposer}}}).decode(t, &got)
				return got.CreateIdea.ID
			}
			own := idea(officer, pbn, "YT-PBN-1", personID("CB2"))
			theirs := idea(other, pdk, "YT-PDK-1", personID("CB5"))

			create := `mutation($in: CreateChosenProblemInput!) { createChosenProblem(input: $in) { id year title idea { id } } }`
			in := map[string]any{"unitID": pbn, "year": 2026, "title": "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất tồn đọng",
				"chosenOn": "2026-03-01", "ideaID": own}
			var made struct {
				CreateChosenProblem struct {
					ID   string
					Idea struct{ ID string }
				}
			}
			c.do(t, officer, create, map[string]any{"in": in}).decode(t, &made)
			if made.CreateChosenProblem.Idea.ID != own {
				t.Errorf("the problem's idea: %+v", made.CreateChosenProblem)
			}
			in["title"] = "Một vấn đề nữa"
			if res := c.do(t, officer, create, map[string]any{"in": in}); res.code() != "CONFLICT" {
				t.Errorf("a second problem of 2026: %q %+v", res.code(), res.Errors)
			}
			in["year"], in["ideaID"] = 2027, theirs
			if res := c.do(t, c.board, create, map[string]any{"in": in}); res.code() != "VALIDATION" {
				t.Errorf("another ward's idea piloting the problem: %q %+v", res.code(), res.Errors)
			}
			// Another ward's officer: not theirs to read, nor to change.
			var seen struct{ ChosenProblems struct{ TotalCount int } }
			c.do(t, other, `{ chosenProblems { totalCount } }`, nil).decode(t, &seen)
			if seen.ChosenProblems.TotalCount != 0 {
				t.Errorf("another ward reads %d chosen problems", seen.ChosenProblems.TotalCount)
			}
			if res := c.do(t, other, `mutation($id: ID!) { updateChosenProblem(id: $id, version: 0, input: {title: "Sửa trộm"}) { id } }`,
				map[string]any{"id": made.CreateChosenProblem.ID}); res.code() != "NOT_FOUND" {
				t.Errorf("another ward changing it: %q", res.code())
			}
			// The board: which wards have not chosen one for 2026.
			var without struct {
				Units struct {
					Edges []struct{ Node struct{ Code string } }
				}
			}
			c.do(t, c.board, `{ units(where: {type: WARD, not: {hasChosenProblemsWith: {year: 2026}}}) { edges { node { code } } } }`, nil).decode(t, &without)
			if e := without.Units.Edges; len(e) != 1 || e[0].Node.Code != "PDK" {
				t.Errorf("wards without a problem for 2026: %+v", e)
			}
		})
	}
}
