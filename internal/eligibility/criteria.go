// Package eligibility evaluates the plan's award criteria (§III.3) for a
// recipient, a level and a year from the recorded facts, criterion by
// criterion, with the reason in Vietnamese; "thành tích tới đâu khen
// thưởng đến đó": the highest level whose criteria are all met.
package eligibility

import (
	"fmt"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Facts are what the criteria read of a recipient's year.
type Facts struct {
	Kind  domain.RecipientKind
	Name  string
	Year  int
	Flags []string // disciplinary or integrity flags of the year
	// Led are the units an individual headed or deputised (cán bộ lãnh
	// đạo, người đứng đầu) during the year, each with its plan.
	Led      []LedUnit
	Unit     string // the collective, or the individual's unit at the year's end
	Phase    string // the phase the year belongs to
	Plan     PlanFacts
	Register bool                  // registered to take part in the year: shown, gates level 4 only where the unit asks
	Level4   domain.Level4Criteria // the granting unit's own criteria for level 4
	// Ideas are the recipient's ideas (a collective's: its unit's) with the
	// days their achievements were decided.
	Ideas []Achievement
	// Judgements are the council's, by criterion code.
	Judgements map[string]domain.Judgement

	// quiet leaves the reasons out: who is eligible, for a whole year of
	// recipients at once, needs only which criteria are met.
	quiet bool
}

// say is the reason's text, or nothing when the facts are evaluated quietly.
func (f Facts) say(format string, args ...any) string {
	if f.quiet {
		return ""
	}
	return fmt.Sprintf(format, args...)
}

// LedUnit is a unit an individual led during the year, and its plan.
type LedUnit struct {
	Name string
	Plan PlanFacts
	unit int
}

// Achievement is an idea and the decision day of each step the criteria
// read (nil: not reached). The day is the decision's, not the day it was
// entered: a decision of 28/12 entered on 05/01 counts in its own year.
type Achievement struct {
	Idea                       int
	Effective, CityWide, Rated *time.Time
}

// PlanFacts are a unit's plan for the phase: issued, launched, and the
// programmes it implements (§III.3.1).
type PlanFacts struct {
	Issued, Launched, Directive05   bool
	Conclusion14, Plan124, Plan3815 bool
}

// Criterion is one criterion, met or not, and why. A judged criterion is
// the council's to judge: Pending until it has.
type Criterion struct {
	Code    string
	Label   string
	Met     bool
	Judged  bool
	Pending bool
	Reason  string
}

func check(code, label string, met bool, yes, no string) Criterion {
	r := no
	if met {
		r = yes
	}
	return Criterion{Code: code, Label: label, Met: met, Reason: r}
}

// in reports whether a decision day falls in the year.
func (f Facts) in(d *time.Time) bool { return d != nil && d.Year() == f.Year }

// by reports whether a decision day falls before the year's end.
func (f Facts) by(d *time.Time) bool { return d != nil && d.Year() <= f.Year }

// count is how many ideas satisfy ok.
func (f Facts) count(ok func(Achievement) bool) int {
	n := 0
	for _, a := range f.Ideas {
		if ok(a) {
			n++
		}
	}
	return n
}

// judged is the council's criterion: met as judged, pending until then.
func (f Facts) judged(code, label string) Criterion {
	c := Criterion{Code: code, Label: label, Judged: true}
	j, ok := f.Judgements[code]
	if !ok {
		c.Pending = true
		c.Reason = "Chờ Hội đồng Thi đua – Khen thưởng đánh giá khi xét hồ sơ; hệ thống không tự đánh giá tiêu chí này."
		return c
	}
	c.Met = j.Met
	verdict := "không đạt"
	if j.Met {
		verdict = "đạt"
	}
	c.Reason = f.say("Hội đồng Thi đua – Khen thưởng đánh giá %s ngày %s: %s", verdict, j.JudgedOn.Format("02/01/2006"), j.Reason)
	return c
}

// Evaluate lists the criteria of the level for the recipient kind, each
// from the words of §III.3 (docs/workflows.md maps clause to criterion).
func Evaluate(f Facts, level domain.AwardLevel) []Criterion {
	cs := make([]Criterion, 0, 6) // the most any level has
	cs = append(cs,
		check("NO_INTEGRITY_FLAG", "Gương mẫu chấp hành, không bị xử lý kỷ luật hay vi phạm liêm chính trong năm",
			len(f.Flags) == 0, f.say("Không có ghi nhận kỷ luật, vi phạm trong năm %d.", f.Year),
			flagReason(f)))
	ideaWord := "ý tưởng của người được đề nghị"
	if f.Kind == domain.RecipientKindCollective {
		ideaWord = "ý tưởng của đơn vị"
	}
	achieved := func(n int, what string) (bool, string, string) {
		return n > 0, f.say("Có %d %s %s trong năm %d.", n, ideaWord, what, f.Year),
			f.say("Không có %s nào %s trong năm %d.", ideaWord, what, f.Year)
	}
	switch level {
	case domain.AwardLevelLaborOrderThirdClass, domain.AwardLevelPrimeMinisterCertificate:
		if f.Kind == domain.RecipientKindCollective {
			cs = append(cs, check("PLAN_WITH_DIRECTIVE_05",
				"Xây dựng, triển khai Kế hoạch Phong trào thi đua gắn với Chỉ thị 05-CT/TW",
				f.Plan.Issued && f.Plan.Launched && f.Plan.Directive05,
				f.say("Kế hoạch giai đoạn %s đã ban hành, phát động và gắn với Chỉ thị 05-CT/TW.", f.Phase),
				f.say("Kế hoạch giai đoạn %s: %s.", f.Phase, planGap(f.Plan))))
		} else if len(f.Led) > 0 {
			cs = append(cs, leaderClause(f))
		}
		// The year's achievement is the ministries' rating; the idea it
		// rests on must by then be effective and applied city-wide.
		rated := func(a Achievement) bool { return f.in(a.Rated) }
		met, yes, no := achieved(f.count(rated), "được bộ, ngành Trung ương đánh giá cao")
		cs = append(cs, check("IDEA_RATED_BY_MINISTRIES", "Ý tưởng được bộ, ngành Trung ương đánh giá cao trong năm", met, yes, no))
		met, yes, no = achieved(f.count(func(a Achievement) bool { return rated(a) && f.by(a.CityWide) }),
			"được Thành phố công nhận, áp dụng và được bộ, ngành đánh giá cao")
		cs = append(cs, check("IDEA_APPLIED_CITY_WIDE", "Ý tưởng ấy được Thành phố công nhận và áp dụng", met, yes, no))
		met, yes, no = achieved(f.count(func(a Achievement) bool { return rated(a) && f.by(a.Effective) }),
			"được cấp có thẩm quyền đánh giá hiệu quả và được bộ, ngành đánh giá cao")
		cs = append(cs, check("IDEA_EVALUATED_EFFECTIVE", "Hiệu quả của ý tưởng ấy được cấp có thẩm quyền đánh giá", met, yes, no))
	case domain.AwardLevelCityChairmanCertificate:
		if f.Kind == domain.RecipientKindCollective {
			cs = append(cs, check("PLAN_LAUNCHED", "Có Kế hoạch tổ chức và phát động rộng khắp trong đơn vị",
				f.Plan.Issued && f.Plan.Launched,
				f.say("Kế hoạch giai đoạn %s đã ban hành và phát động.", f.Phase),
				f.say("Kế hoạch giai đoạn %s: %s.", f.Phase, planGap(PlanFacts{Issued: f.Plan.Issued, Launched: f.Plan.Launched}))))
			cs = append(cs, check("DIRECTIVE_05", "Phát động phong trào thi đua gắn với Chỉ thị 05-CT/TW",
				f.Plan.Directive05,
				f.say("Kế hoạch giai đoạn %s gắn với Chỉ thị 05-CT/TW.", f.Phase),
				f.say("Kế hoạch giai đoạn %s chưa ghi nhận gắn với Chỉ thị 05-CT/TW.", f.Phase)))
			met, yes, no := achieved(f.count(func(a Achievement) bool { return f.in(a.Effective) }), "được đánh giá hiệu quả")
			cs = append(cs, check("MEMBER_IDEA_EFFECTIVE", "Có cá nhân có ý tưởng sáng tạo mang lại hiệu quả thiết thực", met, yes, no))
		} else {
			cs = append(cs, f.judged(domain.CriterionExcellentInDirection,
				"Có thành tích xuất sắc trong chỉ đạo, tham mưu, triển khai thực hiện tuyên truyền, giáo dục, kiểm tra, giám sát, hỗ trợ cán bộ"))
			met, yes, no := achieved(f.count(func(a Achievement) bool { return f.in(a.CityWide) }),
				"được lãnh đạo đơn vị đề xuất và được Thành phố áp dụng toàn Thành phố")
			cs = append(cs, check("IDEA_APPLIED_CITY_WIDE", "Có ý tưởng được lãnh đạo đơn vị đề xuất và áp dụng trên phạm vi toàn Thành phố", met, yes, no))
		}
	case domain.AwardLevelUnitHeadCertificate:
		// The granting unit's own criteria (domain.DefaultLevel4Criteria
		// until it sets them): §III.3.3 leaves them to the unit.
		if f.Level4.RequireRegistration {
			cs = append(cs, check("REGISTERED", "Đăng ký tham gia phong trào thi đua trong năm (tiêu chí của đơn vị)", f.Register,
				f.say("Đã đăng ký tham gia năm %d.", f.Year), f.say("Chưa đăng ký tham gia năm %d.", f.Year)))
		}
		if n := f.Level4.MinEffectiveIdeas; n > 0 {
			got := f.count(func(a Achievement) bool { return f.in(a.Effective) })
			cs = append(cs, check("IDEA_EFFECTIVE", f.say("Có ít nhất %d ý tưởng, sáng kiến được đánh giá hiệu quả trong năm (tiêu chí của đơn vị)", n),
				got >= n, f.say("Có %d %s được đánh giá hiệu quả trong năm %d.", got, ideaWord, f.Year),
				f.say("Mới có %d/%d %s được đánh giá hiệu quả trong năm %d.", got, n, ideaWord, f.Year)))
		}
		if f.Level4.Note != "" {
			cs = append(cs, f.judged(domain.CriterionUnitOwn, "Tiêu chí riêng của đơn vị: "+f.Level4.Note))
		}
	}
	return cs
}

// leaderClause: "Cá nhân là cán bộ lãnh đạo, người đứng đầu … phải chỉ
// đạo xây dựng kế hoạch tổ chức thực hiện Kết luận số 14-KL/TW …, Kế
// hoạch số 124-KH/TU … và Kế hoạch số 3815/KH-UBND" (§III.3.1.b): the plan
// of every unit the person led that year, issued and implementing all three.
func leaderClause(f Facts) Criterion {
	var gaps, names []string
	for _, u := range f.Led {
		names = append(names, u.Name)
		if g := programmeGap(u.Plan); g != "" {
			gaps = append(gaps, f.say("%s: %s", u.Name, g))
		}
	}
	return check("LEADER_PLAN_PROGRAMMES",
		"Cán bộ lãnh đạo đã chỉ đạo xây dựng kế hoạch thực hiện Kết luận 14-KL/TW, Kế hoạch 124-KH/TU và Kế hoạch 3815/KH-UBND",
		len(gaps) == 0,
		f.say("Kế hoạch giai đoạn %s của %s đã ban hành và thực hiện đủ ba văn bản.", f.Phase, strings.Join(names, ", ")),
		f.say("Kế hoạch giai đoạn %s — %s.", f.Phase, strings.Join(gaps, "; ")))
}

func programmeGap(p PlanFacts) string {
	if !p.Issued {
		return "chưa ban hành"
	}
	var miss []string
	if !p.Conclusion14 {
		miss = append(miss, "Kết luận 14-KL/TW")
	}
	if !p.Plan124 {
		miss = append(miss, "Kế hoạch 124-KH/TU")
	}
	if !p.Plan3815 {
		miss = append(miss, "Kế hoạch 3815/KH-UBND")
	}
	if len(miss) > 0 {
		return "chưa ghi nhận thực hiện " + strings.Join(miss, ", ")
	}
	return ""
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

// Nominable reports whether every criterion is met or still awaits the
// council's judgement: a nomination may go to the council, which judges.
func Nominable(cs []Criterion) bool {
	for _, c := range cs {
		if !c.Met && !c.Pending {
			return false
		}
	}
	return true
}

// Highest is the highest level the recipient may be nominated for: every
// criterion met, or awaiting the council's judgement.
func Highest(f Facts) domain.AwardLevel {
	decided := decidedInYear(f)
	for _, l := range levels {
		if !decided && restsOnAnIdea(f, l) {
			// Most of a city's staff have no idea decided in the year: the
			// criteria of these levels cannot be met without one, so
			// evaluating them (every level for most of the 1.35 M
			// candidates at city scale) only confirms it.
			// TestLevelsRestingOnAnIdea proves the shortcut against
			// Evaluate.
			continue
		}
		if Nominable(Evaluate(f, l)) {
			return l
		}
	}
	return ""
}

// levels are the award levels, highest first.
var levels = func() []domain.AwardLevel {
	var out []domain.AwardLevel
	for _, l := range domain.AwardLevel("").Values() {
		out = append(out, domain.AwardLevel(l))
	}
	return out
}()

// restsOnAnIdea reports whether every criterion list of the level counts
// an idea of the recipient decided in the year: rated by the ministries
// (the Order and the Prime Minister's certificate, §III.3.1), evaluated
// effective (a collective's Chairman's certificate) or applied city-wide
// (an individual's, §III.3.2), and the unit head's certificate wherever
// the granting unit asks for at least one idea evaluated effective in the
// year (§III.3.3: “Do các cơ quan, đơn vị, địa phương thuộc Thành phố quy
// định theo thẩm quyền”; DefaultLevel4Criteria asks for one).
func restsOnAnIdea(f Facts, l domain.AwardLevel) bool {
	switch l {
	case domain.AwardLevelLaborOrderThirdClass, domain.AwardLevelPrimeMinisterCertificate, domain.AwardLevelCityChairmanCertificate:
		return true
	case domain.AwardLevelUnitHeadCertificate:
		return f.Level4.MinEffectiveIdeas > 0
	}
	return false
}

// decidedInYear reports whether an idea of the recipient was rated,
// evaluated effective or applied city-wide in the year.
func decidedInYear(f Facts) bool {
	for _, a := range f.Ideas {
		if f.in(a.Rated) || f.in(a.Effective) || f.in(a.CityWide) {
			return true
		}
	}
	return false
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
	if f.quiet {
		return ""
	}
	for _, x := range f.Flags {
		if x == hiddenNote {
			return f.say("Không đáp ứng tiêu chí về kỷ luật, liêm chính trong năm %d (%s).", f.Year, hiddenNote)
		}
	}
	return f.say("Có %d ghi nhận kỷ luật/vi phạm trong năm %d: %s", len(f.Flags), f.Year, strings.Join(f.Flags, "; "))
}
