package policy

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/adoption"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/chosenproblem"
	"github.com/hcmc-thidua/thidua/ent/dossierdocument"
	"github.com/hcmc-thidua/thidua/ent/headcount"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/integrityflag"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// visible asks, as the viewer and so through the kind's read policy, whether
// a record exists for them. One entry per kind the write policy guards; a
// kind left out fails closed (its updates are refused to every scoped role),
// which TestWriteMatrix reports as a role refused on its own unit's record.
var visible = map[string]func(context.Context, *ent.Client, int) (bool, error){
	"Adoption": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Adoption.Query().Where(adoption.ID(id)).Exist(ctx)
	},
	"Award": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Award.Query().Where(award.ID(id)).Exist(ctx)
	},
	"DossierDocument": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.DossierDocument.Query().Where(dossierdocument.ID(id)).Exist(ctx)
	},
	"Headcount": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Headcount.Query().Where(headcount.ID(id)).Exist(ctx)
	},
	"Idea": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Idea.Query().Where(idea.ID(id)).Exist(ctx)
	},
	"IntegrityFlag": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.IntegrityFlag.Query().Where(integrityflag.ID(id)).Exist(ctx)
	},
	"Membership": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Membership.Query().Where(membership.ID(id)).Exist(ctx)
	},
	"Nomination": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Nomination.Query().Where(nomination.ID(id)).Exist(ctx)
	},
	"Participation": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Participation.Query().Where(participation.ID(id)).Exist(ctx)
	},
	"Person": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Person.Query().Where(person.ID(id)).Exist(ctx)
	},
	"Unit": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.Unit.Query().Where(unit.ID(id)).Exist(ctx)
	},
	"ChosenProblem": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.ChosenProblem.Query().Where(chosenproblem.ID(id)).Exist(ctx)
	},
	"UnitPlan": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.UnitPlan.Query().Where(unitplan.ID(id)).Exist(ctx)
	},
	"UnitReport": func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		return c.UnitReport.Query().Where(unitreport.ID(id)).Exist(ctx)
	},
}

// hidden answers NOT_FOUND to a change of a record the viewer cannot read,
// before anything else is checked: refusing it by role or by scope would
// tell another unit's head that a discipline record, a person or a
// membership exists behind an id that a missing record answers otherwise.
func hidden(ctx context.Context, v *access.Viewer, kind string, m ent.Mutation) error {
	if !m.Op().Is(ent.OpUpdateOne|ent.OpDeleteOne) || ReadsEveryKind(v) {
		return nil
	}
	id, ok := m.(interface{ ID() (int, bool) }).ID()
	if !ok {
		return nil // nothing named; ent answers for the missing id
	}
	exists, found := visible[kind]
	if !found {
		return forbidden("Lỗi phân quyền nội bộ: chưa có quy tắc đọc cho loại dữ liệu này.")
	}
	ok, err := exists(ctx, clientOf(m), id)
	if err != nil {
		if p, isProblem := problem.As(err); isProblem && p.Code == problem.Forbidden {
			return p // the role reads no record of the kind, whatever the id
		}
		return err
	}
	if !ok {
		return problem.New(problem.NotFound, "Không tìm thấy dữ liệu yêu cầu.")
	}
	return nil
}
