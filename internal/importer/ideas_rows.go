package importer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
)

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
	ev := choice(c, "evaluation", evaluations, "Rất hiệu quả, Hiệu quả cao, Hiệu quả hoặc Không hiệu quả")
	i.evaluation, i.degree = ev.action, ev.degree
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
	if i.degree != "" && s.action == domain.IdeaActionEvaluateEffective {
		d := i.degree
		in.Effectiveness = &d
	}
	if isApproval(s.action) {
		// The file records the unit's own approvals: a superior's or the
		// city's is entered through the API, which asks for it.
		unit := domain.AuthorityLevelUnit
		in.AuthorityLevel = &unit
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
