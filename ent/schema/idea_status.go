package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the Idea.
func (Idea) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(ideaStatus, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne),
		pastDays(map[string]string{"proposed_on": "Ngày đề xuất"}),
		hook.On(ideaSearchText, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)}
}

// Hooks of the Nomination.
func (Nomination) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(nominationStatus, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)}
}

var errStatusByEvent = problem.New(problem.Validation,
	"Trạng thái chỉ thay đổi qua các thao tác của quy trình, không sửa trực tiếp.")

// ideaStatus keeps an idea's status equal to its last event: outside the
// workflow (access.AllowStatusChange) a status can only start as a draft,
// and the draft's creation is itself recorded as the first event. It also
// derives the idea's year from the day it was proposed.
func ideaStatus(next ent.Mutator) ent.Mutator {
	return hook.IdeaFunc(func(ctx context.Context, m *gen.IdeaMutation) (gen.Value, error) {
		if d, ok := m.ProposedOn(); ok {
			m.SetYear(d.Year())
		}
		workflow := access.StatusChangeAllowed(ctx)
		if s, ok := m.Status(); ok && !workflow && (!m.Op().Is(ent.OpCreate) || s != domain.IdeaStatusDraft) {
			return nil, errStatusByEvent
		}
		v, err := next.Mutate(ctx, m)
		if err != nil || workflow || !m.Op().Is(ent.OpCreate) {
			return v, err
		}
		created := v.(*gen.Idea)
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		ev := m.Client().IdeaEvent.Create().
			SetIdeaID(created.ID).
			SetSeq(0).
			SetAction(domain.IdeaActionCreate).
			SetToStatus(domain.IdeaStatusDraft).
			SetOccurredAt(clock.Now(ctx)).
			SetActorSub("system")
		// Who created it, as every later step records it: the creator's
		// person when the token's subject is a staff code.
		if viewer := access.FromContext(ctx); viewer != nil {
			ev.SetActorSub(viewer.Sub)
			if p, err := m.Client().Person.Query().Where(person.Code(viewer.Sub)).OnlyID(sys); err == nil {
				ev.SetActorPersonID(p)
			}
		}
		return v, ev.Exec(sys)
	})
}

// nominationStatus: a nomination's status changes only in its workflow.
func nominationStatus(next ent.Mutator) ent.Mutator {
	return hook.NominationFunc(func(ctx context.Context, m *gen.NominationMutation) (gen.Value, error) {
		if s, ok := m.Status(); ok && !access.StatusChangeAllowed(ctx) &&
			(!m.Op().Is(ent.OpCreate) || s != domain.NominationStatusDraft) {
			return nil, errStatusByEvent
		}
		if m.Op().Is(ent.OpCreate) {
			kind, _ := m.RecipientKind()
			_, person := m.RecipientPersonID()
			_, unit := m.RecipientUnitID()
			switch {
			case kind == domain.RecipientKindIndividual && (!person || unit):
				return nil, problem.New(problem.Validation, "Đề nghị khen thưởng cá nhân cần đúng một người được đề nghị (recipientPersonID).")
			case kind == domain.RecipientKindCollective && (!unit || person):
				return nil, problem.New(problem.Validation, "Đề nghị khen thưởng tập thể cần đúng một tập thể được đề nghị (recipientUnitID).")
			}
		}
		return next.Mutate(ctx, m)
	})
}
