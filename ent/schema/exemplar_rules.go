package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the Exemplar.
func (Exemplar) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(exemplarRules, ent.OpCreate|ent.OpUpdateOne),
		pastDays(map[string]string{"recognized_on": "Ngày ghi nhận"})}
}

// exemplarRules: an exemplary person names the person; a model or a
// collective names none. What the entry rests on is proven: its ideas were
// evaluated effective (§II.2.5 "giải pháp … có hiệu quả"), its awards still
// stand.
func exemplarRules(next ent.Mutator) ent.Mutator {
	return hook.ExemplarFunc(func(ctx context.Context, m *gen.ExemplarMutation) (gen.Value, error) {
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		kind, hasKind := m.Kind()
		_, hasPerson := m.PersonID()
		if id, updating := m.ID(); updating {
			old, err := m.Client().Exemplar.Get(sys, id)
			if err != nil {
				return nil, err
			}
			if !hasKind {
				kind = old.Kind
			}
			if !hasPerson && !m.PersonCleared() && old.PersonID != nil {
				hasPerson = true
			}
		}
		switch {
		case kind == domain.ExemplarKindIndividual && !hasPerson:
			return nil, problem.New(problem.Validation, "Cá nhân tiêu biểu cần có người được ghi nhận (personID).")
		case kind != domain.ExemplarKindIndividual && hasPerson:
			return nil, problem.New(problem.Validation, "Chỉ cá nhân tiêu biểu mới ghi nhận một người; mô hình và tập thể thì không.")
		}
		if ids := m.IdeasIDs(); len(ids) > 0 {
			n, err := m.Client().Idea.Query().Where(idea.IDIn(ids...), idea.StatusIn(domain.EffectiveStatuses()...)).Count(sys)
			if err != nil {
				return nil, err
			}
			if n != len(ids) {
				return nil, problem.New(problem.Validation, "Mô hình, gương điển hình chỉ dựa trên ý tưởng đã được đánh giá hiệu quả.")
			}
		}
		if ids := m.AwardsIDs(); len(ids) > 0 {
			n, err := m.Client().Award.Query().Where(award.IDIn(ids...), award.Not(award.HasRevokedBy())).Count(sys)
			if err != nil {
				return nil, err
			}
			if n != len(ids) {
				return nil, problem.New(problem.Validation, "Khen thưởng đã bị đính chính không thể làm căn cứ ghi nhận.")
			}
		}
		return next.Mutate(ctx, m)
	})
}
