package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/chosenproblem"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the ChosenProblem.
func (ChosenProblem) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(chosenProblemRules, ent.OpCreate|ent.OpUpdateOne),
		pastDays(map[string]string{"chosen_on": "Ngày lựa chọn"})}
}

// chosenProblemRules: "một vấn đề" — one problem a unit and year; the idea
// that pilots it is one of the unit's own.
func chosenProblemRules(next ent.Mutator) ent.Mutator {
	return hook.ChosenProblemFunc(func(ctx context.Context, m *gen.ChosenProblemMutation) (gen.Value, error) {
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		unitID, hasUnit := m.UnitID()
		year, hasYear := m.Year()
		id, updating := m.ID()
		if updating && (!hasUnit || !hasYear) {
			old, err := m.Client().ChosenProblem.Get(sys, id)
			if err != nil {
				return nil, err
			}
			if !hasUnit {
				unitID = old.UnitID
			}
			if !hasYear {
				year = old.Year
			}
		}
		q := m.Client().ChosenProblem.Query().Where(chosenproblem.UnitID(unitID), chosenproblem.Year(year))
		if updating {
			q.Where(chosenproblem.IDNEQ(id))
		}
		dup, err := q.Exist(sys)
		if err != nil {
			return nil, err
		}
		if dup {
			return nil, problem.New(problem.Conflict, "Đơn vị đã chọn vấn đề thí điểm của năm %d; hãy cập nhật vấn đề đó.", year)
		}
		ideaID, hasIdea := m.IdeaID()
		if !hasIdea && updating && hasUnit && !m.IdeaCleared() {
			if old, err := m.Client().ChosenProblem.Get(sys, id); err == nil && old.IdeaID != nil {
				ideaID, hasIdea = *old.IdeaID, true
			}
		}
		if hasIdea {
			ok, err := m.Client().Idea.Query().Where(idea.ID(ideaID), idea.UnitID(unitID)).Exist(sys)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, problem.New(problem.Validation, "Ý tưởng thí điểm vấn đề phải là ý tưởng của chính đơn vị.")
			}
		}
		return next.Mutate(ctx, m)
	})
}
