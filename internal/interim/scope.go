package interim

import (
	"context"
	"strings"

	"github.com/hcmc-thidua/thidua/ent"
	entphase "github.com/hcmc-thidua/thidua/ent/phase"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Authorize resolves what a viewer asks for: the phase, and the unit whose
// subtree the report covers (the city when unitID is nil for leaders, the
// board and analysts; the viewer's own unit for a unit's head or
// emulation officer). It is the one rule for the API, the page and the
// workbook alike.
func Authorize(ctx context.Context, client *ent.Client, phaseName string, unitID *int) (Phase, Scope, error) {
	v := access.FromContext(ctx)
	if v == nil {
		return Phase{}, Scope{}, problem.New(problem.Unauthenticated, "Cần đăng nhập để xem báo cáo sơ kết, tổng kết.")
	}
	cityWide := v.ReadsCityWide()
	subtree := v.HasAny(access.UnitHead, access.UnitAdmin) && v.UnitPath != ""
	if !cityWide && !subtree {
		return Phase{}, Scope{}, problem.New(problem.Forbidden,
			"Báo cáo sơ kết, tổng kết dành cho lãnh đạo Thành phố, Ban Thi đua - Khen thưởng, người phân tích số liệu và lãnh đạo, cán bộ thi đua của đơn vị.")
	}
	p, err := ParsePhase(phaseName)
	if err != nil {
		return Phase{}, Scope{}, problem.New(problem.Validation, "Giai đoạn %q không hợp lệ; hãy ghi theo dạng năm đầu-năm cuối, ví dụ 2022-2025.", phaseName)
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	known, err := client.Phase.Query().Where(entphase.Name(p.Name)).Exist(sys)
	if err != nil {
		return Phase{}, Scope{}, err
	}
	if !known {
		return Phase{}, Scope{}, problem.New(problem.NotFound, "Không có giai đoạn %s trong kế hoạch.", p.Name)
	}
	q := client.Unit.Query()
	switch {
	case unitID != nil:
		q = q.Where(unit.ID(*unitID))
	case cityWide:
		q = q.Where(unit.TypeEQ(domain.UnitTypeCity), unit.Not(unit.HasParent()))
	default:
		q = q.Where(unit.ID(v.UnitID))
	}
	u, err := q.First(sys)
	if ent.IsNotFound(err) && !cityWide {
		// A unit's officer learns nothing of ids outside their subtree,
		// not even whether one exists.
		return Phase{}, Scope{}, problem.New(problem.Forbidden, "Bạn chỉ xem được báo cáo sơ kết, tổng kết của đơn vị mình và các đơn vị trực thuộc.")
	}
	if ent.IsNotFound(err) {
		return Phase{}, Scope{}, problem.New(problem.NotFound, "Không tìm thấy đơn vị cần xem báo cáo sơ kết, tổng kết.")
	}
	if err != nil {
		return Phase{}, Scope{}, err
	}
	if !cityWide && !strings.HasPrefix(u.Path, v.UnitPath) {
		return Phase{}, Scope{}, problem.New(problem.Forbidden, "Bạn chỉ xem được báo cáo sơ kết, tổng kết của đơn vị mình và các đơn vị trực thuộc.")
	}
	return p, Scope{ID: u.ID, Path: u.Path, Code: u.Code, Name: u.Name}, nil
}
