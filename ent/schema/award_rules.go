package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the Award.
func (Award) Hooks() []ent.Hook {
	return []ent.Hook{
		func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if !m.Op().Is(ent.OpCreate) {
					return nil, problem.New(problem.Validation,
						"Khen thưởng đã quyết định không được sửa hay xóa; hãy ban hành quyết định đính chính thay thế.")
				}
				return next.Mutate(ctx, m)
			})
		},
		hook.On(oneStandingAward, ent.OpCreate),
	}
}

// oneStandingAward: "khen thưởng thường xuyên hằng năm khi đủ tiêu chuẩn"
// (§III.4) — a recipient holds at most one standing award of a level for
// a year; a correction revokes the award it replaces instead of adding one.
// The decision is made in or after the year it rewards, and has been made
// (not after today in Asia/Ho_Chi_Minh).
func oneStandingAward(next ent.Mutator) ent.Mutator {
	return hook.AwardFunc(func(ctx context.Context, m *gen.AwardMutation) (gen.Value, error) {
		year, _ := m.Year()
		level, _ := m.Level()
		if d, ok := m.DecisionDate(); ok {
			if d.Year() < year {
				return nil, problem.New(problem.Validation, "Quyết định ngày %s không thể khen thưởng thành tích năm %d, năm chưa diễn ra.", d.Format("02/01/2006"), year)
			}
			if today := clock.Today(ctx); d.After(today) {
				return nil, problem.New(problem.Validation, "Ngày quyết định %s chưa đến: hôm nay là %s.", d.Format("02/01/2006"), today.Format("02/01/2006"))
			}
		}
		q := m.Client().Award.Query().Where(award.Year(year), award.LevelEQ(level), award.Not(award.HasRevokedBy()))
		if p, ok := m.RecipientPersonID(); ok {
			q.Where(award.RecipientPersonID(p))
		} else {
			u, _ := m.UnitID()
			q.Where(award.UnitID(u), award.RecipientKindEQ(domain.RecipientKindCollective))
		}
		if r, ok := m.RevokesID(); ok {
			q.Where(award.IDNEQ(r))
		}
		held, err := q.First(privacy.DecisionContext(ctx, privacy.Allow))
		if err != nil && !gen.IsNotFound(err) {
			return nil, err
		}
		if held != nil {
			return nil, problem.New(problem.Conflict, "Người hoặc tập thể này đã được %s năm %d theo Quyết định số %s; một thành tích chỉ được khen một lần ở mỗi mức — hãy đính chính quyết định đó nếu cần.",
				level.Label(), year, held.DecisionNumber)
		}
		return next.Mutate(ctx, m)
	})
}
