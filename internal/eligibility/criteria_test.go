package eligibility

import (
	"testing"
	"time"

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

func on(y, m, d int) *time.Time {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return &t
}

// ach is an idea effective, applied city-wide and rated on the days given
// (nil: not reached).
func ach(eff, city, rated *time.Time) Achievement {
	return Achievement{Idea: 1, Effective: eff, CityWide: city, Rated: rated}
}

var (
	full      = PlanFacts{Issued: true, Launched: true, Directive05: true, Conclusion14: true, Plan124: true, Plan3815: true}
	rated2024 = ach(on(2023, 3, 1), on(2023, 9, 1), on(2024, 5, 1))
	city2024  = ach(on(2024, 2, 1), on(2024, 11, 1), nil)
	eff2024   = ach(on(2024, 12, 28), nil, nil)
	excellent = map[string]domain.Judgement{domain.CriterionExcellentInDirection: {Code: domain.CriterionExcellentInDirection, Met: true, Reason: "Chỉ đạo sát sao", JudgedOn: *on(2025, 2, 1)}}
)

// TestCriteria: each criterion of §III.3, from the plan's words.
func TestCriteria(t *testing.T) {
	for _, tc := range []struct {
		name, clause string
		f            Facts
		level        domain.AwardLevel
		unmet        []string
		highest      domain.AwardLevel
	}{
		{"rated individual", "§III.3.1.b: “được lãnh đạo cơ quan, đơn vị, địa phương đề xuất Ủy ban nhân dân Thành phố xem xét, phê duyệt và áp dụng trên phạm vi toàn Thành phố, được Bộ, ngành Trung ương liên quan đánh giá cao”",
			Facts{Kind: "INDIVIDUAL", Ideas: []Achievement{rated2024}},
			domain.AwardLevelPrimeMinisterCertificate, nil, domain.AwardLevelLaborOrderThirdClass},
		{"a deputy whose plan does not name 3815", "§III.3.1.b: “Cá nhân là cán bộ lãnh đạo, người đứng đầu cơ quan, đơn vị, địa phương phải chỉ đạo xây dựng kế hoạch tổ chức thực hiện Kết luận số 14-KL/TW …, Kế hoạch số 124-KH/TU … và Kế hoạch số 3815/KH-UBND”",
			Facts{Kind: "INDIVIDUAL", Ideas: []Achievement{rated2024, city2024}, Led: []LedUnit{{Name: "Phường A", Plan: full}, {Name: "Phường B", Plan: PlanFacts{Issued: true, Conclusion14: true, Plan124: true}}}},
			domain.AwardLevelPrimeMinisterCertificate, []string{"LEADER_PLAN_PROGRAMMES"}, domain.AwardLevelCityChairmanCertificate},
		{"a leader whose plans name all three", "§III.3.1.b (as above): every unit led in the year",
			Facts{Kind: "INDIVIDUAL", Ideas: []Achievement{rated2024}, Led: []LedUnit{{Name: "Phường A", Plan: full}, {Name: "Phường B", Plan: full}}},
			domain.AwardLevelPrimeMinisterCertificate, nil, domain.AwardLevelLaborOrderThirdClass},
		{"an idea rated the year before", "§III.4: “khen thưởng thường xuyên hằng năm khi đủ tiêu chuẩn”; §III.2: “Thành tích tới đâu khen thưởng đến đó”",
			Facts{Kind: "INDIVIDUAL", Year: 2025, Ideas: []Achievement{rated2024}},
			domain.AwardLevelPrimeMinisterCertificate, []string{"IDEA_RATED_BY_MINISTRIES", "IDEA_APPLIED_CITY_WIDE", "IDEA_EVALUATED_EFFECTIVE"}, ""},
		{"city-wide idea, council not yet judged", "§III.3.2.b: “Có thành tích xuất sắc trong chỉ đạo, tham mưu, triển khai …” is the council's judgement",
			Facts{Kind: "INDIVIDUAL", Ideas: []Achievement{city2024}},
			domain.AwardLevelCityChairmanCertificate, []string{"EXCELLENT_IN_DIRECTION"}, domain.AwardLevelCityChairmanCertificate},
		{"city-wide idea, judged excellent", "§III.3.2.b: “đề xuất Ủy ban nhân dân Thành phố xem xét, phê duyệt và áp dụng trên phạm vi toàn Thành phố”",
			Facts{Kind: "INDIVIDUAL", Ideas: []Achievement{city2024}, Judgements: excellent},
			domain.AwardLevelCityChairmanCertificate, nil, domain.AwardLevelCityChairmanCertificate},
		{"judged not excellent", "§III.3.2.b: the council judged the criterion not met",
			Facts{Kind: "INDIVIDUAL", Register: true, Ideas: []Achievement{city2024}, Judgements: map[string]domain.Judgement{domain.CriterionExcellentInDirection: {Code: domain.CriterionExcellentInDirection, Reason: "Chưa rõ"}}},
			domain.AwardLevelCityChairmanCertificate, []string{"EXCELLENT_IN_DIRECTION"}, domain.AwardLevelUnitHeadCertificate},
		{"collective without ideas", "§III.3.1.a: “được Thành phố công nhận và áp dụng thực hiện, được Bộ ngành Trung ương liên quan đánh giá cao”",
			Facts{Kind: "COLLECTIVE", Plan: full},
			domain.AwardLevelPrimeMinisterCertificate, []string{"IDEA_EVALUATED_EFFECTIVE", "IDEA_APPLIED_CITY_WIDE", "IDEA_RATED_BY_MINISTRIES"}, ""},
		{"collective, plan without directive 05", "§III.3.1.a: “xây dựng và tổ chức triển khai Kế hoạch Phong trào thi đua … gắn với Chỉ thị số 05-CT/TW”",
			Facts{Kind: "COLLECTIVE", Ideas: []Achievement{rated2024}, Plan: PlanFacts{Issued: true, Launched: true}},
			domain.AwardLevelPrimeMinisterCertificate, []string{"PLAN_WITH_DIRECTIVE_05"}, ""},
		{"collective, unlaunched plan", "§III.3.2.a: “Có Kế hoạch tổ chức và phát động rộng khắp trong cơ quan, đơn vị, địa phương”",
			Facts{Kind: "COLLECTIVE", Register: true, Ideas: []Achievement{eff2024}, Plan: PlanFacts{Issued: true, Directive05: true}},
			domain.AwardLevelCityChairmanCertificate, []string{"PLAN_LAUNCHED"}, domain.AwardLevelUnitHeadCertificate},
		{"collective level 3 without directive 05", "§III.3.2.a: “phát động phong trào thi đua thiết thực, hiệu quả; gắn với Chỉ thị số 05-CT/TW”",
			Facts{Kind: "COLLECTIVE", Register: true, Ideas: []Achievement{eff2024}, Plan: PlanFacts{Issued: true, Launched: true}},
			domain.AwardLevelCityChairmanCertificate, []string{"DIRECTIVE_05"}, domain.AwardLevelUnitHeadCertificate},
		{"collective level 3", "§III.3.2.a: “Có cá nhân có tư duy sáng tạo, đề xuất ý tưởng … mang lại hiệu quả thiết thực”",
			Facts{Kind: "COLLECTIVE", Register: true, Ideas: []Achievement{eff2024}, Plan: full},
			domain.AwardLevelCityChairmanCertificate, nil, domain.AwardLevelCityChairmanCertificate},
		{"flagged", "§III.3.1.b, §III.3.2.b: “Gương mẫu chấp hành tốt chủ trương đường lối của Đảng và chính sách pháp luật của Nhà nước; không lợi dụng …”",
			Facts{Kind: "INDIVIDUAL", Register: true, Ideas: []Achievement{rated2024, eff2024}, Flags: []string{"Khiển trách"}},
			domain.AwardLevelUnitHeadCertificate, []string{"NO_INTEGRITY_FLAG"}, ""},
		{"not registered: levels 1–3 do not ask", "§III.3.1–3.2 set no registration condition; the default level 4 criteria of a unit do",
			Facts{Kind: "INDIVIDUAL", Ideas: []Achievement{city2024}},
			domain.AwardLevelUnitHeadCertificate, []string{"REGISTERED"}, domain.AwardLevelCityChairmanCertificate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Log(tc.clause)
			if tc.f.Year == 0 {
				tc.f.Year = 2024
			}
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

// TestAnAchievementCountsInItsOwnYear: §III.4 “khen thưởng thường xuyên
// hằng năm khi đủ tiêu chuẩn” and §III.2 “Thành tích tới đâu khen thưởng
// đến đó”: an idea evaluated effective on 28/12/2024 backs 2024's awards,
// not 2023's and not 2025's.
func TestAnAchievementCountsInItsOwnYear(t *testing.T) {
	f := Facts{Kind: "INDIVIDUAL", Register: true, Ideas: []Achievement{eff2024}, Level4: domain.DefaultLevel4Criteria}
	for year, want := range map[int]bool{2023: false, 2024: true, 2025: false} {
		f.Year = year
		if got := Met(Evaluate(f, domain.AwardLevelUnitHeadCertificate)); got != want {
			t.Errorf("%d: met %v, want %v", year, got, want)
		}
	}
	// Applied city-wide in 2024: level 3 in 2024 only.
	f.Ideas, f.Judgements = []Achievement{city2024}, excellent
	for year, want := range map[int]bool{2024: true, 2025: false} {
		f.Year = year
		if got := Met(Evaluate(f, domain.AwardLevelCityChairmanCertificate)); got != want {
			t.Errorf("level 3 in %d: met %v, want %v", year, got, want)
		}
	}
}

// TestLevel4IsTheUnits: §III.3.3 “Do các cơ quan, đơn vị, địa phương thuộc
// Thành phố quy định theo thẩm quyền”: a unit that asks for two effective
// ideas and no registration gets exactly that, and its own wording is the
// council's to judge.
func TestLevel4IsTheUnits(t *testing.T) {
	f := Facts{Kind: "INDIVIDUAL", Year: 2024, Ideas: []Achievement{eff2024}, Level4: domain.Level4Criteria{MinEffectiveIdeas: 2, Note: "Hoàn thành xuất sắc nhiệm vụ"}}
	got := unmet(t, Evaluate(f, domain.AwardLevelUnitHeadCertificate))
	if len(got) != 2 || !got["IDEA_EFFECTIVE"] || !got[domain.CriterionUnitOwn] {
		t.Fatalf("unmet %v, want IDEA_EFFECTIVE and the unit's own (pending)", got)
	}
	f.Ideas = append(f.Ideas, ach(on(2024, 6, 1), nil, nil))
	cs := Evaluate(f, domain.AwardLevelUnitHeadCertificate)
	if Met(cs) || !Nominable(cs) {
		t.Fatal("two effective ideas: nominable, met once the council judges the unit's own criterion")
	}
	f.Judgements = map[string]domain.Judgement{domain.CriterionUnitOwn: {Code: domain.CriterionUnitOwn, Met: true, Reason: "Đạt"}}
	if !Met(Evaluate(f, domain.AwardLevelUnitHeadCertificate)) {
		t.Fatal("judged met: should be met")
	}
}
