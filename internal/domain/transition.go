package domain

import "slices"

// Transition is what an idea action does to an idea's status: the statuses
// it may start from and the status it leads to. RESUME has no fixed target:
// it returns an idea to the status it was halted from.
type Transition struct {
	From []IdeaStatus
	To   IdeaStatus
}

// IdeaTransitions is the idea lifecycle of the plan (§II.1): reported to the
// head, reviewed, approved for implementation or a pilot, evaluated by the
// competent authority, applied in the unit, proposed to and applied by the
// city, rated by central ministries; or rejected, withdrawn, halted.
var IdeaTransitions = map[IdeaAction]Transition{
	IdeaActionSubmit:                {From: []IdeaStatus{IdeaStatusDraft}, To: IdeaStatusSubmitted},
	IdeaActionStartReview:           {From: []IdeaStatus{IdeaStatusSubmitted}, To: IdeaStatusUnderReview},
	IdeaActionApproveImplementation: {From: []IdeaStatus{IdeaStatusUnderReview, IdeaStatusReferredToCity}, To: IdeaStatusApprovedForImplementation},
	IdeaActionApprovePilot:          {From: []IdeaStatus{IdeaStatusUnderReview, IdeaStatusReferredToCity}, To: IdeaStatusApprovedForPilot},
	IdeaActionStartImplementation:   {From: []IdeaStatus{IdeaStatusApprovedForImplementation}, To: IdeaStatusImplementing},
	IdeaActionStartPilot:            {From: []IdeaStatus{IdeaStatusApprovedForPilot}, To: IdeaStatusPiloting},
	IdeaActionEvaluateEffective:     {From: []IdeaStatus{IdeaStatusImplementing, IdeaStatusPiloting}, To: IdeaStatusEvaluatedEffective},
	IdeaActionEvaluateIneffective:   {From: []IdeaStatus{IdeaStatusImplementing, IdeaStatusPiloting}, To: IdeaStatusEvaluatedIneffective},
	IdeaActionApplyInUnit:           {From: []IdeaStatus{IdeaStatusEvaluatedEffective}, To: IdeaStatusAppliedInUnit},
	IdeaActionProposeToCity:         {From: []IdeaStatus{IdeaStatusAppliedInUnit}, To: IdeaStatusProposedToCity},
	// §II.1.1 “chủ động đề xuất Thành phố về giải pháp đột phá”: a matter
	// beyond the unit's authority goes to the city from review or approval;
	// the city approves it (a pilot, or implementation) or declines it.
	IdeaActionReferToCity: {From: []IdeaStatus{IdeaStatusUnderReview, IdeaStatusApprovedForImplementation, IdeaStatusApprovedForPilot},
		To: IdeaStatusReferredToCity},
	// Declining a proposal for city-wide use leaves the idea applied in its
	// unit; declining a referral closes it (DeclineTarget).
	IdeaActionDeclineByCity:    {From: []IdeaStatus{IdeaStatusReferredToCity, IdeaStatusProposedToCity}, To: IdeaStatusDeclinedByCity},
	IdeaActionApplyCityWide:    {From: []IdeaStatus{IdeaStatusProposedToCity}, To: IdeaStatusAppliedCityWide},
	IdeaActionRateByMinistries: {From: []IdeaStatus{IdeaStatusAppliedCityWide}, To: IdeaStatusRatedByMinistries},
	IdeaActionReject:           {From: []IdeaStatus{IdeaStatusUnderReview}, To: IdeaStatusRejected},
	IdeaActionWithdraw:         {From: []IdeaStatus{IdeaStatusDraft, IdeaStatusSubmitted, IdeaStatusUnderReview}, To: IdeaStatusWithdrawn},
	IdeaActionHalt:             {From: []IdeaStatus{IdeaStatusImplementing, IdeaStatusPiloting}, To: IdeaStatusHaltedForCorrection},
	IdeaActionResume:           {From: []IdeaStatus{IdeaStatusHaltedForCorrection}},
}

// AwaitingCity are the statuses in which the city has an idea to decide.
func AwaitingCity() []IdeaStatus {
	return []IdeaStatus{IdeaStatusReferredToCity, IdeaStatusProposedToCity}
}

// DeclineTarget is where the city's refusal leaves an idea: a proposal for
// city-wide use stays applied in its unit; a referral is closed.
func DeclineTarget(from IdeaStatus) IdeaStatus {
	if from == IdeaStatusProposedToCity {
		return IdeaStatusAppliedInUnit
	}
	return IdeaStatusDeclinedByCity
}

// EffectiveStatuses are the statuses of an idea evaluated effective.
func EffectiveStatuses() []IdeaStatus {
	return []IdeaStatus{IdeaStatusEvaluatedEffective, IdeaStatusAppliedInUnit, IdeaStatusProposedToCity,
		IdeaStatusAppliedCityWide, IdeaStatusRatedByMinistries}
}

// EffectiveOrBeyond reports whether an idea in this status was evaluated
// effective by a competent authority: the condition for adoption by other
// units and for resting an award on it.
func (s IdeaStatus) EffectiveOrBeyond() bool {
	return slices.Contains(EffectiveStatuses(), s)
}
