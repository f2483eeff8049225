// Package eligibility evaluates the plan's award criteria (§III.3) for a
// recipient, a level and a year from the recorded facts, criterion by
// criterion, with the reason in Vietnamese; "thành tích tới đâu khen
// thưởng đến đó": the highest level whose criteria are all met.
package eligibility

import (
	"fmt"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Facts are what the criteria read of a recipient's year.
type Facts struct {
	Kind     domain.RecipientKind
	Name     string
	Year     int
	Flags    []string // disciplinary or integrity flags of the year
	Head     bool     // an individual who headed their unit during the year
	Unit     string   // the collective, or the individual's unit, during the year
	Phase    string   // the phase the year belongs to
	Plan     PlanFacts
	Register bool                  // registered to take part in the year
	Level4   domain.Level4Criteria // the granting unit's own criteria for level 4
	// The furthest each recorded idea got by the end of the year: the
	// person's own ideas, or, for a collective, its members' ideas.
	Effective, CityWide, Rated int
}

// PlanFacts are the unit's plan for the phase.
type PlanFacts struct {
	Issued, Launched, Directive05 bool
}

// Criterion is one criterion, met or not, and why.
type Criterion struct {
	Code   string
	Label  string
	Met    bool
	Reason string
}

func check(code, label string, met bool, yes, no string) Criterion {
	r := no
	if met {
		r = yes
	}
	return Criterion{Code: code, Label: label, Met: met, Reason: r}
}

// Evaluate lists the criteria of the level for the recipient kind.
func Evaluate(f Facts, level domain.AwardLevel) []Criterion {
	cs := []Criterion{
		check("NO_INTEGRITY_FLAG", "Gương mẫu chấp hành, không bị xử lý kỷ luật hay vi phạm liêm chính trong năm",
			len(f.Flags) == 0, fmt.Sprintf("Không có ghi nhận kỷ luật, vi phạm trong năm %d.", f.Year),
			flagReason(f)),
	}
	if level != domain.AwardLevelUnitHeadCertificate || f.Level4.RequireRegistration {
		cs = append(cs, check("REGISTERED", "Đăng ký tham gia phong trào thi đua trong năm", f.Register,
			fmt.Sprintf("Đã đăng ký tham gia năm %d.", f.Year), fmt.Sprintf("Chưa đăng ký tham gia năm %d.", f.Year)))
	}
	ideaWord := "ý tưởng của người được đề nghị"
	if f.Kind == domain.RecipientKindCollective {
		ideaWord = "ý tưởng của thành viên đơn vị"
	}
	count := func(n int, what string) (bool, string, string) {
		return n > 0, fmt.Sprintf("Có %d %s %s tính đến hết năm %d.", n, ideaWord, what, f.Year),
			fmt.Sprintf("Chưa có %s nào %s tính đến hết năm %d.", ideaWord, what, f.Year)
	}
	switch level {
	case domain.AwardLevelLaborOrderThirdClass, domain.AwardLevelPrimeMinisterCertificate:
		if f.Kind == domain.RecipientKindCollective || f.Head {
			label := "Triển khai kế hoạch thực hiện phong trào gắn với Chỉ thị 05-CT/TW"
			if f.Kind == domain.RecipientKindIndividual {
				label = "Người đứng đầu đã chỉ đạo xây dựng và triển khai kế hoạch của đơn vị, gắn với Chỉ thị 05-CT/TW"
			}
			met := f.Plan.Issued && f.Plan.Launched && f.Plan.Directive05
			cs = append(cs, check("PLAN_WITH_DIRECTIVE_05", label, met,
				fmt.Sprintf("Kế hoạch giai đoạn %s đã ban hành, phát động và gắn với Chỉ thị 05-CT/TW.", f.Phase),
				fmt.Sprintf("Kế hoạch giai đoạn %s: %s.", f.Phase, planGap(f.Plan))))
		}
		met, yes, no := count(f.Effective, "được cấp có thẩm quyền đánh giá hiệu quả")
		cs = append(cs, check("IDEA_EVALUATED_EFFECTIVE", "Hiệu quả của ý tưởng được cấp có thẩm quyền đánh giá", met, yes, no))
		met, yes, no = count(f.CityWide, "được Thành phố công nhận, áp dụng")
		cs = append(cs, check("IDEA_APPLIED_CITY_WIDE", "Ý tưởng được Thành phố công nhận và áp dụng", met, yes, no))
		met, yes, no = count(f.Rated, "được bộ, ngành Trung ương đánh giá cao")
		cs = append(cs, check("IDEA_RATED_BY_MINISTRIES", "Ý tưởng được bộ, ngành Trung ương đánh giá cao", met, yes, no))
	case domain.AwardLevelCityChairmanCertificate:
		if f.Kind == domain.RecipientKindCollective {
			cs = append(cs, check("PLAN_LAUNCHED", "Có kế hoạch và tổ chức phát động phong trào sâu rộng",
				f.Plan.Issued && f.Plan.Launched,
				fmt.Sprintf("Kế hoạch giai đoạn %s đã ban hành và phát động.", f.Phase),
				fmt.Sprintf("Kế hoạch giai đoạn %s: %s.", f.Phase, planGap(f.Plan))))
			met, yes, no := count(f.Effective, "được đánh giá hiệu quả")
			cs = append(cs, check("MEMBER_IDEA_EFFECTIVE", "Có ít nhất một thành viên có ý tưởng sáng tạo mang lại hiệu quả", met, yes, no))
		} else {
			met, yes, no := count(f.CityWide, "được lãnh đạo đơn vị đề xuất và áp dụng toàn Thành phố")
			cs = append(cs, check("IDEA_APPLIED_CITY_WIDE", "Có ý tưởng được lãnh đạo đơn vị đề xuất lên Thành phố và áp dụng toàn Thành phố", met, yes, no))
		}
	case domain.AwardLevelUnitHeadCertificate:
		// The granting unit's own criteria (domain.DefaultLevel4Criteria
		// until it sets them).
		if n := f.Level4.MinEffectiveIdeas; n > 0 {
			cs = append(cs, check("IDEA_EFFECTIVE", fmt.Sprintf("Có ít nhất %d ý tưởng, sáng kiến được đánh giá hiệu quả (tiêu chí của đơn vị)", n),
				f.Effective >= n, fmt.Sprintf("Có %d %s được đánh giá hiệu quả tính đến hết năm %d.", f.Effective, ideaWord, f.Year),
				fmt.Sprintf("Mới có %d/%d %s được đánh giá hiệu quả tính đến hết năm %d.", f.Effective, n, ideaWord, f.Year)))
		}
		if f.Level4.Note != "" {
			cs = append(cs, Criterion{Code: "UNIT_OWN", Label: "Tiêu chí riêng của đơn vị: " + f.Level4.Note, Met: true,
				Reason: "Do Hội đồng Thi đua – Khen thưởng của đơn vị xem xét; hệ thống không tự đánh giá được."})
		}
	}
	return cs
}

// Met reports whether every criterion is met.
func Met(cs []Criterion) bool {
	for _, c := range cs {
		if !c.Met {
			return false
		}
	}
	return true
}

// Highest is the highest level whose criteria are all met, or "".
func Highest(f Facts) domain.AwardLevel {
	for _, l := range domain.AwardLevel("").Values() {
		if Met(Evaluate(f, domain.AwardLevel(l))) {
			return domain.AwardLevel(l)
		}
	}
	return ""
}

func planGap(p PlanFacts) string {
	switch {
	case !p.Issued:
		return "chưa ban hành"
	case !p.Launched:
		return "đã ban hành nhưng chưa phát động"
	case !p.Directive05:
		return "chưa gắn với Chỉ thị 05-CT/TW"
	}
	return "đầy đủ"
}

// flagReason names the decisions behind the records, or — when the viewer
// may not read one — says only that the criterion is not met.
func flagReason(f Facts) string {
	for _, x := range f.Flags {
		if x == hiddenNote {
			return fmt.Sprintf("Không đáp ứng tiêu chí về kỷ luật, liêm chính trong năm %d (%s).", f.Year, hiddenNote)
		}
	}
	return fmt.Sprintf("Có %d ghi nhận kỷ luật/vi phạm trong năm %d: %s", len(f.Flags), f.Year, strings.Join(f.Flags, "; "))
}
