package reorg

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Apply carries out a reorganisation for the city's emulation board
// (CITY_ADMIN): it checks the whole plan against the store first, so a
// refused plan writes nothing, then writes every change through ent (each
// audited under the viewer's name) and one summary audit event of the
// reorganisation itself.
//
// It runs in the caller's transaction when there is one (ent.TxFromContext,
// or a client that is already a transaction's): then the caller commits,
// and must roll back on any error Apply returns. Otherwise Apply opens its
// own and commits it only when everything succeeded.
func Apply(ctx context.Context, client *ent.Client, p Plan) (Result, error) {
	v := access.FromContext(ctx)
	if v == nil {
		return Result{}, problem.New(problem.Unauthenticated, "Cần đăng nhập.")
	}
	if !v.Has(access.CityAdmin) {
		return Result{}, problem.New(problem.Forbidden, "Chỉ Ban Thi đua – Khen thưởng Thành phố được tổ chức lại đơn vị (hợp nhất, chia tách, đổi tên, giải thể, chuyển đơn vị).")
	}
	return inTx(ctx, client, func(c *ent.Client) (Result, error) {
		ck, err := check(ctx, c, p)
		if err != nil {
			return Result{}, err
		}
		var r Result
		if ck.Kind == Move {
			r, err = move(ctx, c, ck)
		} else {
			r, err = reorganize(ctx, c, ck)
		}
		if err != nil {
			return Result{}, err
		}
		if err := record(ctx, c, ck, r); err != nil {
			return Result{}, err
		}
		return r, nil
	})
}

// move puts the unit under its new parent; the unit's path hook rewrites
// the paths of its whole subtree. Nothing ends, nothing else moves.
func move(ctx context.Context, c *ent.Client, ck *checked) (Result, error) {
	u := ck.old[0]
	if err := c.Unit.UpdateOneID(u.ID).SetParentID(ck.parent.ID).Exec(ctx); err != nil {
		return Result{}, err
	}
	return Result{Moved: []string{u.Code}}, nil
}

// reorganize ends the old units at the date with their successors named,
// then hands what still runs to the successor that takes over.
func reorganize(ctx context.Context, c *ent.Client, ck *checked) (Result, error) {
	var r Result
	successors, err := createSuccessors(ctx, c, ck, &r)
	if err != nil {
		return Result{}, err
	}
	if err := closeOld(ctx, c, ck, successors, &r); err != nil {
		return Result{}, err
	}
	old := make([]int, len(ck.old))
	for i, u := range ck.old {
		old[i] = u.ID
	}
	if ck.carry == "" { // dissolved with no successor: nothing left to carry (checked)
		r.MembershipsClosed, err = endMemberships(ctx, c, ck, old)
		return r, err
	}
	to := successors[ck.carry]
	if r.Moved, err = moveChildren(ctx, c, ck, old, to); err != nil {
		return Result{}, err
	}
	r.ChildrenMoved = len(r.Moved)
	if r.MembershipsMoved, err = carryMemberships(ctx, c, ck, old, to); err != nil {
		return Result{}, err
	}
	if r.IdeasCarried, err = carryIdeas(ctx, c, old, to); err != nil {
		return Result{}, err
	}
	if r.NominationsCarried, err = carryNominations(ctx, c, old, to); err != nil {
		return Result{}, err
	}
	return r, nil
}
