package graph

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/graph/model"
	"github.com/hcmc-thidua/thidua/internal/reorg"
)

// reorganizeUnits carries out a reorganisation in the mutation's
// transaction and answers with the successors it created.
func reorganizeUnits(ctx context.Context, in model.ReorganizeUnitsInput) (*model.ReorganizationResult, error) {
	client := ent.FromContext(ctx)
	p := reorg.Plan{Kind: reorg.Kind(in.Kind), EffectiveOn: in.EffectiveOn, Units: in.Units,
		SuccessorCodes: in.SuccessorCodes, ParentCode: deref(in.ParentCode), CarryTo: deref(in.CarryTo), Note: deref(in.Note)}
	for _, s := range in.Successors {
		n := reorg.NewUnit{Code: s.Code, Name: s.Name}
		if s.Type != nil {
			n.Type = *s.Type
		}
		p.Successors = append(p.Successors, n)
	}
	res, err := reorg.Apply(ctx, client, p)
	if err != nil {
		return nil, err
	}
	out := &model.ReorganizationResult{Closed: nonNil(res.Closed), Moved: nonNil(res.Moved), MembershipsMoved: res.MembershipsMoved,
		MembershipsClosed: res.MembershipsClosed, IdeasCarried: res.IdeasCarried, NominationsCarried: res.NominationsCarried,
		ChildrenMoved: res.ChildrenMoved, Created: []*ent.Unit{}}
	if len(res.Created) > 0 {
		if out.Created, err = client.Unit.Query().Where(unit.CodeIn(res.Created...)).Order(ent.Asc(unit.FieldCode)).All(ctx); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
