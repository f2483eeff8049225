package reorg

import (
	"slices"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// openIdeaStatuses are the statuses an idea can still leave: those some
// action of the lifecycle (domain.IdeaTransitions) starts from. The others
// (rejected, withdrawn, evaluated ineffective, rated by the ministries) are
// final: such an idea is history and stays with the unit it happened in.
// Deriving the set from the lifecycle keeps it true when the lifecycle
// changes.
var openIdeaStatuses = func() []domain.IdeaStatus {
	var open []domain.IdeaStatus
	for _, t := range domain.IdeaTransitions {
		for _, s := range t.From {
			if !slices.Contains(open, s) {
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
