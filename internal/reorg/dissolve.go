package reorg

import (
	"context"
	"fmt"
	"strings"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// checkNothingLeft refuses to dissolve a unit with no successor while
// something of it still runs that only a successor could take: sub-units
// that go on existing, ideas and nominations not yet final, and people
// due to start in it on or after the date. Memberships already running
// are simply ended at the date.
func checkNothingLeft(ctx context.Context, c *ent.Client, ck *checked) error {
	u := ck.old[0]
	children, err := c.Unit.Query().Where(openChildren(ck.on, u.ID)).Order(ent.Asc(unit.FieldCode)).
		Select(unit.FieldCode).Strings(ctx)
	if err != nil {
		return err
	}
	ideas, err := c.Idea.Query().Where(openIdeas(u.ID)).Count(ctx)
	if err != nil {
		return err
	}
	noms, err := c.Nomination.Query().Where(openNominations(u.ID)).Count(ctx)
	if err != nil {
		return err
	}
	later, err := c.Membership.Query().Where(membership.UnitID(u.ID), membership.ValidFromGTE(ck.on)).Count(ctx)
	if err != nil {
		return err
	}
	var left []string
	if len(children) > 0 {
		left = append(left, fmt.Sprintf("%d đơn vị trực thuộc đang hoạt động (%s)", len(children), strings.Join(children, ", ")))
	}
	if ideas > 0 {
		left = append(left, fmt.Sprintf("%d ý tưởng chưa kết thúc", ideas))
	}
	if noms > 0 {
		left = append(left, fmt.Sprintf("%d hồ sơ đề nghị khen thưởng chưa kết thúc", noms))
	}
	if later > 0 {
		left = append(left, fmt.Sprintf("%d quá trình công tác bắt đầu từ ngày %s trở đi", later, shown(ck.on)))
	}
	if len(left) == 0 {
		return nil
	}
	return problem.New(problem.Validation,
		"Không thể giải thể %s khi còn %s. Hãy chỉ định đơn vị tiếp nhận (SuccessorCodes) hoặc xử lý xong trước khi giải thể.",
		u.Code, strings.Join(left, ", "))
}
