package schema

import (
	"context"

	"entgo.io/ent"

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
	}
}
