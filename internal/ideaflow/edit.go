package ideaflow

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Editable are the statuses in which an idea's content may change: before
// it is reported, and while it is halted for correction ("tạm dừng để
// điều chỉnh"). Once a head has it, what was reported, approved, piloted
// or awarded is what the history says it was.
var Editable = map[domain.IdeaStatus]bool{
	domain.IdeaStatusDraft:               true,
	domain.IdeaStatusHaltedForCorrection: true,
}

func editable() []domain.IdeaStatus {
	out := make([]domain.IdeaStatus, 0, len(Editable))
	for s := range Editable {
		out = append(out, s)
	}
	return out
}

// Edit changes an idea's content as updateIdea: the version the client saw
// must be the idea's, the status one of Editable; the change moves the
// version and is recorded as an EDIT step of the idea's history, so a
// concurrent edit or workflow step is a CONFLICT, never a lost update.
// Who may edit is the idea's write policy (the proposer, the unit's
// officers, the board).
func Edit(ctx context.Context, client *ent.Client, id, version int, in ent.UpdateIdeaInput) (*ent.Idea, error) {
	v := access.FromContext(ctx)
	if v == nil {
		return nil, problem.New(problem.Unauthenticated, "Cần đăng nhập.")
	}
	// With the idea, what its event and the audit rows need: its unit's
	// path and the actor's person, each a statement of its own otherwise.
	current, err := client.Idea.Query().Where(idea.ID(id)).Modify(func(s *sql.Selector) {
		selectUnitPath(s)
		selectActorPerson(s, v.Sub)
	}).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy ý tưởng.").At("id")
	}
	if err != nil {
		return nil, err
	}
	var unitPath string
	var actorPerson int
	if err := column(current, colUnitPath, &unitPath); err != nil {
		return nil, err
	}
	if err := column(current, colActorPerson, &actorPerson); err != nil {
		return nil, err
	}
	// An edit that moves the idea files its audit rows under the unit it
	// moves to, which the hook looks up as it always has.
	if in.UnitID == nil || *in.UnitID == current.UnitID {
		ctx = audit.FiledUnder(ctx, unitPath)
	}
	// As in Act: the idea's audit row and its event's in one INSERT, in
	// the mutation's transaction, which rolls back on any error returned.
	ctx, writeAudit, err := audit.Hold(ctx, client)
	if err != nil {
		return nil, err
	}
	// The write policy speaks first (a member editing another's idea is
	// FORBIDDEN whatever its status); version and status are conditions of
	// the one UPDATE, so no edit slips between a check and the write.
	updated, err := client.Idea.UpdateOne(current).
		Where(idea.Version(version), idea.StatusIn(editable()...)).
		AddVersion(1).SetInput(in).Save(ctx)
	if ent.IsNotFound(err) {
		if current.Version == version && !Editable[current.Status] {
			return nil, problem.New(problem.InvalidTransition,
				"Ý tưởng đang ở bước “%s”: nội dung chỉ sửa được khi còn là bản nháp hoặc đang tạm dừng để điều chỉnh.", current.Status.Label())
		}
		return nil, conflict(current).At("version")
	}
	if err != nil {
		return nil, err
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	ev := client.IdeaEvent.Create().SetIdeaID(current.ID).SetSeq(updated.Version).
		SetAction(domain.IdeaActionEdit).SetFromStatus(current.Status).SetToStatus(current.Status).
		SetOccurredAt(clock.Now(ctx)).SetActorSub(v.Sub)
	if actorPerson != 0 {
		ev.SetActorPersonID(actorPerson)
	}
	if err := ev.Exec(sys); err != nil {
		if ent.IsConstraintError(err) {
			return nil, conflict(current).At("version")
		}
		return nil, err
	}
	if err := writeAudit(ctx, client); err != nil {
		return nil, err
	}
	return updated, nil
}
