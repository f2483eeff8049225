package graph

import (
	"context"

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
