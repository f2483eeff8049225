// Package ideaflow is the idea lifecycle as enforced rules (Plan 1821,
// §II.1): which action leads from which status to which, who may take it,
// and what it needs. It is plain Go over the domain vocabulary; the store
// side (events, versions, transactions) is in service.go.
package ideaflow

import (
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Need is what an action must carry.
type Need uint8

// The needs.
const (
	NeedDecision       Need = 1 << iota // decision number and date
	NeedAuthority                       // the competent authority that decided or evaluated
	NeedNote                            // a written reason
	NeedPilot                           // pilot scope, start and planned end
	NeedAuthorityLevel                  // who approved: the unit, a superior unit, the city
	NeedEffectiveness                   // the degree of effectiveness found
)

// Rule is one action of the lifecycle.
type Rule struct {
	// By lists the roles that may take the action on an idea of their
	// subtree (CITY_ADMIN may take every action on every idea).
	By []access.Role
	// ByProposer lets the idea's proposers take it too, whatever their role.
	ByProposer bool
	Needs      Need
}

// head decides within the subtree; officer also covers the unit's
// emulation officer, who files on the proposers' behalf.
var (
	head    = []access.Role{access.UnitHead}
	officer = []access.Role{access.UnitAdmin, access.UnitHead}
)

// Rules is the lifecycle. An idea is reported to the head, reviewed,
// approved for implementation or for a pilot, implemented or piloted,
// evaluated by the competent authority, applied in the unit, proposed to
// the city by the unit's leadership, applied city-wide and possibly rated
// by central ministries (recorded by the board); a matter beyond the unit's
// authority is referred to the city, which approves or declines it; an
// idea can be rejected, withdrawn by its proposers, or halted for
// correction and resumed (§II.1.2).
var Rules = map[domain.IdeaAction]Rule{
	domain.IdeaActionSubmit:                {By: officer, ByProposer: true},
	domain.IdeaActionWithdraw:              {By: officer, ByProposer: true, Needs: NeedNote},
	domain.IdeaActionStartReview:           {By: head},
	domain.IdeaActionApproveImplementation: {By: head, Needs: NeedDecision | NeedAuthorityLevel},
	domain.IdeaActionApprovePilot:          {By: head, Needs: NeedDecision | NeedPilot | NeedAuthorityLevel},
	domain.IdeaActionReject:                {By: head, Needs: NeedNote},
	domain.IdeaActionStartImplementation:   {By: head},
	domain.IdeaActionStartPilot:            {By: head},
	domain.IdeaActionHalt:                  {By: head, Needs: NeedNote},
	domain.IdeaActionResume:                {By: head, Needs: NeedNote},
	domain.IdeaActionEvaluateEffective:     {By: head, Needs: NeedDecision | NeedAuthority | NeedEffectiveness},
	domain.IdeaActionEvaluateIneffective:   {By: head, Needs: NeedDecision | NeedAuthority | NeedNote},
	domain.IdeaActionApplyInUnit:           {By: head, Needs: NeedDecision},
	domain.IdeaActionProposeToCity:         {By: head, Needs: NeedDecision},
	domain.IdeaActionReferToCity:           {By: head, Needs: NeedDecision | NeedNote},
	domain.IdeaActionDeclineByCity:         {Needs: NeedDecision | NeedNote},
	domain.IdeaActionApplyCityWide:         {Needs: NeedDecision | NeedAuthority},
	domain.IdeaActionRateByMinistries:      {Needs: NeedDecision | NeedAuthority},
}
