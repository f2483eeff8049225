package server_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/auditevent"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	entunit "github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
)

// mutationOf names the GraphQL mutation of each idea action.
var mutationOf = map[domain.IdeaAction]string{
	"SUBMIT": "submitIdea", "WITHDRAW": "withdrawIdea", "START_REVIEW": "startIdeaReview",
	"APPROVE_IMPLEMENTATION": "approveIdeaImplementation", "APPROVE_PILOT": "approveIdeaPilot",
	"REJECT": "rejectIdea", "START_IMPLEMENTATION": "startIdeaImplementation", "START_PILOT": "startIdeaPilot",
	"HALT": "haltIdea", "RESUME": "resumeIdea", "EVALUATE_EFFECTIVE": "evaluateIdeaEffective",
	"EVALUATE_INEFFECTIVE": "evaluateIdeaIneffective", "APPLY_IN_UNIT": "applyIdeaInUnit",
	"PROPOSE_TO_CITY": "proposeIdeaToCity", "APPLY_CITY_WIDE": "applyIdeaCityWide",
	"RATE_BY_MINISTRIES": "rateIdeaByMinistries", "REFER_TO_CITY": "referIdeaToCity", "DECLINE_BY_CITY": "declineIdeaByCity",
}

// inputFor fills what the action needs, as a frontend would.
func inputFor(a domain.IdeaAction, id string, version int) map[string]any {
	in := map[string]any{"id": id, "version": version}
	needs := ideaflow.Rules[a].Needs
	if needs&ideaflow.NeedDecision != 0 {
		in["decisionNumber"], in["decisionDate"] = "15/QĐ-UBND", "2026-04-01"
	}
	if needs&ideaflow.NeedAuthority != 0 {
		in["authority"] = "Ủy ban nhân dân Thành phố"
	}
	if needs&ideaflow.NeedNote != 0 {
		in["note"] = "Lý do được ghi rõ."
	}
	if needs&ideaflow.NeedAuthorityLevel != 0 {
		in["authorityLevel"] = "UNIT"
	}
	if needs&ideaflow.NeedEffectiveness != 0 {
		in["effectiveness"] = "HIGH"
	}
	if needs&ideaflow.NeedPilot != 0 {
		in["pilotScope"], in["pilotStartOn"], in["pilotPlannedEnd"] = "Thí điểm tại 3 phường", "2026-04-15", "2026-10-15"
	}
	return in
}

type ideaState struct {
	ID               string
	Status           string
	Version          int
	AvailableActions []string
	Events           struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				Seq                           int
				Action, ToStatus, DecisionNum string
			}
		}
	}
}

const ideaFields = `id status version availableActions events(first: 100) { totalCount edges { node { seq action toStatus } } }`

// act takes an action over HTTP and returns the response.
func act(t *testing.T, e *env, tok string, a domain.IdeaAction, id string, version int) response {
	t.Helper()
	name := mutationOf[a]
	typ := strings.ToUpper(name[:1]) + name[1:] + "Input"
	return e.do(t, tok, fmt.Sprintf(`mutation($in: %s!) { %s(input: $in) { %s } }`, typ, name, ideaFields),
		map[string]any{"in": inputFor(a, id, version)})
}

func mustAct(t *testing.T, e *env, tok string, a domain.IdeaAction, st *ideaState) {
	t.Helper()
	res := act(t, e, tok, a, st.ID, st.Version)
	var got map[string]ideaState
	res.decode(t, &got)
	*st = got[mutationOf[a]]
}

// newIdea creates a draft in the unit as its proposer, a member.
func newIdea(t *testing.T, e *env, member, unitCode, code string) ideaState {
	t.Helper()
	board := e.token(t, "board", "HCM", access.CityAdmin)
	unit := unitID(t, e, board, unitCode)
	var p struct {
		People struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.do(t, board, `query($c: String!) { people(where: {code: $c}) { edges { node { id } } } }`,
		map[string]any{"c": member}).decode(t, &p)
	if len(p.People.Edges) != 1 {
		t.Fatalf("person %s not found", member)
	}
	var got struct{ CreateIdea ideaState }
	e.do(t, e.token(t, member, unitCode, access.Member), `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { `+ideaFields+` } }`,
		map[string]any{"in": map[string]any{"code": code, "title": "Một cửa số cho hồ sơ khen thưởng", "field": "ADMINISTRATIVE_REFORM",
			"kind": "INITIATIVE", "unitID": unit, "proposedOn": "2026-02-02", "proposerIDs": []string{p.People.Edges[0].Node.ID}}}).decode(t, &got)
	return got.CreateIdea
}

// memberOf is a person currently working in the unit.
func memberOf(t *testing.T, e *env, unitCode string) string {
	t.Helper()
	var got struct {
		Memberships struct {
			Edges []struct {
				Node struct{ Person struct{ Code string } }
			}
		}
	}
	e.do(t, e.token(t, "board", "HCM", access.CityAdmin), `query($u: String!) { memberships(first: 1,
	    where: {hasUnitWith: {code: $u}, validToIsNil: true, role: STAFF}) { edges { node { person { code } } } } }`,
		map[string]any{"u": unitCode}).decode(t, &got)
	if len(got.Memberships.Edges) == 0 {
		t.Fatalf("no current member in %s", unitCode)
	}
	return got.Memberships.Edges[0].Node.Person.Code
}

// TestIdeaFromDraftToCityWideThenAdopted walks the whole chain over HTTP
// with the roles the plan gives each step, then three units adopt it.
func TestIdeaFromDraftToCityWideThenAdopted(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unit = "PX-BEN-THANH"
		member := memberOf(t, e, unit)
		mtok := e.token(t, member, unit, access.Member)
		head := e.token(t, "head", unit, access.UnitHead)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		st := newIdea(t, e, member, unit, "YT-FLOW-"+strings.ToUpper(e.store.Dialect))
		if st.Status != "DRAFT" || st.Version != 0 || strings.Join(st.AvailableActions, ",") != "SUBMIT,WITHDRAW" {
			t.Fatalf("new idea: %+v", st)
		}
		steps := []struct {
			tok string
			a   domain.IdeaAction
		}{
			{mtok, "SUBMIT"}, {head, "START_REVIEW"}, {head, "APPROVE_PILOT"}, {head, "START_PILOT"},
			{head, "HALT"}, {head, "RESUME"}, {head, "EVALUATE_EFFECTIVE"}, {head, "APPLY_IN_UNIT"},
			{head, "PROPOSE_TO_CITY"}, {board, "APPLY_CITY_WIDE"},
		}
		for i, s := range steps {
			mustAct(t, e, s.tok, s.a, &st)
			if st.Version != i+1 {
				t.Fatalf("after %s: version %d, want %d", s.a, st.Version, i+1)
			}
		}
		if st.Status != "APPLIED_CITY_WIDE" {
			t.Fatalf("status %s", st.Status)
		}
		filedUnderTheIdeasUnit(t, e, st.ID, unit, len(steps))
		// A draft the board writes for the ward: its creation event is the ward's too.
		var byBoard struct{ CreateIdea ideaState }
		e.do(t, board, `mutation($in: CreateIdeaInput!) { createIdea(input: $in) { `+ideaFields+` } }`,
			map[string]any{"in": map[string]any{"code": "YT-FLOW-BOARD-" + strings.ToUpper(e.store.Dialect), "title": "Số hóa sổ thi đua",
				"field": "ADMINISTRATIVE_REFORM", "kind": "INITIATIVE", "unitID": mustUnit(t, e, unit), "proposedOn": "2026-02-03"}}).decode(t, &byBoard)
		filedUnderTheIdeasUnit(t, e, byBoard.CreateIdea.ID, unit, 0)
		for i, ev := range st.Events.Edges {
			if ev.Node.Seq != i {
				t.Fatalf("event %d has seq %d: %+v", i, ev.Node.Seq, st.Events.Edges)
			}
		}
		if len(st.Events.Edges) != len(steps)+1 || st.Events.Edges[len(steps)].Node.ToStatus != "APPLIED_CITY_WIDE" {
			t.Fatalf("events: %+v", st.Events.Edges)
		}
		adopt := `mutation($in: CreateAdoptionInput!) { createAdoption(input: $in) { id unit { code } } }`
		for _, u := range []string{"PX-SAI-GON", "QGV", "SNV"} {
			if _, ok := e.lookupUnit(t, u); !ok {
				t.Fatalf("unit %s missing", u)
			}
			id, _ := e.lookupUnit(t, u)
			res := e.do(t, e.token(t, "officer", u, access.UnitAdmin), adopt, map[string]any{"in": map[string]any{
				"ideaID": st.ID, "unitID": id, "adoptedOn": "2026-06-01", "decisionNumber": "7/QĐ-" + u}})
			if res.code() != "" {
				t.Fatalf("adoption by %s: %+v", u, res.Errors)
			}
		}
		sg, _ := e.lookupUnit(t, "PX-SAI-GON")
		own, _ := e.lookupUnit(t, unit)
		for _, tc := range []struct {
			name, tokUnit, unitID, code string
		}{
			{"twice by one unit", "PX-SAI-GON", sg, "CONFLICT"},
			{"by the idea's own unit", unit, own, "VALIDATION"},
		} {
			res := e.do(t, e.token(t, "officer", tc.tokUnit, access.UnitAdmin), adopt, map[string]any{"in": map[string]any{
				"ideaID": st.ID, "unitID": tc.unitID, "adoptedOn": "2026-06-02"}})
			if res.code() != tc.code {
				t.Errorf("%s: %q (%+v), want %s", tc.name, res.code(), res.Errors, tc.code)
			}
		}
		var got struct {
			Node struct{ Adoptions struct{ TotalCount int } }
		}
		e.do(t, board, `query($id: ID!) { node(id: $id) { ... on Idea { adoptions { totalCount } } } }`,
			map[string]any{"id": st.ID}).decode(t, &got)
		if got.Node.Adoptions.TotalCount != 3 {
			t.Fatalf("adoptions: %d, want 3", got.Node.Adoptions.TotalCount)
		}
		// A draft cannot be adopted. Another unit's officer does not even
		// learn it exists (issue 14: the refusal named its status); the
		// board, who reads it, is told why.
		draft := newIdea(t, e, member, unit, "YT-FLOW-DRAFT-"+strings.ToUpper(e.store.Dialect))
		in := map[string]any{"in": map[string]any{"ideaID": draft.ID, "unitID": mustUnit(t, e, "QGV"), "adoptedOn": "2026-06-02"}}
		if res := e.do(t, e.token(t, "officer", "QGV", access.UnitAdmin), adopt, in); res.code() != "NOT_FOUND" {
			t.Errorf("another unit adopting a draft: %q", res.code())
		}
		if res := e.do(t, board, adopt, in); res.code() != "INVALID_TRANSITION" {
			t.Errorf("the board adopting a draft: %q", res.code())
		}
	})
}

// filedUnderTheIdeasUnit: the audit rows of an idea's history, its
// updates and its events' creation (the draft's own event included), are
// filed under the idea's unit, whoever acted (the board's last action too,
// whose own unit is the city).
func filedUnderTheIdeasUnit(t *testing.T, e *env, id, unitCode string, actions int) {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	ideaID, _ := strconv.Atoi(id)
	path := e.store.Client.Unit.Query().Where(entunit.Code(unitCode)).OnlyX(ctx).Path
	events := e.store.Client.IdeaEvent.Query().Where(ideaevent.IdeaID(ideaID)).IDsX(ctx)
	rows := e.store.Client.AuditEvent.Query().Where(auditevent.Or(
		auditevent.And(auditevent.EntityType("Idea"), auditevent.EntityID(ideaID), auditevent.OperationEQ(domain.AuditOperationUpdate)),
		auditevent.And(auditevent.EntityType("IdeaEvent"), auditevent.EntityIDIn(events...)),
	)).AllX(ctx)
	if len(events) != actions+1 || len(rows) != 2*actions+1 {
		t.Fatalf("%d events and %d audit rows for a draft and %d actions", len(events), len(rows), actions)
	}
	for _, r := range rows {
		if r.UnitPath != path {
			t.Errorf("%s %d by %s filed under %q, want the idea's unit %q", r.EntityType, r.EntityID, r.ActorSub, r.UnitPath, path)
		}
	}
}

// TestEveryInvalidActionRefused drives an idea into every status and tries
// every action the lifecycle does not allow from it, as the board (who may
// take any allowed action): each gets INVALID_TRANSITION and changes nothing.
func TestEveryInvalidActionRefused(t *testing.T) {
	paths := map[string][]domain.IdeaAction{
		"DRAFT":                       {},
		"SUBMITTED":                   {"SUBMIT"},
		"UNDER_REVIEW":                {"SUBMIT", "START_REVIEW"},
		"WITHDRAWN":                   {"WITHDRAW"},
		"REJECTED":                    {"SUBMIT", "START_REVIEW", "REJECT"},
		"APPROVED_FOR_IMPLEMENTATION": {"SUBMIT", "START_REVIEW", "APPROVE_IMPLEMENTATION"},
		"APPROVED_FOR_PILOT":          {"SUBMIT", "START_REVIEW", "APPROVE_PILOT"},
		"IMPLEMENTING":                {"SUBMIT", "START_REVIEW", "APPROVE_IMPLEMENTATION", "START_IMPLEMENTATION"},
		"PILOTING":                    {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT"},
		"HALTED_FOR_CORRECTION":       {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT", "HALT"},
		"EVALUATED_INEFFECTIVE":       {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT", "EVALUATE_INEFFECTIVE"},
		"EVALUATED_EFFECTIVE":         {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT", "EVALUATE_EFFECTIVE"},
		"APPLIED_IN_UNIT":             {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT", "EVALUATE_EFFECTIVE", "APPLY_IN_UNIT"},
		"PROPOSED_TO_CITY":            {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT", "EVALUATE_EFFECTIVE", "APPLY_IN_UNIT", "PROPOSE_TO_CITY"},
		"APPLIED_CITY_WIDE":           {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT", "EVALUATE_EFFECTIVE", "APPLY_IN_UNIT", "PROPOSE_TO_CITY", "APPLY_CITY_WIDE"},
		"RATED_BY_MINISTRIES":         {"SUBMIT", "START_REVIEW", "APPROVE_PILOT", "START_PILOT", "EVALUATE_EFFECTIVE", "APPLY_IN_UNIT", "PROPOSE_TO_CITY", "APPLY_CITY_WIDE", "RATE_BY_MINISTRIES"},
		"REFERRED_TO_CITY":            {"SUBMIT", "START_REVIEW", "REFER_TO_CITY"},
		"DECLINED_BY_CITY":            {"SUBMIT", "START_REVIEW", "REFER_TO_CITY", "DECLINE_BY_CITY"},
	}
	if len(paths) != len(domain.IdeaStatus("").Values()) {
		t.Fatalf("paths cover %d statuses", len(paths))
	}
	forEachStore(t, func(t *testing.T, e *env) {
		const unit = "PX-BEN-THANH"
		member := memberOf(t, e, unit)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		refused := 0
		for status, path := range paths {
			st := newIdea(t, e, member, unit, fmt.Sprintf("YT-INV-%d-%s", slices.Index(domain.IdeaStatus("").Values(), status), strings.ToUpper(e.store.Dialect)))
			for _, a := range path {
				mustAct(t, e, board, a, &st)
			}
			if st.Status != status {
				t.Fatalf("driven to %s, want %s", st.Status, status)
			}
			for a := range mutationOf {
				if _, err := ideaflow.Next(a, ideaflow.State{Status: domain.IdeaStatus(status), HaltedFrom: "PILOTING"}); err == nil {
					continue
				}
				res := act(t, e, board, a, st.ID, st.Version)
				if res.code() != "INVALID_TRANSITION" {
					t.Errorf("%s from %s: %q (%+v), want INVALID_TRANSITION", a, status, res.code(), res.Errors)
				}
				refused++
			}
		}
		t.Logf("%d invalid (status, action) pairs refused over HTTP", refused)
	})
}

// TestConcurrentActionsOneWins: 20 clients who all saw version 1 take the
// same action at once: exactly one succeeds, the others get CONFLICT, and
// the event log has no gap.
func TestConcurrentActionsOneWins(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unit = "PX-BEN-THANH"
		member := memberOf(t, e, unit)
		head := e.token(t, "head", unit, access.UnitHead)
		st := newIdea(t, e, member, unit, "YT-RACE-"+strings.ToUpper(e.store.Dialect))
		mustAct(t, e, e.token(t, member, unit, access.Member), "SUBMIT", &st)
		var ok, conflicts atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				res := act(t, e, head, "START_REVIEW", st.ID, st.Version)
				switch res.code() {
				case "":
					ok.Add(1)
				case "CONFLICT":
					conflicts.Add(1)
				default:
					t.Errorf("unexpected %q: %+v", res.code(), res.Errors)
				}
			}()
		}
		close(start)
		wg.Wait()
		if ok.Load() != 1 || conflicts.Load() != 19 {
			t.Fatalf("%d succeeded, %d conflicts; want 1 and 19", ok.Load(), conflicts.Load())
		}
		var got struct{ Node ideaState }
		e.do(t, head, `query($id: ID!) { node(id: $id) { ... on Idea { `+ideaFields+` } } }`, map[string]any{"id": st.ID}).decode(t, &got)
		n := got.Node
		if n.Version != 2 || n.Status != "UNDER_REVIEW" || n.Events.TotalCount != 3 {
			t.Fatalf("after the race: %+v", n)
		}
		for i, ev := range n.Events.Edges {
			if ev.Node.Seq != i {
				t.Fatalf("gap in events: %+v", n.Events.Edges)
			}
		}
	})
}

// lookupUnit finds a unit's id by code.
func (e *env) lookupUnit(t *testing.T, code string) (string, bool) {
	t.Helper()
	var got struct {
		Units struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.do(t, e.token(t, "board", "HCM", access.CityAdmin), `query($c: String!) { units(where: {code: $c}) { edges { node { id } } } }`,
		map[string]any{"c": code}).decode(t, &got)
	if len(got.Units.Edges) != 1 {
		return "", false
	}
	return got.Units.Edges[0].Node.ID, true
}

func mustUnit(t *testing.T, e *env, code string) string {
	t.Helper()
	id, ok := e.lookupUnit(t, code)
	if !ok {
		t.Fatalf("unit %s missing", code)
	}
	return id
}
