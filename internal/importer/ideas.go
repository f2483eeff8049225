package importer

import (
	"context"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
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
	{Key: "evaluation", Header: "Kết quả đánh giá", Aliases: []string{"evaluation", "evaluation result"}, Help: "Mức độ hiệu quả cấp có thẩm quyền đánh giá: Rất hiệu quả, Hiệu quả cao hoặc Hiệu quả; hoặc Không hiệu quả. Bắt buộc khi có Ngày đánh giá.", Example: "Hiệu quả cao"},
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

// evaluation is what the evaluation column says: effective, to what
// degree, or not effective.
type evaluation struct {
	action domain.IdeaAction
	degree domain.Effectiveness
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
	evaluations = map[string]evaluation{
		"rất hiệu quả":   {domain.IdeaActionEvaluateEffective, domain.EffectivenessVeryHigh},
		"hiệu quả cao":   {domain.IdeaActionEvaluateEffective, domain.EffectivenessHigh},
		"hiệu quả":       {domain.IdeaActionEvaluateEffective, domain.EffectivenessEffective},
		"very_high":      {domain.IdeaActionEvaluateEffective, domain.EffectivenessVeryHigh},
		"high":           {domain.IdeaActionEvaluateEffective, domain.EffectivenessHigh},
		"effective":      {domain.IdeaActionEvaluateEffective, domain.EffectivenessEffective},
		"không hiệu quả": {action: domain.IdeaActionEvaluateIneffective}, "ineffective": {action: domain.IdeaActionEvaluateIneffective},
		"evaluate_ineffective": {action: domain.IdeaActionEvaluateIneffective},
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
	degree               domain.Effectiveness // of an effective evaluation
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
