package eligibility

import (
	"fmt"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Table is the criteria of every level and recipient as a Markdown table,
// written from Evaluate; docs/workflows.md carries it and a test keeps the
// two equal.
func Table() string {
	var b strings.Builder
	b.WriteString("| level | recipient | criteria (code) |\n|---|---|---|\n")
	recipients := []struct {
		name string
		f    Facts
	}{
		{"collective", Facts{Kind: domain.RecipientKindCollective, Level4: domain.DefaultLevel4Criteria}},
		{"individual", Facts{Kind: domain.RecipientKindIndividual, Level4: domain.DefaultLevel4Criteria}},
		{"individual, head or deputy of a unit", Facts{Kind: domain.RecipientKindIndividual, Led: []LedUnit{{Name: "đơn vị"}}, Level4: domain.DefaultLevel4Criteria}},
	}
	for _, l := range domain.AwardLevel("").Values() {
		level := domain.AwardLevel(l)
		for _, r := range recipients {
			var cs []string
			for _, c := range Evaluate(r.f, level) {
				cs = append(cs, fmt.Sprintf("%s (`%s`)", c.Label, c.Code))
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", level.Label(), r.name, strings.Join(cs, "<br>"))
		}
	}
	return b.String()
}
