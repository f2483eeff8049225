package ideaflow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Diagram is the lifecycle as a Mermaid state diagram, written from the
// rules; docs/workflows.md carries it and a test keeps the two equal.
func Diagram() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n    [*] --> DRAFT: CREATE\n")
	for _, a := range actions() {
		t := domain.IdeaTransitions[a]
		for _, from := range t.From {
			to := string(t.To)
			if a == domain.IdeaActionDeclineByCity {
				to = string(domain.DeclineTarget(from))
			}
			if a == domain.IdeaActionResume {
				to = "IMPLEMENTING"
				fmt.Fprintf(&b, "    %s --> %s: %s\n", from, "PILOTING", a)
			}
			fmt.Fprintf(&b, "    %s --> %s: %s\n", from, to, a)
		}
	}
	return b.String()
}

// Table is the actions as a Markdown table: from, to, who, what it needs.
func Table() string {
	var b strings.Builder
	b.WriteString("| action | from | to | who (in the idea's unit subtree; CITY_ADMIN always) | needs |\n|---|---|---|---|---|\n")
	for _, a := range actions() {
		t, r := domain.IdeaTransitions[a], Rules[a]
		from := make([]string, len(t.From))
		for i, s := range t.From {
			from[i] = "`" + string(s) + "`"
		}
		to := "`" + string(t.To) + "`"
		if a == domain.IdeaActionResume {
			to = "the status it was halted from"
		}
		if a == domain.IdeaActionDeclineByCity {
			to = "`" + string(domain.IdeaStatusAppliedInUnit) + "` from `PROPOSED_TO_CITY`, else `" + string(domain.IdeaStatusDeclinedByCity) + "`"
		}
		who := make([]string, 0, len(r.By)+1)
		for _, role := range r.By {
			who = append(who, "`"+string(role)+"`")
		}
		if r.ByProposer {
			who = append(who, "the idea's proposers")
		}
		if len(who) == 0 {
			who = append(who, "`"+string(access.CityAdmin)+"` only")
		}
		fmt.Fprintf(&b, "| `%s` (%s) | %s | %s | %s | %s |\n", a, a.Label(), strings.Join(from, ", "), to,
			strings.Join(who, ", "), needs(r.Needs))
	}
	return b.String()
}

func actions() []domain.IdeaAction {
	var out []domain.IdeaAction
	for _, c := range domain.IdeaAction("").Values() {
		if _, ok := Rules[domain.IdeaAction(c)]; ok {
			out = append(out, domain.IdeaAction(c))
		}
	}
	return out
}

func needs(n Need) string {
	var out []string
	for _, x := range []struct {
		need Need
		text string
	}{
		{NeedDecision, "decision number and date"},
		{NeedAuthority, "competent authority"},
		{NeedNote, "a reason (note)"},
		{NeedPilot, "pilot scope, start and planned end"},
		{NeedAuthorityLevel, "who approved (`UNIT`, `SUPERIOR`, `CITY`)"},
		{NeedEffectiveness, "the degree of effectiveness (`VERY_HIGH`, `HIGH`, `EFFECTIVE`)"},
	} {
		if n&x.need != 0 {
			out = append(out, x.text)
		}
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(slices.Clip(out), "; ")
}
