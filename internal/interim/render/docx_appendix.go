package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/docx"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

// appendixTitle heads an appendix: its number, its name in capitals and
// the report it goes with (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.12).
func (x *docReport) appendixTitle(number, name string) {
	is := x.opts.Issuer
	x.d.Add(
		docx.Paragraph{Align: docx.Center, KeepNext: true, Runs: []docx.Run{{Text: "Phụ lục " + number, Bold: true, Size: 14}}},
		docx.Paragraph{Align: docx.Center, KeepNext: true, Runs: []docx.Run{{Text: name, Bold: true, Size: 14}}},
		docx.Paragraph{Align: docx.Center, KeepNext: true, Runs: []docx.Run{{Italic: true, Size: 14,
			Text: fmt.Sprintf("(Kèm theo Báo cáo số        /%s ngày      tháng      năm %d của %s)", is.Symbol, x.opts.Today.Year(), is.Short)}}},
		rule(landscapeWidth, 0.2, 12*docx.Pt),
	)
}

// proposalHead is the list's columns, in the page's order and the
// workbook's.
var proposalHead = []string{"STT", "Tên tập thể, họ và tên cá nhân", "Đơn vị", "Thành tích (ý tưởng, sáng kiến và các mốc đạt được)",
	"Căn cứ đề xuất", "Hình thức đề nghị"}

// awardsAppendix is the list proposed for awards, grouped by level and
// then by collectives and individuals, as the board collects it.
func (x *docReport) awardsAppendix() {
	s := x.r.Summary
	x.appendixTitle("I", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG")
	eligible, omitted := 0, 0
	for _, c := range s.ProposalCounts {
		if s.ProposalsOmitUnitLevel && c.Level == domain.AwardLevelUnitHeadCertificate {
			omitted += c.Recipients
		} else {
			eligible += c.Recipients
		}
	}
	listed := 0
	for _, p := range s.Proposals {
		if p.Level != "" {
			listed++
		}
	}
	note := "Danh sách do hệ thống lập theo tiêu chuẩn khen thưởng tại mục III.3 " + plan1821 +
		" (hình thức cao nhất đủ tiêu chuẩn trong các năm của giai đoạn) và các đơn vị, cá nhân tiêu biểu; đơn vị xem xét, xác nhận từng trường hợp trước khi trình."
	if omitted > 0 {
		note += fmt.Sprintf(" Danh sách không gồm %s tập thể, cá nhân có hình thức cao nhất là %s, do các cơ quan, đơn vị, địa phương xét theo thẩm quyền (mục III.3.3).",
			count(omitted), label(domain.AwardLevelUnitHeadCertificate))
	}
	if listed < eligible {
		note += fmt.Sprintf(" Danh sách ghi %s trên tổng số %s tập thể, cá nhân đủ tiêu chuẩn, theo thứ tự hình thức từ cao xuống thấp; tệp Excel kèm theo có cùng nội dung.",
			count(listed), count(eligible))
	}
	x.d.Add(docx.Paragraph{Align: docx.Justify, After: 6 * docx.Pt, Runs: []docx.Run{{Text: note, Italic: true, Size: 12}}})
	if len(s.Proposals) == 0 {
		x.d.Add(docx.Paragraph{Align: docx.Center, Runs: []docx.Run{{Text: "Chưa có tập thể, cá nhân nào đủ tiêu chuẩn hoặc tiêu biểu theo số liệu đã ghi nhận.", Italic: true}}})
		return
	}
	const size = 11
	widths := share(landscapeWidth, []int{6, 22, 20, 50, 24, 16})
	head := docx.Row{Header: true, CantSplit: true}
	for _, h := range proposalHead {
		head.Cells = append(head.Cells, docx.Cell{VAlign: "center", Paragraphs: []docx.Paragraph{
			{Align: docx.Center, Runs: []docx.Run{{Text: h, Bold: true, Size: size}}}}})
	}
	rows := []docx.Row{head}
	group := func(text string) {
		rows = append(rows, docx.Row{CantSplit: true, Cells: []docx.Cell{{Span: len(proposalHead), Paragraphs: []docx.Paragraph{
			{Runs: []docx.Run{{Text: text, Bold: true, Size: size}}}}}}})
	}
	n := 0
	for gi, g := range proposalGroups(s.Proposals) {
		group(roman(gi+1) + ". " + levelTitle(g.level))
		for ki, k := range g.kinds {
			group(fmt.Sprintf("%d. %s (%s)", ki+1, label(k.kind), count(len(k.lines))))
			for _, p := range k.lines {
				n++
				cells := proposalCells(n, p)
				r := docx.Row{CantSplit: len(p.Ideas) <= 2}
				for i, c := range cells {
					align := docx.Left
					if i == 0 {
						align = docx.Center
					}
					var ps []docx.Paragraph
					for _, line := range strings.Split(c, "\n") {
						ps = append(ps, docx.Paragraph{Align: align, Runs: []docx.Run{{Text: line, Size: size,
							Highlight: map[bool]string{true: "yellow"}[i == 5 && p.Level == ""]}}})
					}
					r.Cells = append(r.Cells, docx.Cell{Paragraphs: ps})
				}
				rows = append(rows, r)
			}
		}
	}
	x.d.AddTable(docx.Table{Widths: widths, Rows: rows, Borders: true, Align: docx.Center})
	x.d.Add(docx.Paragraph{Size: 6})
}

type proposalGroup struct {
	level domain.AwardLevel
	kinds []struct {
		kind  domain.RecipientKind
		lines []interim.Proposal
	}
}

// proposalGroups splits the list, already ordered by level and kind.
func proposalGroups(ps []interim.Proposal) []proposalGroup {
	var out []proposalGroup
	for _, p := range ps {
		if len(out) == 0 || out[len(out)-1].level != p.Level {
			out = append(out, proposalGroup{level: p.Level})
		}
		g := &out[len(out)-1]
		if len(g.kinds) == 0 || g.kinds[len(g.kinds)-1].kind != p.Kind {
			g.kinds = append(g.kinds, struct {
				kind  domain.RecipientKind
				lines []interim.Proposal
			}{kind: p.Kind})
		}
		k := &g.kinds[len(g.kinds)-1]
		k.lines = append(k.lines, p)
	}
	return out
}

// proposalCells are a line's cells as text, shared by the appendix and
// the workbook.
func proposalCells(n int, p interim.Proposal) []string {
	name := p.Name
	if name == "" && p.Kind == domain.RecipientKindIndividual {
		name = personName(interim.Person{Key: p.Key})
	}
	return []string{strconv.Itoa(n), orDash(name), orDash(p.UnitName), achievements(p), basis(p), proposedLevel(p)}
}

func proposedLevel(p interim.Proposal) string {
	if p.Level == "" {
		return "[Đơn vị xác định]"
	}
	return label(p.Level)
}

// achievements names a line's ideas and the day each reached its steps.
func achievements(p interim.Proposal) string {
	if len(p.Ideas) == 0 {
		return "Chưa ghi nhận ý tưởng, sáng kiến được phê duyệt."
	}
	var lines []string
	for _, i := range p.Ideas {
		var steps []string
		for _, st := range []struct {
			name string
			day  interface{ Format(string) string }
			ok   bool
		}{
			{"phê duyệt", i.Approved, i.Approved != nil},
			{"hiệu quả", i.Effective, i.Effective != nil},
			{"áp dụng toàn Thành phố", i.CityWide, i.CityWide != nil},
			{"Bộ, ngành Trung ương đánh giá cao", i.Rated, i.Rated != nil},
		} {
			if st.ok {
				steps = append(steps, st.name+" "+st.day.Format("02/01/2006"))
			}
		}
		lines = append(lines, fmt.Sprintf("- “%s” (%s): %s.", orDash(i.Title), i.Code, strings.Join(steps, "; ")))
	}
	if p.MoreIdeas > 0 {
		lines = append(lines, fmt.Sprintf("- Và %s ý tưởng, sáng kiến khác.", count(p.MoreIdeas)))
	}
	return strings.Join(lines, "\n")
}

// basis says why a line is on the list.
func basis(p interim.Proposal) string {
	var parts []string
	if len(p.Years) > 0 {
		ys := make([]string, len(p.Years))
		for i, y := range p.Years {
			ys[i] = strconv.Itoa(y)
		}
		part := "Đủ tiêu chuẩn năm " + strings.Join(ys, ", ")
		if p.EligibleIn != "" {
			part += " (tại " + p.EligibleIn + ")"
		}
		parts = append(parts, part)
	}
	if p.Nominated {
		parts = append(parts, "đã có hồ sơ đề nghị trong năm")
	}
	if p.Awarded {
		parts = append(parts, "đã được khen thưởng trong năm")
	}
	if p.Standout {
		standout := "tiêu biểu trong giai đoạn"
		if p.Awards > 0 {
			standout += fmt.Sprintf(" (%s khen thưởng)", count(p.Awards))
		}
		parts = append(parts, standout)
	}
	s := []rune(strings.Join(parts, "; "))
	if len(s) == 0 {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:]) + "."
}

// unitsAppendix is the per-unit figures: today's units (restated) in
// Phụ lục II, the units as they were in Phụ lục III.
func (x *docReport) unitsAppendix() {
	x.appendixTitle("II", "SỐ LIỆU CẢ GIAI ĐOẠN THEO ĐƠN VỊ HIỆN NAY")
	x.table(x.tableOf("bang-don-vi-hien-nay"), landscapeWidth, 8)
	x.d.EndSection(landscape)
	x.appendixTitle("III", "SỐ LIỆU CẢ GIAI ĐOẠN THEO ĐƠN VỊ TẠI THỜI ĐIỂM PHÁT SINH")
	x.table(x.tableOf("bang-don-vi-khi-do"), landscapeWidth, 8)
}

// share divides width in the proportions given.
func share(width int, parts []int) []int {
	total := 0
	for _, p := range parts {
		total += p
	}
	out := make([]int, len(parts))
	used := 0
	for i, p := range parts {
		out[i] = width * p / total
		used += out[i]
	}
	out[len(out)-1] += width - used
	return out
}

// roman numbers the list's groups, as documents number their parts.
func roman(n int) string {
	numerals := []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}
	var b strings.Builder
	for _, r := range numerals {
		for n >= r.v {
			b.WriteString(r.s)
			n -= r.v
		}
	}
	return b.String()
}
