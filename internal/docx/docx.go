// Package docx writes Word documents (WordprocessingML, ECMA-376) of
// paragraphs, tables and sections: what an administrative document needs,
// written by hand so every size, margin and border is the one asked for
// and nothing else is in the file.
package docx

import (
	"strings"
)

// Lengths are in twentieths of a point (twips), as WordprocessingML
// measures pages, indents and spacing.
const (
	Twip = 1
	Pt   = 20 * Twip
	MM   = 56.6929 * Twip // a millimetre, rounded where used
)

// Millimetres converts to twips.
func Millimetres(mm float64) int { return int(mm*MM + 0.5) }

// Align is a paragraph's alignment.
type Align string

// The alignments.
const (
	Left    Align = "left"
	Center  Align = "center"
	Right   Align = "right"
	Justify Align = "both"
)

// Run is text of one look. Size is in points (half-points are not
// needed: the decree's sizes are whole).
type Run struct {
	Text                    string
	Bold, Italic, Underline bool
	Size                    float64 // 0: the document's
	Highlight               string  // "yellow", "lightGray"…; empty: none
	Break                   bool    // a line break before the text
	PageField               bool    // the page number, as a field Word updates
	Color                   string  // RRGGBB; empty: automatic
}

// Paragraph is a run of text with its layout.
type Paragraph struct {
	Runs         []Run
	Align        Align
	FirstLine    int // indent of the first line, twips
	Left, Right  int // indents, twips
	Before       int // spacing before, twips
	After        int // spacing after, twips
	Line         int // line spacing in 240ths of a line (240 single); 0: the document's
	KeepNext     bool
	KeepLines    bool
	PageBreak    bool // starts a new page
	BorderBottom bool // a solid line under the paragraph, between its indents
	Section      *Section
	// Size applies to the paragraph mark, so an empty paragraph takes the
	// height of its text's size.
	Size float64
}

// Table is a grid of cells. Widths are in twips and fix the layout: Word
// and LibreOffice then agree on where columns fall.
type Table struct {
	Widths  []int
	Rows    []Row
	Borders bool  // single lines around every cell
	Align   Align // the table's place on the page
	Indent  int   // from the left margin, twips
}

// Row is one row; a header row repeats at the top of every page.
type Row struct {
	Cells     []Cell
	Header    bool
	CantSplit bool
}

// Cell holds paragraphs. Span merges it with the cells to its right.
type Cell struct {
	Paragraphs []Paragraph
	Span       int    // columns covered; 0 or 1: one
	Shade      string // RRGGBB fill; empty: none
	VAlign     string // "top", "center", "bottom"
}

// Section describes the pages of the part of the document before it.
type Section struct {
	Landscape bool
	// Margins in twips.
	Top, Bottom, Left, Right int
	Header                   int  // distance from the page's edge to the header
	TitlePage                bool // the first page takes the first-page header (none here)
	RestartNumbering         bool // page numbers start again at 1
}

// A4 is the page's size in twips.
const (
	a4Width  = 11906
	a4Height = 16838
)

// Block is a paragraph or a table.
type Block interface{ write(*strings.Builder) }

func (p Paragraph) write(b *strings.Builder) { writeParagraph(b, p) }
func (t Table) write(b *strings.Builder)     { writeTable(b, t) }

// Document is the body and the look of a document.
type Document struct {
	Title, Subject, Creator string
	Font                    string  // the body's typeface
	Size                    float64 // the body's size in points
	Lang                    string  // "vi-VN"
	// FirstPageHeader is written at the top of a section's first page
	// when the section has TitlePage; Header on every other page, with
	// Run.PageField where the number goes.
	FirstPageHeader []Block
	Header          []Block
	body            []Block
	last            Section
}

// Add appends paragraphs.
func (d *Document) Add(ps ...Paragraph) {
	for _, p := range ps {
		d.body = append(d.body, p)
	}
}

// AddTable appends a table. Word needs a paragraph between two tables,
// or it joins them; callers add their own caption or spacing.
func (d *Document) AddTable(t Table) { d.body = append(d.body, t) }

// EndSection closes the pages so far with s; what follows starts on a new
// page with the section given by the next EndSection or by Last.
func (d *Document) EndSection(s Section) {
	d.body = append(d.body, Paragraph{Section: &s})
}

// Last sets the last section's pages.
func (d *Document) Last(s Section) { d.last = s }
