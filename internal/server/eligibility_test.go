package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

const eligibilityQuery = `query($r: ID!, $l: AwardLevel!, $y: Int!) { awardEligibility(recipient: $r, level: $l, year: $y) {
  recipientKind recipientName eligible highestLevel criteria { code met reason } } }`

type eligibilityResult struct {
	AwardEligibility struct {
		RecipientKind, RecipientName string
		Eligible                     bool
		HighestLevel                 *string
		Criteria                     []struct {
			Code, Reason string
			Met          bool
		}
	}
}

func (r eligibilityResult) unmet() map[string]string {
	out := map[string]string{}
	for _, c := range r.AwardEligibility.Criteria {
		if !c.Met {
			out[c.Code] = c.Reason
		}
	}
	return out
}

// TestCollectiveRefusedForPrimeMinister: a unit whose members have no idea
// evaluated effective is refused the Prime Minister's certificate, and each
// unmet criterion is named with its reason.
func TestCollectiveRefusedForPrimeMinister(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const code = "XA-THANH-AN-CG"
		var n int
		if err := e.store.DB.QueryRow(`SELECT count(*) FROM ideas i JOIN units u ON u.id = i.unit_id WHERE u.code = '` + code +
			`' AND i.status IN ('EVALUATED_EFFECTIVE','APPLIED_IN_UNIT','PROPOSED_TO_CITY','APPLIED_CITY_WIDE','RATED_BY_MINISTRIES')`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%s has %d effective ideas (%v): pick another unit", code, n, err)
		}
		var got eligibilityResult
		e.do(t, e.token(t, "board", "HCM", access.CityAdmin), eligibilityQuery,
			map[string]any{"r": mustUnit(t, e, code), "l": "PRIME_MINISTER_CERTIFICATE", "y": 2026}).decode(t, &got)
		if got.AwardEligibility.Eligible || got.AwardEligibility.RecipientKind != "COLLECTIVE" {
			t.Fatalf("%+v", got)
		}
		u := got.unmet()
		for _, c := range []string{"IDEA_EVALUATED_EFFECTIVE", "IDEA_APPLIED_CITY_WIDE", "IDEA_RATED_BY_MINISTRIES"} {
			if !strings.HasPrefix(u[c], "Không có ý tưởng của đơn vị nào") {
				t.Errorf("%s: %q", c, u[c])
			}
		}
	})
}

// TestIndividualEligibleForCityChairman: a member whose idea the city
// applied city-wide in the year may be nominated for the City Chairman's
// certificate and no higher; “Có thành tích xuất sắc trong chỉ đạo, tham
// mưu…” (§III.3.2.b) waits for the council, so the level is not yet met; a
// disciplinary flag that year disqualifies.
func TestIndividualEligibleForCityChairman(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unitCode = "PX-TAN-DINH"
		member := memberOf(t, e, unitCode)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		st := newIdea(t, e, member, unitCode, "YT-ELIG-"+strings.ToUpper(e.store.Dialect))
		for _, a := range []domain.IdeaAction{"SUBMIT", "START_REVIEW", "APPROVE_IMPLEMENTATION", "START_IMPLEMENTATION",
			"EVALUATE_EFFECTIVE", "APPLY_IN_UNIT", "PROPOSE_TO_CITY", "APPLY_CITY_WIDE"} {
			mustAct(t, e, board, a, &st)
		}
		ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
		p := e.store.Client.Person.Query().Where(person.Code(member)).OnlyX(ctx)
		u := e.store.Client.Unit.Query().Where(unit.Code(unitCode)).OnlyX(ctx)
		e.do(t, board, `mutation($u: ID!, $p: ID!) { createParticipation(input: {unitID: $u, year: 2026, kind: INDIVIDUAL, personID: $p}) { id } }`,
			map[string]any{"u": u.ID, "p": p.ID}).decode(t, &struct{}{})
		ask := func() eligibilityResult {
			var got eligibilityResult
			e.do(t, e.token(t, "head", unitCode, access.UnitHead), eligibilityQuery,
				map[string]any{"r": p.ID, "l": "CITY_CHAIRMAN_CERTIFICATE", "y": 2026}).decode(t, &got)
			return got
		}
		got := ask()
		if u := got.unmet(); got.AwardEligibility.Eligible || got.AwardEligibility.HighestLevel == nil ||
			*got.AwardEligibility.HighestLevel != "CITY_CHAIRMAN_CERTIFICATE" || len(u) != 1 || !strings.Contains(u["EXCELLENT_IN_DIRECTION"], "Chờ Hội đồng") {
			t.Fatalf("%+v (unmet %v)", got.AwardEligibility, u)
		}
		e.do(t, board, `mutation($u: ID!, $p: ID!) { createIntegrityFlag(input: {unitID: $u, personID: $p, year: 2026, kind: DISCIPLINE,
			decisionNumber: "3/QĐ-KL", decisionDate: "2026-11-02", form: "Khiển trách"}) { id } }`,
			map[string]any{"u": u.ID, "p": p.ID}).decode(t, &struct{}{})
		got = ask()
		if got.AwardEligibility.Eligible || got.AwardEligibility.HighestLevel != nil || got.unmet()["NO_INTEGRITY_FLAG"] == "" {
			t.Fatalf("flagged: %+v", got.AwardEligibility)
		}
		// Another unit's head may not ask about this person.
		res := e.do(t, e.token(t, "head", "QGV", access.UnitHead), eligibilityQuery,
			map[string]any{"r": p.ID, "l": "CITY_CHAIRMAN_CERTIFICATE", "y": 2026})
		if res.code() != "NOT_FOUND" {
			t.Errorf("out of scope: %q", res.code())
		}
	})
}

// TestLevel4CriteriaAreTheUnits: a unit's head sets the unit's own criteria
// for the unit head's certificate, and eligibility follows them; another
// unit's head may not.
func TestLevel4CriteriaAreTheUnits(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unitCode = "PX-NHIEU-LOC"
		member := memberOf(t, e, unitCode)
		ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
		p := e.store.Client.Person.Query().Where(person.Code(member)).OnlyX(ctx)
		set := `mutation($in: Level4CriteriaInput!) { setLevel4Criteria(input: $in) { level4Criteria { requireRegistration minEffectiveIdeas note } } }`
		in := map[string]any{"unitID": mustUnit(t, e, unitCode), "requireRegistration": false, "minEffectiveIdeas": 0, "note": "Hoàn thành xuất sắc nhiệm vụ năm"}
		if res := e.do(t, e.token(t, "head", "QGV", access.UnitHead), set, map[string]any{"in": in}); res.code() != "FORBIDDEN" {
			t.Errorf("another unit's head: %q", res.code())
		}
		head := e.token(t, "head", unitCode, access.UnitHead)
		var got struct {
			SetLevel4Criteria struct {
				Level4Criteria struct {
					RequireRegistration bool
					MinEffectiveIdeas   int
					Note                string
				}
			}
		}
		e.do(t, head, set, map[string]any{"in": in}).decode(t, &got)
		if c := got.SetLevel4Criteria.Level4Criteria; c.RequireRegistration || c.MinEffectiveIdeas != 0 || c.Note == "" {
			t.Fatalf("criteria: %+v", c)
		}
		var r eligibilityResult
		e.do(t, head, eligibilityQuery, map[string]any{"r": p.ID, "l": "UNIT_HEAD_CERTIFICATE", "y": 2026}).decode(t, &r)
		codes := map[string]bool{}
		for _, c := range r.AwardEligibility.Criteria {
			codes[c.Code] = true
		}
		if codes["REGISTERED"] || codes["IDEA_EFFECTIVE"] || !codes["UNIT_OWN"] {
			t.Fatalf("criteria after the unit set its own: %+v", r.AwardEligibility.Criteria)
		}
		in["minEffectiveIdeas"] = 99
		if res := e.do(t, head, set, map[string]any{"in": in}); res.code() != "VALIDATION" {
			t.Errorf("99 ideas: %q", res.code())
		}
	})
}
