package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// unitTree keeps the units a tree for every writer, the board included:
// one root, the city; children change only through their own parent (the
// path hook follows that field, not the edge from the parent's side); no
// unit succeeds itself. A ward's officer once made the city a child of the
// ward, and the leaders' report of the city answered 404 (issue 14).
func unitTree(next ent.Mutator) ent.Mutator {
	return hook.UnitFunc(func(ctx context.Context, m *gen.UnitMutation) (gen.Value, error) {
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		if len(m.AddedIDs(unit.EdgeChildren)) > 0 || len(m.RemovedChildrenIDs()) > 0 || m.ChildrenCleared() {
			return nil, problem.New(problem.Validation, "Để chuyển đơn vị, hãy đặt đơn vị cấp trên (parentID) của đơn vị cấp dưới.")
		}
		id, updating := m.ID()
		for _, e := range []string{unit.EdgeSuccessors, unit.EdgePredecessors} {
			for _, other := range m.AddedIDs(e) {
				if updating && other == id {
					return nil, problem.New(problem.Validation, "Một đơn vị không thể kế thừa chính nó.")
				}
			}
		}
		_, hasParent := m.ParentID()
		typ, typed := m.GetType()
		if m.Op().Is(ent.OpUpdateOne) {
			if m.ParentCleared() {
				return nil, problem.New(problem.Validation, "Chỉ Thành phố là đơn vị gốc; mỗi đơn vị khác cần có đơn vị cấp trên.")
			}
			if !hasParent {
				old, err := m.OldParentID(sys)
				if err != nil {
					return nil, err
				}
				hasParent = old != nil
			}
			if !typed {
				old, err := m.OldType(sys)
				if err != nil {
					return nil, err
				}
				typ = old
			}
		}
		if hasParent && typ == domain.UnitTypeCity {
			return nil, problem.New(problem.Validation, "Loại “Thành phố” chỉ dành cho đơn vị gốc.")
		}
		if !hasParent && m.Op().Is(ent.OpCreate) {
			roots, err := m.Client().Unit.Query().Where(unit.ParentIDIsNil()).Count(sys)
			if err != nil {
				return nil, err
			}
			if roots > 0 {
				return nil, problem.New(problem.Validation, "Đã có đơn vị gốc (Thành phố); đơn vị mới cần có đơn vị cấp trên.")
			}
			if typ != domain.UnitTypeCity {
				return nil, problem.New(problem.Validation, "Đơn vị gốc phải có loại “Thành phố”.")
			}
		}
		if !hasParent && m.Op().Is(ent.OpUpdateOne) && typed && typ != domain.UnitTypeCity {
			return nil, problem.New(problem.Validation, "Đơn vị gốc phải có loại “Thành phố”.")
		}
		return next.Mutate(ctx, m)
	})
}
