package render

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

// section is one numbered part of the review; its tables are the
// workbook's sheets, in the same order.
type section struct {
	ID, Title string
	Empty     string // said when none of its blocks has a row
	Blocks    []block
}

type block struct {
	Title string
	Cards bool // the table is shown as figures at a glance
	Chart *svgView
	Table table
	// PrintNote, when set, leaves the block out of the print and says this
	// instead: a table of every unit as it was runs to tens of A4 pages,
	// and the workbook carries it.
	PrintNote string
}

// HasRows tells an empty section, which says so instead of showing
// tables of zeros.
func (s section) HasRows() bool {
	return slices.ContainsFunc(s.Blocks, func(b block) bool { return len(b.Table.Rows) > 0 })
}

// withChart draws the chart only over a table with rows: a chart of
// nothing would look like a chart of zeros.
func withChart(title string, c *chart, t table) block {
	b := block{Title: title, Table: t}
	if len(t.Rows) > 0 {
		v := c.layout()
		b.Chart = &v
	}
	return b
}

func sections(s *interim.Summary, years []int) []section {
	return []section{
		overviewSection(s.Overview),
		plansSection(s, years),
		participationSection(s, years),
		ideasSection(s, years),
		adoptionSection(s, years),
		awardsSection(s, years),
		standoutSection(s),
		followSection(s),
		appendixSection(s),
	}
}

// rowsByYear is byYear for a section that may have no row at all: such
// a table says "no data" once rather than once a year.
func rowsByYear[T any](years []int, rows []T, yearOf func(T) int, cells func(T) []cell) [][]cell {
	if len(rows) == 0 {
		return nil
	}
	return byYear(years, rows, yearOf, cells)
}

func overviewSection(o interim.Overview) section {
	figures := []struct {
		label string
		n     int
	}{
		{"Đơn vị thực hiện phong trào trong giai đoạn", o.Units},
		{"Đơn vị hiện nay", o.CurrentUnits},
		{"Đơn vị đã ban hành kế hoạch", o.PlansIssued},
		{"Kế hoạch đã gửi Ban Thi đua – Khen thưởng", o.PlansSent},
		{"Báo cáo phải gửi", o.ReportsDue},
		{"Báo cáo đã gửi", o.ReportsSent},
		{"Báo cáo trễ hạn (gửi sau hạn hoặc quá hạn chưa gửi)", o.ReportsLate},
		{"Cá nhân tham gia", o.Individuals},
		{"Ý tưởng, sáng kiến được đề xuất", o.Ideas},
		{"Ý tưởng được đánh giá hiệu quả", o.IdeasEffective},
		{"Ý tưởng được áp dụng toàn Thành phố", o.IdeasCityWide},
		{"Lượt nhân rộng", o.Adoptions},
		{"Ý tưởng được từ hai đơn vị trở lên nhân rộng", o.IdeasSpread},
		{"Khen thưởng", o.Awards},
		{"Khen thưởng dựa trên ý tưởng, sáng kiến", o.AwardsOnIdeas},
		{"Ý tưởng chờ Thành phố quyết định", o.IdeasAwaitingCity},
		{"Ý tưởng tạm dừng để điều chỉnh", o.IdeasHalted},
		{"Ý tưởng thí điểm không hiệu quả", o.PilotsIneffective},
		{"Hồ sơ đề nghị khen thưởng đang xử lý", o.NominationsInProgress},
		{"Lượt đủ tiêu chuẩn khen thưởng nhưng chưa được đề nghị", o.EligibleNotNominated},
		{"Lượt đơn vị chưa lựa chọn vấn đề thí điểm (cộng các năm)", o.UnitYearsWithoutProblem},
		{"Mô hình hay, gương điển hình được ghi nhận", o.Exemplars},
	}
	t := table{ID: "bang-tong-quan", Sheet: "Tổng quan", Caption: "Kết quả chính của giai đoạn",
		Head: []string{"Chỉ tiêu", "Số lượng"}, Keys: 1}
	for _, f := range figures {
		t.Rows = append(t.Rows, []cell{text(f.label), num(f.n)})
	}
	return section{ID: "tong-quan", Title: "1. Tổng quan", Blocks: []block{{Cards: true, Table: t}}}
}

func plansSection(s *interim.Summary, years []int) section {
	plans := table{ID: "bang-ke-hoach", Sheet: "Kế hoạch", Caption: "Kế hoạch tổ chức phong trào theo loại đơn vị",
		Head: []string{"Loại đơn vị", "Số đơn vị", "Đã ban hành", "Đã phát động", "Đã gửi Ban Thi đua – Khen thưởng",
			"Gắn với Chỉ thị 05-CT/TW", "Chưa ban hành"}, Keys: 1,
		Empty: "Chưa có số liệu về kế hoạch tổ chức phong trào của các đơn vị."}
	for _, p := range s.Plans {
		missing := num(p.Missing())
		missing.flag = p.Missing() > 0
		plans.Rows = append(plans.Rows, []cell{text(label(p.UnitType)), num(p.Units), num(p.Issued),
			num(p.Launched), num(p.Sent), num(p.Directive), missing})
	}
	reports := table{ID: "bang-bao-cao", Sheet: "Báo cáo", Caption: "Báo cáo kết quả theo năm và loại báo cáo",
		Head: []string{"Năm", "Loại báo cáo", "Phải gửi", "Đã gửi", "Trễ hạn (kể cả quá hạn chưa gửi)", "Chưa gửi"}, Keys: 2,
		Empty: "Chưa có số liệu về báo cáo kết quả của các đơn vị.",
		Rows: rowsByYear(years, s.Reports, func(r interim.ReportRow) int { return r.Year },
			func(r interim.ReportRow) []cell {
				unsent := num(r.Unsent)
				unsent.flag = r.Unsent > 0
				return []cell{year(r.Year), text(label(r.Kind)), num(r.Due), num(r.Sent), num(r.Late), unsent}
			})}
	return section{ID: "ke-hoach-bao-cao", Title: "2. Kế hoạch và báo cáo",
		Empty: "Chưa có số liệu về kế hoạch và báo cáo của các đơn vị trong giai đoạn.",
		Blocks: []block{
			withChart("Kế hoạch tổ chức phong trào", plansChart(s.Plans), plans),
			{Title: "Báo cáo kết quả", Table: reports},
		}}
}

func participationCells(p interim.ParticipationRow) []cell {
	return []cell{year(p.Year), num(p.Individuals), num(p.Collectives), num(p.Headcount), ratio(p.Rate)}
}

func participationSection(s *interim.Summary, years []int) section {
	head := []string{"Năm", "Cá nhân tham gia", "Tập thể tham gia", "Biên chế", "Tỷ lệ cá nhân tham gia"}
	byYear := table{ID: "bang-tham-gia", Sheet: "Tham gia", Caption: "Cá nhân và tập thể tham gia phong trào theo năm",
		Head: head, Keys: 1, Empty: "Chưa có số liệu về đăng ký tham gia phong trào.",
		Rows: rowsByYear(years, s.Participation, func(p interim.ParticipationRow) int { return p.Year }, participationCells)}
	byType := table{ID: "bang-tham-gia-loai-don-vi", Sheet: "Tham gia theo loại ĐV",
		Caption: "Cá nhân và tập thể tham gia phong trào theo loại đơn vị và năm",
		Head:    append([]string{"Loại đơn vị"}, head...), Keys: 2,
		Empty: "Chưa có số liệu về tham gia phong trào theo loại đơn vị."}
	for _, t := range typesOf(s.ParticipationByType, func(p interim.ParticipationRow) domain.UnitType { return p.UnitType }) {
		rows := filter(s.ParticipationByType, func(p interim.ParticipationRow) bool { return p.UnitType == t })
		for _, r := range rowsByYear(years, rows, func(p interim.ParticipationRow) int { return p.Year }, participationCells) {
			byType.Rows = append(byType.Rows, append([]cell{text(label(t))}, r...))
		}
	}
	return section{ID: "tham-gia", Title: "3. Tham gia phong trào",
		Empty: "Chưa có số liệu về tham gia phong trào trong giai đoạn.",
		Blocks: []block{
			withChart("Theo năm", participationChart(years, s.Participation), byYear),
			{Title: "Theo loại đơn vị", Table: byType},
		}}
}

var ideaHead = []string{"Đề xuất", "Được phê duyệt", "Thí điểm", "Hiệu quả", "Áp dụng tại đơn vị",
	"Áp dụng toàn Thành phố", "Được Bộ, ngành Trung ương đánh giá cao"}

func ideaCells(key cell, r interim.IdeaRow) []cell {
	return []cell{key, num(r.Proposed), num(r.Approved), num(r.Piloted), num(r.Effective),
		num(r.AppliedInUnit), num(r.AppliedCityWide), num(r.RatedByMinistries)}
}

func ideasSection(s *interim.Summary, years []int) section {
	byYear := table{ID: "bang-y-tuong-nam", Sheet: "Ý tưởng theo năm",
		Caption: "Ý tưởng, sáng kiến theo năm đề xuất và mức độ đạt được",
		Head:    append([]string{"Năm"}, ideaHead...), Keys: 1,
		Empty: "Chưa có số liệu về ý tưởng, sáng kiến được đề xuất.",
		Rows: rowsByYear(years, s.Ideas, func(r interim.IdeaRow) int { return r.Year },
			func(r interim.IdeaRow) []cell { return ideaCells(year(r.Year), r) })}
	byField := table{ID: "bang-y-tuong-linh-vuc", Sheet: "Ý tưởng theo lĩnh vực",
		Caption: "Ý tưởng, sáng kiến theo lĩnh vực, cả giai đoạn",
		Head:    append([]string{"Lĩnh vực"}, ideaHead...), Keys: 1,
		Empty: "Chưa có số liệu về ý tưởng, sáng kiến theo lĩnh vực."}
	for _, r := range s.IdeasByField {
		byField.Rows = append(byField.Rows, ideaCells(text(label(r.Field)), r))
	}
	steps := table{ID: "bang-moc-thoi-gian", Sheet: "Mốc thời gian",
		Caption: "Thời gian từ khi đề xuất đến từng mốc (trung vị số ngày)",
		Head:    []string{"Mốc", "Số ý tưởng đạt mốc", "Trung vị số ngày từ khi đề xuất"}, Keys: 1,
		Empty: "Chưa có số liệu về thời gian ý tưởng đạt các mốc."}
	// Steps no idea reached are zeros of a query, not facts.
	if slices.ContainsFunc(s.Milestones, func(m interim.Milestone) bool { return m.Ideas > 0 }) {
		for _, m := range s.Milestones {
			steps.Rows = append(steps.Rows, []cell{text(stepLabel(m.Step)), num(m.Ideas), median(m.MedianDays)})
		}
	}
	byType := table{ID: "bang-y-tuong-loai-don-vi", Sheet: "Ý tưởng theo loại ĐV",
		Caption: "Ý tưởng, sáng kiến theo loại đơn vị và năm đề xuất",
		Head:    append([]string{"Loại đơn vị", "Năm"}, ideaHead...), Keys: 2,
		Empty: "Chưa có số liệu về ý tưởng, sáng kiến theo loại đơn vị."}
	for _, t := range typesOf(s.IdeasByType, func(r interim.IdeaRow) domain.UnitType { return r.UnitType }) {
		rows := filter(s.IdeasByType, func(r interim.IdeaRow) bool { return r.UnitType == t })
		for _, r := range rowsByYear(years, rows, func(r interim.IdeaRow) int { return r.Year },
			func(r interim.IdeaRow) []cell { return ideaCells(year(r.Year), r) }) {
			byType.Rows = append(byType.Rows, append([]cell{text(label(t))}, r...))
		}
	}
	return section{ID: "y-tuong", Title: "4. Ý tưởng, sáng kiến",
		Empty: "Chưa có số liệu về ý tưởng, sáng kiến trong giai đoạn.",
		Blocks: []block{
			withChart("Theo năm đề xuất", ideasChart(years, s.Ideas), byYear),
			{Title: "Theo lĩnh vực", Table: byField},
			{Title: "Theo loại đơn vị", Table: byType},
			{Title: "Thời gian đạt các mốc", Table: steps},
		}}
}

func adoptionSection(s *interim.Summary, years []int) section {
	byYear := table{ID: "bang-nhan-rong", Sheet: "Nhân rộng", Caption: "Nhân rộng ý tưởng, sáng kiến theo năm",
		Head: []string{"Năm", "Lượt nhân rộng", "Ý tưởng được nhân rộng", "Ý tưởng được từ hai đơn vị trở lên nhân rộng"},
		Keys: 1, Empty: "Chưa có số liệu về nhân rộng ý tưởng, sáng kiến.",
		Rows: rowsByYear(years, s.Adoptions, func(r interim.AdoptionRow) int { return r.Year },
			func(r interim.AdoptionRow) []cell {
				return []cell{year(r.Year), num(r.Adoptions), num(r.Ideas), num(r.Spread)}
			})}
	top := table{ID: "bang-y-tuong-nhan-rong-nhieu", Sheet: "Ý tưởng nhân rộng nhiều",
		Caption: "Ý tưởng, sáng kiến được nhân rộng nhiều nhất trong giai đoạn",
		Head:    []string{"Mã ý tưởng", "Tên ý tưởng", "Lĩnh vực", "Đơn vị đề xuất", "Lượt nhân rộng", "Số đơn vị áp dụng"},
		Keys:    1, Empty: "Chưa có ý tưởng, sáng kiến nào được nhân rộng."}
	for _, t := range s.TopIdeas {
		top.Rows = append(top.Rows, []cell{text(t.Code), text(orDash(t.Title)), text(label(t.Field)),
			text(orDash(cmp.Or(t.OriginName, t.OriginCode))), num(t.Adoptions), num(t.Adopters)})
	}
	return section{ID: "nhan-rong", Title: "5. Nhân rộng",
		Empty: "Chưa có số liệu về nhân rộng ý tưởng, sáng kiến trong giai đoạn.",
		Blocks: []block{
			withChart("Theo năm", adoptionsChart(years, s.Adoptions), byYear),
			{Title: "Ý tưởng được nhân rộng nhiều nhất", Table: top},
		}}
}

func awardsSection(s *interim.Summary, years []int) section {
	awards := slices.Clone(s.Awards)
	slices.SortStableFunc(awards, func(a, b interim.AwardRow) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), levelRank(a.Level)-levelRank(b.Level), cmp.Compare(a.Kind, b.Kind))
	})
	byLevel := table{ID: "bang-khen-thuong", Sheet: "Khen thưởng", Caption: "Khen thưởng theo năm, hình thức và đối tượng",
		Head: []string{"Năm", "Hình thức khen thưởng", "Đối tượng", "Số khen thưởng"}, Keys: 3,
		Empty: "Chưa có số liệu khen thưởng.",
		Rows: rowsByYear(years, awards, func(a interim.AwardRow) int { return a.Year },
			func(a interim.AwardRow) []cell {
				return []cell{year(a.Year), text(label(a.Level)), text(label(a.Kind)), num(a.Awards)}
			})}
	onIdeas := table{ID: "bang-khen-thuong-y-tuong", Sheet: "Khen thưởng dựa trên ý tưởng",
		Caption: "Khen thưởng dựa trên ý tưởng, sáng kiến theo năm",
		Head:    []string{"Năm", "Khen thưởng", "Dựa trên ý tưởng, sáng kiến", "Tỷ lệ"}, Keys: 1,
		Empty: "Chưa có số liệu khen thưởng dựa trên ý tưởng, sáng kiến.",
		Rows: rowsByYear(years, s.AwardsOnIdeas, func(a interim.AwardsOnIdeasRow) int { return a.Year },
			func(a interim.AwardsOnIdeasRow) []cell {
				var r *float64
				if a.Awards > 0 {
					f := float64(a.OnIdeas) / float64(a.Awards)
					r = &f
				}
				return []cell{year(a.Year), num(a.Awards), num(a.OnIdeas), ratio(r)}
			})}
	awardsByType := table{ID: "bang-khen-thuong-loai-don-vi", Sheet: "Khen thưởng theo loại ĐV",
		Caption: "Khen thưởng theo loại đơn vị và năm",
		Head:    []string{"Loại đơn vị", "Năm", "Khen thưởng", "Dựa trên ý tưởng, sáng kiến"}, Keys: 2,
		Empty: "Chưa có số liệu khen thưởng theo loại đơn vị."}
	for _, t := range typesOf(s.AwardsByType, func(a interim.AwardsOnIdeasRow) domain.UnitType { return a.UnitType }) {
		rows := filter(s.AwardsByType, func(a interim.AwardsOnIdeasRow) bool { return a.UnitType == t })
		for _, r := range rowsByYear(years, rows, func(a interim.AwardsOnIdeasRow) int { return a.Year },
			func(a interim.AwardsOnIdeasRow) []cell { return []cell{year(a.Year), num(a.Awards), num(a.OnIdeas)} }) {
			awardsByType.Rows = append(awardsByType.Rows, append([]cell{text(label(t))}, r...))
		}
	}
	return section{ID: "khen-thuong", Title: "6. Khen thưởng",
		Empty: "Chưa có số liệu khen thưởng trong giai đoạn.",
		Blocks: []block{
			withChart("Theo năm và hình thức", awardsChart(years, awards), byLevel),
			{Title: "Khen thưởng dựa trên ý tưởng, sáng kiến", Table: onIdeas},
			{Title: "Theo loại đơn vị", Table: awardsByType},
		}}
}

func standoutSection(s *interim.Summary) section {
	units := table{ID: "bang-don-vi-tieu-bieu", Sheet: "ĐV tiêu biểu", Caption: "Đơn vị tiêu biểu (quy về đơn vị hiện nay)",
		Head: []string{"Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Ý tưởng", "Hiệu quả", "Áp dụng toàn Thành phố",
			"Lượt nhân rộng", "Khen thưởng"}, Keys: 2,
		Empty: "Chưa có số liệu về đơn vị tiêu biểu."}
	for _, u := range s.StandoutUnits {
		units.Rows = append(units.Rows, []cell{text(u.Code), text(u.Name), text(label(u.Type)),
			num(u.Ideas), num(u.Effective), num(u.AppliedCityWide), num(u.Adoptions), num(u.Awards)})
	}
	people := table{ID: "bang-ca-nhan-tieu-bieu", Sheet: "Cá nhân tiêu biểu", Caption: "Cá nhân tiêu biểu",
		Head: []string{"Cá nhân", "Đơn vị", "Khen thưởng", "Ý tưởng đề xuất"}, Keys: 1,
		Empty: "Chưa có số liệu về cá nhân tiêu biểu."}
	for _, p := range s.StandoutPeople {
		people.Rows = append(people.Rows, []cell{text(personName(p)), text(orDash(p.UnitName)), num(p.Awards), num(p.Ideas)})
	}
	lagging := table{ID: "bang-don-vi-cham", Sheet: "ĐV chậm triển khai", Caption: "Đơn vị chậm triển khai (quy về đơn vị hiện nay)",
		Head: []string{"Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Kế hoạch", "Ý tưởng", "Báo cáo", "Vấn đề thí điểm"}, Keys: 2,
		Empty: "Không có đơn vị nào chậm triển khai."}
	pick := func(gap bool, yes, no string) cell {
		if gap {
			return flagged(yes, true)
		}
		return text(no)
	}
	for _, l := range s.LaggingUnits {
		lagging.Rows = append(lagging.Rows, []cell{text(l.Code), text(l.Name), text(label(l.Type)),
			pick(l.NoPlan, "Chưa ban hành", "Đã ban hành"), pick(l.NoIdea, "Chưa có", "Đã có"),
			pick(l.NoReport, "Còn báo cáo chưa gửi", "Đã gửi đủ"), pick(l.NoProblem, "Chưa lựa chọn", "Đã lựa chọn")})
	}
	return section{ID: "tieu-bieu", Title: "7. Đơn vị, cá nhân tiêu biểu và đơn vị chậm triển khai",
		Blocks: []block{
			{Title: "Đơn vị tiêu biểu", Table: units},
			{Title: "Cá nhân tiêu biểu", Table: people},
			{Title: "Đơn vị chậm triển khai", Table: lagging},
		}}
}

var unitHead = []string{"Đã ban hành kế hoạch", "Đã phát động", "Đã gửi kế hoạch", "Báo cáo phải gửi", "Báo cáo đã gửi",
	"Báo cáo trễ hạn (kể cả chưa gửi)", "Báo cáo chưa gửi", "Lượt cá nhân tham gia", "Lượt tập thể tham gia", "Biên chế (cộng các năm)",
	"Tỷ lệ tham gia", "Ý tưởng", "Hiệu quả", "Áp dụng toàn Thành phố", "Lượt nhân rộng", "Khen thưởng"}

func unitCells(u interim.UnitRow) []cell {
	return []cell{num(u.PlansIssued), num(u.PlansLaunched), num(u.PlansSent), num(u.ReportsDue), num(u.ReportsSent),
		num(u.ReportsLate), num(u.ReportsUnsent()), num(u.Participations), num(u.Collectives), num(u.Headcount),
		ratio(u.Rate), num(u.Ideas), num(u.Effective), num(u.AppliedCityWide), num(u.Adoptions), num(u.Awards)}
}

func appendixSection(s *interim.Summary) section {
	restated := table{ID: "bang-don-vi-hien-nay", Sheet: "Theo đơn vị hiện nay",
		Caption: "Số liệu cả giai đoạn quy về đơn vị hiện nay (gồm các đơn vị đã giải thể, sáp nhập vào đơn vị kế thừa)",
		Head:    append([]string{"Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Số đơn vị gộp"}, unitHead...), Keys: 2,
		Empty: "Chưa có số liệu theo đơn vị hiện nay."}
	for _, u := range s.Restated {
		restated.Rows = append(restated.Rows,
			append([]cell{text(u.Code), text(u.Name), text(label(u.Type)), num(u.Units)}, unitCells(u)...))
	}
	asWas := table{ID: "bang-don-vi-khi-do", Sheet: "Theo đơn vị khi đó",
		Caption: "Số liệu cả giai đoạn theo đơn vị tại thời điểm phát sinh",
		Head:    append([]string{"Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Hiện nay"}, unitHead...), Keys: 2,
		Empty: "Chưa có số liệu theo đơn vị."}
	for _, u := range s.Units {
		state := "Đã giải thể, sáp nhập"
		if u.Current {
			state = "Còn hoạt động"
		}
		asWas.Rows = append(asWas.Rows,
			append([]cell{text(u.Code), text(u.Name), text(label(u.Type)), text(state)}, unitCells(u)...))
	}
	return section{ID: "phu-luc", Title: "9. Phụ lục: số liệu theo đơn vị",
		Empty: "Chưa có số liệu theo đơn vị.",
		Blocks: []block{
			{Title: "Theo đơn vị hiện nay", Table: restated},
			{Title: "Theo đơn vị khi đó", Table: asWas, PrintNote: fmt.Sprintf(
				"Bảng số liệu của %s đơn vị theo đơn vị khi đó không in kèm; xem tệp Excel, trang “%s”.",
				count(len(s.Units)), asWas.Sheet)},
		}}
}

// typesOf lists the unit types of rows, in their order.
func typesOf[R any](rows []R, typ func(R) domain.UnitType) []domain.UnitType {
	var out []domain.UnitType
	for _, r := range rows {
		if t := typ(r); !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func filter[R any](rows []R, keep func(R) bool) []R {
	var out []R
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}
