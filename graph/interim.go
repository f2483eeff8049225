package graph

import (
	"context"
	"net/url"
	"strconv"

	"github.com/hcmc-thidua/thidua/graph/model"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// interimReport authorises the viewer for the phase and unit, then reads
// the report from the warehouse.
func (r *Resolver) interimReport(ctx context.Context, phase string, unit *int, review interim.Review) (*interim.Report, error) {
	p, scope, err := interim.Authorize(ctx, r.client, phase, unit)
	if err != nil {
		return nil, err
	}
	rep, err := r.reports.Report(ctx, p, scope)
	if err != nil {
		return nil, problem.Wrap(err, problem.Internal, "Không đọc được số liệu sơ kết từ kho dữ liệu báo cáo; vui lòng thử lại sau.")
	}
	rep.Review = review
	return &rep, nil
}

// reportDownloadURL authorises as phaseSummary and the report handler do
// (interim.Authorize), then links to the page or workbook that handler
// serves; the unit is signed, so the link opens that unit's report only.
func (r *Resolver) reportDownloadURL(ctx context.Context, phase string, review interim.Review, unit *int, format model.ReportFormat) (string, error) {
	p, _, err := interim.Authorize(ctx, r.client, phase, unit)
	if err != nil {
		return "", err
	}
	dir := "/reports/interim/"
	if review == interim.ReviewFinal {
		dir = "/reports/final/"
	}
	// The file names are those the report handler reads (server.reportFile).
	file := p.Name + map[model.ReportFormat]string{
		model.ReportFormatWorkbook:       ".xlsx",
		model.ReportFormatReportDocx:     ".docx",
		model.ReportFormatAwardProposals: ".de-nghi-khen-thuong.xlsx",
	}[format]
	q := url.Values{}
	if unit != nil {
		q.Set("unit", strconv.Itoa(*unit))
	}
	return downloadLink(ctx, dir+file, q)
}
