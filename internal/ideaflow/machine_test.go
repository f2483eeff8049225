package ideaflow

import (
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// lifecycle is the plan's diagram written out by hand, independently of
// domain.IdeaTransitions: every (status, action) pair not listed here must
// be refused.
var lifecycle = map[domain.IdeaStatus]map[domain.IdeaAction]domain.IdeaStatus{
	"DRAFT":                       {"SUBMIT": "SUBMITTED", "WITHDRAW": "WITHDRAWN"},
	"SUBMITTED":                   {"START_REVIEW": "UNDER_REVIEW", "WITHDRAW": "WITHDRAWN"},
	"UNDER_REVIEW":                {"APPROVE_IMPLEMENTATION": "APPROVED_FOR_IMPLEMENTATION", "APPROVE_PILOT": "APPROVED_FOR_PILOT", "REJECT": "REJECTED", "WITHDRAW": "WITHDRAWN", "REFER_TO_CITY": "REFERRED_TO_CITY"},
	"APPROVED_FOR_IMPLEMENTATION": {"START_IMPLEMENTATION": "IMPLEMENTING", "REFER_TO_CITY": "REFERRED_TO_CITY"},
	"APPROVED_FOR_PILOT":          {"START_PILOT": "PILOTING", "REFER_TO_CITY": "REFERRED_TO_CITY"},
	"IMPLEMENTING":                {"EVALUATE_EFFECTIVE": "EVALUATED_EFFECTIVE", "EVALUATE_INEFFECTIVE": "EVALUATED_INEFFECTIVE", "HALT": "HALTED_FOR_CORRECTION"},
	"PILOTING":                    {"EVALUATE_EFFECTIVE": "EVALUATED_EFFECTIVE", "EVALUATE_INEFFECTIVE": "EVALUATED_INEFFECTIVE", "HALT": "HALTED_FOR_CORRECTION"},
	"HALTED_FOR_CORRECTION":       {"RESUME": "PILOTING"}, // back to where it was halted; here, a pilot
	"EVALUATED_EFFECTIVE":         {"APPLY_IN_UNIT": "APPLIED_IN_UNIT"},
	"APPLIED_IN_UNIT":             {"PROPOSE_TO_CITY": "PROPOSED_TO_CITY"},
	"PROPOSED_TO_CITY":            {"APPLY_CITY_WIDE": "APPLIED_CITY_WIDE", "DECLINE_BY_CITY": "APPLIED_IN_UNIT"},
	"REFERRED_TO_CITY":            {"APPROVE_IMPLEMENTATION": "APPROVED_FOR_IMPLEMENTATION", "APPROVE_PILOT": "APPROVED_FOR_PILOT", "DECLINE_BY_CITY": "DECLINED_BY_CITY"},
	"DECLINED_BY_CITY":            {},
	"APPLIED_CITY_WIDE":           {"RATE_BY_MINISTRIES": "RATED_BY_MINISTRIES"},
	"EVALUATED_INEFFECTIVE":       {},
	"RATED_BY_MINISTRIES":         {},
	"REJECTED":                    {},
	"WITHDRAWN":                   {},
}

func TestNextEveryStatusEveryAction(t *testing.T) {
	statuses := domain.IdeaStatus("").Values()
	if len(lifecycle) != len(statuses) {
		t.Fatalf("the diagram covers %d statuses of %d", len(lifecycle), len(statuses))
	}
	pairs := 0
	for _, sc := range statuses {
		s := domain.IdeaStatus(sc)
		for _, ac := range domain.IdeaAction("").Values() {
			a := domain.IdeaAction(ac)
			pairs++
			to, err := Next(a, State{Status: s, HaltedFrom: domain.IdeaStatusPiloting})
			want, ok := lifecycle[s][a]
			switch {
			case ok && err != nil:
				t.Errorf("%s from %s: %v, want %s", a, s, err, want)
			case ok && to != want:
				t.Errorf("%s from %s → %s, want %s", a, s, to, want)
			case !ok && problem.CodeOf(err) != problem.InvalidTransition:
				t.Errorf("%s from %s → %s (%v), want INVALID_TRANSITION", a, s, to, err)
			}
		}
	}
	t.Logf("%d (status, action) pairs checked", pairs)
}

func TestResumeReturnsWhereHalted(t *testing.T) {
	for _, from := range []domain.IdeaStatus{domain.IdeaStatusImplementing, domain.IdeaStatusPiloting} {
		to, err := Next(domain.IdeaActionResume, State{Status: domain.IdeaStatusHaltedForCorrection, HaltedFrom: from})
		if err != nil || to != from {
			t.Errorf("resume after halting %s → %s, %v", from, to, err)
		}
	}
}

func TestAllowed(t *testing.T) {
	viewer := func(r access.Role) *access.Viewer {
		return &access.Viewer{Sub: "x", Roles: []access.Role{r}, UnitCode: "Q1", UnitPath: "/HCM/Q1/"}
	}
	in := State{InScope: true}
	for _, tc := range []struct {
		role     access.Role
		action   domain.IdeaAction
		state    State
		wantCode problem.Code
	}{
		{access.Member, domain.IdeaActionSubmit, State{InScope: true, Proposer: true}, ""},
		{access.Member, domain.IdeaActionSubmit, in, problem.Forbidden},
		{access.Member, domain.IdeaActionStartReview, State{InScope: true, Proposer: true}, problem.Forbidden},
		{access.UnitAdmin, domain.IdeaActionSubmit, in, ""},
		{access.UnitAdmin, domain.IdeaActionApprovePilot, in, problem.Forbidden},
		{access.UnitHead, domain.IdeaActionApprovePilot, in, ""},
		{access.UnitHead, domain.IdeaActionApprovePilot, State{}, problem.Forbidden},
		{access.UnitHead, domain.IdeaActionApplyCityWide, in, problem.Forbidden},
		{access.CityAdmin, domain.IdeaActionApplyCityWide, State{}, ""},
		{access.Leader, domain.IdeaActionSubmit, in, problem.Forbidden},
		{access.Analyst, domain.IdeaActionStartReview, in, problem.Forbidden},
	} {
		err := Allowed(viewer(tc.role), tc.action, tc.state)
		if got := codeOf(err); got != tc.wantCode {
			t.Errorf("%s %s %+v: %q, want %q", tc.role, tc.action, tc.state, got, tc.wantCode)
		}
	}
}

func TestValidateNamesWhatIsMissing(t *testing.T) {
	err := Validate(domain.IdeaActionApprovePilot, Input{})
	p, ok := problem.As(err)
	if !ok || p.Code != problem.Validation {
		t.Fatalf("%v", err)
	}
	// §I.1.3 “được cấp có thẩm quyền xem xét, quyết định”: an approval
	// names who gave it.
	for _, want := range []string{"số quyết định", "ngày quyết định", "phạm vi thí điểm", "ngày bắt đầu thí điểm", "ngày dự kiến kết thúc thí điểm", "cấp chấp thuận"} {
		if !contains(p.Message, want) {
			t.Errorf("message %q does not name %q", p.Message, want)
		}
	}
	// §III.3.1.a “đánh giá mức độ hiệu quả”: an effective evaluation
	// records the degree found.
	if err := Validate(domain.IdeaActionEvaluateEffective, Input{}); err == nil || !contains(err.Error(), "mức độ hiệu quả") {
		t.Errorf("an evaluation without its degree: %v", err)
	}
	num, day, scope := "12/QĐ-UBND", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), "Thí điểm tại 3 phường"
	end := day.AddDate(0, -1, 0)
	if err := Validate(domain.IdeaActionApprovePilot, Input{DecisionNumber: &num, DecisionDate: &day, PilotScope: &scope, PilotStartOn: &day, PilotPlannedEnd: &end}); codeOf(err) != problem.Validation {
		t.Errorf("a pilot ending before it starts: %v", err)
	}
	blank := "   "
	if err := Validate(domain.IdeaActionReject, Input{Note: &blank}); codeOf(err) != problem.Validation {
		t.Errorf("a blank reason: %v", err)
	}
	if err := Validate(domain.IdeaActionSubmit, Input{}); err != nil {
		t.Errorf("submit needs nothing: %v", err)
	}
}

func TestAvailable(t *testing.T) {
	head := &access.Viewer{Sub: "h", Roles: []access.Role{access.UnitHead}, UnitPath: "/HCM/Q1/"}
	got := Available(head, State{Status: domain.IdeaStatusUnderReview, InScope: true})
	want := []domain.IdeaAction{domain.IdeaActionApproveImplementation, domain.IdeaActionApprovePilot, domain.IdeaActionReject, domain.IdeaActionWithdraw, domain.IdeaActionReferToCity}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for _, a := range want {
		found := false
		for _, g := range got {
			found = found || g == a
		}
		if !found {
			t.Errorf("%s missing from %v", a, got)
		}
	}
	member := &access.Viewer{Sub: "m", Roles: []access.Role{access.Member}, UnitPath: "/HCM/Q1/"}
	if got := Available(member, State{Status: domain.IdeaStatusDraft, InScope: true, Proposer: true}); len(got) != 2 {
		t.Errorf("a proposer's draft: %v, want submit and withdraw", got)
	}
}

func codeOf(err error) problem.Code {
	if err == nil {
		return ""
	}
	return problem.CodeOf(err)
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
