package ideaflow

import (
	"context"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Act takes an action on an idea inside the caller's transaction: it checks
// the viewer, the transition, the input and the version the client saw,
// then moves the status, bumps the version and records the event together.
// A client that saw an older version gets CONFLICT: never a lost update.
func Act(ctx context.Context, client *ent.Client, a domain.IdeaAction, in Input) (*ent.Idea, error) {
	v := access.FromContext(ctx)
	if v == nil {
		return nil, problem.New(problem.Unauthenticated, "Cần đăng nhập.")
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	current, f, err := readForAction(sys, client, in.ID, v.Sub, in.DecisionDate)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy ý tưởng.")
	}
	if err != nil {
		return nil, err
	}
	s := State{Status: current.Status, InScope: v.Covers(f.unitPath), Proposer: f.proposer, HaltedFrom: f.haltedFrom}
	if s.Status == domain.IdeaStatusHaltedForCorrection && !f.haltRecorded {
		// A halted idea without its HALT event: stateOf fails as it always has.
		current.Edges.Unit = &ent.Unit{ID: current.UnitID, Path: f.unitPath}
		if s, err = stateOf(sys, client, v, current); err != nil {
			return nil, err
		}
	}
	// An idea the viewer may not read is answered as one that does not
	// exist: FORBIDDEN would confirm another unit's draft is there.
	if !v.ReadsCityWide() && !s.InScope && !current.Status.EffectiveOrBeyond() {
		return nil, problem.New(problem.NotFound, "Không tìm thấy ý tưởng.")
	}
	if err := Allowed(v, a, s); err != nil {
		return nil, err
	}
	if current.Version != in.Version {
		return nil, conflict(current).At("input.version")
	}
	if err := CitysToDecide(v, s); err != nil {
		return nil, err
	}
	to, err := Next(a, s)
	if err != nil {
		return nil, err
	}
	if err := Validate(a, in); err != nil {
		return nil, err
	}
	if err := decisionDay(ctx, sys, client, current.ID, in.DecisionDate, f.decidedAfter); err != nil {
		return nil, err
	}
	if s.Status == domain.IdeaStatusReferredToCity && in.AuthorityLevel != nil && *in.AuthorityLevel != domain.AuthorityLevelCity {
		return nil, problem.New(problem.Validation, "Ý tưởng đã trình Thành phố: sự chấp thuận là của Thành phố (cấp chấp thuận CITY).")
	}
	ctx = audit.FiledUnder(ctx, f.unitPath)
	// The idea's audit row and its event's go in one INSERT, written below
	// once both are known: every write here is client's, the mutation's
	// transaction, which rolls back on any error this returns.
	ctx, writeAudit, err := audit.Hold(ctx, client)
	if err != nil {
		return nil, err
	}
	sys = privacy.DecisionContext(ctx, privacy.Allow)
	wctx := access.AllowStatusChange(ctx)
	// UpdateOne(current) rather than by id: the audit hook takes the old
	// values from the idea read above instead of reading it again. Status
	// and version cannot have moved since (the version guard); reading again
	// would only narrow, not close, the window for an edit of other fields.
	upd := client.Idea.UpdateOne(current).Where(idea.Version(in.Version)).
		SetStatus(to).AddVersion(1)
	if a == domain.IdeaActionApprovePilot {
		upd.SetPilotScope(*in.PilotScope).SetPilotStartedOn(*in.PilotStartOn).SetPilotPlannedEnd(*in.PilotPlannedEnd)
	}
	updated, err := upd.Save(wctx)
	if ent.IsNotFound(err) { // another action won the race since we read it
		return nil, conflict(current)
	}
	if err != nil {
		return nil, err
	}
	from := s.Status
	ev := client.IdeaEvent.Create().SetIdeaID(current.ID).SetSeq(updated.Version).
		SetAction(a).SetFromStatus(from).SetToStatus(to).SetOccurredAt(clock.Now(ctx)).
		SetActorSub(v.Sub).SetNillableDecisionNumber(trimmed(in.DecisionNumber)).
		SetNillableDecisionDate(in.DecisionDate).SetNillableAuthority(trimmed(in.Authority)).
		SetNillableNote(trimmed(in.Note)).SetNillableAuthorityLevel(in.AuthorityLevel).
		SetNillableEffectiveness(in.Effectiveness)
	if f.actorPerson != 0 {
		ev.SetActorPersonID(f.actorPerson)
	}
	if err := ev.Exec(sys); err != nil {
		if ent.IsConstraintError(err) { // the same seq written by a concurrent action
			return nil, conflict(current)
		}
		return nil, err
	}
	if err := writeAudit(ctx, client); err != nil {
		return nil, err
	}
	return updated, nil
}

// decisionDay: the year an achievement counts in is its decision's
// (§III.4, "thành tích tới đâu khen thưởng đến đó"), so the decision's day
// is a fact: it has happened (not after today in Asia/Ho_Chi_Minh) and
// follows the decision of the step before it. The day it was entered is
// kept apart, as the event's occurredAt.
// decidedAfter is whether an earlier step's decision is dated after d,
// read with the idea (readForAction): the step is read again only to name
// it in the refusal.
func decisionDay(ctx, sys context.Context, client *ent.Client, ideaID int, d *time.Time, decidedAfter bool) error {
	if d == nil {
		return nil
	}
	if today := clock.Today(ctx); d.After(today) {
		return problem.New(problem.Validation, "Ngày quyết định %s chưa đến: hôm nay là %s.", d.Format("02/01/2006"), today.Format("02/01/2006"))
	}
	if !decidedAfter {
		return nil
	}
	prev, err := client.IdeaEvent.Query().Where(ideaevent.IdeaID(ideaID), ideaevent.DecisionDateNotNil()).
		Order(ent.Desc(ideaevent.FieldDecisionDate)).First(sys)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if d.Before(*prev.DecisionDate) {
		return problem.New(problem.Validation, "Ngày quyết định %s trước quyết định của bước “%s” (%s).",
			d.Format("02/01/2006"), prev.Action.Label(), prev.DecisionDate.Format("02/01/2006"))
	}
	return nil
}

func conflict(i *ent.Idea) *problem.Error {
	return problem.New(problem.Conflict,
		"Ý tưởng vừa được người khác cập nhật (phiên bản hiện tại %d); hãy tải lại rồi thực hiện lại.", i.Version)
}

func trimmed(s *string) *string {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil
	}
	t := strings.TrimSpace(*s)
	return &t
}

// StateOf reads what the rules need of an idea for the viewer.
func StateOf(ctx context.Context, client *ent.Client, i *ent.Idea) (State, error) {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	v := access.FromContext(ctx)
	if m := memoOf(ctx); m != nil {
		sub := ""
		if v != nil {
			sub = v.Sub
		}
		s, path, err := m.state(sys, client, sub, i)
		s.InScope = v.Covers(path)
		return s, err
	}
	if i.Edges.Unit == nil {
		u, err := i.QueryUnit().Only(sys)
		if err != nil {
			return State{}, err
		}
		i.Edges.Unit = u
	}
	return stateOf(sys, client, v, i)
}

func stateOf(ctx context.Context, client *ent.Client, v *access.Viewer, i *ent.Idea) (State, error) {
	s := State{Status: i.Status, InScope: v.Covers(i.Edges.Unit.Path)}
	if v != nil && v.Sub != "" {
		ok, err := client.Idea.Query().Where(idea.ID(i.ID), idea.HasProposersWith(person.Code(v.Sub))).Exist(ctx)
		if err != nil {
			return State{}, err
		}
		s.Proposer = ok
	}
	if i.Status == domain.IdeaStatusHaltedForCorrection {
		halt, err := client.IdeaEvent.Query().
			Where(ideaevent.IdeaID(i.ID), ideaevent.ActionEQ(domain.IdeaActionHalt)).
			Order(ent.Desc(ideaevent.FieldSeq)).First(ctx)
		if err != nil {
			return State{}, err
		}
		if halt.FromStatus != nil {
			s.HaltedFrom = *halt.FromStatus
		}
	}
	return s, nil
}
