package server

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/interim/render"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// pageSecurity forbids the report page to load anything: its charts are
// inline SVG and its styles inline, so a page that tried to fetch from
// elsewhere would be a bug or an injection.
const pageSecurity = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// interimReport serves /reports/interim/{file}: "2022-2025" is the HTML
// page, "2022-2025.xlsx" the workbook, "2022-2025.docx" the report to sign
// and "2022-2025.de-nghi-khen-thuong.xlsx" the list proposed for awards;
// ?unit=ID narrows each to a unit's subtree. The viewer is authorised as by the interimSummary query.
func interimReport(client *ent.Client, reports *interim.Service, review interim.Review, signer *links.Signer) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		file := r.PathValue("file")
		kind, phase := reportFile(file)
		var unitID *int
		if len(r.URL.Query()["unit"]) > 1 {
			// Two units are no scope: answering the first would make the
			// report depend on a parameter's order.
			writeError(w, http.StatusBadRequest, problem.Validation, "Chỉ ghi một mã đơn vị (unit).")
			return
		}
		if s := r.URL.Query().Get("unit"); s != "" {
			id, err := strconv.Atoi(s)
			if err != nil || id <= 0 {
				writeError(w, http.StatusBadRequest, problem.Validation, "Mã đơn vị (unit) không hợp lệ.")
				return
			}
			unitID = &id
		}
		p, scope, err := interim.Authorize(r.Context(), client, phase, unitID)
		if err != nil {
			writeProblem(w, r, err)
			return
		}
		rep, err := reports.Report(r.Context(), p, scope)
		rep.Review = review
		if err != nil {
			slog.ErrorContext(r.Context(), "interim report", "err", err)
			fail(w, r, http.StatusServiceUnavailable, problem.Internal, "Không đọc được số liệu sơ kết từ kho dữ liệu báo cáo; vui lòng thử lại sau.", err)
			return
		}
		// Rendered whole before the first byte, so a failure never leaves
		// half a page or a broken workbook.
		var body bytes.Buffer
		name := fmt.Sprintf("%s-%s-%s", review.Slug(), p.Name, scope.Code)
		switch kind {
		case fileXLSX:
			err = render.XLSX(&body, rep)
			attach(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name+".xlsx")
		case fileProposals:
			err = render.ProposalsXLSX(&body, rep)
			attach(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name+proposalsSuffix)
		case fileDOCX:
			var is interim.Issuer
			if is, err = interim.IssuerOf(r.Context(), client, scope); err == nil {
				err = render.DOCX(&body, rep, render.DocOptions{Issuer: is, Today: clock.Today(r.Context())})
			}
			attach(w, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name+".docx")
		default:
			// A page opened by a signed link has no header to send on:
			// its downloads are signed too, for the same viewer and
			// expiring with the page's.
			link := func(file string) string {
				if exp, ok := links.Signed(r.Context()); ok && signer != nil {
					q := r.URL.Query()
					q.Del(links.Param)
					return signer.Sign(path.Join(path.Dir(r.URL.Path), file), q, access.FromContext(r.Context()), exp)
				}
				return (&url.URL{Path: file, RawQuery: r.URL.RawQuery}).String()
			}
			err = render.HTML(&body, rep, render.Options{XLSXHref: link(p.Name + ".xlsx"),
				DOCXHref: link(p.Name + ".docx"), ProposalsHref: link(p.Name + proposalsSuffix)})
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Security-Policy", pageSecurity)
		}
		if err != nil {
			slog.ErrorContext(r.Context(), "interim report: render", "err", err)
			// The error is no attachment: a browser would save it as the file.
			w.Header().Del("Content-Disposition")
			fail(w, r, http.StatusInternalServerError, problem.Internal, "Không dựng được báo cáo sơ kết, tổng kết.", err)
			return
		}
		// Names of people may be in it: keep it out of shared caches.
		w.Header().Set("Cache-Control", "private, no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
		_, _ = body.WriteTo(w)
	}
}

// The files of a review: the page, its workbook, the report to sign and
// the list proposed for awards.
type fileKind int

const (
	filePage fileKind = iota
	fileXLSX
	fileProposals
	fileDOCX
)

// proposalsSuffix names the list's workbook: "2022-2025.de-nghi-khen-thuong.xlsx".
const proposalsSuffix = ".de-nghi-khen-thuong.xlsx"

// reportFile tells which file a name asks for, and of which phase.
func reportFile(name string) (fileKind, string) {
	for _, f := range []struct {
		suffix string
		kind   fileKind
	}{{proposalsSuffix, fileProposals}, {".xlsx", fileXLSX}, {".docx", fileDOCX}} {
		if phase, ok := strings.CutSuffix(name, f.suffix); ok {
			return f.kind, phase
		}
	}
	return filePage, name
}

func attach(w http.ResponseWriter, contentType, name string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
}

// writeProblem answers a problem with the HTTP status of its code.
func writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p, ok := problem.As(err)
	if !ok {
		if !errors.Is(err, r.Context().Err()) {
			slog.ErrorContext(r.Context(), "interim report: authorise", "err", err)
		}
		fail(w, r, http.StatusServiceUnavailable, problem.Unavailable, "Không kết nối được cơ sở dữ liệu, vui lòng thử lại sau.", err)
		return
	}
	status := map[problem.Code]int{
		problem.Unauthenticated: http.StatusUnauthorized,
		problem.Forbidden:       http.StatusForbidden,
		problem.Validation:      http.StatusBadRequest,
		problem.NotFound:        http.StatusNotFound,
	}[p.Code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	writeError(w, status, p.Code, p.Message)
}
