package importer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// ideaColumns are the IDEAS template: an idea, then how far it went, as
// the day of each step of its lifecycle (see ideaSteps).
var ideaColumns = []Column{
	{Key: "code", Header: "Mã ý tưởng", Aliases: []string{"code", "idea code"}, Required: true, Help: "Mã duy nhất của ý tưởng: chữ in hoa không dấu, chữ số và dấu gạch ngang, tối đa 32 ký tự; không đổi được sau khi tạo.", Example: "YT-PXMH-2024-001"},
	{Key: "title", Header: "Tên ý tưởng, sáng kiến", Aliases: []string{"tên ý tưởng", "title"}, Required: true, Help: "Tiếng Việt có dấu, tối đa 500 ký tự.", Example: "Tiếp nhận hồ sơ hộ tịch trực tuyến tại phường"},
	{Key: "summary", Header: "Tóm tắt", Aliases: []string{"summary"}, Help: "Vấn đề cần giải quyết, cách làm, kết quả mong đợi; tối đa 20.000 ký tự.", Example: "Tiếp nhận và trả kết quả hộ tịch qua cổng dịch vụ công, giảm thời gian chờ của người dân."},
	{Key: "field", Header: "Lĩnh vực", Aliases: []string{"field"}, Required: true, Help: "Cải cách hành chính; Cải thiện môi trường đầu tư; Hỗ trợ doanh nghiệp; Xây dựng Đảng; Xây dựng chính quyền; Phát triển kinh tế – xã hội; Quốc phòng – an ninh; Phân cấp, phân quyền; Thể chế cho thành phố Thủ Đức; Đất đai và dự án tồn đọng; Lĩnh vực khác (hoặc mã ADMINISTRATIVE_REFORM, INVESTMENT_ENVIRONMENT, BUSINESS_SUPPORT, PARTY_BUILDING, GOVERNMENT_BUILDING, SOCIO_ECONOMIC_DEVELOPMENT, DEFENSE_SECURITY, DECENTRALIZATION, THU_DUC_INSTITUTIONS, LAND_AND_BACKLOGGED_PROJECTS, OTHER).", Example: "Cải cách hành chính"},
	{Key: "kind", Header: "Loại", Aliases: []string{"loại ý tưởng", "kind"}, Required: true, Help: "Ý tưởng, Sáng kiến, Giải pháp sáng tạo hoặc Cách làm đột phá (hoặc mã IDEA, INITIATIVE, CREATIVE_SOLUTION, BREAKTHROUGH_APPROACH).", Example: "Sáng kiến"},
	{Key: "unit", Header: "Mã đơn vị", Aliases: []string{"unit", "unit code"}, Required: true, Help: "Đơn vị nơi ý tưởng được đề xuất và báo cáo người đứng đầu; phải có trong hệ thống.", Example: "PX-MINH-HOA"},
	{Key: "proposed_on", Header: "Ngày đề xuất", Aliases: []string{"proposed on"}, Required: true, Help: "dd/mm/yyyy hoặc yyyy-mm-dd, từ năm 2000, không sau hôm nay; năm của ngày này là năm của ý tưởng trong các báo cáo.", Example: "15/03/2024"},
	{Key: "proposers", Header: "Mã người đề xuất", Aliases: []string{"người đề xuất", "proposers", "proposer codes"}, Help: "Mã cán bộ (đã có trong hệ thống) của từng người đề xuất, cách nhau bằng dấu chấm phẩy (;). Bắt buộc khi ý tưởng không phải của tập thể.", Example: "CB9000001; CB9000002"},
	{Key: "by_collective", Header: "Đề xuất của tập thể", Aliases: []string{"tập thể", "by collective", "collective"}, Help: "Có nếu tập thể đơn vị đề xuất (khi đó có thể để trống người đề xuất); Không hoặc để trống nếu do cá nhân đề xuất.", Example: "Không"},
	{Key: "submitted_on", Header: "Ngày nộp", Aliases: []string{"ngày báo cáo", "submitted on"}, Help: "Ngày báo cáo người đứng đầu đơn vị. Mỗi ngày của quá trình (từ cột này đến Ngày không chấp thuận) để trống nếu bước đó chưa diễn ra; không được trước Ngày đề xuất, ngày của bước trước hay sau hôm nay.", Example: "20/03/2024"},
	{Key: "review_on", Header: "Ngày bắt đầu xem xét", Aliases: []string{"review started on"}, Help: "Ngày bắt đầu xem xét; cần có Ngày nộp.", Example: "01/04/2024"},
	{Key: "approved_on", Header: "Ngày phê duyệt", Aliases: []string{"approved on"}, Help: "Ngày của quyết định phê duyệt; cần có Ngày bắt đầu xem xét, Hình thức phê duyệt và Số quyết định phê duyệt.", Example: "15/05/2024"},
	{Key: "approval", Header: "Hình thức phê duyệt", Aliases: []string{"approval", "approval type"}, Help: "Triển khai hoặc Thí điểm; bắt buộc khi có Ngày phê duyệt.", Example: "Thí điểm"},
	{Key: "decision", Header: "Số quyết định phê duyệt", Aliases: []string{"số quyết định", "decision number"}, Help: "Số, ký hiệu của quyết định phê duyệt; bắt buộc khi có Ngày phê duyệt. Các bước sau cần căn cứ quyết định (đánh giá, áp dụng tại đơn vị, đề xuất Thành phố, áp dụng toàn Thành phố, Bộ, ngành đánh giá) được ghi với số và ngày của quyết định này.", Example: "45/QĐ-UBND"},
	{Key: "authority", Header: "Cấp phê duyệt", Aliases: []string{"cấp có thẩm quyền", "authority"}, Help: "Cấp có thẩm quyền đã phê duyệt và đánh giá; bắt buộc khi có Ngày đánh giá, Ngày áp dụng toàn Thành phố hoặc Ngày Bộ, ngành đánh giá.", Example: "Ủy ban nhân dân Phường Minh Hòa"},
	{Key: "pilot_scope", Header: "Phạm vi thí điểm", Aliases: []string{"pilot scope"}, Help: "Nơi, đối tượng thí điểm; bắt buộc khi Hình thức phê duyệt là Thí điểm, để trống khi là Triển khai.", Example: "Bộ phận tiếp nhận và trả kết quả của phường"},
	{Key: "pilot_end", Header: "Ngày dự kiến kết thúc thí điểm", Aliases: []string{"pilot planned end"}, Help: "Bắt buộc khi phê duyệt thí điểm; phải sau ngày bắt đầu thí điểm (Ngày bắt đầu thực hiện, hoặc Ngày phê duyệt nếu chưa bắt đầu).", Example: "31/12/2024"},
	{Key: "started_on", Header: "Ngày bắt đầu thực hiện", Aliases: []string{"started on"}, Help: "Ngày bắt đầu triển khai hoặc bắt đầu thí điểm (theo Hình thức phê duyệt); cần có Ngày phê duyệt.", Example: "01/06/2024"},
	{Key: "evaluated_on", Header: "Ngày đánh giá", Aliases: []string{"evaluated on"}, Help: "Ngày cấp có thẩm quyền đánh giá kết quả; cần có Ngày bắt đầu thực hiện, Kết quả đánh giá và Cấp phê duyệt.", Example: "15/12/2024"},
	{Key: "evaluation", Header: "Kết quả đánh giá", Aliases: []string{"evaluation", "evaluation result"}, Help: "Hiệu quả hoặc Không hiệu quả; bắt buộc khi có Ngày đánh giá.", Example: "Hiệu quả"},
	{Key: "applied_on", Header: "Ngày áp dụng tại đơn vị", Aliases: []string{"applied in unit on"}, Help: "Ngày công nhận và áp dụng tại đơn vị; cần kết quả đánh giá Hiệu quả.", Example: "10/01/2025"},
	{Key: "city_proposed_on", Header: "Ngày đề xuất Thành phố", Aliases: []string{"proposed to city on"}, Help: "Ngày lãnh đạo đơn vị đề xuất Thành phố; cần có Ngày áp dụng tại đơn vị.", Example: "20/02/2025"},
	{Key: "city_wide_on", Header: "Ngày áp dụng toàn Thành phố", Aliases: []string{"applied city-wide on"}, Help: "Ngày Thành phố cho áp dụng trên toàn Thành phố; cần có Ngày đề xuất Thành phố và Cấp phê duyệt.", Example: ""},
	{Key: "ministries_on", Header: "Ngày Bộ, ngành đánh giá", Aliases: []string{"rated by ministries on"}, Help: "Ngày Bộ, ngành Trung ương đánh giá cao; cần có Ngày áp dụng toàn Thành phố và Cấp phê duyệt.", Example: ""},
	{Key: "rejected_on", Header: "Ngày không chấp thuận", Aliases: []string{"rejected on"}, Help: "Ngày ý tưởng không được chấp thuận; chỉ khi đang xem xét (có Ngày bắt đầu xem xét, không có Ngày phê duyệt và các bước sau).", Example: ""},
	{Key: "note", Header: "Ghi chú", Aliases: []string{"note"}, Help: "Ghi vào mọi bước của quá trình; là lý do, bắt buộc, khi có Ngày không chấp thuận hoặc kết quả đánh giá Không hiệu quả. Để trống thì các bước ghi “Nhập từ tệp”.", Example: ""},
}

// ideaSteps are the lifecycle's columns, in the order their events are
// applied from DRAFT: each column's day, when given, is one event, whose
// action may depend on the row (the approval's form, the evaluation's
// result).
var ideaSteps = []struct {
	key    string
	action func(i *ideaRow) domain.IdeaAction
}{
	{"submitted_on", fixed(domain.IdeaActionSubmit)},
	{"review_on", fixed(domain.IdeaActionStartReview)},
	{"approved_on", func(i *ideaRow) domain.IdeaAction { return i.approval }},
	{"started_on", func(i *ideaRow) domain.IdeaAction {
		if i.approval == domain.IdeaActionApprovePilot {
			return domain.IdeaActionStartPilot
		}
		return domain.IdeaActionStartImplementation
	}},
	{"evaluated_on", func(i *ideaRow) domain.IdeaAction { return i.evaluation }},
	{"applied_on", fixed(domain.IdeaActionApplyInUnit)},
	{"city_proposed_on", fixed(domain.IdeaActionProposeToCity)},
	{"city_wide_on", fixed(domain.IdeaActionApplyCityWide)},
	{"ministries_on", fixed(domain.IdeaActionRateByMinistries)},
	{"rejected_on", fixed(domain.IdeaActionReject)},
}

func fixed(a domain.IdeaAction) func(*ideaRow) domain.IdeaAction {
	return func(*ideaRow) domain.IdeaAction { return a }
}

// stepColumn is the column that holds an action's day, for problems about
// recorded events ("code" for actions a file cannot hold).
func stepColumn(a domain.IdeaAction) string {
	switch a {
	case domain.IdeaActionSubmit:
		return "submitted_on"
	case domain.IdeaActionStartReview:
		return "review_on"
	case domain.IdeaActionApproveImplementation, domain.IdeaActionApprovePilot:
		return "approved_on"
	case domain.IdeaActionStartImplementation, domain.IdeaActionStartPilot:
		return "started_on"
	case domain.IdeaActionEvaluateEffective, domain.IdeaActionEvaluateIneffective:
		return "evaluated_on"
	case domain.IdeaActionApplyInUnit:
		return "applied_on"
	case domain.IdeaActionProposeToCity:
		return "city_proposed_on"
	case domain.IdeaActionApplyCityWide:
		return "city_wide_on"
	case domain.IdeaActionRateByMinistries:
		return "ministries_on"
	case domain.IdeaActionReject:
		return "rejected_on"
	}
	return "code"
}

var (
	approvals = map[string]domain.IdeaAction{
		"triển khai": domain.IdeaActionApproveImplementation, "thí điểm": domain.IdeaActionApprovePilot,
		"chấp thuận triển khai": domain.IdeaActionApproveImplementation, "chấp thuận thí điểm": domain.IdeaActionApprovePilot,
		"implementation": domain.IdeaActionApproveImplementation, "pilot": domain.IdeaActionApprovePilot,
		"approve_implementation": domain.IdeaActionApproveImplementation, "approve_pilot": domain.IdeaActionApprovePilot,
	}
	evaluations = map[string]domain.IdeaAction{
		"hiệu quả": domain.IdeaActionEvaluateEffective, "không hiệu quả": domain.IdeaActionEvaluateIneffective,
		"effective": domain.IdeaActionEvaluateEffective, "ineffective": domain.IdeaActionEvaluateIneffective,
		"evaluate_effective": domain.IdeaActionEvaluateEffective, "evaluate_ineffective": domain.IdeaActionEvaluateIneffective,
	}
	yesNo = map[string]bool{"có": true, "x": true, "tập thể": true, "yes": true, "true": true, "1": true,
		"không": false, "cá nhân": false, "no": false, "false": false, "0": false}
)

// importNote is every imported event's note when the row has none.
const importNote = "Nhập từ tệp"

type ideaStep struct {
	key      string // the column of its day
	action   domain.IdeaAction
	day      time.Time
	from, to domain.IdeaStatus
}

type ideaRow struct {
	n                    int
	code, title, summary string
	field                domain.IdeaField
	kind                 domain.IdeaKind
	unit                 string
	proposedOn           *time.Time
	proposers            []string
	collective           bool
	approval, evaluation domain.IdeaAction
	approvedOn           *time.Time
	decision, authority  string
	pilotScope           string
	pilotStart, pilotEnd *time.Time
	note                 string     // Ghi chú, or importNote when blank
	noted                bool       // Ghi chú was given
	steps                []ideaStep // valid only when chained
	chained              bool       // every step passed the lifecycle's rules
	status               domain.IdeaStatus
	existing             *ent.Idea
	appended             []ideaStep // steps after the recorded ones
	described            bool       // title, summary, field or kind differ from the record
}

// importIdeas records ideas with how far they went: each row's days
// become the idea's events, applied one by one through the lifecycle's
// rules (ideaflow) from DRAFT. A recorded idea's descriptive fields are
// updated from the file; its history (unit, day of proposal, proposers,
// events) is never rewritten, but steps after the recorded ones are added.
func importIdeas(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	today := civilToday()
	var rows []*ideaRow
	seen := map[string]int{}
	units, people := map[string]bool{}, map[string]bool{}
	for _, r := range t.rows {
		c := rowCheck{kind: Ideas, t: t, r: r, problems: &res.Problems}
		i := readIdea(c, today)
		if i.code != "" {
			if first, dup := seen[i.code]; dup {
				c.fail("code", "Mã ý tưởng %s đã có ở dòng %d.", i.code, first)
				continue
			}
			seen[i.code] = r.n
		}
		if i.unit != "" {
			units[i.unit] = true
		}
		for _, p := range i.proposers {
			people[p] = true
		}
		rows = append(rows, i)
	}
	unitID, unitPath, err := unitRefs(ctx, client, units)
	if err != nil {
		return err
	}
	personID := map[string]int{}
	for _, chunk := range chunks(keys(people)) {
		ps, err := client.Person.Query().Where(person.CodeIn(chunk...)).Select(person.FieldID, person.FieldCode).All(sys)
		if err != nil {
			return err
		}
		for _, p := range ps {
			personID[p.Code] = p.ID
		}
	}
	for _, i := range rows {
		c := rowCheck{kind: Ideas, t: t, r: row{n: i.n}, problems: &res.Problems}
		if _, ok := unitID[i.unit]; !ok && i.unit != "" {
			c.fail("unit", "Không có đơn vị mã %s trong hệ thống; hãy nhập danh mục đơn vị trước.", i.unit)
		}
		for _, p := range i.proposers {
			if _, ok := personID[p]; !ok {
				c.fail("proposers", "Không có cán bộ mã %s trong hệ thống; hãy nhập danh sách cán bộ trước.", p)
			}
		}
	}
	if !res.OK() {
		return nil
	}
	existing := map[string]*ent.Idea{}
	for _, chunk := range chunks(keys(seenCodes(seen))) {
		is, err := client.Idea.Query().Where(idea.CodeIn(chunk...)).WithUnit().WithProposers().
			WithEvents(func(q *ent.IdeaEventQuery) { q.Order(ent.Asc(ideaevent.FieldSeq)) }).All(sys)
		if err != nil {
			return err
		}
		for _, e := range is {
			existing[e.Code] = e
		}
	}
	for _, i := range rows {
		if e := existing[i.code]; e != nil {
			i.existing = e
			compareIdea(rowCheck{kind: Ideas, t: t, r: row{n: i.n}, problems: &res.Problems}, i, e)
		}
	}
	if !res.OK() {
		return nil
	}
	for _, i := range rows {
		res.outcome(i.existing == nil, i.existing != nil && (i.described || len(i.appended) > 0))
	}
	if !write {
		return nil
	}
	return writeIdeas(ctx, client, rows, unitID, unitPath, personID)
}

func seenCodes(seen map[string]int) map[string]bool {
	out := make(map[string]bool, len(seen))
	for c := range seen {
		out[c] = true
	}
	return out
}

// readIdea reads and checks a row on its own: cells, pairs of cells that
// go together, the order of the days, and the chain of events through the
// lifecycle's rules.
func readIdea(c rowCheck, today time.Time) *ideaRow {
	i := &ideaRow{n: c.r.n, code: c.code("code", true, 32), title: c.text("title", true, 500),
		summary: c.text("summary", false, 20000), field: enum[domain.IdeaField](c, "field", true),
		kind: enum[domain.IdeaKind](c, "kind", true), unit: c.code("unit", true, 64),
		proposedOn: c.date("proposed_on", true), decision: c.text("decision", false, 64),
		authority: c.text("authority", false, 255), pilotScope: c.text("pilot_scope", false, 2000),
		pilotEnd: c.date("pilot_end", false), note: c.text("note", false, 4000)}
	if i.noted = i.note != ""; !i.noted {
		i.note = importNote
	}
	if v := c.t.get(c.r, "by_collective"); v != "" {
		b, ok := yesNo[strings.ToLower(v)]
		if !ok {
			c.fail("by_collective", "Giá trị %q không hợp lệ; ghi Có hoặc Không.", v)
		}
		i.collective = b
	}
	i.proposers = codeList(c, "proposers", 32)
	if !i.collective && c.t.get(c.r, "proposers") == "" {
		c.fail("proposers", "Bắt buộc khi ý tưởng không phải của tập thể (cột %s là Không hoặc để trống).", header(Ideas, "by_collective"))
	}
	if d := i.proposedOn; d != nil {
		switch {
		case d.Year() < 2000:
			c.fail("proposed_on", "Ngày đề xuất %s trước năm 2000.", dayText(d))
		case d.After(today):
			c.fail("proposed_on", "Ngày đề xuất %s chưa tới.", dayText(d))
		}
	}

	days := map[string]*time.Time{}
	for _, s := range ideaSteps {
		days[s.key] = c.date(s.key, false)
	}
	filled := func(key string) bool { return c.t.get(c.r, key) != "" }
	i.approval = choice(c, "approval", approvals, "Triển khai hoặc Thí điểm")
	i.evaluation = choice(c, "evaluation", evaluations, "Hiệu quả hoặc Không hiệu quả")
	i.approvedOn = days["approved_on"]
	complete := true // every step's action is known
	// reported: columns already said to be missing, so that the needs of
	// several steps name each only once.
	reported := map[string]bool{}
	if filled("approved_on") {
		if !filled("approval") {
			c.fail("approval", "Bắt buộc khi có %s.", header(Ideas, "approved_on"))
		}
		if i.decision == "" {
			c.fail("decision", "Bắt buộc khi có %s.", header(Ideas, "approved_on"))
			reported["decision"] = true
		}
		complete = complete && i.approval != ""
	} else {
		for _, key := range []string{"approval", "decision", "pilot_scope", "pilot_end"} {
			if filled(key) {
				c.fail(key, "Chỉ ghi khi có %s.", header(Ideas, "approved_on"))
			}
		}
	}
	switch i.approval {
	case domain.IdeaActionApprovePilot:
		for _, key := range []string{"pilot_scope", "pilot_end"} {
			if !filled(key) && filled("approved_on") {
				c.fail(key, "Bắt buộc khi phê duyệt thí điểm.")
				reported[key] = true
			}
		}
		i.pilotStart = days["started_on"]
		if i.pilotStart == nil {
			i.pilotStart = i.approvedOn
		}
	case domain.IdeaActionApproveImplementation:
		for _, key := range []string{"pilot_scope", "pilot_end"} {
			if filled(key) {
				c.fail(key, "Để trống khi %s là Triển khai.", header(Ideas, "approval"))
			}
		}
	}
	switch {
	case filled("evaluated_on") && !filled("evaluation"):
		c.fail("evaluation", "Bắt buộc khi có %s.", header(Ideas, "evaluated_on"))
	case !filled("evaluated_on") && filled("evaluation"):
		c.fail("evaluated_on", "Bắt buộc khi có %s.", header(Ideas, "evaluation"))
	}
	complete = complete && (!filled("evaluated_on") || i.evaluation != "")

	// The chain: each day is on or after the one before, and each action
	// follows from the status the previous one led to. Without every
	// step's action (a pair above is incomplete) only the days are checked.
	status := domain.IdeaStatusDraft
	prevKey, prev := "proposed_on", i.proposedOn
	i.chained = complete && i.proposedOn != nil
	for _, s := range ideaSteps {
		d := days[s.key]
		if d == nil {
			if filled(s.key) { // an unreadable day: the chain cannot be judged
				i.chained = false
			}
			continue
		}
		step := ideaStep{key: s.key, action: s.action(i), day: *d}
		if d.After(today) {
			c.fail(s.key, "Ngày %s chưa tới; chỉ ghi các bước đã diễn ra.", dayText(d))
		}
		if prev != nil && d.Before(*prev) {
			c.fail(s.key, "Ngày %s trước %s (%s); các bước phải theo thứ tự thời gian.", dayText(d), header(Ideas, prevKey), dayText(prev))
		}
		prevKey, prev = s.key, d
		if !i.chained {
			continue
		}
		to, err := ideaflow.Next(step.action, ideaflow.State{Status: status})
		if err != nil {
			hint := "Mỗi bước cần các bước trước nó (xem trang Hướng dẫn của tệp mẫu)."
			if step.action == domain.IdeaActionReject {
				hint = "Chỉ ý tưởng đang xem xét (có " + header(Ideas, "review_on") + ", chưa phê duyệt) mới có thể không được chấp thuận."
			}
			c.fail(s.key, "Bước “%s” không thể ghi: %s %s", step.action.Label(), message(err), hint)
			i.chained = false
			continue
		}
		step.from, step.to, status = status, to, to
		i.checkNeeds(c, step, reported)
		i.steps = append(i.steps, step)
	}
	i.status = status
	return i
}

// checkNeeds checks the row gives what the step's action needs
// (ideaflow.Rules), naming the column that lacks it.
func (i *ideaRow) checkNeeds(c rowCheck, s ideaStep, reported map[string]bool) {
	need := ideaflow.Rules[s.action].Needs
	missing := func(key, what string) {
		if !reported[key] {
			c.fail(key, "Bắt buộc khi có %s: bước “%s” cần %s.", header(Ideas, s.key), s.action.Label(), what)
			reported[key] = true
		}
	}
	lacks := false
	if need&ideaflow.NeedDecision != 0 {
		if i.decision == "" {
			missing("decision", "số quyết định")
			lacks = true
		}
		if i.approvedOn == nil {
			missing("approved_on", "ngày quyết định")
			lacks = true
		}
	}
	if need&ideaflow.NeedNote != 0 && !i.noted {
		missing("note", "lý do (ghi chú)")
		lacks = true
	}
	if need&ideaflow.NeedAuthority != 0 && i.authority == "" {
		missing("authority", "cấp có thẩm quyền")
		lacks = true
	}
	if need&ideaflow.NeedPilot != 0 {
		if i.pilotScope == "" {
			missing("pilot_scope", "phạm vi thí điểm")
			lacks = true
		}
		if i.pilotEnd == nil {
			missing("pilot_end", "ngày dự kiến kết thúc thí điểm")
			lacks = true
		}
	}
	if lacks || reported["decision"] || reported["pilot_scope"] || reported["pilot_end"] {
		return
	}
	// What the rules check beyond presence (a pilot ending after it
	// starts), and any need the columns above do not cover.
	if err := ideaflow.Validate(s.action, i.input(s)); err != nil {
		key := s.key
		if need&ideaflow.NeedPilot != 0 {
			key = "pilot_end"
		}
		c.fail(key, "%s", message(err))
	}
}

// input is what the step's action carries, as ideaflow.Act would receive it.
func (i *ideaRow) input(s ideaStep) ideaflow.Input {
	in := ideaflow.Input{Note: &i.note}
	if i.approvedOn != nil {
		in.DecisionNumber, in.DecisionDate = &i.decision, i.approvedOn
		if i.authority != "" {
			in.Authority = &i.authority
		}
	}
	if s.action == domain.IdeaActionApprovePilot {
		in.PilotScope, in.PilotStartOn, in.PilotPlannedEnd = &i.pilotScope, i.pilotStart, i.pilotEnd
	}
	return in
}

// compareIdea matches a row with the recorded idea of its code: the
// descriptive fields may change; the history may only grow at its end.
func compareIdea(c rowCheck, i *ideaRow, e *ent.Idea) {
	rewrite := func(key, format string, args ...any) {
		c.fail(key, "Ý tưởng %s %s: lịch sử của ý tưởng đã ghi không sửa được bằng cách nhập tệp.", i.code, fmt.Sprintf(format, args...))
	}
	i.described = e.Title != i.title || e.Summary != i.summary || e.Field != i.field || e.Kind != i.kind
	if u := e.Edges.Unit; u != nil && u.Code != i.unit {
		rewrite("unit", "đã ghi thuộc đơn vị %s, tệp ghi %s", u.Code, i.unit)
	}
	if !sameDay(&e.ProposedOn, i.proposedOn) {
		rewrite("proposed_on", "đã ghi ngày đề xuất %s, tệp ghi %s", dayText(&e.ProposedOn), dayText(i.proposedOn))
	}
	if e.ByCollective != i.collective {
		rewrite("by_collective", "đã ghi %s, tệp ghi %s", collectiveText(e.ByCollective), collectiveText(i.collective))
	}
	recorded := make([]string, 0, len(e.Edges.Proposers))
	for _, p := range e.Edges.Proposers {
		recorded = append(recorded, p.Code)
	}
	slices.Sort(recorded)
	file := slices.Clone(i.proposers)
	slices.Sort(file)
	if !slices.Equal(recorded, file) {
		rewrite("proposers", "đã ghi người đề xuất %s, tệp ghi %s", listText(recorded), listText(file))
	}
	events := e.Edges.Events
	if len(events) > 0 && events[0].Action == domain.IdeaActionCreate {
		events = events[1:]
	}
	for k, ev := range events {
		switch {
		case k >= len(i.steps):
			rewrite(stepColumn(ev.Action), "đã ghi bước “%s” ngày %s mà tệp không có", ev.Action.Label(), civil(ev.OccurredAt))
		case ev.Action != i.steps[k].action:
			rewrite(i.steps[k].key, "đã ghi bước thứ %d là “%s” ngày %s, tệp ghi “%s”", k+1, ev.Action.Label(),
				civil(ev.OccurredAt), i.steps[k].action.Label())
		case civil(ev.OccurredAt) != dayText(&i.steps[k].day):
			rewrite(i.steps[k].key, "đã ghi bước “%s” ngày %s, tệp ghi ngày %s", ev.Action.Label(), civil(ev.OccurredAt),
				dayText(&i.steps[k].day))
		case isApproval(ev.Action) && strings.TrimSpace(ev.DecisionNumber) != i.decision:
			rewrite("decision", "đã ghi phê duyệt theo quyết định %s, tệp ghi %s", ev.DecisionNumber, i.decision)
		default:
			continue
		}
		return
	}
	i.appended = i.steps[len(events):]
}

func isApproval(a domain.IdeaAction) bool {
	return a == domain.IdeaActionApproveImplementation || a == domain.IdeaActionApprovePilot
}

// writeIdeas creates the new ideas with their proposers, updates the
// recorded ones, then writes every new event: creations in batches, with
// their audit rows in batches (audit.RecordCreated); updates one by one
// through the audit hook.
func writeIdeas(ctx context.Context, client *ent.Client, rows []*ideaRow, unitID map[string]int, unitPath map[int]string,
	personID map[string]int) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	actor := "system"
	if v := access.FromContext(ctx); v != nil {
		actor = v.Sub
	}
	var actorPerson *int
	if id, err := client.Person.Query().Where(person.Code(actor)).OnlyID(sys); err == nil {
		actorPerson = &id
	}
	// Statuses are written only with the events that lead to them.
	workflow := access.AllowStatusChange(ctx)
	bulk := audit.Suppress(workflow)

	var fresh []*ideaRow
	for _, i := range rows {
		if i.existing == nil {
			fresh = append(fresh, i)
		}
	}
	ideaID := map[*ideaRow]int{}
	for k := 0; k < len(fresh); k += batch {
		part := fresh[k:min(k+batch, len(fresh))]
		creates := make([]*ent.IdeaCreate, len(part))
		for j, i := range part {
			ids := make([]int, len(i.proposers))
			for x, p := range i.proposers {
				ids[x] = personID[p]
			}
			cr := client.Idea.Create().SetCode(i.code).SetTitle(i.title).SetSummary(i.summary).SetField(i.field).
				SetKind(i.kind).SetUnitID(unitID[i.unit]).SetByCollective(i.collective).SetProposedOn(*i.proposedOn).
				SetYear(i.proposedOn.Year()).SetStatus(i.status).SetVersion(len(i.steps)).AddProposerIDs(ids...)
			if slices.ContainsFunc(i.steps, func(s ideaStep) bool { return s.action == domain.IdeaActionApprovePilot }) {
				cr.SetPilotScope(i.pilotScope).SetPilotStartedOn(*i.pilotStart).SetPilotPlannedEnd(*i.pilotEnd)
			}
			creates[j] = cr
		}
		created, err := client.Idea.CreateBulk(creates...).Save(bulk)
		if err != nil {
			return rowError(part[0].n, err)
		}
		records := make([]audit.Created, len(created))
		for j, e := range created {
			ideaID[part[j]] = e.ID
			ids := make([]int, len(part[j].proposers))
			for x, p := range part[j].proposers {
				ids[x] = personID[p]
			}
			fields := map[string]any{"created_at": e.CreatedAt, "updated_at": e.UpdatedAt, "code": e.Code, "title": e.Title,
				"summary": e.Summary, "field": e.Field, "kind": e.Kind, "status": e.Status, "unit_id": e.UnitID,
				"by_collective": e.ByCollective, "proposed_on": e.ProposedOn, "year": e.Year, "version": e.Version}
			if e.PilotStartedOn != nil {
				fields["pilot_scope"], fields["pilot_started_on"], fields["pilot_planned_end"] = e.PilotScope, e.PilotStartedOn, e.PilotPlannedEnd
			}
			if len(ids) > 0 {
				fields["+proposers"] = ids
			}
			records[j] = audit.Created{ID: e.ID, UnitPath: unitPath[e.UnitID], Fields: fields}
		}
		if err := audit.RecordCreated(ctx, client, "Idea", records); err != nil {
			return err
		}
	}

	type pending struct {
		i    *ideaRow
		id   int
		path string
	}
	var events []*ent.IdeaEventCreate
	var owners []pending
	add := func(i *ideaRow, id, seq int, s *ideaStep) {
		ev := client.IdeaEvent.Create().SetIdeaID(id).SetSeq(seq).SetActorSub(actor).SetNillableActorPersonID(actorPerson).SetNote(i.note)
		if s == nil {
			ev.SetAction(domain.IdeaActionCreate).SetToStatus(domain.IdeaStatusDraft).SetOccurredAt(nineAM(*i.proposedOn))
		} else {
			ev.SetAction(s.action).SetFromStatus(s.from).SetToStatus(s.to).SetOccurredAt(nineAM(s.day))
			need := ideaflow.Rules[s.action].Needs
			if need&ideaflow.NeedDecision != 0 || isApproval(s.action) {
				ev.SetDecisionNumber(i.decision).SetDecisionDate(*i.approvedOn)
			}
			if (need&ideaflow.NeedAuthority != 0 || isApproval(s.action)) && i.authority != "" {
				ev.SetAuthority(i.authority)
			}
		}
		events = append(events, ev)
		owners = append(owners, pending{i, id, unitPath[unitID[i.unit]]})
	}
	for _, i := range rows {
		e := i.existing
		if e == nil {
			add(i, ideaID[i], 0, nil)
			for k := range i.steps {
				add(i, ideaID[i], k+1, &i.steps[k])
			}
			continue
		}
		if !i.described && len(i.appended) == 0 {
			continue
		}
		upd := client.Idea.UpdateOneID(e.ID).Where(idea.Version(e.Version))
		if i.described {
			upd.SetTitle(i.title).SetSummary(i.summary).SetField(i.field).SetKind(i.kind)
		}
		uctx := ctx
		if len(i.appended) > 0 {
			uctx = workflow
			upd.SetStatus(i.status).SetVersion(e.Version + len(i.appended))
			if slices.ContainsFunc(i.appended, func(s ideaStep) bool { return s.action == domain.IdeaActionApprovePilot }) {
				upd.SetPilotScope(i.pilotScope).SetPilotStartedOn(*i.pilotStart).SetPilotPlannedEnd(*i.pilotEnd)
			}
		}
		if err := upd.Exec(uctx); err != nil {
			if ent.IsNotFound(err) {
				return rowError(i.n, problem.New(problem.Conflict,
					"Ý tưởng %s vừa được người khác cập nhật; hãy nhập lại tệp.", i.code))
			}
			return rowError(i.n, err)
		}
		for k := range i.appended {
			add(i, e.ID, e.Version+k+1, &i.appended[k])
		}
	}
	ebulk := audit.Suppress(privacy.DecisionContext(ctx, privacy.Allow))
	for k := 0; k < len(events); k += batch {
		end := min(k+batch, len(events))
		created, err := client.IdeaEvent.CreateBulk(events[k:end]...).Save(ebulk)
		if err != nil {
			return rowError(owners[k].i.n, fmt.Errorf("idea events: %w", err))
		}
		records := make([]audit.Created, len(created))
		for j, ev := range created {
			records[j] = audit.Created{ID: ev.ID, UnitPath: owners[k+j].path, Fields: map[string]any{
				"idea_id": ev.IdeaID, "action": ev.Action, "from_status": ev.FromStatus, "to_status": ev.ToStatus,
				"seq": ev.Seq, "occurred_at": ev.OccurredAt, "actor_sub": ev.ActorSub, "actor_person_id": ev.ActorPersonID,
				"decision_number": ev.DecisionNumber, "decision_date": ev.DecisionDate, "authority": ev.Authority, "note": ev.Note}}
		}
		if err := audit.RecordCreated(ctx, client, "IdeaEvent", records); err != nil {
			return err
		}
	}
	return nil
}

// choice reads a cell that names one of a few options, in any case.
func choice[T any](c rowCheck, key string, options map[string]T, allowed string) T {
	var zero T
	v := c.t.get(c.r, key)
	if v == "" {
		return zero
	}
	if o, ok := options[strings.ToLower(v)]; ok {
		return o
	}
	c.fail(key, "Giá trị %q không hợp lệ; ghi %s.", v, allowed)
	return zero
}

// codeList reads codes separated by ";" (or ","), each checked as a code.
func codeList(c rowCheck, key string, max int) []string {
	v := c.t.get(c.r, key)
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		code := strings.ToUpper(strings.TrimSpace(part))
		switch {
		case code == "":
			continue
		case len(code) > max || !codeRe.MatchString(code):
			c.fail(key, "Mã %q chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang, tối đa %d ký tự.", code, max)
		case slices.Contains(out, code):
			c.fail(key, "Mã %s bị ghi hai lần.", code)
		default:
			out = append(out, code)
		}
	}
	return out
}

// nineAM is a step's moment: a file gives days, and each becomes the
// day at 09:00 in Ho Chi Minh City.
func nineAM(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, domain.Zone)
}

// civil is the day of a recorded moment in Ho Chi Minh City, as dayText writes it.
func civil(t time.Time) string { return t.In(domain.Zone).Format("02/01/2006") }

// civilToday is today in Ho Chi Minh City, as parseDate returns days.
func civilToday() time.Time {
	n := time.Now().In(domain.Zone)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func message(err error) string {
	if p, ok := problem.As(err); ok {
		return p.Message
	}
	return err.Error()
}

func collectiveText(b bool) string {
	if b {
		return "là ý tưởng của tập thể"
	}
	return "là ý tưởng của cá nhân"
}

func listText(codes []string) string {
	if len(codes) == 0 {
		return "(không có)"
	}
	return strings.Join(codes, "; ")
}
