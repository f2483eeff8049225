package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// insertRegister writes what the plan asks units and the board to keep
// beside the ideas, through the same ent hooks and policies as the API:
// each unit's problem of a year (§II.1.1), the first of its ideas evaluated
// effective that year; and the board's register of exemplary models
// (§II.2.2, §II.2.5), one per idea applied city-wide, with the awards that
// rest on it. Drawn from what is already there, never from the generator,
// so the rest of the demo city stays as it was.
func (g *generator) insertRegister(ctx context.Context, tx *ent.Tx) error {
	ctx = board(ctx)
	chosen := map[string]bool{}
	for _, rec := range g.ideas {
		if rec.Effective == nil {
			continue
		}
		i, err := tx.Idea.Get(ctx, rec.ID)
		if err != nil {
			return err
		}
		if key := fmt.Sprintf("%s/%d", rec.Unit.Code, rec.Effective.Year()); !chosen[key] {
			chosen[key] = true
			on := day(rec.Effective.Year(), 1, 15)
			if err := tx.ChosenProblem.Create().SetUnitID(rec.Unit.ID).SetYear(rec.Effective.Year()).
				SetTitle(i.Title).SetDescription("Vấn đề đơn vị chọn làm thí điểm trong năm (mục II.1.1 Kế hoạch 1821/KH-UBND).").
				SetChosenOn(on).SetIdeaID(rec.ID).Exec(ctx); err != nil {
				return fmt.Errorf("seed: the problem of %s: %w", rec.Unit.Code, err)
			}
			g.stats.ChosenProblems++
		}
		if rec.CityWide == nil {
			continue
		}
		recognized := rec.CityWide.AddDate(0, 1, 0)
		if !recognized.Before(AsOf) {
			continue
		}
		awards, err := tx.Award.Query().Where(award.HasIdeasWith(idea.ID(rec.ID)), award.Not(award.HasRevokedBy())).IDs(ctx)
		if err != nil {
			return err
		}
		if err := tx.Exemplar.Create().SetKind(domain.ExemplarKindModel).SetTitle(i.Title).
			SetDescription("Mô hình được Thành phố áp dụng trên phạm vi toàn Thành phố.").SetYear(rec.CityWide.Year()).
			SetUnitID(rec.Unit.ID).SetRecognizedOn(recognized.Truncate(24 * time.Hour)).AddIdeaIDs(rec.ID).
			AddAwardIDs(awards...).Exec(ctx); err != nil {
			return fmt.Errorf("seed: the model of %s: %w", i.Code, err)
		}
		g.stats.Exemplars++
	}
	return nil
}
