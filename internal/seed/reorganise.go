package seed

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/reorg"
)

// reorganised reports whether a unit ends in a reorganisation: it has
// successors, so its end is recorded through reorg like any other.
func reorganised(u *unitRow) bool { return u.To != nil && len(u.Successors) > 0 }

// recordReorganisations records the demo data's reorganisations (the 1
// July 2025 one, chiefly) as the board would, through reorg.Apply: each
// ending unit dissolved into its one successor, or split among several,
// the innermost units first so that a district's wards have ended before
// the district does and stay where they were. The staff of the ending
// units were moved by the generator already (their memberships end on
// the day); open ideas and nominations go to the first successor.
func (g *generator) recordReorganisations(ctx context.Context, tx *ent.Tx) error {
	var ending []*unitRow
	for _, u := range g.units {
		if reorganised(u) {
			ending = append(ending, u)
		}
	}
	slices.SortStableFunc(ending, func(a, b *unitRow) int { return b.Depth - a.Depth })
	board := access.NewContext(ctx, &access.Viewer{Sub: "system:seed", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"})
	for _, u := range ending {
		p := reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: time.Date(u.To.Year(), u.To.Month(), u.To.Day(), 0, 0, 0, 0, time.UTC),
			Units: []string{u.Code}, SuccessorCodes: u.Successors, Note: "Dữ liệu mẫu: sắp xếp đơn vị hành chính"}
		if len(u.Successors) > 1 {
			p.Kind = reorg.Split
		}
		if _, err := reorg.Apply(board, tx.Client(), p); err != nil {
			return fmt.Errorf("seed: reorganising %s: %w", u.Code, err)
		}
	}
	return nil
}
