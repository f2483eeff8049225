package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// phaseUnits is the SQL, written apart from the code, of the units phase
// 2022-2025 expects a plan from.
const phaseUnits = `FROM units u WHERE u.type <> 'CITY'
  AND (u.valid_from IS NULL OR u.valid_from < '2026-01-01') AND (u.valid_to IS NULL OR u.valid_to > '2022-01-01')`

func sqlCount(t *testing.T, e *env, q string) int {
	t.Helper()
	var n int
	if err := e.store.DB.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func phaseCount(t *testing.T, e *env, tok, field string, vars map[string]any) int {
	t.Helper()
	q := `query($p: String!) { ` + field + `(phase: $p) { totalCount } }`
	if field == "unitsWithLateReport" {
		q = `query($p: String!, $y: Int) { ` + field + `(phase: $p, year: $y) { totalCount } }`
	} else {
		vars = map[string]any{"p": vars["p"]}
	}
	var got map[string]struct{ TotalCount int }
	e.do(t, tok, q, vars).decode(t, &got)
	return got[field].TotalCount
}

// TestPlanQuestions: the answers to "which units have no plan, no launch, a
// late report" equal SQL written independently over the same store.
func TestPlanQuestions(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.Leader)
		vars := map[string]any{"p": "2022-2025", "y": 2024}
		noPlan := sqlCount(t, e, `SELECT count(*) `+phaseUnits+` AND NOT EXISTS (SELECT 1 FROM unit_plans p JOIN phases ph ON ph.id = p.phase_id WHERE p.unit_id = u.id AND ph.name = '2022-2025')`)
		noLaunch := sqlCount(t, e, `SELECT count(*) `+phaseUnits+` AND EXISTS (SELECT 1 FROM unit_plans p JOIN phases ph ON ph.id = p.phase_id WHERE p.unit_id = u.id AND ph.name = '2022-2025' AND p.launched_on IS NULL)`)
		late := sqlCount(t, e, `SELECT count(*) `+phaseUnits+` AND EXISTS (SELECT 1 FROM unit_reports r JOIN phases ph ON ph.id = r.phase_id WHERE r.unit_id = u.id AND ph.name = '2022-2025' AND r.year = 2024
		    AND ((r.sent_on IS NOT NULL AND r.sent_on > r.due_on) OR (r.sent_on IS NULL AND r.due_on < '2026-11-25')))`)
		if noPlan == 0 || noLaunch == 0 || late == 0 {
			t.Fatalf("demo data too clean to test: %d %d %d", noPlan, noLaunch, late)
		}
		for field, want := range map[string]int{"unitsWithoutPlan": noPlan, "unitsWithoutLaunch": noLaunch, "unitsWithLateReport": late} {
			if got := phaseCount(t, e, board, field, vars); got != want {
				t.Errorf("%s: %d, SQL says %d", field, got, want)
			}
		}
		if res := e.do(t, board, `{ unitsWithoutPlan(phase: "2019-2021") { totalCount } }`, nil); res.code() != "VALIDATION" {
			t.Errorf("unknown phase: %q", res.code())
		}
	})
}

// TestPlanLifecycle: a unit's officer issues, launches and sends the
// unit's plan; the questions follow; out-of-order steps are refused.
func TestPlanLifecycle(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		var free struct {
			UnitsWithoutPlan struct {
				Edges []struct{ Node struct{ ID, Code string } }
			}
		}
		e.do(t, board, `{ unitsWithoutPlan(phase: "2026-2030", first: 3, where: {validToIsNil: true}) { edges { node { id code } } } }`, nil).decode(t, &free)
		if len(free.UnitsWithoutPlan.Edges) < 3 {
			t.Fatal("need three units without a 2026-2030 plan")
		}
		u := free.UnitsWithoutPlan.Edges[0].Node
		tok := e.token(t, "officer", u.Code, access.UnitAdmin)
		issue := `mutation($in: IssueUnitPlanInput!) { issueUnitPlan(input: $in) { id issuedOn launchedOn } }`
		in := map[string]any{"unitID": u.ID, "phase": "2026-2030", "documentNumber": "12/KH-" + u.Code, "issuedOn": "2026-03-01", "linkedToDirective05": true}
		var issued struct{ IssueUnitPlan struct{ ID string } }
		e.do(t, tok, issue, map[string]any{"in": in}).decode(t, &issued)
		if res := e.do(t, tok, issue, map[string]any{"in": in}); res.code() != "CONFLICT" {
			t.Errorf("issuing twice: %q", res.code())
		}
		// Another unit's officer learns nothing of the plan (the answer is the
		// one for a unit without a plan), and a member is refused by role.
		outsider := e.token(t, "officer", free.UnitsWithoutPlan.Edges[1].Node.Code, access.UnitAdmin)
		withPlan := e.do(t, outsider, issue, map[string]any{"in": in}).code()
		noPlan := e.do(t, outsider, issue, map[string]any{"in": map[string]any{"unitID": free.UnitsWithoutPlan.Edges[2].Node.ID,
			"phase": "2026-2030", "documentNumber": "1/KH", "issuedOn": "2026-03-01"}}).code()
		if withPlan != noPlan || withPlan != "FORBIDDEN" {
			t.Errorf("another unit's officer: %q for a unit with a plan, %q for one without", withPlan, noPlan)
		}
		if res := e.do(t, e.token(t, "member", u.Code, access.Member), issue, map[string]any{"in": in}); res.code() != "FORBIDDEN" {
			t.Errorf("the unit's member issuing a second plan: %q", res.code())
		}
		id := issued.IssueUnitPlan.ID
		inPhase := func(field string) bool {
			var got map[string]struct {
				Edges []struct{ Node struct{ Code string } }
			}
			e.do(t, board, `query($c: String!) { `+field+`(phase: "2026-2030", where: {code: $c}) { edges { node { code } } } }`,
				map[string]any{"c": u.Code}).decode(t, &got)
			return len(got[field].Edges) == 1
		}
		if inPhase("unitsWithoutPlan") || !inPhase("unitsWithoutLaunch") {
			t.Error("after issuing: still without a plan, or not waiting for its launch")
		}
		launch := `mutation($id: ID!, $d: Date!) { launchUnitPlan(input: {id: $id, launchedOn: $d}) { launchedOn } }`
		if res := e.do(t, tok, launch, map[string]any{"id": id, "d": "2026-02-01"}); res.code() != "VALIDATION" {
			t.Errorf("launch before issue day: %q", res.code())
		}
		e.do(t, tok, launch, map[string]any{"id": id, "d": "2026-03-10"}).decode(t, &struct{}{})
		if inPhase("unitsWithoutLaunch") {
			t.Error("launched, still listed")
		}
		// The day sent is the server's day in Asia/Ho_Chi_Minh (23:30 on the
		// 14th in UTC), never a day the unit types.
		at := e.serve(t, server.Config{FilesDir: t.TempDir(), Now: clock.Fixed(time.Date(2026, 3, 14, 23, 30, 0, 0, time.UTC))})
		if res := at.do(t, tok, `mutation($id: ID!) { sendUnitPlan(input: {id: $id, sentOn: "2026-03-01"}) { sentOn } }`,
			map[string]any{"id": id}); res.code() != "VALIDATION" {
			t.Errorf("a unit backdating its plan: %q", res.code())
		}
		var sent struct{ SendUnitPlan struct{ SentOn string } }
		at.do(t, tok, `mutation($id: ID!) { sendUnitPlan(input: {id: $id}) { sentOn } }`,
			map[string]any{"id": id}).decode(t, &sent)
		if sent.SendUnitPlan.SentOn != "2026-03-15" {
			t.Errorf("sent on %q, want the day in Asia/Ho_Chi_Minh, 2026-03-15", sent.SendUnitPlan.SentOn)
		}
		// A plan recorded without being issued cannot be launched.
		other := free.UnitsWithoutPlan.Edges[1].Node
		var draft struct{ CreateUnitPlan struct{ ID string } }
		var phase struct {
			Phases struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.do(t, board, `{ phases(where: {name: "2026-2030"}) { edges { node { id } } } }`, nil).decode(t, &phase)
		e.do(t, board, `mutation($u: ID!, $p: ID!) { createUnitPlan(input: {unitID: $u, phaseID: $p}) { id } }`,
			map[string]any{"u": other.ID, "p": phase.Phases.Edges[0].Node.ID}).decode(t, &draft)
		res := e.do(t, board, launch, map[string]any{"id": draft.CreateUnitPlan.ID, "d": "2026-03-10"})
		if res.code() != "INVALID_TRANSITION" || !strings.Contains(res.Errors[0].Message, "ban hành") {
			t.Errorf("launching an unissued plan: %q %+v", res.code(), res.Errors)
		}
		// Another unit's officer may not launch it, and cannot tell it from
		// a plan that does not exist: it is not theirs to read.
		if res := e.do(t, e.token(t, "officer", other.Code, access.UnitAdmin), launch, map[string]any{"id": id, "d": "2026-03-11"}); res.code() != "NOT_FOUND" {
			t.Errorf("another unit launching: %q", res.code())
		}
	})
}

// TestReportSentOnce: a due report is sent once.
func TestReportSentOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		var got struct {
			UnitReports struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.do(t, board, `{ unitReports(first: 1, where: {sentOnIsNil: true, kind: YEARLY, year: 2025}) { edges { node { id } } } }`, nil).decode(t, &got)
		if len(got.UnitReports.Edges) == 0 {
			t.Fatal("no unsent report in the demo data")
		}
		// The board records a report sent on paper, on its day.
		send := `mutation($id: ID!) { sendUnitReport(input: {id: $id, documentNumber: "99/BC", sentOn: "2026-01-05"}) { sentOn } }`
		id := map[string]any{"id": got.UnitReports.Edges[0].Node.ID}
		e.do(t, board, send, id).decode(t, &struct{}{})
		if res := e.do(t, board, send, id); res.code() != "CONFLICT" {
			t.Errorf("sending twice: %q", res.code())
		}
	})
}

// TestParticipationOncePerYear: an individual registers with a person,
// once a year in a unit; a collective without one.
func TestParticipationOncePerYear(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		u := mustUnit(t, e, "PX-BAN-CO")
		var p struct {
			People struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.do(t, board, `{ people(first: 1) { edges { node { id } } } }`, nil).decode(t, &p)
		reg := `mutation($in: CreateParticipationInput!) { createParticipation(input: $in) { id } }`
		person := p.People.Edges[0].Node.ID
		for i, tc := range []struct {
			in   map[string]any
			code string
		}{
			{map[string]any{"unitID": u, "year": 2030, "kind": "INDIVIDUAL", "personID": person}, ""},
			{map[string]any{"unitID": u, "year": 2030, "kind": "INDIVIDUAL", "personID": person}, "CONFLICT"},
			{map[string]any{"unitID": u, "year": 2030, "kind": "INDIVIDUAL"}, "VALIDATION"},
			{map[string]any{"unitID": u, "year": 2030, "kind": "COLLECTIVE", "personID": person}, "VALIDATION"},
			{map[string]any{"unitID": u, "year": 2030, "kind": "COLLECTIVE"}, ""},
			{map[string]any{"unitID": u, "year": 2030, "kind": "COLLECTIVE"}, "CONFLICT"},
		} {
			if res := e.do(t, board, reg, map[string]any{"in": tc.in}); res.code() != tc.code {
				t.Errorf("case %d: %q (%+v), want %q", i, res.code(), res.Errors, tc.code)
			}
		}
	})
}
