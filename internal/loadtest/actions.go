package loadtest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
)

// mutations names each idea action's GraphQL mutation (graph/workflow.graphqls).
var mutations = map[domain.IdeaAction]string{
	domain.IdeaActionSubmit:                "submitIdea",
	domain.IdeaActionWithdraw:              "withdrawIdea",
	domain.IdeaActionStartReview:           "startIdeaReview",
	domain.IdeaActionApproveImplementation: "approveIdeaImplementation",
	domain.IdeaActionApprovePilot:          "approveIdeaPilot",
	domain.IdeaActionReject:                "rejectIdea",
	domain.IdeaActionStartImplementation:   "startIdeaImplementation",
	domain.IdeaActionStartPilot:            "startIdeaPilot",
	domain.IdeaActionHalt:                  "haltIdea",
	domain.IdeaActionResume:                "resumeIdea",
	domain.IdeaActionEvaluateEffective:     "evaluateIdeaEffective",
	domain.IdeaActionEvaluateIneffective:   "evaluateIdeaIneffective",
	domain.IdeaActionApplyInUnit:           "applyIdeaInUnit",
	domain.IdeaActionProposeToCity:         "proposeIdeaToCity",
	domain.IdeaActionApplyCityWide:         "applyIdeaCityWide",
	domain.IdeaActionRateByMinistries:      "rateIdeaByMinistries",
	domain.IdeaActionReferToCity:           "referIdeaToCity",
	domain.IdeaActionDeclineByCity:         "declineIdeaByCity",
}

// actionRequest is the mutation document and variables for action on the
// idea at version. The input carries exactly what ideaflow.Rules says the
// action needs, so a VALIDATION error under load means the rules changed
// and this driver did not follow.
func actionRequest(a domain.IdeaAction, id string, version int, today time.Time) (string, map[string]any, error) {
	name, ok := mutations[a]
	rule, known := ideaflow.Rules[a]
	if !ok || !known {
		return "", nil, fmt.Errorf("no mutation for action %s", a)
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	in := map[string]any{"id": id, "version": version}
	if rule.Needs&ideaflow.NeedDecision != 0 {
		in["decisionNumber"] = fmt.Sprintf("%d/QĐ-LOAD", version+1)
		in["decisionDate"] = day(today)
	}
	if rule.Needs&ideaflow.NeedAuthority != 0 {
		in["authority"] = "Hội đồng sáng kiến (kiểm thử tải)"
	}
	if rule.Needs&ideaflow.NeedNote != 0 {
		in["note"] = "Kiểm thử tải: " + string(a)
	}
	if rule.Needs&ideaflow.NeedAuthorityLevel != 0 {
		in["authorityLevel"] = "UNIT"
	}
	if rule.Needs&ideaflow.NeedEffectiveness != 0 {
		in["effectiveness"] = "HIGH"
	}
	if rule.Needs&ideaflow.NeedPilot != 0 {
		in["pilotScope"] = "Thí điểm tại đơn vị (kiểm thử tải)"
		in["pilotStartOn"] = day(today)
		in["pilotPlannedEnd"] = day(today.AddDate(0, 3, 0))
	}
	inputType := string(name[0]-'a'+'A') + name[1:] + "Input"
	doc := fmt.Sprintf("mutation Act($in: %s!) { %s(input: $in) { code status version } }", inputType, name)
	return doc, map[string]any{"in": in}, nil
}

// detour are the actions that end or divert an idea's normal progress; a
// head takes them now and then, not as often as moving an idea forward,
// so ideas reach the later statuses within a run.
var detour = map[domain.IdeaAction]bool{
	domain.IdeaActionWithdraw:            true,
	domain.IdeaActionReject:              true,
	domain.IdeaActionHalt:                true,
	domain.IdeaActionEvaluateIneffective: true,
}

// pickAction chooses one of the available actions, forward ones six times
// as likely as detours; "" when none is available to this driver.
func pickAction(r *rand.Rand, available []domain.IdeaAction) domain.IdeaAction {
	var weights []int
	total := 0
	for _, a := range available {
		w := 6
		if detour[a] {
			w = 1
		}
		if _, ok := mutations[a]; !ok {
			w = 0
		}
		weights = append(weights, w)
		total += w
	}
	if total == 0 {
		return ""
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return available[i]
		}
		n -= w
	}
	return ""
}
