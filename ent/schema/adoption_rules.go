package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/adoption"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the Adoption.
func (Adoption) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(adoptionRules, ent.OpCreate|ent.OpUpdateOne),
		pastDays(map[string]string{"adopted_on": "Ngày nhân rộng", "decision_date": "Ngày quyết định"})}
}

// adoptionRules (nhân rộng, §II.2.2): only an idea evaluated effective by a
// competent authority is adopted, by a unit other than its own, once.
func adoptionRules(next ent.Mutator) ent.Mutator {
	return hook.AdoptionFunc(func(ctx context.Context, m *gen.AdoptionMutation) (gen.Value, error) {
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		ideaID, ok := m.IdeaID()
		if !ok && m.Op().Is(ent.OpUpdateOne) {
			old, err := m.OldIdeaID(sys)
			if err != nil {
				return nil, err
			}
			ideaID = old
		}
		unitID, ok := m.UnitID()
		if !ok && m.Op().Is(ent.OpUpdateOne) {
			old, err := m.OldUnitID(sys)
			if err != nil {
				return nil, err
			}
			unitID = old
		}
		i, err := m.Client().Idea.Query().Where(idea.ID(ideaID)).Only(sys)
		if gen.IsNotFound(err) {
			return nil, problem.New(problem.Validation, "Không tìm thấy ý tưởng được nhân rộng.")
		}
		if err != nil {
			return nil, err
		}
		if !i.Status.EffectiveOrBeyond() {
			return nil, problem.New(problem.InvalidTransition,
				"Chỉ nhân rộng ý tưởng đã được cấp có thẩm quyền đánh giá hiệu quả; ý tưởng này đang ở trạng thái “%s”.", i.Status.Label())
		}
		if i.UnitID == unitID {
			return nil, problem.New(problem.Validation, "Đơn vị đề xuất ý tưởng không tự ghi nhận nhân rộng ý tưởng của mình.")
		}
		if m.Op().Is(ent.OpCreate) {
			dup, err := m.Client().Adoption.Query().Where(adoption.IdeaID(ideaID), adoption.UnitID(unitID)).Exist(sys)
			if err != nil {
				return nil, err
			}
			if dup {
				return nil, problem.New(problem.Conflict, "Đơn vị này đã ghi nhận nhân rộng ý tưởng này.")
			}
		}
		return next.Mutate(ctx, m)
	})
}
