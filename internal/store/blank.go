package store

import (
	"context"
	"strings"

	"github.com/hcmc-thidua/thidua/ent"
)

// blankAsMissing trims every text a write sets and treats what is left
// blank as not given: a required field then fails its "không được để
// trống" check instead of storing "   ", an optional one is left unset
// (null where the column allows it). It runs on every write, whatever the
// way in — GraphQL, an import, the seed.
func blankAsMissing(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if !m.Op().Is(ent.OpCreate | ent.OpUpdate | ent.OpUpdateOne) {
			return next.Mutate(ctx, m)
		}
		for _, name := range m.Fields() {
			v, _ := m.Field(name)
			s, ok := v.(string)
			if !ok {
				continue
			}
			t := strings.TrimSpace(s)
			switch {
			case t == s:
			case t != "":
				if err := m.SetField(name, t); err != nil {
					return nil, err
				}
			case m.Op().Is(ent.OpCreate):
				// Unset: an optional field takes its default, a required
				// one is reported missing.
				if err := m.ResetField(name); err != nil {
					return nil, err
				}
			default:
				if m.ClearField(name) != nil {
					if err := m.SetField(name, ""); err != nil {
						return nil, err
					}
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}
