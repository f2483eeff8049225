package policy

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

func forbidden(format string, args ...any) error {
	p := problem.New(problem.Forbidden, format, args...)
	p.Err = privacy.Deny
	return p
}

// Write is the mutation policy of a kind of record: CITY_ADMIN writes
// everything; a scoped role writes the kinds access.MayWrite grants it, one
// record at a time, and only records of units in its subtree.
func Write(kind string) privacy.MutationPolicy {
	return privacy.MutationPolicy{
		requireViewer,
		privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
			v := access.FromContext(ctx)
			if v.Has(access.CityAdmin) {
				return privacy.Allow
			}
			if err := hidden(ctx, v, kind, m); err != nil {
				return err
			}
			if !v.MayWrite(kind) {
				return forbidden("Vai trò của bạn không được thay đổi dữ liệu này.")
			}
			if !m.Op().Is(ent.OpCreate | ent.OpUpdateOne | ent.OpDeleteOne) {
				return forbidden("Chỉ Ban Thi đua – Khen thưởng được thay đổi hàng loạt.")
			}
			if err := checkScope(ctx, v, kind, m); err != nil {
				return err
			}
			return privacy.Allow
		}),
	}
}

// SystemOnly is the mutation policy of records only the board or the
// server's own workflows write (phases).
func SystemOnly() privacy.MutationPolicy {
	return privacy.MutationPolicy{
		requireViewer,
		privacy.MutationRuleFunc(func(ctx context.Context, _ ent.Mutation) error {
			if access.FromContext(ctx).Has(access.CityAdmin) {
				return privacy.Allow
			}
			return forbidden("Dữ liệu này chỉ được ghi qua quy trình của hệ thống.")
		}),
	}
}

// Ledger is the mutation policy of the records that are history (idea
// events, the audit log): nobody writes them through the API, not even the
// board; only the server's own workflows and hooks append them, under an
// explicit allow decision.
func Ledger() privacy.MutationPolicy {
	return privacy.MutationPolicy{
		privacy.MutationRuleFunc(func(context.Context, ent.Mutation) error {
			return forbidden("Lịch sử và nhật ký không được sửa, xóa hay ghi trực tiếp.")
		}),
	}
}

// system lets the policy's own lookups read past the viewer's scope.
func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// clientOf is the client of the mutation's transaction.
func clientOf(m ent.Mutation) *ent.Client {
	return m.(interface{ Client() *ent.Client }).Client()
}

// checkScope finds the units a mutation touches and checks they lie in the
// viewer's subtree.
func checkScope(ctx context.Context, v *access.Viewer, kind string, m ent.Mutation) error {
	client := clientOf(m)
	sys := system(ctx)
	var units []int
	add := func(val ent.Value, ok bool) {
		if id, isInt := val.(int); ok && isInt {
			units = append(units, id)
		}
	}
	updating := m.Op().Is(ent.OpUpdateOne | ent.OpDeleteOne)
	id, _ := m.(interface{ ID() (int, bool) }).ID()
	refs, err := checkRefs(sys, client, v, kind, m)
	if err != nil {
		return err
	}
	units = append(units, refs...)
	switch kind {
	case "Unit":
		if err := unitMoves(sys, v, m, updating); err != nil {
			return err
		}
		if updating {
			units = append(units, id)
		}
		if !updating && len(units) == 0 {
			return forbidden("Chỉ Ban Thi đua – Khen thưởng được tạo đơn vị cấp Thành phố.")
		}
	case "Person":
		if !updating {
			return nil // a new person is reachable once a membership in the subtree is added
		}
		ok, err := client.Person.Query().Where(person.ID(id),
			person.HasMembershipsWith(membership.HasUnitWith(unit.PathHasPrefix(v.UnitPath)))).Exist(sys)
		if err != nil {
			return err
		}
		if !ok {
			return forbidden("Người này không thuộc đơn vị của bạn.")
		}
		return nil
	case "DossierDocument":
		// A new document's nomination was checked as a reference; an
		// existing one's must be the subtree's too.
		if updating {
			old, err := m.OldField(sys, "nomination_id")
			if err != nil {
				return err
			}
			n, err := client.Nomination.Query().Where(nomination.ID(old.(int))).Only(sys)
			if err != nil {
				return problem.Wrap(err, problem.Validation, "Không tìm thấy hồ sơ đề nghị khen thưởng.")
			}
			units = append(units, n.UnitID)
		}
		if len(units) == 0 {
			return nil // the nomination named was checked by checkRefs
		}
	default:
		if updating {
			old, err := m.OldField(sys, "unit_id")
			if err != nil {
				return err
			}
			add(old, true)
		}
	}
	if kind == "Idea" && updating && v.HasAny(access.Member) && !v.HasAny(access.UnitAdmin, access.UnitHead) {
		own, err := client.Idea.Query().Where(idea.ID(id), idea.HasProposersWith(person.Code(v.Sub))).Exist(sys)
		if err != nil {
			return err
		}
		if !own {
			return forbidden("Bạn chỉ được sửa ý tưởng do mình đề xuất.")
		}
	}
	return inSubtree(sys, client, v, units)
}

// inSubtree checks, in one statement, that every unit lies in the subtree.
func inSubtree(ctx context.Context, client *ent.Client, v *access.Viewer, ids []int) error {
	if len(ids) == 0 {
		return forbidden("Không xác định được đơn vị của dữ liệu.")
	}
	uniq := make(map[int]struct{}, len(ids))
	for _, id := range ids {
		uniq[id] = struct{}{}
	}
	n, err := client.Unit.Query().Where(unit.IDIn(ids...), unit.PathHasPrefix(v.UnitPath)).Count(ctx)
	if err != nil {
		return err
	}
	if n != len(uniq) {
		return forbidden("Dữ liệu thuộc đơn vị ngoài phạm vi quản lý của bạn.")
	}
	return nil
}

// unitMoves keeps a scoped officer's changes to the tree inside the
// subtree: a unit changes parent only between two units of the subtree (so
// the officer's own unit never leaves its place), and only the board makes
// a unit the city (CITY).
func unitMoves(ctx context.Context, v *access.Viewer, m ent.Mutation, updating bool) error {
	um, ok := m.(*ent.UnitMutation)
	if !ok {
		return forbidden("Lỗi phân quyền nội bộ.")
	}
	if t, ok := um.GetType(); ok && t == domain.UnitTypeCity {
		return forbidden("Chỉ Ban Thi đua – Khen thưởng được đặt loại đơn vị Thành phố.")
	}
	_, moved := um.ParentID()
	if !updating || (!moved && !um.ParentCleared()) {
		return nil
	}
	old, err := um.OldParentID(ctx)
	if err != nil {
		return err
	}
	if old == nil {
		return forbidden("Chỉ Ban Thi đua – Khen thưởng được chuyển đơn vị gốc.")
	}
	return inSubtree(ctx, um.Client(), v, []int{*old})
}
