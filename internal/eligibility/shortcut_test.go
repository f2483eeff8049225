package eligibility

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// TestLevelsRestingOnAnIdea proves Highest's shortcut against Evaluate
// itself: for every kind and every level restsOnAnIdea names, no
// combination of the other facts (plans, leadership, flags, registration,
// the unit's level-4 criteria, the council's judgements) makes the level
// nominable while no idea of the recipient was decided in the year — none
// at all, or ideas decided only in the years before and after (§III.3.1:
// “ý tưởng … được Bộ, ngành Trung ương liên quan đánh giá cao”; §III.3.2:
// “có ý tưởng … mang lại hiệu quả thiết thực” — read, as everywhere here, as
// an idea decided in the year of the award), and the unit head's
// certificate where the granting unit asks for ideas evaluated effective
// (§III.3.3: “Do các cơ quan, đơn vị, địa phương thuộc Thành phố quy định
// theo thẩm quyền”; DefaultLevel4Criteria asks for one). And with an idea decided in
// the year, Highest equals the level-by-level evaluation without the
// shortcut. A criterion added later that lets such a level through
// without an idea of the year fails here, not in production.
func TestLevelsRestingOnAnIdea(t *testing.T) {
	const year = 2024
	judged := map[string]domain.Judgement{
		domain.CriterionExcellentInDirection: {Code: domain.CriterionExcellentInDirection, Met: true},
		domain.CriterionUnitOwn:              {Code: domain.CriterionUnitOwn, Met: true},
	}
	outside := []Achievement{
		ach(on(2023, 3, 1), on(2023, 9, 1), on(2023, 12, 1)),
		ach(on(2025, 1, 2), on(2025, 2, 1), on(2025, 3, 1)),
	}
	inYear := []Achievement{rated2024, city2024, eff2024}
	levels := domain.AwardLevel("").Values()
	slow := func(f Facts) domain.AwardLevel {
		for _, l := range levels {
			if Nominable(Evaluate(f, domain.AwardLevel(l))) {
				return domain.AwardLevel(l)
			}
		}
		return ""
	}
	cases := 0
	for _, kind := range []domain.RecipientKind{domain.RecipientKindIndividual, domain.RecipientKindCollective} {
		for _, plan := range []PlanFacts{{}, full} {
			for _, led := range [][]LedUnit{nil, {{Name: "Phường A", Plan: full}}} {
				for _, flags := range [][]string{nil, {"kỷ luật"}} {
					for _, register := range []bool{false, true} {
						for _, l4 := range []domain.Level4Criteria{{}, {RequireRegistration: true}, {Note: "riêng"}, domain.DefaultLevel4Criteria,
							{MinEffectiveIdeas: 2}, {RequireRegistration: true, MinEffectiveIdeas: 1, Note: "riêng"}} {
							for _, j := range []map[string]domain.Judgement{nil, judged} {
								for _, ideas := range [][]Achievement{nil, outside, inYear, append(append([]Achievement{}, outside...), inYear...)} {
									f := Facts{Kind: kind, Year: year, Phase: "2022-2025", Plan: plan, Led: led, Flags: flags,
										Register: register, Level4: l4, Judgements: j, Ideas: ideas, quiet: true}
									cases++
									if got, want := Highest(f), slow(f); got != want {
										t.Errorf("%+v: Highest %q, level by level %q", f, got, want)
									}
									if decidedInYear(f) {
										continue
									}
									for _, l := range levels {
										if restsOnAnIdea(f, domain.AwardLevel(l)) && Nominable(Evaluate(f, domain.AwardLevel(l))) {
											t.Errorf("%s is nominable without an idea decided in %d: %+v", l, year, f)
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
	if cases < 500 {
		t.Fatalf("only %d combinations", cases)
	}
}
