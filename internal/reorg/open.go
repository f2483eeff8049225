package reorg

import (
	"slices"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// openIdeaStatuses are the statuses of ideas whose unit's work on them
// is unfinished: proposed, under review, approved, being carried out or
// halted for correction. Those go to the successor, whose officers finish
// them. An idea that has been evaluated is its unit's achievement — the
// award criteria count it there, as they were in the year it was
// evaluated — so it stays, even when the city may still apply it further
// (those steps are the board's); rejected and withdrawn ones are history.
var openIdeaStatuses = func() []domain.IdeaStatus {
	evaluated := []domain.IdeaStatus{
		domain.IdeaStatusEvaluatedEffective, domain.IdeaStatusEvaluatedIneffective, domain.IdeaStatusAppliedInUnit,
		domain.IdeaStatusProposedToCity, domain.IdeaStatusAppliedCityWide, domain.IdeaStatusRatedByMinistries,
	}
	var open []domain.IdeaStatus
	for _, t := range domain.IdeaTransitions {
		for _, s := range t.From {
			if !slices.Contains(open, s) && !slices.Contains(evaluated, s) {
				open = append(open, s)
			}
		}
	}
	slices.Sort(open)
	return open
}()

// openNominationStatuses are the statuses a nomination can still leave
// (see internal/nominationflow): a draft can be submitted or withdrawn, a
// submitted one voted on or withdrawn, an approved one forwarded or
// decided, a forwarded one decided. Rejected, awarded and withdrawn ones
// are final.
var openNominationStatuses = []domain.NominationStatus{
	domain.NominationStatusDraft,
	domain.NominationStatusSubmitted,
	domain.NominationStatusCouncilApproved,
	domain.NominationStatusForwarded,
}
