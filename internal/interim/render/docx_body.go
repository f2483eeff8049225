package render

import (
	"fmt"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/docx"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

// The report's parts follow what a sơ kết or tổng kết report of an
// emulation movement holds: the situation; the results, with the figures
// of the page and the workbook (the same tables, built once); the
// assessment, the directions and the proposals, which people write, each
// marked and given the facts that should inform it.

// plan1821 is how the report cites the plan it carries out.
const plan1821 = "Kế hoạch số 1821/KH-UBND ngày 05 tháng 5 năm 2023 của Ủy ban nhân dân Thành phố"

// tableOf finds a table of the page by its anchor; the document shows the
// very tables the page and the workbook show.
func (x *docReport) tableOf(id string) table {
	for _, s := range x.p.Sections {
		for _, b := range s.Blocks {
			if b.Table.ID == id {
				return b.Table
			}
		}
	}
	panic("render: no table " + id) // a renamed anchor; every test would fail here
}

// bodyRows bounds a list in the body: at city scale the register of
// exemplars alone ran to 150 pages, which nobody signs; the workbook
// carries every row and the report says so.
const bodyRows = 30

// portraitTable writes one of the page's tables in the body, small enough
// for its columns to fit the page's width.
func (x *docReport) portraitTable(id string) {
	t := x.tableOf(id)
	size := float64(sizeTable)
	if len(t.Head) > 6 {
		size = 10
	}
	all := len(t.Rows)
	if all > bodyRows {
		t.Rows = t.Rows[:bodyRows]
	}
	x.table(t, portraitWidth, size)
	if all > bodyRows {
		x.d.Add(docx.Paragraph{Align: docx.Justify, After: 6 * docx.Pt, Runs: []docx.Run{{Italic: true, Size: 12,
			Text: fmt.Sprintf("Bảng ghi %s trên tổng số %s dòng; danh sách đầy đủ tại tệp Excel kèm theo báo cáo, trang “%s”.",
				count(bodyRows), count(all), t.Sheet)}}})
	}
}

func (x *docReport) term() string { return strings.ToLower(x.r.Review.Title()) }

func (x *docReport) main() {
	s, o := x.r.Summary, x.r.Summary.Overview
	x.body(fmt.Sprintf("Thực hiện %s về tổ chức Phong trào thi đua %s (sau đây gọi là Phong trào thi đua), %s báo cáo %s giai đoạn %s như sau:",
		plan1821, movement, x.opts.Issuer.Short, x.term(), x.p.Phase))
	x.body(fmt.Sprintf("Số liệu trong báo cáo được tổng hợp từ hệ thống theo dõi Phong trào thi đua; %s. Phạm vi báo cáo: %s và các cơ quan, đơn vị trực thuộc. Số liệu tại phần II được tính tại đơn vị nơi phát sinh, theo tổ chức tại thời điểm đó; số liệu quy về đơn vị hiện nay, gồm cả số liệu của các đơn vị đã giải thể, sáp nhập vào đơn vị kế thừa, tại Phụ lục II.",
		lowerFirst(refreshed(s.RefreshedAt)), x.p.Scope))

	x.section(1, "I. ĐẶC ĐIỂM TÌNH HÌNH")
	dissolved := 0
	for _, u := range s.Units {
		if !u.Current {
			dissolved++
		}
	}
	text := fmt.Sprintf("Trong giai đoạn %s, phạm vi báo cáo có %s cơ quan, đơn vị, địa phương thực hiện Phong trào thi đua", x.p.Phase, count(o.Units))
	if dissolved > 0 {
		text += fmt.Sprintf(", trong đó %s đơn vị đã giải thể, sáp nhập", count(dissolved))
	}
	x.body(text + fmt.Sprintf("; đến thời điểm báo cáo có %s đơn vị hiện nay.", count(o.CurrentUnits)))
	if d := x.opts.Issuer.Dissolved; d != nil {
		x.d.Add(bodyParagraph("", docx.Run{Text: "[Lưu ý] ", Bold: true, Highlight: "yellow"}, docx.Run{Highlight: "yellow", Italic: true,
			Text: fmt.Sprintf("%s đã giải thể, sáp nhập từ ngày %s; báo cáo tổng hợp số liệu trong thời gian đơn vị hoạt động. Người soạn xác định cơ quan ban hành và người ký; số liệu quy về đơn vị kế thừa có trong báo cáo của đơn vị kế thừa.",
				x.p.Scope, d.Format("02/01/2006"))}))
	}
	x.inherited(s)
	x.placeholder("Thuận lợi, khó khăn và bối cảnh của cơ quan, đơn vị, địa phương trong giai đoạn (sắp xếp tổ chức bộ máy, nhiệm vụ chính trị trọng tâm…).", nil)

	x.section(1, "II. KẾT QUẢ THỰC HIỆN")
	x.body("Kết quả chính của giai đoạn:")
	x.portraitTable("bang-tong-quan")
	x.plans(s)
	x.participation(s)
	x.ideas(s)
	x.adoptions(s)
	x.awards(s)
	x.section(2, "6. Đơn vị, cá nhân tiêu biểu; mô hình hay, gương điển hình")
	x.portraitTable("bang-don-vi-tieu-bieu")
	x.portraitTable("bang-ca-nhan-tieu-bieu")
	x.portraitTable("bang-guong-dien-hinh")
	x.section(2, "7. Kết quả theo đơn vị")
	x.body(fmt.Sprintf("Số liệu cả giai đoạn của %s đơn vị hiện nay (gồm số liệu của các đơn vị đã giải thể, sáp nhập vào đơn vị kế thừa) tại Phụ lục II; của %s đơn vị theo tổ chức tại thời điểm phát sinh tại Phụ lục III.",
		count(len(s.Restated)), count(len(s.Units))))

	x.assessment(s)
	x.section(1, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN TIẾP THEO")
	x.placeholder("Mục tiêu, nhiệm vụ và giải pháp trọng tâm của giai đoạn tiếp theo.", x.directionFacts(s))
	x.proposals(s)
	// The closing sentence stays on the signature's page.
	closing := bodyParagraph(fmt.Sprintf("Trên đây là báo cáo %s giai đoạn %s Phong trào thi đua %s của %s./.",
		x.term(), x.p.Phase, movement, x.opts.Issuer.Short))
	closing.KeepNext, closing.KeepLines = true, true
	x.d.Add(closing)
}

// inherited says what today's units of the scope took over from the units
// dissolved or merged into them: part II counts facts where they happened,
// so a ward formed in 2025 would otherwise read as having done little.
func (x *docReport) inherited(s *interim.Summary) {
	var merged, plans, ideas, people, awards int
	for _, r := range s.Restated {
		if r.Units > 1 {
			merged += r.Units - 1
		}
		plans, ideas, people, awards = plans+r.PlansIssued, ideas+r.Ideas, people+r.Participations, awards+r.Awards
	}
	if merged == 0 {
		return
	}
	x.body(fmt.Sprintf("Các đơn vị hiện nay trong phạm vi báo cáo kế thừa %s đơn vị đã giải thể, sáp nhập. Quy về đơn vị hiện nay, cả giai đoạn có %s kế hoạch đã ban hành, %s ý tưởng, sáng kiến, %s lượt cá nhân tham gia và %s khen thưởng (chi tiết tại Phụ lục II).",
		count(merged), count(plans), count(ideas), count(people), count(awards)))
}

func (x *docReport) plans(s *interim.Summary) {
	x.section(2, "1. Công tác quán triệt, xây dựng kế hoạch và báo cáo kết quả")
	var units, issued, launched, sent, directive int
	for _, p := range s.Plans {
		units, issued, launched, sent, directive = units+p.Units, issued+p.Issued, launched+p.Launched, sent+p.Sent, directive+p.Directive
	}
	if units > 0 {
		x.body(fmt.Sprintf("Có %s/%s đơn vị đã ban hành kế hoạch tổ chức Phong trào thi đua (%s), %s đơn vị đã phát động, %s đơn vị đã gửi kế hoạch về Ban Thi đua – Khen thưởng; %s kế hoạch gắn với Chỉ thị số 05-CT/TW; %s đơn vị chưa ban hành kế hoạch.",
			count(issued), count(units), percent(float64(issued)/float64(units)), count(launched), count(sent), count(directive), count(units-issued)))
	}
	x.portraitTable("bang-ke-hoach")
	o := s.Overview
	if o.ReportsDue > 0 {
		x.body(fmt.Sprintf("Các đơn vị phải gửi %s báo cáo kết quả thực hiện, đã gửi %s báo cáo, còn %s báo cáo chưa gửi; %s báo cáo trễ hạn (gửi sau hạn hoặc quá hạn chưa gửi).",
			count(o.ReportsDue), count(o.ReportsSent), count(o.ReportsDue-o.ReportsSent), count(o.ReportsLate)))
	}
	x.portraitTable("bang-bao-cao")
	x.placeholder("Công tác quán triệt, tuyên truyền, hình thức phát động Phong trào thi đua tại đơn vị.", nil)
}

func (x *docReport) participation(s *interim.Summary) {
	x.section(2, "2. Cán bộ, công chức, viên chức tham gia Phong trào thi đua")
	x.body(fmt.Sprintf("Trong giai đoạn có %s cá nhân tham gia Phong trào thi đua (mỗi người được tính một lần).", count(s.Overview.Individuals)))
	var lines []string
	for _, p := range s.Participation {
		line := fmt.Sprintf("Năm %d: %s cá nhân", p.Year, count(p.Individuals))
		if p.Rate != nil {
			line += fmt.Sprintf(", bằng %s tổng biên chế", percent(*p.Rate))
		}
		lines = append(lines, line+fmt.Sprintf("; %s tập thể.", count(p.Collectives)))
	}
	x.facts(lines)
	x.portraitTable("bang-tham-gia")
	x.portraitTable("bang-tham-gia-loai-don-vi")
}

func (x *docReport) ideas(s *interim.Summary) {
	x.section(2, "3. Ý tưởng, sáng kiến")
	var t interim.IdeaRow
	for _, r := range s.Ideas {
		t.Proposed, t.Approved, t.Piloted, t.Effective = t.Proposed+r.Proposed, t.Approved+r.Approved, t.Piloted+r.Piloted, t.Effective+r.Effective
		t.AppliedInUnit, t.AppliedCityWide, t.RatedByMinistries = t.AppliedInUnit+r.AppliedInUnit, t.AppliedCityWide+r.AppliedCityWide, t.RatedByMinistries+r.RatedByMinistries
	}
	x.body(fmt.Sprintf("Toàn giai đoạn có %s ý tưởng, sáng kiến được đề xuất; trong đó %s được phê duyệt, %s được thí điểm, %s được đánh giá hiệu quả, %s được áp dụng tại đơn vị, %s được áp dụng trên phạm vi toàn Thành phố và %s được Bộ, ngành Trung ương đánh giá cao.",
		count(t.Proposed), count(t.Approved), count(t.Piloted), count(t.Effective), count(t.AppliedInUnit), count(t.AppliedCityWide), count(t.RatedByMinistries)))
	x.portraitTable("bang-y-tuong-nam")
	x.portraitTable("bang-y-tuong-linh-vuc")
	x.portraitTable("bang-y-tuong-loai-don-vi")
	x.portraitTable("bang-moc-thoi-gian")
}

func (x *docReport) adoptions(s *interim.Summary) {
	x.section(2, "4. Nhân rộng ý tưởng, sáng kiến")
	x.body(fmt.Sprintf("Trong giai đoạn có %s lượt nhân rộng ý tưởng, sáng kiến; %s ý tưởng được từ hai đơn vị trở lên nhân rộng.",
		count(s.Overview.Adoptions), count(s.Overview.IdeasSpread)))
	x.portraitTable("bang-nhan-rong")
	x.portraitTable("bang-y-tuong-nhan-rong-nhieu")
}

func (x *docReport) awards(s *interim.Summary) {
	x.section(2, "5. Công tác khen thưởng")
	x.body(fmt.Sprintf("Trong giai đoạn có %s khen thưởng còn hiệu lực, trong đó %s khen thưởng dựa trên ý tưởng, sáng kiến.",
		count(s.Overview.Awards), count(s.Overview.AwardsOnIdeas)))
	byLevel := map[domain.AwardLevel][2]int{}
	for _, a := range s.Awards {
		n := byLevel[a.Level]
		if a.Kind == domain.RecipientKindCollective {
			n[0] += a.Awards
		} else {
			n[1] += a.Awards
		}
		byLevel[a.Level] = n
	}
	var lines []string
	for _, l := range domain.AwardLevel("").Values() {
		if n, ok := byLevel[domain.AwardLevel(l)]; ok {
			lines = append(lines, fmt.Sprintf("%s: %s tập thể, %s cá nhân;", label(domain.AwardLevel(l)), count(n[0]), count(n[1])))
		}
	}
	if len(lines) > 0 {
		lines[len(lines)-1] = strings.TrimSuffix(lines[len(lines)-1], ";") + "."
	}
	x.facts(lines)
	x.portraitTable("bang-khen-thuong")
	x.portraitTable("bang-khen-thuong-y-tuong")
	x.portraitTable("bang-khen-thuong-loai-don-vi")
	x.body(fmt.Sprintf("Có %s hồ sơ đề nghị khen thưởng đang xử lý; %s lượt tập thể, cá nhân đủ tiêu chuẩn khen thưởng theo số liệu đã ghi nhận nhưng chưa được đề nghị.",
		count(s.Overview.NominationsInProgress), count(s.Overview.EligibleNotNominated)))
	x.portraitTable("bang-ho-so-khen-thuong")
	x.portraitTable("bang-du-tieu-chuan")
}

// assessment is the part people write, with the facts that should
// inform it: what went well, what lags and why.
func (x *docReport) assessment(s *interim.Summary) {
	o := s.Overview
	x.section(1, "III. ĐÁNH GIÁ CHUNG")
	x.section(2, "1. Ưu điểm")
	var good []string
	if o.IdeasCityWide > 0 {
		good = append(good, fmt.Sprintf("%s ý tưởng, sáng kiến được áp dụng trên phạm vi toàn Thành phố.", count(o.IdeasCityWide)))
	}
	for i, t := range s.TopIdeas {
		if i == 3 {
			break
		}
		good = append(good, fmt.Sprintf("Ý tưởng “%s” (%s) được nhân rộng tại %s đơn vị.", orDash(t.Title), t.Code, count(t.Adopters)))
	}
	for i, u := range s.StandoutUnits {
		if i == 3 {
			break
		}
		good = append(good, fmt.Sprintf("%s: %s ý tưởng hiệu quả, %s áp dụng toàn Thành phố, %s khen thưởng.", u.Name, count(u.Effective), count(u.AppliedCityWide), count(u.Awards)))
	}
	x.placeholder("Những kết quả nổi bật, cách làm hay, mô hình hiệu quả của giai đoạn.", good)

	x.section(2, "2. Hạn chế và nguyên nhân")
	x.portraitTable("bang-don-vi-cham")
	x.portraitTable("bang-y-tuong-can-theo-doi")
	x.portraitTable("bang-van-de-thi-diem")
	var bad []string
	if n := len(s.LaggingUnits); n > 0 {
		bad = append(bad, fmt.Sprintf("%s đơn vị hiện nay chậm triển khai (chưa ban hành kế hoạch, chưa có ý tưởng, còn báo cáo chưa gửi hoặc chưa lựa chọn vấn đề thí điểm).", count(n)))
	}
	if o.ReportsLate+o.ReportsDue-o.ReportsSent > 0 {
		bad = append(bad, fmt.Sprintf("%s báo cáo trễ hạn (gửi sau hạn hoặc quá hạn chưa gửi), trong đó %s báo cáo chưa gửi.", count(o.ReportsLate), count(o.ReportsDue-o.ReportsSent)))
	}
	if o.IdeasHalted > 0 {
		bad = append(bad, fmt.Sprintf("%s ý tưởng tạm dừng để điều chỉnh.", count(o.IdeasHalted)))
	}
	if o.PilotsIneffective > 0 {
		bad = append(bad, fmt.Sprintf("%s ý tưởng thí điểm không hiệu quả.", count(o.PilotsIneffective)))
	}
	if o.IdeasAwaitingCity > 0 {
		bad = append(bad, fmt.Sprintf("%s ý tưởng đang chờ Thành phố quyết định.", count(o.IdeasAwaitingCity)))
	}
	if o.UnitYearsWithoutProblem > 0 {
		bad = append(bad, fmt.Sprintf("%s lượt đơn vị chưa lựa chọn vấn đề cụ thể để làm thí điểm (cộng các năm).", count(o.UnitYearsWithoutProblem)))
	}
	x.placeholder("Hạn chế, tồn tại; nguyên nhân khách quan và chủ quan.", bad)
	x.section(2, "3. Bài học kinh nghiệm")
	x.placeholder("Bài học kinh nghiệm rút ra từ việc tổ chức Phong trào thi đua.", nil)
}

func (x *docReport) directionFacts(s *interim.Summary) []string {
	o := s.Overview
	var out []string
	if o.IdeasAwaitingCity > 0 {
		out = append(out, fmt.Sprintf("Theo dõi %s ý tưởng đang chờ Thành phố quyết định.", count(o.IdeasAwaitingCity)))
	}
	if o.NominationsInProgress > 0 {
		out = append(out, fmt.Sprintf("Hoàn tất %s hồ sơ đề nghị khen thưởng đang xử lý.", count(o.NominationsInProgress)))
	}
	if o.EligibleNotNominated > 0 {
		out = append(out, fmt.Sprintf("Xem xét %s lượt tập thể, cá nhân đủ tiêu chuẩn nhưng chưa được đề nghị khen thưởng.", count(o.EligibleNotNominated)))
	}
	if n := len(s.LaggingUnits); n > 0 {
		out = append(out, fmt.Sprintf("Đôn đốc %s đơn vị chậm triển khai.", count(n)))
	}
	return out
}

// proposals states what the list proposes, by level and kind, and leaves
// the rest of the proposals to the author.
func (x *docReport) proposals(s *interim.Summary) {
	x.section(1, "V. ĐỀ XUẤT, KIẾN NGHỊ")
	var parts []string
	for i, c := range s.ProposalCounts {
		part := fmt.Sprintf("%s %s", count(c.Recipients), strings.ToLower(label(c.Kind)))
		if i > 0 && s.ProposalCounts[i-1].Level == c.Level {
			parts[len(parts)-1] += ", " + part
			continue
		}
		parts = append(parts, label(c.Level)+": "+part)
	}
	if len(parts) > 0 {
		x.body(fmt.Sprintf("Theo tiêu chuẩn khen thưởng tại mục III.3 %s, các tập thể, cá nhân đủ tiêu chuẩn trong giai đoạn (hình thức cao nhất): %s. Danh sách đề nghị khen thưởng tại Phụ lục I; đơn vị xem xét, xác nhận từng trường hợp trước khi trình.",
			plan1821, strings.Join(parts, "; ")))
	} else {
		x.body("Theo số liệu đã ghi nhận, chưa có tập thể, cá nhân nào đủ tiêu chuẩn khen thưởng trong giai đoạn; danh sách tại Phụ lục I gồm các đơn vị, cá nhân tiêu biểu để đơn vị xem xét.")
	}
	x.placeholder("Đề xuất, kiến nghị với cấp trên (cơ chế, chính sách, khen thưởng).", nil)
}

// signature writes "Nơi nhận" on the left and the signer on the right
// (mục II.8, II.10).
func (x *docReport) signature() {
	is := x.opts.Issuer
	left, right := docx.Millimetres(80), portraitWidth-docx.Millimetres(80)
	to := []docx.Paragraph{{Before: 6 * docx.Pt, Runs: []docx.Run{{Text: "Nơi nhận:", Bold: true, Italic: true, Size: 12}}}}
	for i, r := range is.Recipients {
		end := ";"
		if i == len(is.Recipients)-1 {
			end = "."
		}
		to = append(to, docx.Paragraph{Runs: []docx.Run{{Text: "- " + r + end, Size: 11}}})
	}
	var sign []docx.Paragraph
	if is.Authority != "" {
		sign = append(sign, docx.Paragraph{Align: docx.Center, Before: 6 * docx.Pt, Runs: []docx.Run{{Text: is.Authority, Bold: true, Size: 14}}})
	}
	sign = append(sign, docx.Paragraph{Align: docx.Center, Runs: []docx.Run{{Text: is.Position, Bold: true, Size: 14}}},
		docx.Paragraph{Size: 14}, docx.Paragraph{Size: 14}, docx.Paragraph{Size: 14}, docx.Paragraph{Size: 14},
		docx.Paragraph{Align: docx.Center, Runs: []docx.Run{{Text: "[Họ và tên người ký]", Bold: true, Size: 14, Highlight: "yellow"}}})
	x.d.AddTable(docx.Table{Widths: []int{left, right}, Rows: []docx.Row{{CantSplit: true, Cells: []docx.Cell{
		{Paragraphs: to}, {Paragraphs: sign}}}}})
}

func lowerFirst(s string) string {
	if s == "" {
		return "chưa rõ thời điểm nạp số liệu"
	}
	r := []rune(s)
	return strings.ToLower(string(r[:1])) + string(r[1:])
}
