package importer

import (
	"context"
	"fmt"
	"slices"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// writeIdeas creates the new ideas with their proposers, updates the
// recorded ones, then writes every new event: creations in batches, with
// their audit rows in batches (audit.RecordCreated); updates one by one
// through the audit hook.
func writeIdeas(ctx context.Context, client *ent.Client, rows []*ideaRow, unitID map[string]int, unitPath map[int]string,
	personID map[string]int) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	actor := "system"
	if v := access.FromContext(ctx); v != nil {
		actor = v.Sub
	}
	var actorPerson *int
	if id, err := client.Person.Query().Where(person.Code(actor)).OnlyID(sys); err == nil {
		actorPerson = &id
	}
	// Statuses are written only with the events that lead to them.
	workflow := access.AllowStatusChange(ctx)
	bulk := audit.Suppress(workflow)

	var fresh []*ideaRow
	for _, i := range rows {
		if i.existing == nil {
			fresh = append(fresh, i)
		}
	}
	ideaID := map[*ideaRow]int{}
	for k := 0; k < len(fresh); k += batch {
		part := fresh[k:min(k+batch, len(fresh))]
		creates := make([]*ent.IdeaCreate, len(part))
		for j, i := range part {
			ids := make([]int, len(i.proposers))
			for x, p := range i.proposers {
				ids[x] = personID[p]
			}
			cr := client.Idea.Create().SetCode(i.code).SetTitle(i.title).SetSummary(i.summary).SetField(i.field).
				SetKind(i.kind).SetUnitID(unitID[i.unit]).SetByCollective(i.collective).SetProposedOn(*i.proposedOn).
				SetYear(i.proposedOn.Year()).SetStatus(i.status).SetVersion(len(i.steps)).AddProposerIDs(ids...)
			if slices.ContainsFunc(i.steps, func(s ideaStep) bool { return s.action == domain.IdeaActionApprovePilot }) {
				cr.SetPilotScope(i.pilotScope).SetPilotStartedOn(*i.pilotStart).SetPilotPlannedEnd(*i.pilotEnd)
			}
			creates[j] = cr
		}
		created, err := client.Idea.CreateBulk(creates...).Save(bulk)
		if err != nil {
			return rowError(part[0].n, err)
		}
		records := make([]audit.Created, len(created))
		for j, e := range created {
			ideaID[part[j]] = e.ID
			ids := make([]int, len(part[j].proposers))
			for x, p := range part[j].proposers {
				ids[x] = personID[p]
			}
			fields := map[string]any{"created_at": e.CreatedAt, "updated_at": e.UpdatedAt, "code": e.Code, "title": e.Title,
				"summary": e.Summary, "field": e.Field, "kind": e.Kind, "status": e.Status, "unit_id": e.UnitID,
				"by_collective": e.ByCollective, "proposed_on": e.ProposedOn, "year": e.Year, "version": e.Version}
			if e.PilotStartedOn != nil {
				fields["pilot_scope"], fields["pilot_started_on"], fields["pilot_planned_end"] = e.PilotScope, e.PilotStartedOn, e.PilotPlannedEnd
			}
			if len(ids) > 0 {
				fields["+proposers"] = ids
			}
			records[j] = audit.Created{ID: e.ID, UnitPath: unitPath[e.UnitID], Fields: fields}
		}
		if err := audit.RecordCreated(ctx, client, "Idea", records); err != nil {
			return err
		}
	}

	type pending struct {
		i    *ideaRow
		id   int
		path string
	}
	var events []*ent.IdeaEventCreate
	var owners []pending
	add := func(i *ideaRow, id, seq int, s *ideaStep) {
		ev := client.IdeaEvent.Create().SetIdeaID(id).SetSeq(seq).SetActorSub(actor).SetNillableActorPersonID(actorPerson).SetNote(i.note)
		if s == nil {
			ev.SetAction(domain.IdeaActionCreate).SetToStatus(domain.IdeaStatusDraft).SetOccurredAt(nineAM(*i.proposedOn))
		} else {
			ev.SetAction(s.action).SetFromStatus(s.from).SetToStatus(s.to).SetOccurredAt(nineAM(s.day))
			need := ideaflow.Rules[s.action].Needs
			// A step's decision is dated on its own column's day: the
			// criteria count an achievement in the year of its decision
			// (an evaluation of 28/12 is not the approval's day).
			if isApproval(s.action) {
				ev.SetDecisionNumber(i.decision).SetDecisionDate(*i.approvedOn).SetAuthorityLevel(domain.AuthorityLevelUnit)
			} else if need&ideaflow.NeedDecision != 0 {
				ev.SetDecisionNumber(i.decision).SetDecisionDate(s.day)
			}
			if s.action == domain.IdeaActionEvaluateEffective && i.degree != "" {
				ev.SetEffectiveness(i.degree)
			}
			if (need&ideaflow.NeedAuthority != 0 || isApproval(s.action)) && i.authority != "" {
				ev.SetAuthority(i.authority)
			}
		}
		events = append(events, ev)
		owners = append(owners, pending{i, id, unitPath[unitID[i.unit]]})
	}
	for _, i := range rows {
		e := i.existing
		if e == nil {
			add(i, ideaID[i], 0, nil)
			for k := range i.steps {
				add(i, ideaID[i], k+1, &i.steps[k])
			}
			continue
		}
		if !i.described && len(i.appended) == 0 {
			continue
		}
		upd := client.Idea.UpdateOneID(e.ID).Where(idea.Version(e.Version))
		if i.described {
			upd.SetTitle(i.title).SetSummary(i.summary).SetField(i.field).SetKind(i.kind)
		}
		uctx := ctx
		if len(i.appended) > 0 {
			uctx = workflow
			upd.SetStatus(i.status).SetVersion(e.Version + len(i.appended))
			if slices.ContainsFunc(i.appended, func(s ideaStep) bool { return s.action == domain.IdeaActionApprovePilot }) {
				upd.SetPilotScope(i.pilotScope).SetPilotStartedOn(*i.pilotStart).SetPilotPlannedEnd(*i.pilotEnd)
			}
		}
		if err := upd.Exec(uctx); err != nil {
			if ent.IsNotFound(err) {
				return rowError(i.n, problem.New(problem.Conflict,
					"Ý tưởng %s vừa được người khác cập nhật; hãy nhập lại tệp.", i.code))
			}
			return rowError(i.n, err)
		}
		for k := range i.appended {
			add(i, e.ID, e.Version+k+1, &i.appended[k])
		}
	}
	ebulk := audit.Suppress(privacy.DecisionContext(ctx, privacy.Allow))
	for k := 0; k < len(events); k += batch {
		end := min(k+batch, len(events))
		created, err := client.IdeaEvent.CreateBulk(events[k:end]...).Save(ebulk)
		if err != nil {
			return rowError(owners[k].i.n, fmt.Errorf("idea events: %w", err))
		}
		records := make([]audit.Created, len(created))
		for j, ev := range created {
			records[j] = audit.Created{ID: ev.ID, UnitPath: owners[k+j].path, Fields: map[string]any{
				"idea_id": ev.IdeaID, "action": ev.Action, "from_status": ev.FromStatus, "to_status": ev.ToStatus,
				"seq": ev.Seq, "occurred_at": ev.OccurredAt, "actor_sub": ev.ActorSub, "actor_person_id": ev.ActorPersonID,
				"decision_number": ev.DecisionNumber, "decision_date": ev.DecisionDate, "authority": ev.Authority, "note": ev.Note}}
		}
		if err := audit.RecordCreated(ctx, client, "IdeaEvent", records); err != nil {
			return err
		}
	}
	return nil
}
