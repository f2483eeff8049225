package reorg

import (
	"time"

	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/ent/unit"
)

// What of the old units still runs on the date, and so moves on to the
// successor; everything else stays with the unit it happened in.

// openChildren: the sub-units that still exist on the date, or begin
// later; those that ended by then stay under their old parent.
func openChildren(on time.Time, parents ...int) predicate.Unit {
	return unit.And(unit.ParentIDIn(parents...), unit.Or(unit.ValidToIsNil(), unit.ValidToGT(on)))
}

// openMemberships: memberships not ended by the date (valid_to is
// exclusive), including those that begin on it or later.
func openMemberships(on time.Time, units ...int) predicate.Membership {
	return membership.And(membership.UnitIDIn(units...), membership.Or(membership.ValidToIsNil(), membership.ValidToGT(on)))
}

// openIdeas: ideas some action of the lifecycle can still move.
func openIdeas(units ...int) predicate.Idea {
	return idea.And(idea.UnitIDIn(units...), idea.StatusIn(openIdeaStatuses...))
}

// openNominations: nominations not yet decided or withdrawn.
func openNominations(units ...int) predicate.Nomination {
	return nomination.And(nomination.UnitIDIn(units...), nomination.StatusIn(openNominationStatuses...))
}
