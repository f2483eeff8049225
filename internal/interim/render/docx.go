package render

import (
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hcmc-thidua/thidua/internal/docx"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

// The report leaders sign is laid out as Nghị định 30/2020/NĐ-CP, Phụ
// lục I, sets administrative documents out: A4; margins top and bottom
// 20 mm, left 30 mm, right 15 mm (mục II.4: 20–25, 20–25, 30–35, 15–20);
// Times New Roman; the body at 14 pt, justified, the first line indented
// 1.27 cm, 6 pt between paragraphs, single spacing (mục II.9); the page
// number at the top, centred, from the second page (mục II.5). Wide
// appendices turn the page (mục II.4: "trình bày theo chiều ngang").

// DocOptions are what the document needs beyond the figures.
type DocOptions struct {
	Issuer interim.Issuer
	// Today is the day the draft is made, in Asia/Ho_Chi_Minh: its year
	// goes on the date line, whose day and month the signer writes.
	Today time.Time
}

const (
	fontBody  = "Times New Roman"
	sizeBody  = 14
	sizeTable = 11
	sizeWide  = 9
)

var (
	portrait = docx.Section{Top: docx.Millimetres(20), Bottom: docx.Millimetres(20), Left: docx.Millimetres(30),
		Right: docx.Millimetres(15), Header: docx.Millimetres(10)}
	// Turned pages keep the binding margin on the sheet's long edge,
	// which is now at the top.
	landscape = docx.Section{Landscape: true, Top: docx.Millimetres(30), Bottom: docx.Millimetres(15),
		Left: docx.Millimetres(20), Right: docx.Millimetres(20), Header: docx.Millimetres(15),
		RestartNumbering: true, TitlePage: true}

	portraitWidth  = 11906 - portrait.Left - portrait.Right
	landscapeWidth = 16838 - landscape.Left - landscape.Right
)

// DOCX writes the review's report as a draft for its author: generated
// figures and tables, marked places for what people write, the list
// proposed for awards and the per-unit figures as appendices. A report
// that is not OK says why, under the same heading.
func DOCX(w io.Writer, r interim.Report, opts DocOptions) error {
	p := newPage(r)
	d := &docx.Document{Font: fontBody, Size: sizeBody, Lang: "vi-VN", Creator: "thidua",
		Title: "Báo cáo " + strings.ToLower(r.Review.Title()) + " giai đoạn " + p.Phase, Subject: p.Scope}
	// A draft says so in a box on each part's first page, where no page
	// number goes.
	d.FirstPageHeader = []docx.Block{docx.Table{Widths: []int{docx.Millimetres(26)}, Borders: true,
		Rows: []docx.Row{{Cells: []docx.Cell{{Paragraphs: []docx.Paragraph{centred(docx.Run{Text: "DỰ THẢO", Bold: true, Size: 12})}}}}}}}
	d.Header = []docx.Block{docx.Paragraph{Align: docx.Center, Runs: []docx.Run{{PageField: true, Size: 13}}}}
	doc := &docReport{d: d, r: r, p: p, opts: opts}
	doc.heading()
	if !p.OK {
		doc.body(p.Message)
		doc.signature()
		d.Last(first(portrait))
	} else {
		doc.main()
		doc.signature()
		d.EndSection(first(portrait))
		doc.awardsAppendix()
		d.EndSection(landscape)
		doc.unitsAppendix()
		d.Last(landscape)
	}
	created := opts.Today
	if r.Summary != nil && !r.Summary.RefreshedAt.IsZero() {
		created = r.Summary.RefreshedAt
	}
	return d.Write(w, created)
}

func first(s docx.Section) docx.Section {
	s.TitlePage = true
	return s
}

// docReport builds the document.
type docReport struct {
	d      *docx.Document
	r      interim.Report
	p      page
	opts   DocOptions
	tables int // tables numbered so far
}

// heading writes the issuer and the national motto side by side, the
// number and the place and date, then the title (mục II.1–II.3, II.6–II.7).
func (x *docReport) heading() {
	is := x.opts.Issuer
	left, right := docx.Millimetres(66), portraitWidth-docx.Millimetres(66)
	var l []docx.Paragraph
	for _, line := range is.Parent {
		l = append(l, centred(docx.Run{Text: line, Size: 13}))
	}
	for _, line := range is.Body {
		l = append(l, centred(docx.Run{Text: line, Size: 13, Bold: true}))
	}
	l = append(l, rule(left, 0.4, 0))
	r := []docx.Paragraph{
		centred(docx.Run{Text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Size: 12, Bold: true}),
		centred(docx.Run{Text: "Độc lập - Tự do - Hạnh phúc", Size: 13, Bold: true}),
		// The motto's line is as long as the motto (mục II.2).
		rule(right, 0.66, 0),
	}
	// Two rows, so that the number and the place and date share a line
	// however many lines the issuer's name takes.
	x.d.AddTable(docx.Table{Widths: []int{left, right}, Rows: []docx.Row{
		{Cells: []docx.Cell{{Paragraphs: l}, {Paragraphs: r}}},
		{Cells: []docx.Cell{
			{Paragraphs: []docx.Paragraph{{Align: docx.Center, Before: 6 * docx.Pt, Runs: []docx.Run{{Text: "Số:          /" + is.Symbol, Size: 13}}}}},
			{Paragraphs: []docx.Paragraph{{Align: docx.Center, Before: 6 * docx.Pt, Runs: []docx.Run{{Italic: true, Size: 13,
				Text: is.Place + ", ngày    tháng    năm " + strconv.Itoa(x.opts.Today.Year())}}}}},
		}},
	}})
	title := "Sơ kết"
	if x.r.Review == interim.ReviewFinal {
		title = "Tổng kết"
	}
	x.d.Add(
		docx.Paragraph{Align: docx.Center, Before: 18 * docx.Pt, KeepNext: true,
			Runs: []docx.Run{{Text: "BÁO CÁO", Bold: true, Size: 14}}},
		docx.Paragraph{Align: docx.Center, KeepNext: true, Runs: []docx.Run{{Bold: true, Size: 14,
			Text: title + " giai đoạn " + x.p.Phase + " Phong trào thi đua " + movement}}},
		// A line a third to a half the title's length (mục II.7).
		rule(portraitWidth, 0.3, 12*docx.Pt),
	)
}

// centred is a centred line of one run.
func centred(r docx.Run) docx.Paragraph {
	return docx.Paragraph{Align: docx.Center, Runs: []docx.Run{r}}
}

// rule is a solid line, a share of width long, centred: an empty
// paragraph of tiny text with a bottom border, so that the line never
// wraps the text it underlines.
func rule(width int, share float64, after int) docx.Paragraph {
	side := int(float64(width) * (1 - share) / 2)
	return docx.Paragraph{BorderBottom: true, Left: side, Right: side, Size: 2, After: after}
}

func (x *docReport) body(text string) {
	x.d.Add(bodyParagraph(text))
}

func bodyParagraph(text string, runs ...docx.Run) docx.Paragraph {
	rs := []docx.Run{{Text: text}}
	if text == "" {
		rs = nil
	}
	return docx.Paragraph{Align: docx.Justify, FirstLine: 720, After: 6 * docx.Pt, Runs: append(rs, runs...)}
}

// section is a heading: "I. KẾT QUẢ" (level 1), "1. Tham gia" (2),
// "a) Theo năm" (3).
func (x *docReport) section(level int, text string) {
	r := docx.Run{Text: text, Bold: level <= 2, Italic: level == 3}
	x.d.Add(docx.Paragraph{Align: docx.Justify, FirstLine: 720, Before: 6 * docx.Pt, After: 6 * docx.Pt,
		KeepNext: true, Runs: []docx.Run{r}})
}

// facts lists lines under a paragraph, each with a dash.
func (x *docReport) facts(lines []string) {
	for _, l := range lines {
		x.body("- " + l)
	}
}

// placeholder marks what the author writes, with the facts that should
// inform it; highlighted so it cannot go out unnoticed.
func (x *docReport) placeholder(what string, facts []string) {
	x.d.Add(bodyParagraph("", docx.Run{Text: "[Phần do đơn vị viết] ", Bold: true, Highlight: "yellow"},
		docx.Run{Text: what, Italic: true, Highlight: "yellow"}))
	if len(facts) == 0 {
		return
	}
	x.d.Add(bodyParagraph("", docx.Run{Text: "Số liệu cần lưu ý:", Italic: true}))
	for _, f := range facts {
		x.d.Add(bodyParagraph("", docx.Run{Text: "- " + f, Italic: true}))
	}
}

// table writes a table of the page with its number and caption, its
// header repeated on every page and its rows kept whole.
func (x *docReport) table(t table, width int, size float64) {
	x.tables++
	x.d.Add(docx.Paragraph{Align: docx.Center, Before: 6 * docx.Pt, After: 3 * docx.Pt, KeepNext: true,
		Runs: []docx.Run{{Text: "Bảng " + strconv.Itoa(x.tables) + ". " + t.Caption, Bold: true, Size: size + 1}}})
	if len(t.Rows) == 0 {
		x.d.Add(docx.Paragraph{Align: docx.Center, After: 6 * docx.Pt, Runs: []docx.Run{{Text: t.Empty, Italic: true, Size: size + 1}}})
		return
	}
	widths := fitWidths(t, width, size)
	head := docx.Row{Header: true, CantSplit: true}
	for _, h := range t.Head {
		head.Cells = append(head.Cells, docx.Cell{VAlign: "center", Paragraphs: []docx.Paragraph{
			{Align: docx.Center, Runs: []docx.Run{{Text: h, Bold: true, Size: size}}}}})
	}
	rows := []docx.Row{head}
	for _, row := range t.Rows {
		dr := docx.Row{CantSplit: true}
		for i, c := range row {
			cell := docx.Cell{Paragraphs: []docx.Paragraph{{Runs: []docx.Run{{Text: c.Text(), Size: size,
				Bold: c.Flagged(), Italic: c.Absent()}}}}}
			switch {
			case c.Absent():
				cell.Span = t.Span(i)
				cell.Paragraphs[0].Align = docx.Center
			case c.Numeric() || c.kind == kindYear:
				cell.Paragraphs[0].Align = docx.Right
				if c.kind == kindYear {
					cell.Paragraphs[0].Align = docx.Center
				}
			}
			dr.Cells = append(dr.Cells, cell)
			if c.Absent() {
				break
			}
		}
		rows = append(rows, dr)
	}
	x.d.AddTable(docx.Table{Widths: widths, Rows: rows, Borders: true, Align: docx.Center})
	x.d.Add(docx.Paragraph{Size: 6})
}

// fitWidths shares width among the columns by what they hold: each
// column at least as wide as its header's longest word (headers wrap
// between words, never inside one) and its figures; what is left goes to
// the columns whose text would like more, up to a point.
func fitWidths(t table, width int, size float64) []int {
	char := int(size * 20 * 0.6) // an average glyph, capitals and bold headers included
	const margins = 2*85 + 30
	least := make([]int, len(t.Head))
	want := make([]int, len(t.Head))
	for i, h := range t.Head {
		for _, w := range strings.Fields(h) {
			least[i] = max(least[i], utf8.RuneCountInString(w))
		}
		want[i] = least[i]
	}
	for _, row := range t.Rows {
		for i, c := range row {
			if i >= len(want) || c.Absent() {
				continue
			}
			n := utf8.RuneCountInString(c.Text())
			if c.Numeric() || c.kind == kindYear {
				least[i] = max(least[i], n)
			}
			// A code or a date is one word: it wraps whole or not at all.
			for _, w := range strings.Fields(c.Text()) {
				least[i] = max(least[i], min(utf8.RuneCountInString(w), 14))
			}
			want[i] = max(want[i], min(n, 40))
		}
	}
	var sumLeast, sumWant int
	for i := range want {
		least[i] = max(least[i], 3)*char + margins
		want[i] = max(want[i]*char+margins, least[i])
		sumLeast, sumWant = sumLeast+least[i], sumWant+want[i]
	}
	out := make([]int, len(want))
	used := 0
	for i := range want {
		switch {
		case sumWant <= width:
			out[i] = want[i] * width / sumWant
		case sumLeast >= width:
			out[i] = least[i] * width / sumLeast
		default:
			out[i] = least[i] + (want[i]-least[i])*(width-sumLeast)/(sumWant-sumLeast)
		}
		used += out[i]
	}
	out[len(out)-1] += width - used
	return out
}

// levelTitle names a level in capitals for the list's groups.
func levelTitle(l domain.AwardLevel) string {
	if l == "" {
		return "ĐƠN VỊ, CÁ NHÂN TIÊU BIỂU CHƯA ĐỦ TIÊU CHUẨN THEO SỐ LIỆU (ĐƠN VỊ XEM XÉT)"
	}
	return strings.ToUpper(label(l))
}
