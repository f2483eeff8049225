package graph

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/graph/model"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
)

// awardEligibility evaluates the level's criteria for the recipient's year.
func (r *queryResolver) awardEligibility(ctx context.Context, recipient int, level domain.AwardLevel, year int) (*model.AwardEligibility, error) {
	f, err := eligibility.Load(ctx, r.client, recipient, year)
	if err != nil {
		return nil, err
	}
	cs := eligibility.Evaluate(f, level)
	out := &model.AwardEligibility{
		RecipientKind: f.Kind, RecipientName: f.Name, Level: level, Year: year,
		Eligible: eligibility.Met(cs), Registered: f.Register, Criteria: make([]*eligibility.Criterion, len(cs)),
	}
	for i := range cs {
		out.Criteria[i] = &cs[i]
	}
	if h := eligibility.Highest(f); h != "" {
		out.HighestLevel = &h
	}
	return out, nil
}

func setLevel4Criteria(ctx context.Context, in model.Level4CriteriaInput) (*ent.Unit, error) {
	c := domain.Level4Criteria{RequireRegistration: in.RequireRegistration, MinEffectiveIdeas: in.MinEffectiveIdeas}
	if in.Note != nil {
		c.Note = *in.Note
	}
	return eligibility.SetLevel4(ctx, ent.FromContext(ctx), in.UnitID, c)
}
