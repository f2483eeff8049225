package render

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/hcmc-thidua/thidua/internal/interim"
)

func renderHTML(t *testing.T, r interim.Report, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, r, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkBalanced fails on an element closed out of order or left open,
// which a browser would silently repair into a different page.
func checkBalanced(t *testing.T, page string) {
	t.Helper()
	void := map[string]bool{"meta": true, "link": true, "br": true, "img": true, "input": true, "hr": true, "col": true}
	var open []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			if len(open) > 0 {
				t.Fatalf("elements left open: %v", open)
			}
			return
		case html.StartTagToken:
			if name, _ := z.TagName(); !void[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(open) == 0 || open[len(open)-1] != string(name) {
				t.Fatalf("</%s> closes %v", name, open)
			}
			open = open[:len(open)-1]
		}
	}
}

func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if match(d) {
			out = append(out, d)
		}
	}
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == name }
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// rowText is a table row's cells, separated by "|".
func rowText(tr *html.Node) string {
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			cells = append(cells, textOf(c))
		}
	}
	return strings.Join(cells, "|")
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

func TestHTMLIsWellFormed(t *testing.T) {
	page := renderHTML(t, report(withAwards(sample())), Options{XLSXHref: "/reports/interim/2022-2025.xlsx"})
	checkBalanced(t, page)
	doc := parse(t, page)
	root := find(doc, tag("html"))[0]
	if attr(root, "lang") != "vi" {
		t.Errorf("lang = %q", attr(root, "lang"))
	}
	title := textOf(find(doc, tag("title"))[0])
	want := "Sơ kết giai đoạn 2022–2025 phong trào thi đua “Cán bộ, công chức, viên chức thi đua năng động, sáng tạo, dám nghĩ, dám làm vì lợi ích chung” — Thành phố Hồ Chí Minh"
	if title != want {
		t.Errorf("title = %q", title)
	}
	ids := map[string]bool{}
	for _, n := range find(doc, func(n *html.Node) bool { return attr(n, "id") != "" }) {
		if ids[attr(n, "id")] {
			t.Errorf("id %q twice", attr(n, "id"))
		}
		ids[attr(n, "id")] = true
	}
	for _, n := range find(doc, func(n *html.Node) bool { return attr(n, "aria-labelledby") != "" }) {
		for _, id := range strings.Fields(attr(n, "aria-labelledby")) {
			if !ids[id] {
				t.Errorf("aria-labelledby names no element: %q", id)
			}
		}
	}
	for _, a := range find(doc, tag("a")) {
		if h := attr(a, "href"); strings.HasPrefix(h, "#") && !ids[h[1:]] {
			t.Errorf("link to a missing anchor %q", h)
		}
		if h := attr(a, "href"); strings.HasPrefix(h, "http") {
			t.Errorf("page loads from the network: %q", h)
		}
	}
	for _, name := range []string{"script", "img", "link", "iframe"} {
		if len(find(doc, tag(name))) > 0 {
			t.Errorf("page has a <%s>", name)
		}
	}
	if !strings.Contains(page, `href="#noi-dung"`) || !ids["noi-dung"] {
		t.Error("no skip link to the main content")
	}
	if !strings.Contains(page, `href="/reports/interim/2022-2025.xlsx"`) {
		t.Error("no link to the workbook")
	}
	// Headings go down one level at a time.
	last := 0
	for _, h := range find(doc, func(n *html.Node) bool {
		return n.DataAtom >= 0 && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
	}) {
		level := int(h.Data[1] - '0')
		if level > last+1 {
			t.Errorf("%s %q follows h%d", h.Data, textOf(h), last)
		}
		last = level
	}
}

func TestHTMLHasEverySection(t *testing.T) {
	doc := parse(t, renderHTML(t, report(sample()), Options{}))
	var h2 []string
	for _, h := range find(doc, tag("h2")) {
		h2 = append(h2, textOf(h))
	}
	for _, want := range []string{"1. Tổng quan", "2. Kế hoạch và báo cáo", "3. Tham gia phong trào", "4. Ý tưởng, sáng kiến",
		"5. Nhân rộng", "6. Khen thưởng", "7. Đơn vị, cá nhân tiêu biểu và đơn vị chậm triển khai", "8. Những việc cần theo dõi, đôn đốc",
		"9. Phụ lục: số liệu theo đơn vị"} {
		if !slices.Contains(h2, want) {
			t.Errorf("no heading %q in %q", want, h2)
		}
	}
}

func TestChartsHaveTextAndTable(t *testing.T) {
	for name, s := range map[string]interim.Summary{"without awards": sample(), "with awards": withAwards(sample())} {
		t.Run(name, func(t *testing.T) {
			doc := parse(t, renderHTML(t, report(s), Options{}))
			figures := find(doc, tag("figure"))
			want := 4
			if len(s.Awards) > 0 {
				want = 5
			}
			if len(figures) != want {
				t.Fatalf("%d charts, want %d", len(figures), want)
			}
			for _, fig := range figures {
				svg := find(fig, tag("svg"))
				if len(svg) != 1 || attr(svg[0], "role") != "img" || attr(svg[0], "viewBox") == "" || attr(svg[0], "width") != "100%" {
					t.Fatalf("figure without a responsive svg role=img")
				}
				labels := strings.Fields(attr(svg[0], "aria-labelledby"))
				titles, descs := find(svg[0], tag("title")), find(svg[0], tag("desc"))
				if len(titles) != 1 || len(descs) != 1 || !slices.Equal(labels, []string{attr(titles[0], "id"), attr(descs[0], "id")}) {
					t.Fatalf("svg not labelled by its title and desc: %v", labels)
				}
				if textOf(titles[0]) == "" || !strings.ContainsAny(textOf(descs[0]), "0123456789") {
					t.Errorf("desc gives no figures: %q", textOf(descs[0]))
				}
				if len(find(fig, tag("figcaption"))) != 1 {
					t.Error("figure without a caption")
				}
				next := nextElement(fig)
				if next == nil || next.DataAtom != atom.Table {
					t.Fatalf("chart %q is not followed by its table", textOf(titles[0]))
				}
				if len(find(next, tag("caption"))) != 1 {
					t.Error("table without a caption")
				}
				for _, th := range find(next, tag("th")) {
					if s := attr(th, "scope"); s != "col" && s != "row" {
						t.Errorf("th %q without scope", textOf(th))
					}
				}
			}
		})
	}
}

func TestHTMLFigures(t *testing.T) {
	page := renderHTML(t, report(withAwards(sample())), Options{})
	for _, want := range []string{
		"Số liệu đến hết 02:00 ngày 26/11/2026 (giờ Việt Nam)",
		"12.345", // individuals
		"45,7%",  // the 2022 participation rate
		"12,5",   // a median of days
		"1.234",  // another
		"62,5%",  // departments in 2024
		"Sở, ban, ngành",
		"Báo cáo năm",
		"Bằng khen của Thủ tướng Chính phủ",
		"Cá nhân",
		"Tập thể",
		"Cải cách hành chính",
		"NEW_FIELD", // an unknown code shows as it is
		"Bắt đầu triển khai/thí điểm",
		"Một cửa liên thông trực tuyến",
		"Cá nhân thử nghiệm",
		"Mã ẩn danh fedcba9876",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "fedcba98765") {
		t.Error("page shows more of a pseudonym than its prefix")
	}
}

// A year without rows says so; a zero would claim nobody took part.
func TestYearsWithoutRows(t *testing.T) {
	doc := parse(t, renderHTML(t, report(sample()), Options{}))
	for _, id := range []string{"bang-bao-cao", "bang-tham-gia", "bang-y-tuong-nam"} {
		tables := find(doc, func(n *html.Node) bool { return attr(n, "id") == id })
		if len(tables) != 1 {
			t.Fatalf("no table %s", id)
		}
		rows := find(tables[0], tag("tr"))
		last := rowText(rows[len(rows)-1])
		if last != "2025|chưa có số liệu" {
			t.Errorf("%s: 2025 reads %q", id, last)
		}
	}
	// 2023 has no headcount: no rate, not 0%.
	rows := find(find(doc, func(n *html.Node) bool { return attr(n, "id") == "bang-tham-gia" })[0], tag("tr"))
	if got := rowText(rows[2]); got != "2023|5.100|130|0|—" {
		t.Errorf("2023 reads %q", got)
	}
}

func TestEmptySection(t *testing.T) {
	doc := parse(t, renderHTML(t, report(sample()), Options{}))
	sec := find(doc, func(n *html.Node) bool { return attr(n, "id") == "khen-thuong" })[0]
	if got := textOf(sec); !strings.Contains(got, "Chưa có số liệu khen thưởng") {
		t.Errorf("awards section reads %q", got)
	}
	if len(find(sec, tag("svg")))+len(find(sec, tag("table"))) > 0 {
		t.Error("an empty section draws a chart or a table")
	}
	// A table of a section with rows still says when it has none.
	sec = find(doc, func(n *html.Node) bool { return attr(n, "id") == "tham-gia" })[0]
	if len(find(sec, tag("svg"))) != 1 {
		t.Error("participation has no chart")
	}
	s := sample()
	s.TopIdeas = nil
	page := renderHTML(t, report(s), Options{})
	if !strings.Contains(page, "Chưa có ý tưởng, sáng kiến nào được nhân rộng.") {
		t.Error("no word on the missing top ideas")
	}
}

func TestStatesWithoutFigures(t *testing.T) {
	for _, st := range []interim.State{interim.StateNoData, interim.StateNotConfigured, interim.StateUnreachable, interim.StateNeverRefreshed} {
		t.Run(string(st), func(t *testing.T) {
			r := report(withAwards(sample()))
			r.State, r.Message = st, interim.Messages[st]
			if st != interim.StateNoData {
				r.Summary = nil
			}
			page := renderHTML(t, r, Options{XLSXHref: "/x.xlsx"})
			checkBalanced(t, page)
			doc := parse(t, page)
			status := find(doc, func(n *html.Node) bool { return attr(n, "role") == "status" })
			if len(status) != 1 || !strings.Contains(textOf(status[0]), r.Message) {
				t.Fatalf("no status with %q", r.Message)
			}
			if strings.Contains(page, "<svg") || len(find(doc, tag("figure"))) > 0 || len(find(doc, tag("section"))) > 0 ||
				strings.Contains(page, "12.345") || strings.Contains(page, "/x.xlsx") {
				t.Error("a report that is not OK shows figures")
			}
			refreshed := strings.Contains(textOf(status[0]), "Số liệu đến hết 02:00 ngày 26/11/2026")
			if refreshed != (st == interim.StateNoData) {
				t.Errorf("refresh time shown: %v", refreshed)
			}
		})
	}
}

func TestHTMLEscapes(t *testing.T) {
	page := renderHTML(t, report(sample()), Options{XLSXHref: `javascript:alert(1)`})
	if strings.Contains(page, "<script") || strings.Contains(page, "javascript:") {
		t.Fatal("a unit's name or a link runs as script")
	}
	if !strings.Contains(page, "Phường &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Error("the unit's name is not shown escaped")
	}
}

func TestPrintStyles(t *testing.T) {
	for _, want := range []string{"@page { size: A4; margin: 15mm; }", "break-before: page", "break-inside: avoid",
		"thead { display: table-header-group; }", "position: fixed"} {
		if !strings.Contains(pageCSS, want) {
			t.Errorf("styles lack %q", want)
		}
	}
}

// TestAnnexAsItWasNotPrinted: the table of every unit as it was stays on
// the screen and in the workbook; the print says where to find it.
func TestAnnexAsItWasNotPrinted(t *testing.T) {
	page := renderHTML(t, report(withAwards(sample())), Options{})
	note := strings.Index(page, `<p class="print-only">`)
	table := strings.Index(page, `id="bang-don-vi-khi-do"`)
	if note < 0 || table < 0 || !strings.Contains(page[note:table], `<div class="screen-only">`) ||
		!strings.Contains(page[note:table], "không in kèm") {
		t.Errorf("the as-it-was annex is not screen-only with a print note")
	}
	if !strings.Contains(pageCSS, ".screen-only { display: none; }") {
		t.Error("print styles do not hide screen-only blocks")
	}
}
