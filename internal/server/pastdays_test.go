package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestNoFactDatedAfterToday: a day that records what happened — an idea's
// proposal, a plan's launch, a registration, an adoption and its decision,
// a discipline decision, a chosen problem, a register entry — is refused
// after today or before 2000, whoever sends it (issue 16: "ngày của quyết
// định … không sau hôm nay"; an outside review stored all of these dated
// 2099, and an adoption decided on 01/01/0001). Nothing is written.
func TestNoFactDatedAfterToday(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	board := e.token(t, "board", "HCM", access.CityAdmin)
	id := func(q string) string {
		var n int
		if err := e.store.DB.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return fmt.Sprint(n)
	}
	ward := id(`SELECT id FROM units WHERE type = 'WARD' AND valid_to IS NULL ORDER BY code LIMIT 1`)
	person := id(`SELECT m.person_id FROM memberships m WHERE m.unit_id = ` + ward + ` AND m.valid_to IS NULL ORDER BY m.id LIMIT 1`)
	unregistered := id(`SELECT m.person_id FROM memberships m WHERE m.unit_id = ` + ward + ` AND m.valid_to IS NULL
		AND m.person_id NOT IN (SELECT person_id FROM participations WHERE year = 2026 AND person_id IS NOT NULL) ORDER BY m.id LIMIT 1`)
	effective := id(`SELECT id FROM ideas WHERE status IN ('EVALUATED_EFFECTIVE', 'APPLIED_IN_UNIT', 'APPLIED_CITY_WIDE') AND unit_id != ` + ward + ` ORDER BY id LIMIT 1`)
	plan := id(`SELECT id FROM unit_plans WHERE launched_on IS NULL AND issued_on IS NOT NULL ORDER BY id LIMIT 1`)
	before := id(`SELECT (SELECT count(*) FROM ideas) + (SELECT count(*) FROM participations) + (SELECT count(*) FROM adoptions) +
		(SELECT count(*) FROM integrity_flags) + (SELECT count(*) FROM chosen_problems) + (SELECT count(*) FROM exemplars) +
		(SELECT count(*) FROM unit_plans WHERE launched_on IS NOT NULL)`)
	for _, tc := range []struct {
		name, query string
		in          map[string]any
		says        string
	}{
		{"an idea proposed in 2099", `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { id } }`,
			map[string]any{"code": "YT-2099-000001", "title": "Ý tưởng thử", "field": "ADMINISTRATIVE_REFORM", "kind": "IDEA",
				"unitID": ward, "proposedOn": "2099-01-01", "proposerIDs": []string{person}}, "Ngày đề xuất"},
		{"a plan launched in 2099", `mutation($in: LaunchUnitPlanInput!) { launchUnitPlan(input: $in) { id } }`,
			map[string]any{"id": plan, "launchedOn": "2099-01-01"}, "Ngày phát động"},
		{"a registration in 2099", `mutation($in: CreateParticipationInput!) { createParticipation(input: $in) { id } }`,
			map[string]any{"unitID": ward, "personID": unregistered, "year": 2026, "kind": "INDIVIDUAL", "registeredOn": "2099-01-01"}, "Ngày đăng ký"},
		{"an adoption in 2099", `mutation($in: CreateAdoptionInput!) { createAdoption(input: $in) { id } }`,
			map[string]any{"ideaID": effective, "unitID": ward, "adoptedOn": "2099-01-01"}, "Ngày nhân rộng"},
		{"an adoption decided in year 1", `mutation($in: CreateAdoptionInput!) { createAdoption(input: $in) { id } }`,
			map[string]any{"ideaID": effective, "unitID": ward, "adoptedOn": "2026-01-05", "decisionNumber": "1/QĐ", "decisionDate": "0001-01-01"}, "Ngày quyết định"},
		{"a discipline decided in 2099", `mutation($in: CreateIntegrityFlagInput!) { createIntegrityFlag(input: $in) { id } }`,
			map[string]any{"unitID": ward, "personID": person, "year": 2026, "kind": "DISCIPLINE", "decisionNumber": "9/QĐ",
				"decisionDate": "2099-03-01", "form": "Khiển trách"}, "Ngày quyết định"},
		{"a problem chosen in 2099", `mutation($in: CreateChosenProblemInput!) { createChosenProblem(input: $in) { id } }`,
			map[string]any{"unitID": ward, "year": 2026, "title": "Vấn đề thử", "chosenOn": "2099-01-01"}, "Ngày lựa chọn"},
		{"a model recognised in 2099", `mutation($in: CreateExemplarInput!) { createExemplar(input: $in) { id } }`,
			map[string]any{"kind": "MODEL", "title": "Mô hình thử", "year": 2026, "recognizedOn": "2099-01-01", "unitID": ward,
				"ideaIDs": []string{effective}}, "Ngày ghi nhận"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do(t, board, tc.query, map[string]any{"in": tc.in})
			if res.code() != "VALIDATION" || !strings.Contains(res.Errors[0].Message, tc.says) {
				t.Fatalf("%q %+v", res.code(), res.Errors)
			}
		})
	}
	if after := id(`SELECT (SELECT count(*) FROM ideas) + (SELECT count(*) FROM participations) + (SELECT count(*) FROM adoptions) +
		(SELECT count(*) FROM integrity_flags) + (SELECT count(*) FROM chosen_problems) + (SELECT count(*) FROM exemplars) +
		(SELECT count(*) FROM unit_plans WHERE launched_on IS NOT NULL)`); after != before {
		t.Errorf("refused writes changed the store: %s rows, then %s", before, after)
	}
}
