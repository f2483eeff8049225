package reorg

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/live"
)

// chunk bounds the ids or rows in one statement, far below the parameter
// limits of SQLite and PostgreSQL.
const chunk = 500

// moveChildren puts the old units' open sub-units under the successor.
// They keep their codes; one update each, so the path hook rewrites each
// subtree and the audit log names each unit moved.
func moveChildren(ctx context.Context, c *ent.Client, ck *checked, old []int, to *ent.Unit) ([]string, error) {
	children, err := c.Unit.Query().Where(openChildren(ck.on, old...)).Order(ent.Asc(unit.FieldCode)).All(ctx)
	if err != nil {
		return nil, err
	}
	var moved []string
	for _, ch := range children {
		if err := c.Unit.UpdateOneID(ch.ID).SetParentID(to.ID).Exec(ctx); err != nil {
			return nil, err
		}
		moved = append(moved, ch.Code)
	}
	return moved, nil
}

// carryMemberships continues the old units' open memberships in the
// successor. One running on the date is closed at it and reopened in the
// successor from it, same person, category, role and title, to its
// original end: the years worked in the old unit stay there. One that has
// not begun by the date never ran in the old unit, so it moves whole.
func carryMemberships(ctx context.Context, c *ent.Client, ck *checked, old []int, to *ent.Unit) (int, error) {
	ms, err := c.Membership.Query().Where(openMemberships(ck.on, old...)).Order(ent.Asc(membership.FieldID)).All(ctx)
	if err != nil {
		return 0, err
	}
	var running []*ent.Membership
	for _, m := range ms {
		if m.ValidFrom.Before(ck.on) {
			running = append(running, m)
			continue
		}
		if err := c.Membership.UpdateOneID(m.ID).SetUnitID(to.ID).Exec(ctx); err != nil {
			return 0, err
		}
	}
	if err := closeMemberships(ctx, c, ck, running); err != nil {
		return 0, err
	}
	for lo := 0; lo < len(running); lo += chunk {
		part := running[lo:min(lo+chunk, len(running))]
		b := make([]*ent.MembershipCreate, len(part))
		for i, m := range part {
			b[i] = c.Membership.Create().SetPersonID(m.PersonID).SetUnitID(to.ID).
				SetCategory(m.Category).SetRole(m.Role).SetPositionTitle(m.PositionTitle).
				SetValidFrom(ck.on).SetNillableValidTo(m.ValidTo)
		}
		// Audited a batch at a time: a district's staff is thousands of rows.
		// live.Bulk: the batch's INSERT carries one builder's context only.
		created, err := c.Membership.CreateBulk(b...).Save(live.Bulk(audit.Suppress(ctx)))
		if err != nil {
			return 0, err
		}
		records := make([]audit.Created, len(created))
		for i, m := range created {
			records[i] = audit.MembershipCreated(m, to.Path)
		}
		if err := audit.RecordCreated(ctx, c, "Membership", records); err != nil {
			return 0, err
		}
	}
	return len(ms), nil
}

// endMemberships ends at the date the memberships running in a unit
// dissolved with no successor (none begins later: checked).
func endMemberships(ctx context.Context, c *ent.Client, ck *checked, old []int) (int, error) {
	ms, err := c.Membership.Query().Where(openMemberships(ck.on, old...), membership.ValidFromLT(ck.on)).
		Order(ent.Asc(membership.FieldID)).All(ctx)
	if err != nil {
		return 0, err
	}
	return len(ms), closeMemberships(ctx, c, ck, ms)
}

// closeMemberships sets valid_to to the date, a chunk of rows per
// statement: a district has thousands of memberships, and the audit log
// keeps the ids of each chunk.
func closeMemberships(ctx context.Context, c *ent.Client, ck *checked, ms []*ent.Membership) error {
	for lo := 0; lo < len(ms); lo += chunk {
		part := ms[lo:min(lo+chunk, len(ms))]
		ids := make([]int, len(part))
		for i, m := range part {
			ids[i] = m.ID
		}
		if err := c.Membership.Update().Where(membership.IDIn(ids...)).SetValidTo(ck.on).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// carryIdeas hands the old units' open ideas to the successor. Their
// events and version stay as they are: the version is the sequence number
// of the idea's last event, which has no gaps, and a change of unit is no
// event of the idea's lifecycle.
func carryIdeas(ctx context.Context, c *ent.Client, old []int, to *ent.Unit) (int, error) {
	ids, err := c.Idea.Query().Where(openIdeas(old...)).Order(ent.Asc(idea.FieldID)).IDs(ctx)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if err := c.Idea.UpdateOneID(id).SetUnitID(to.ID).Exec(ctx); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// carryNominations makes the successor the proposing unit of the old
// units' open nominations, and bumps their version: the proposing unit
// decides who may take the next step, so a client that read the
// nomination before must read it again. The recipient is not changed: a
// collective's achievement stays the collective's.
func carryNominations(ctx context.Context, c *ent.Client, old []int, to *ent.Unit) (int, error) {
	ids, err := c.Nomination.Query().Where(openNominations(old...)).Order(ent.Asc(nomination.FieldID)).IDs(ctx)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if err := c.Nomination.UpdateOneID(id).SetUnitID(to.ID).AddVersion(1).Exec(ctx); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
