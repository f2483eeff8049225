package ideaflow

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
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
	current, err := client.Idea.Query().Where(idea.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy ý tưởng.").At("id")
	}
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
	if p, err := client.Person.Query().Where(person.Code(v.Sub)).OnlyID(sys); err == nil {
		ev.SetActorPersonID(p)
	}
	if err := ev.Exec(sys); err != nil {
		if ent.IsConstraintError(err) {
			return nil, conflict(current).At("version")
		}
		return nil, err
	}
	return updated, nil
}
