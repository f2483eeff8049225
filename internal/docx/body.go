package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Word rejects a file whose elements are out of the schema's order, so
// each writer below emits its properties in the order ECMA-376 lists them.

func writeParagraph(b *strings.Builder, p Paragraph) {
	b.WriteString("<w:p>")
	writeParagraphProps(b, p)
	for _, r := range p.Runs {
		writeRun(b, r)
	}
	b.WriteString("</w:p>")
}

func writeParagraphProps(b *strings.Builder, p Paragraph) {
	b.WriteString("<w:pPr>")
	if p.KeepNext {
		b.WriteString("<w:keepNext/>")
	}
	if p.KeepLines {
		b.WriteString("<w:keepLines/>")
	}
	if p.PageBreak {
		b.WriteString("<w:pageBreakBefore/>")
	}
	if p.BorderBottom {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	b.WriteString(`<w:spacing w:before="` + itoa(p.Before) + `" w:after="` + itoa(p.After) + `"`)
	if p.Line > 0 {
		b.WriteString(` w:line="` + itoa(p.Line) + `" w:lineRule="auto"`)
	}
	b.WriteString("/>")
	if p.Left != 0 || p.Right != 0 || p.FirstLine != 0 {
		b.WriteString(`<w:ind w:left="` + itoa(p.Left) + `" w:right="` + itoa(p.Right) + `"`)
		if p.FirstLine > 0 {
			b.WriteString(` w:firstLine="` + itoa(p.FirstLine) + `"`)
		}
		b.WriteString("/>")
	}
	if p.Align != "" {
		b.WriteString(`<w:jc w:val="` + string(p.Align) + `"/>`)
	}
	if p.Size > 0 {
		b.WriteString(`<w:rPr>`)
		writeSize(b, p.Size)
		b.WriteString(`</w:rPr>`)
	}
	if p.Section != nil {
		writeSection(b, *p.Section)
	}
	b.WriteString("</w:pPr>")
}

func writeRun(b *strings.Builder, r Run) {
	if r.PageField {
		b.WriteString(`<w:fldSimple w:instr=" PAGE ">`)
		defer b.WriteString(`</w:fldSimple>`)
		r.Text = "1"
	}
	b.WriteString("<w:r>")
	if r.Bold || r.Italic || r.Underline || r.Size > 0 || r.Highlight != "" || r.Color != "" {
		b.WriteString("<w:rPr>")
		if r.Bold {
			b.WriteString("<w:b/><w:bCs/>")
		}
		if r.Italic {
			b.WriteString("<w:i/><w:iCs/>")
		}
		if r.Color != "" {
			b.WriteString(`<w:color w:val="` + r.Color + `"/>`)
		}
		if r.Size > 0 {
			writeSize(b, r.Size)
		}
		if r.Highlight != "" {
			b.WriteString(`<w:highlight w:val="` + r.Highlight + `"/>`)
		}
		if r.Underline {
			b.WriteString(`<w:u w:val="single"/>`)
		}
		b.WriteString("</w:rPr>")
	}
	if r.Break {
		b.WriteString("<w:br/>")
	}
	writeText(b, r.Text)
	b.WriteString("</w:r>")
}

func writeSize(b *strings.Builder, pt float64) {
	half := strconv.Itoa(int(pt*2 + 0.5))
	b.WriteString(`<w:sz w:val="` + half + `"/><w:szCs w:val="` + half + `"/>`)
}

// writeText writes text as runs' content: a newline is a line break and
// a tab a tab; whatever XML 1.0 cannot hold (control characters in a title
// someone typed) is left out rather than making the file unreadable, and
// so are the controls that reorder text.
func writeText(b *strings.Builder, s string) {
	s = norm.NFC.String(s)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if part == "" {
				continue
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			escape(b, part)
			b.WriteString("</w:t>")
		}
	}
}

func escape(b *strings.Builder, s string) {
	for _, c := range s {
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '"':
			b.WriteString("&quot;")
		case !xmlChar(c) || bidiControl(c):
			// dropped: see writeText
		default:
			b.WriteRune(c)
		}
	}
}

// bidiControl is an embedding, override or isolate: typed into a title it
// reverses the text after it on the page ("EDIRREVO"), which a document
// people sign must not let anyone do to its wording.
func bidiControl(c rune) bool { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) }

// xmlChar is XML 1.0's Char production.
func xmlChar(c rune) bool {
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
		(c >= 0xE000 && c <= 0xFFFD && c != utf8.RuneError) || (c >= 0x10000 && c <= 0x10FFFF)
}

func writeTable(b *strings.Builder, t Table) {
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(total) + `" w:type="dxa"/>`)
	if t.Align != "" {
		b.WriteString(`<w:jc w:val="` + string(t.Align) + `"/>`)
	}
	if t.Indent != 0 {
		b.WriteString(`<w:tblInd w:w="` + itoa(t.Indent) + `" w:type="dxa"/>`)
	}
	b.WriteString(`<w:tblBorders>`)
	line := `w:val="nil"`
	if t.Borders {
		line = `w:val="single" w:sz="4" w:space="0" w:color="000000"`
	}
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` ` + line + `/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	b.WriteString(`<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>`)
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, w := range t.Widths {
		b.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, r := range t.Rows {
		writeRow(b, t, r)
	}
	b.WriteString(`</w:tbl>`)
}

func writeRow(b *strings.Builder, t Table, r Row) {
	b.WriteString("<w:tr>")
	if r.CantSplit || r.Header {
		b.WriteString("<w:trPr>")
		if r.CantSplit {
			b.WriteString("<w:cantSplit/>")
		}
		if r.Header {
			b.WriteString("<w:tblHeader/>")
		}
		b.WriteString("</w:trPr>")
	}
	col := 0
	for _, c := range r.Cells {
		span := max(c.Span, 1)
		w := 0
		for i := col; i < col+span && i < len(t.Widths); i++ {
			w += t.Widths[i]
		}
		col += span
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(w) + `" w:type="dxa"/>`)
		if span > 1 {
			b.WriteString(`<w:gridSpan w:val="` + itoa(span) + `"/>`)
		}
		if c.Shade != "" {
			b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + c.Shade + `"/>`)
		}
		if c.VAlign != "" {
			b.WriteString(`<w:vAlign w:val="` + c.VAlign + `"/>`)
		}
		b.WriteString(`</w:tcPr>`)
		// A cell must end with a paragraph, even an empty one.
		ps := c.Paragraphs
		if len(ps) == 0 {
			ps = []Paragraph{{}}
		}
		for _, p := range ps {
			writeParagraph(b, p)
		}
		b.WriteString(`</w:tc>`)
	}
	b.WriteString("</w:tr>")
}

func writeSection(b *strings.Builder, s Section) {
	b.WriteString(`<w:sectPr>`)
	b.WriteString(`<w:headerReference w:type="default" r:id="` + relHeader + `"/>`)
	if s.TitlePage {
		b.WriteString(`<w:headerReference w:type="first" r:id="` + relFirstHeader + `"/>`)
	}
	w, h, orient := a4Width, a4Height, ""
	if s.Landscape {
		w, h, orient = a4Height, a4Width, ` w:orient="landscape"`
	}
	b.WriteString(`<w:pgSz w:w="` + itoa(w) + `" w:h="` + itoa(h) + `"` + orient + `/>`)
	b.WriteString(`<w:pgMar w:top="` + itoa(s.Top) + `" w:right="` + itoa(s.Right) + `" w:bottom="` + itoa(s.Bottom) +
		`" w:left="` + itoa(s.Left) + `" w:header="` + itoa(s.Header) + `" w:footer="` + itoa(s.Header) + `" w:gutter="0"/>`)
	if s.RestartNumbering {
		b.WriteString(`<w:pgNumType w:start="1"/>`)
	}
	if s.TitlePage {
		b.WriteString(`<w:titlePg/>`)
	}
	b.WriteString(`</w:sectPr>`)
}

func itoa(n int) string { return strconv.Itoa(n) }
