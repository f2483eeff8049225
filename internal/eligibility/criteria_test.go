package eligibility

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

func unmet(t *testing.T, cs []Criterion) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, c := range cs {
		if !c.Met {
			out[c.Code] = true
		}
		if c.Reason == "" || c.Label == "" {
			t.Errorf("criterion %s without label or reason", c.Code)
		}
	}
	return out
}

func TestCriteria(t *testing.T) {
	full := PlanFacts{Issued: true, Launched: true, Directive05: true}
	for _, tc := range []struct {
		name    string
		f       Facts
		level   domain.AwardLevel
		unmet   []string
		highest domain.AwardLevel
	}{
		{"rated individual", Facts{Kind: "INDIVIDUAL", Register: true, Effective: 1, CityWide: 1, Rated: 1},
			domain.AwardLevelPrimeMinisterCertificate, nil, domain.AwardLevelLaborOrderThirdClass},
		{"head without directive 05", Facts{Kind: "INDIVIDUAL", Head: true, Register: true, Effective: 1, CityWide: 1, Rated: 1, Plan: PlanFacts{Issued: true, Launched: true}},
			domain.AwardLevelPrimeMinisterCertificate, []string{"PLAN_WITH_DIRECTIVE_05"}, domain.AwardLevelCityChairmanCertificate},
		{"city-wide idea", Facts{Kind: "INDIVIDUAL", Register: true, Effective: 1, CityWide: 1},
			domain.AwardLevelCityChairmanCertificate, nil, domain.AwardLevelCityChairmanCertificate},
		{"collective without ideas", Facts{Kind: "COLLECTIVE", Register: true, Plan: full},
			domain.AwardLevelPrimeMinisterCertificate, []string{"IDEA_EVALUATED_EFFECTIVE", "IDEA_APPLIED_CITY_WIDE", "IDEA_RATED_BY_MINISTRIES"}, ""},
		{"collective, unlaunched plan", Facts{Kind: "COLLECTIVE", Register: true, Effective: 2, Plan: PlanFacts{Issued: true}},
			domain.AwardLevelCityChairmanCertificate, []string{"PLAN_LAUNCHED"}, domain.AwardLevelUnitHeadCertificate},
		{"flagged", Facts{Kind: "INDIVIDUAL", Register: true, Effective: 3, CityWide: 3, Rated: 3, Flags: []string{"Khiển trách"}},
			domain.AwardLevelUnitHeadCertificate, []string{"NO_INTEGRITY_FLAG"}, ""},
		{"not registered", Facts{Kind: "INDIVIDUAL", Effective: 1},
			domain.AwardLevelUnitHeadCertificate, []string{"REGISTERED"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.f.Level4 = domain.DefaultLevel4Criteria
			got := unmet(t, Evaluate(tc.f, tc.level))
			if len(got) != len(tc.unmet) {
				t.Errorf("unmet %v, want %v", got, tc.unmet)
			}
			for _, c := range tc.unmet {
				if !got[c] {
					t.Errorf("%s should be unmet (got %v)", c, got)
				}
			}
			if h := Highest(tc.f); h != tc.highest {
				t.Errorf("highest %q, want %q", h, tc.highest)
			}
		})
	}
}

// TestLevel4IsTheUnits: a unit that asks for two effective ideas and no
// registration gets exactly that.
func TestLevel4IsTheUnits(t *testing.T) {
	f := Facts{Kind: "INDIVIDUAL", Effective: 1, Level4: domain.Level4Criteria{MinEffectiveIdeas: 2, Note: "Hoàn thành xuất sắc nhiệm vụ"}}
	got := unmet(t, Evaluate(f, domain.AwardLevelUnitHeadCertificate))
	if len(got) != 1 || got["IDEA_EFFECTIVE"] == false {
		t.Fatalf("unmet %v, want only IDEA_EFFECTIVE", got)
	}
	f.Effective = 2
	if !Met(Evaluate(f, domain.AwardLevelUnitHeadCertificate)) {
		t.Fatal("two effective ideas, no registration required: should be met")
	}
}
