package schema

import (
	"context"
	"time"

	"entgo.io/ent"

	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// movementStart bounds the days of recorded facts from below: the
// movement's records begin with its first phase (years 2000–2100 in
// every year field; a day of 0001-01-01 was accepted once).
var movementStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// pastDays refuses a day, among the named fields, that records what has
// happened (a proposal, a decision, a launch, a registration) yet lies after
// today in Asia/Ho_Chi_Minh, on the injected clock, or before 2000: the
// year of such a day is the year a fact counts in (issue 16), and an
// outside review stored ideas proposed, plans launched and decisions dated
// in 2099. fields maps each column to its Vietnamese name.
func pastDays(fields map[string]string) ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			today := clock.Today(ctx)
			for name, label := range fields {
				v, ok := m.Field(name)
				if !ok {
					continue
				}
				d, ok := v.(time.Time)
				if !ok {
					continue
				}
				if d.After(today) {
					return nil, problem.New(problem.Validation, "%s %s chưa đến: hôm nay là %s.", label, d.Format("02/01/2006"), today.Format("02/01/2006"))
				}
				if d.Before(movementStart) {
					return nil, problem.New(problem.Validation, "%s %s không hợp lệ: phải từ năm 2000.", label, d.Format("02/01/2006"))
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}
