package ideaflow

import (
	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// State is what the rules read of an idea and of who asks.
type State struct {
	Status     domain.IdeaStatus
	HaltedFrom domain.IdeaStatus // the status before the last halt, for RESUME
	Proposer   bool              // the viewer is one of the idea's proposers
	InScope    bool              // the idea's unit lies in the viewer's subtree
}

// Input is what an action carries; which parts are required depends on
// the action's needs.
type Input struct {
	ID              int
	Version         int
	Note            *string
	DecisionNumber  *string
	DecisionDate    *time.Time
	Authority       *string
	PilotScope      *string
	PilotStartOn    *time.Time
	PilotPlannedEnd *time.Time
	// AuthorityLevel is who gave an approval: the unit, a unit above it, or the city.
	AuthorityLevel *domain.AuthorityLevel
	// Effectiveness is the degree an effective evaluation found.
	Effectiveness *domain.Effectiveness
}

// Next is the status the action leads to from the state, or
// INVALID_TRANSITION.
func Next(a domain.IdeaAction, s State) (domain.IdeaStatus, error) {
	t, ok := domain.IdeaTransitions[a]
	if !ok {
		return "", problem.New(problem.InvalidTransition, "Thao tác %q không thuộc quy trình ý tưởng.", a)
	}
	if !slices.Contains(t.From, s.Status) {
		return "", problem.New(problem.InvalidTransition, "Không thể %s khi ý tưởng đang ở trạng thái “%s”.",
			strings.ToLower(a.Label()), s.Status.Label())
	}
	if a == domain.IdeaActionDeclineByCity {
		return domain.DeclineTarget(s.Status), nil
	}
	if a == domain.IdeaActionResume {
		if s.HaltedFrom == "" {
			return "", problem.New(problem.InvalidTransition, "Không xác định được trạng thái trước khi tạm dừng.")
		}
		return s.HaltedFrom, nil
	}
	return t.To, nil
}

// Allowed says whether the viewer may take the action on the idea.
func Allowed(v *access.Viewer, a domain.IdeaAction, s State) error {
	r, ok := Rules[a]
	if !ok {
		return problem.New(problem.InvalidTransition, "Thao tác %q không thuộc quy trình ý tưởng.", a)
	}
	if v.Has(access.CityAdmin) {
		return nil
	}
	// The role first: a viewer whose role never takes the action is told
	// so, not that the idea lies outside their units.
	if !v.HasAny(r.By...) && !(r.ByProposer && s.Proposer) {
		return problem.New(problem.Forbidden, "Vai trò của bạn không được thực hiện thao tác “%s”.", a.Label())
	}
	if !s.InScope {
		return problem.New(problem.Forbidden, "Ý tưởng thuộc đơn vị ngoài phạm vi quản lý của bạn.")
	}
	return nil
}

// CitysToDecide refuses a unit's action on an idea that waits for the
// city: what was referred to the city is the city's to decide. It reads
// the status, so Act asks it after the version check (a stale client gets
// CONFLICT, as for any other race).
func CitysToDecide(v *access.Viewer, s State) error {
	if s.Status == domain.IdeaStatusReferredToCity && !v.Has(access.CityAdmin) {
		return problem.New(problem.Forbidden, "Ý tưởng đang chờ Thành phố quyết định; chỉ Ban Thi đua – Khen thưởng Thành phố ghi nhận quyết định.")
	}
	return nil
}

// Validate checks the input carries what the action needs, naming every
// missing part at once.
func Validate(a domain.IdeaAction, in Input) error {
	need := Rules[a].Needs
	var missing []string
	blank := func(s *string) bool { return s == nil || strings.TrimSpace(*s) == "" }
	if need&NeedDecision != 0 {
		if blank(in.DecisionNumber) {
			missing = append(missing, "số quyết định")
		}
		if in.DecisionDate == nil {
			missing = append(missing, "ngày quyết định")
		}
	}
	if need&NeedAuthority != 0 && blank(in.Authority) {
		missing = append(missing, "cấp có thẩm quyền")
	}
	if need&NeedAuthorityLevel != 0 && in.AuthorityLevel == nil {
		missing = append(missing, "cấp chấp thuận")
	}
	if need&NeedEffectiveness != 0 && in.Effectiveness == nil {
		missing = append(missing, "mức độ hiệu quả")
	}
	if need&NeedNote != 0 && blank(in.Note) {
		missing = append(missing, "lý do (ghi chú)")
	}
	if need&NeedPilot != 0 {
		if blank(in.PilotScope) {
			missing = append(missing, "phạm vi thí điểm")
		}
		if in.PilotStartOn == nil {
			missing = append(missing, "ngày bắt đầu thí điểm")
		}
		if in.PilotPlannedEnd == nil {
			missing = append(missing, "ngày dự kiến kết thúc thí điểm")
		}
	}
	if len(missing) > 0 {
		return problem.New(problem.Validation, "Thao tác “%s” còn thiếu: %s.", a.Label(), strings.Join(missing, ", "))
	}
	if in.PilotStartOn != nil && in.PilotPlannedEnd != nil && !in.PilotPlannedEnd.After(*in.PilotStartOn) {
		return problem.New(problem.Validation, "Ngày dự kiến kết thúc thí điểm phải sau ngày bắt đầu.")
	}
	return nil
}

// Available lists, in the plan's order, the actions the viewer may take
// now: what the frontend shows as buttons.
func Available(v *access.Viewer, s State) []domain.IdeaAction {
	var out []domain.IdeaAction
	for _, c := range domain.IdeaAction("").Values() {
		a := domain.IdeaAction(c)
		if _, ok := Rules[a]; !ok {
			continue
		}
		if _, err := Next(a, s); err != nil {
			continue
		}
		if Allowed(v, a, s) == nil && CitysToDecide(v, s) == nil {
			out = append(out, a)
		}
	}
	return out
}
