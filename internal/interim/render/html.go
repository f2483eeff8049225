// Package render writes an interim report (sơ kết) as leaders read it: a
// self-contained Vietnamese HTML page that prints on A4, and an Excel
// workbook of the same tables. Both are built from one model, so the
// page and the workbook never disagree.
package render

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/hcmc-thidua/thidua/internal/interim"
)

// Options are the page's links to what the caller serves.
type Options struct {
	XLSXHref string // where the workbook of the same report downloads; none when empty
	// DOCXHref and ProposalsHref are where the report to sign and the
	// list proposed for awards download; none when empty.
	DOCXHref, ProposalsHref string
}

var (
	//go:embed page.html.tmpl
	pageTemplate string
	//go:embed page.css
	pageCSS string

	pageTmpl = template.Must(template.New("page").Parse(pageTemplate))
)

// movement is the movement's name as Plan 1821/KH-UBND writes it.
const movement = "“Cán bộ, công chức, viên chức thi đua năng động, sáng tạo, dám nghĩ, dám làm vì lợi ích chung”"

// page is what both renderings show.
type page struct {
	Title, Phase, Scope string
	Refreshed           string // empty without a refresh time
	OK                  bool
	Message             string
	XLSXHref            string
	DOCXHref            string
	ProposalsHref       string
	CSS                 template.CSS
	Sections            []section
}

func newPage(r interim.Report) page {
	p := page{Phase: phaseName(r.Phase), Scope: orDash(r.Scope.Name), Message: r.Message, OK: r.State == interim.StateOK && r.Summary != nil}
	if r.Summary != nil {
		if p.Phase == "" {
			p.Phase = phaseName(r.Summary.Phase)
		}
		p.Refreshed = refreshed(r.Summary.RefreshedAt)
	}
	if p.Message == "" {
		p.Message = interim.Messages[r.State]
	}
	p.Title = r.Review.Title() + " giai đoạn " + p.Phase + " phong trào thi đua " + movement
	if p.OK {
		years := r.Phase.Years()
		if r.Phase.Start == 0 {
			years = r.Summary.Phase.Years()
		}
		p.Sections = sections(r.Summary, years)
	}
	return p
}

// HTML writes the report as a complete page that needs nothing from the
// network: styles are inline and charts are SVG drawn here. A report
// that is not OK shows its message and no figure.
func HTML(w io.Writer, r interim.Report, opts Options) error {
	p := newPage(r)
	p.CSS = template.CSS(pageCSS)
	if p.OK {
		p.XLSXHref, p.DOCXHref, p.ProposalsHref = opts.XLSXHref, opts.DOCXHref, opts.ProposalsHref
	}
	return pageTmpl.Execute(w, p)
}
