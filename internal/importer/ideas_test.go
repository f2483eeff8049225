package importer

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// ideaLine is a row of the ideas template from its cells by column key.
func ideaLine(cells map[string]string) []string {
	out := make([]string, len(Columns[Ideas]))
	for i, c := range Columns[Ideas] {
		out[i] = cells[c.Key]
		delete(cells, c.Key)
	}
	if len(cells) > 0 {
		panic(fmt.Sprintf("ideaLine: unknown keys %v", slices.Collect(maps.Keys(cells))))
	}
	return out
}

// with is a copy of a row's cells with some changed.
func with(base map[string]string, changes ...string) map[string]string {
	out := maps.Clone(base)
	for i := 0; i+1 < len(changes); i += 2 {
		out[changes[i]] = changes[i+1]
	}
	return out
}

var (
	draftIdea = map[string]string{"code": "YT-NHAP", "title": "Sổ tay điện tử cho tổ dân phố", "field": "Cải cách hành chính",
		"kind": "Ý tưởng", "unit": "PX-HAI", "proposed_on": "10/08/2025", "proposers": "CB9000002"}
	rejectedIdea = map[string]string{"code": "YT-TU-CHOI", "title": "Gộp bộ phận một cửa hai phường", "field": "DECENTRALIZATION",
		"kind": "Cách làm đột phá", "unit": "Q-THU", "proposed_on": "02/01/2024", "by_collective": "Có",
		"submitted_on": "05/01/2024", "review_on": "10/01/2024", "rejected_on": "01/03/2024", "note": "Chưa đủ căn cứ pháp lý."}
	pilotIdea = map[string]string{"code": "YT-THI-DIEM", "title": "Hẹn giờ trả kết quả qua tin nhắn", "summary": "Người dân nhận tin nhắn khi hồ sơ có kết quả.",
		"field": "Cải cách hành chính", "kind": "Sáng kiến", "unit": "Q-THU", "proposed_on": "15/03/2024", "proposers": "CB9000001; CB9000002",
		"submitted_on": "20/03/2024", "review_on": "01/04/2024", "approved_on": "15/05/2024", "approval": "Thí điểm",
		"decision": "45/QĐ-UBND", "authority": "Ủy ban nhân dân Quận Thử", "pilot_scope": "Bộ phận một cửa của quận",
		"pilot_end": "31/12/2024", "started_on": "01/06/2024", "evaluated_on": "15/12/2024", "evaluation": "Hiệu quả cao"}
	cityIdea = map[string]string{"code": "YT-TOAN-TP", "title": "Bản đồ số điểm ngập", "field": "SOCIO_ECONOMIC_DEVELOPMENT",
		"kind": "INITIATIVE", "unit": "Q-THU", "proposed_on": "2023-02-01", "proposers": "CB9000001",
		"submitted_on": "2023-02-01", "review_on": "2023-02-15", "approved_on": "2023-03-01", "approval": "Triển khai",
		"decision": "12/QĐ-UBND", "authority": "Ủy ban nhân dân Quận Thử", "started_on": "2023-03-15", "evaluated_on": "2023-09-01",
		"evaluation": "Hiệu quả", "applied_on": "2023-09-15", "city_proposed_on": "2023-10-01", "city_wide_on": "2024-01-10"}
	ministryIdea = with(cityIdea, "code", "YT-BO-NGANH", "title", "Một cửa liên thông đất đai", "field", "Đất đai và dự án tồn đọng",
		"unit", "PX-MOT", "proposed_on", "01/07/2025", "submitted_on", "02/07/2025", "review_on", "03/07/2025",
		"approved_on", "04/07/2025", "started_on", "05/07/2025", "evaluated_on", "01/08/2025", "applied_on", "02/08/2025",
		"city_proposed_on", "03/08/2025", "city_wide_on", "01/09/2025", "ministries_on", "01/10/2025", "note", "Bộ Tư pháp đánh giá cao.")
	ideas = []map[string]string{draftIdea, rejectedIdea, pilotIdea, cityIdea, ministryIdea}
)

func ideaRows(cells ...map[string]string) [][]string {
	out := make([][]string, len(cells))
	for i, c := range cells {
		out[i] = ideaLine(maps.Clone(c))
	}
	return out
}

// importIdeaFile imports the units and people the ideas refer to, then the ideas.
func importIdeaFile(t *testing.T, st *store.Store) Result {
	t.Helper()
	importAll(t, st, false)
	res := run(t, st, Ideas, "y-tuong.xlsx", workbook(t, Ideas, ideaRows(ideas...)), false)
	if !res.OK() {
		t.Fatalf("ideas: %+v", res.Problems)
	}
	return res
}

// chain is an idea's events as "ACTION>TO_STATUS" in seq order, and checks
// the seqs run 0, 1, … and the idea's status and version follow the last.
func chain(t *testing.T, st *store.Store, code string) ([]string, *ent.Idea) {
	t.Helper()
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	i := st.Client.Idea.Query().Where(idea.Code(code)).WithProposers().
		WithEvents(func(q *ent.IdeaEventQuery) { q.Order(ent.Asc(ideaevent.FieldSeq)) }).OnlyX(sys)
	var out []string
	for k, e := range i.Edges.Events {
		if e.Seq != k {
			t.Errorf("%s: event %d has seq %d", code, k, e.Seq)
		}
		out = append(out, string(e.Action)+">"+string(e.ToStatus))
	}
	if n := len(i.Edges.Events); n > 0 {
		last := i.Edges.Events[n-1]
		if i.Status != last.ToStatus || i.Version != last.Seq {
			t.Errorf("%s: status %s version %d, last event %s seq %d", code, i.Status, i.Version, last.ToStatus, last.Seq)
		}
	}
	return out, i
}

// TestImportIdeas: ideas that went to different stages import with their
// events; the same file again changes nothing.
func TestImportIdeas(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		res := importIdeaFile(t, st)
		if counts(res) != "rows 5 created 5 updated 0 unchanged 0" {
			t.Errorf("ideas: %s", counts(res))
		}
		head := []string{"CREATE>DRAFT", "SUBMIT>SUBMITTED", "START_REVIEW>UNDER_REVIEW"}
		city := append(slices.Clone(head), "APPROVE_IMPLEMENTATION>APPROVED_FOR_IMPLEMENTATION", "START_IMPLEMENTATION>IMPLEMENTING",
			"EVALUATE_EFFECTIVE>EVALUATED_EFFECTIVE", "APPLY_IN_UNIT>APPLIED_IN_UNIT", "PROPOSE_TO_CITY>PROPOSED_TO_CITY",
			"APPLY_CITY_WIDE>APPLIED_CITY_WIDE")
		want := map[string][]string{
			"YT-NHAP":     {"CREATE>DRAFT"},
			"YT-TU-CHOI":  append(slices.Clone(head), "REJECT>REJECTED"),
			"YT-THI-DIEM": append(slices.Clone(head), "APPROVE_PILOT>APPROVED_FOR_PILOT", "START_PILOT>PILOTING", "EVALUATE_EFFECTIVE>EVALUATED_EFFECTIVE"),
			"YT-TOAN-TP":  city,
			"YT-BO-NGANH": append(slices.Clone(city), "RATE_BY_MINISTRIES>RATED_BY_MINISTRIES"),
		}
		for code, w := range want {
			if got, _ := chain(t, st, code); !slices.Equal(got, w) {
				t.Errorf("%s: events %v, want %v", code, got, w)
			}
		}

		_, pilot := chain(t, st, "YT-THI-DIEM")
		if pilot.Year != 2024 || pilot.Field != domain.IdeaFieldAdministrativeReform || pilot.Kind != domain.IdeaKindInitiative ||
			pilot.ByCollective || len(pilot.Edges.Proposers) != 2 || pilot.PilotScope != "Bộ phận một cửa của quận" ||
			pilot.PilotStartedOn == nil || pilot.PilotStartedOn.Format("2006-01-02") != "2024-06-01" ||
			pilot.PilotPlannedEnd == nil || pilot.PilotPlannedEnd.Format("2006-01-02") != "2024-12-31" {
			t.Errorf("pilot idea: %+v", pilot)
		}
		for _, e := range pilot.Edges.Events {
			at := e.OccurredAt.In(domain.Zone)
			if at.Hour() != 9 || at.Minute() != 0 || e.ActorSub != "board-officer" || e.Note != importNote {
				t.Errorf("event %s: at %v by %q, note %q", e.Action, at, e.ActorSub, e.Note)
			}
			switch e.Action {
			case domain.IdeaActionApprovePilot, domain.IdeaActionEvaluateEffective:
				// Each decision on its own day: the evaluation's counts in
				// the year it was made (§III.4).
				day := map[domain.IdeaAction]string{domain.IdeaActionApprovePilot: "2024-05-15", domain.IdeaActionEvaluateEffective: "2024-12-15"}[e.Action]
				if e.DecisionNumber != "45/QĐ-UBND" || e.DecisionDate == nil || e.DecisionDate.Format("2006-01-02") != day ||
					e.Authority != "Ủy ban nhân dân Quận Thử" {
					t.Errorf("event %s: decision %q of %v by %q", e.Action, e.DecisionNumber, e.DecisionDate, e.Authority)
				}
				// “Hiệu quả cao”: the degree the authority found (§III.3.1.a
				// “đánh giá mức độ hiệu quả”); an approval, who gave it.
				if e.Action == domain.IdeaActionEvaluateEffective && (e.Effectiveness == nil || *e.Effectiveness != domain.EffectivenessHigh) {
					t.Errorf("evaluation's degree: %v", e.Effectiveness)
				}
				if e.Action == domain.IdeaActionApprovePilot && (e.AuthorityLevel == nil || *e.AuthorityLevel != domain.AuthorityLevelUnit) {
					t.Errorf("approval's authority: %v", e.AuthorityLevel)
				}
			case domain.IdeaActionStartPilot:
				if at.Format("2006-01-02") != "2024-06-01" || e.DecisionNumber != "" || e.FromStatus == nil || *e.FromStatus != domain.IdeaStatusApprovedForPilot {
					t.Errorf("start pilot: %+v", e)
				}
			}
		}
		_, rejected := chain(t, st, "YT-TU-CHOI")
		if !rejected.ByCollective || len(rejected.Edges.Proposers) != 0 || rejected.Edges.Events[3].Note != "Chưa đủ căn cứ pháp lý." {
			t.Errorf("rejected idea: %+v, %+v", rejected, rejected.Edges.Events[3])
		}
		if _, m := chain(t, st, "YT-BO-NGANH"); m.Year != 2025 {
			t.Errorf("year %d", m.Year)
		}

		all := createsAudited(t, st.DB)
		audited := map[string]int{"Idea": all["Idea"], "IdeaEvent": all["IdeaEvent"]}
		if want := map[string]int{"Idea": 5, "IdeaEvent": 1 + 4 + 6 + 9 + 10}; !maps.Equal(audited, want) {
			t.Errorf("creations audited: %v, want %v", audited, want)
		}

		before := dump(t, st.DB)
		for name, file := range map[string][]byte{"y-tuong.xlsx": workbook(t, Ideas, ideaRows(ideas...)), "y-tuong.csv": csvFile(t, Ideas, ideaRows(ideas...))} {
			if r := run(t, st, Ideas, name, file, false); !r.OK() || counts(r) != "rows 5 created 0 updated 0 unchanged 5" {
				t.Errorf("second import (%s): %s %+v", name, counts(r), r.Problems)
			}
		}
		if after := dump(t, st.DB); after != before {
			t.Error("importing the same ideas again changed the store")
		}
	})
}

// TestImportIdeasCorrectedAndProgress: a corrected title updates the idea
// and nothing else; a later step appended to a recorded chain adds only
// that event; a dry run reports and writes nothing.
func TestImportIdeasCorrectedAndProgress(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importIdeaFile(t, st)
		eventsBefore, _ := chain(t, st, "YT-TOAN-TP")
		corrected := with(cityIdea, "title", "Bản đồ số các điểm ngập", "kind", "Giải pháp sáng tạo")
		if r := run(t, st, Ideas, "sua.xlsx", workbook(t, Ideas, ideaRows(draftIdea, corrected)), false); counts(r) != "rows 2 created 0 updated 1 unchanged 1" {
			t.Errorf("corrected: %s %+v", counts(r), r.Problems)
		}
		eventsAfter, city := chain(t, st, "YT-TOAN-TP")
		if city.Title != "Bản đồ số các điểm ngập" || city.Kind != domain.IdeaKindCreativeSolution || city.Status != domain.IdeaStatusAppliedCityWide ||
			!slices.Equal(eventsBefore, eventsAfter) {
			t.Errorf("corrected idea: %+v, events %v", city, eventsAfter)
		}
		var updates int
		if err := st.DB.QueryRow(fmt.Sprintf(`SELECT count(*) FROM audit_events WHERE entity_type = 'Idea' AND operation = 'UPDATE' AND entity_id = %d`, city.ID)).Scan(&updates); err != nil {
			t.Fatal(err)
		}
		if updates != 1 {
			t.Errorf("%d audited updates of the corrected idea, want 1", updates)
		}

		// The pilot, evaluated effective, is then applied in its unit.
		progress := with(pilotIdea, "applied_on", "10/01/2025")
		before := dump(t, st.DB)
		if r := run(t, st, Ideas, "tien-do.xlsx", workbook(t, Ideas, ideaRows(progress)), true); counts(r) != "rows 1 created 0 updated 1 unchanged 0" || !r.DryRun {
			t.Errorf("dry run: %s %+v", counts(r), r.Problems)
		}
		if dump(t, st.DB) != before {
			t.Error("a dry run wrote")
		}
		var events int
		if err := st.DB.QueryRow(`SELECT count(*) FROM idea_events`).Scan(&events); err != nil {
			t.Fatal(err)
		}
		if r := run(t, st, Ideas, "tien-do.xlsx", workbook(t, Ideas, ideaRows(progress)), false); counts(r) != "rows 1 created 0 updated 1 unchanged 0" {
			t.Errorf("progress: %s %+v", counts(r), r.Problems)
		}
		got, pilot := chain(t, st, "YT-THI-DIEM")
		if len(got) != 7 || got[6] != "APPLY_IN_UNIT>APPLIED_IN_UNIT" || pilot.Status != domain.IdeaStatusAppliedInUnit || pilot.Version != 6 {
			t.Errorf("progress: %v, status %s version %d", got, pilot.Status, pilot.Version)
		}
		last := pilot.Edges.Events[len(pilot.Edges.Events)-1]
		if last.DecisionNumber != "45/QĐ-UBND" || last.OccurredAt.In(domain.Zone).Format("02/01/2006 15:04") != "10/01/2025 09:00" {
			t.Errorf("appended event: %+v", last)
		}
		var after int
		if err := st.DB.QueryRow(`SELECT count(*) FROM idea_events`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after != events+1 {
			t.Errorf("%d events added, want 1", after-events)
		}
		// And again: nothing more.
		before = dump(t, st.DB)
		if r := run(t, st, Ideas, "tien-do.csv", csvFile(t, Ideas, ideaRows(progress)), false); counts(r) != "rows 1 created 0 updated 0 unchanged 1" {
			t.Errorf("progress again: %s %+v", counts(r), r.Problems)
		}
		if dump(t, st.DB) != before {
			t.Error("importing the progress again changed the store")
		}
	})
}

// TestImportIdeasErrors: each kind of error in an ideas file is reported
// with its row, column and a Vietnamese message, and writes nothing.
func TestImportIdeasErrors(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		importIdeaFile(t, st)
		fresh := with(draftIdea, "code", "YT-MOI")
		reviewed := with(fresh, "submitted_on", "11/08/2025", "review_on", "12/08/2025")
		approved := with(reviewed, "approved_on", "13/08/2025", "approval", "Triển khai", "decision", "7/QĐ-UBND", "authority", "UBND Phường Hai")
		history := "lịch sử của ý tưởng đã ghi không sửa được bằng cách nhập tệp"
		tomorrow := time.Now().In(domain.Zone).AddDate(0, 0, 2).Format("02/01/2006")
		cases := []struct {
			name   string
			rows   []map[string]string
			row    int
			column string
			says   string
		}{
			{"city-wide without approval", []map[string]string{with(fresh, "submitted_on", "11/08/2025", "city_wide_on", "12/08/2025", "authority", "UBND")},
				2, "Ngày áp dụng toàn Thành phố", "không thể ghi"},
			{"evaluation without a start", []map[string]string{with(approved, "evaluated_on", "01/09/2025", "evaluation", "Hiệu quả")},
				2, "Ngày đánh giá", "Không thể"},
			{"reject after approval", []map[string]string{with(approved, "rejected_on", "01/09/2025")}, 2, "Ngày không chấp thuận", "không thể ghi"},
			{"review without submission", []map[string]string{with(fresh, "review_on", "12/08/2025")}, 2, "Ngày bắt đầu xem xét", "không thể ghi"},
			{"date before the previous", []map[string]string{with(reviewed, "review_on", "10/08/2025", "submitted_on", "11/08/2025")},
				2, "Ngày bắt đầu xem xét", "trước Ngày nộp"},
			{"date before the proposal", []map[string]string{with(fresh, "submitted_on", "09/08/2025")}, 2, "Ngày nộp", "trước Ngày đề xuất"},
			{"date to come", []map[string]string{with(fresh, "submitted_on", tomorrow)}, 2, "Ngày nộp", "chưa tới"},
			{"bad date", []map[string]string{with(fresh, "submitted_on", "31/02/2025")}, 2, "Ngày nộp", "không hợp lệ"},
			{"unknown proposer", []map[string]string{with(fresh, "proposers", "CB9000002; CB9999999")}, 2, "Mã người đề xuất", "Không có cán bộ mã CB9999999"},
			{"unknown unit", []map[string]string{with(fresh, "unit", "PX-KHONG")}, 2, "Mã đơn vị", "hãy nhập danh mục đơn vị trước"},
			{"individual without proposer", []map[string]string{with(fresh, "proposers", "")}, 2, "Mã người đề xuất", "Bắt buộc khi ý tưởng không phải của tập thể"},
			{"duplicate code", []map[string]string{fresh, with(fresh, "title", "Khác")}, 3, "Mã ý tưởng", "đã có ở dòng 2"},
			{"bad code", []map[string]string{with(fresh, "code", "yt mới")}, 2, "Mã ý tưởng", "chữ in hoa"},
			{"bad field", []map[string]string{with(fresh, "field", "Nông nghiệp")}, 2, "Lĩnh vực", "không có trong danh mục"},
			{"bad kind", []map[string]string{with(fresh, "kind", "Đề án")}, 2, "Loại", "không có trong danh mục"},
			{"bad approval", []map[string]string{with(approved, "approval", "Mở rộng")}, 2, "Hình thức phê duyệt", "Triển khai hoặc Thí điểm"},
			{"bad evaluation", []map[string]string{with(approved, "started_on", "14/08/2025", "evaluated_on", "01/09/2025", "evaluation", "Tốt")},
				2, "Kết quả đánh giá", "Rất hiệu quả, Hiệu quả cao, Hiệu quả hoặc Không hiệu quả"},
			{"bad collective", []map[string]string{with(fresh, "by_collective", "Có lẽ")}, 2, "Đề xuất của tập thể", "Có hoặc Không"},
			{"approval without its form", []map[string]string{with(approved, "approval", "")}, 2, "Hình thức phê duyệt", "Bắt buộc khi có Ngày phê duyệt"},
			{"approval without decision", []map[string]string{with(approved, "decision", "")}, 2, "Số quyết định phê duyệt", "Bắt buộc khi có Ngày phê duyệt"},
			{"decision without approval", []map[string]string{with(reviewed, "decision", "7/QĐ-UBND")}, 2, "Số quyết định phê duyệt", "Chỉ ghi khi có Ngày phê duyệt"},
			{"evaluation without authority", []map[string]string{with(approved, "authority", "", "started_on", "14/08/2025", "evaluated_on", "01/09/2025", "evaluation", "Không hiệu quả")},
				2, "Cấp phê duyệt", "cần cấp có thẩm quyền"},
			{"rejection without a reason", []map[string]string{with(reviewed, "rejected_on", "20/08/2025")}, 2, "Ghi chú", "cần lý do"},
			{"ineffective without a reason", []map[string]string{with(approved, "started_on", "14/08/2025", "evaluated_on", "01/09/2025", "evaluation", "Không hiệu quả")},
				2, "Ghi chú", "Bắt buộc khi có Ngày đánh giá"},
			{"pilot without scope", []map[string]string{with(approved, "approval", "Thí điểm", "pilot_end", "31/12/2025")}, 2, "Phạm vi thí điểm", "Bắt buộc khi phê duyệt thí điểm"},
			{"pilot ending before it starts", []map[string]string{with(approved, "approval", "Thí điểm", "pilot_scope", "Tổ dân phố 1", "pilot_end", "01/08/2025")},
				2, "Ngày dự kiến kết thúc thí điểm", "phải sau ngày bắt đầu"},
			{"pilot details of an implementation", []map[string]string{with(approved, "pilot_scope", "Tổ dân phố 1")}, 2, "Phạm vi thí điểm", "Để trống khi"},
			{"history: a step's day", []map[string]string{with(pilotIdea, "started_on", "02/06/2024")}, 2, "Ngày bắt đầu thực hiện", history},
			{"history: a step dropped", []map[string]string{with(pilotIdea, "evaluated_on", "", "evaluation", "")}, 2, "Ngày đánh giá", history},
			{"history: another result", []map[string]string{with(pilotIdea, "evaluation", "Không hiệu quả", "note", "Ít người dùng.")}, 2, "Ngày đánh giá", history},
			{"history: the unit", []map[string]string{with(pilotIdea, "unit", "PX-HAI")}, 2, "Mã đơn vị", history},
			{"history: the proposers", []map[string]string{with(pilotIdea, "proposers", "CB9000001")}, 2, "Mã người đề xuất", history},
			{"history: the proposal's day", []map[string]string{with(pilotIdea, "proposed_on", "16/03/2024")}, 2, "Ngày đề xuất", history},
			{"history: the decision", []map[string]string{with(pilotIdea, "decision", "46/QĐ-UBND")}, 2, "Số quyết định phê duyệt", history},
			{"a good row before a bad one", []map[string]string{fresh, with(draftIdea, "code", "YT-MOI-2", "kind", "")}, 3, "Loại", "Bắt buộc"},
		}
		before := dump(t, st.DB)
		for _, c := range cases {
			for _, dry := range []bool{false, true} {
				res := run(t, st, Ideas, "loi.xlsx", workbook(t, Ideas, ideaRows(c.rows...)), dry)
				found := false
				for _, p := range res.Problems {
					found = found || p.Row == c.row && p.Column == c.column && strings.Contains(p.Message, c.says)
				}
				if !found {
					t.Errorf("%s: want row %d %q %q, got %+v", c.name, c.row, c.column, c.says, res.Problems)
				}
			}
		}
		if after := dump(t, st.DB); after != before {
			t.Error("an ideas file with errors changed the store")
		}
	})
}
