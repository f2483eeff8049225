package eligibility

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/integrityflag"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/phase"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Load reads the facts of a recipient's year. The recipient is a person
// (an individual) or a unit (a collective) the viewer may read. Stored
// dates are civil days (midnight UTC of the day in Asia/Ho_Chi_Minh), so
// the year's bounds are taken the same way.
func Load(ctx context.Context, client *ent.Client, recipient, year int) (Facts, error) {
	v := access.FromContext(ctx)
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	f := Facts{Year: year}
	start, end := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	ph, err := client.Phase.Query().Where(phase.StartYearLTE(year), phase.EndYearGTE(year)).Only(sys)
	if ent.IsNotFound(err) {
		return f, problem.New(problem.Validation, "Năm %d không thuộc giai đoạn nào của phong trào.", year)
	}
	if err != nil {
		return f, err
	}
	f.Phase = ph.Name
	var ideas predicate.Idea
	var unitID int
	nominated := nomination.Year(year)
	if p, err := client.Person.Get(ctx, recipient); err == nil {
		f.Kind, f.Name = domain.RecipientKindIndividual, p.FullName
		ms, err := client.Membership.Query().WithUnit().Where(membership.PersonID(p.ID),
			membership.ValidFromLT(end), membership.Or(membership.ValidToIsNil(), membership.ValidToGT(start))).
			Order(ent.Asc(membership.FieldValidFrom), ent.Asc(membership.FieldID)).All(sys)
		if err != nil {
			return f, err
		}
		if len(ms) == 0 {
			return f, problem.New(problem.Validation, "%s không làm việc ở đơn vị nào trong năm %d.", p.FullName, year)
		}
		// "cán bộ lãnh đạo, người đứng đầu": heads and deputies, of every
		// unit they led during the year.
		seen := map[int]bool{}
		for _, m := range ms {
			if (m.Role != domain.MemberRoleHead && m.Role != domain.MemberRoleDeputyHead) || seen[m.UnitID] {
				continue
			}
			seen[m.UnitID] = true
			plan, err := planOf(sys, client, m.UnitID, ph.ID)
			if err != nil {
				return f, err
			}
			f.Led = append(f.Led, LedUnit{Name: m.Edges.Unit.Name, Plan: plan, unit: m.UnitID})
		}
		last := ms[len(ms)-1] // where the person was at the end of the year
		unitID, f.Unit = last.UnitID, last.Edges.Unit.Name
		f.Level4 = level4Of(last.Edges.Unit)
		ideas = idea.HasProposersWith(person.ID(p.ID))
		nominated = nomination.And(nominated, nomination.RecipientPersonID(p.ID))
		flags, err := client.IntegrityFlag.Query().Where(integrityflag.PersonID(p.ID), integrityflag.Year(year), standing(ctx)).WithUnit().All(sys)
		if err != nil {
			return f, err
		}
		f.Flags = flagNotes(v, flags)
		f.Register, err = client.Participation.Query().Where(participation.PersonID(p.ID), participation.Year(year)).Exist(sys)
		if err != nil {
			return f, err
		}
	} else if ent.IsNotFound(err) {
		u, err := client.Unit.Get(ctx, recipient)
		if ent.IsNotFound(err) {
			return f, problem.New(problem.NotFound, "Không tìm thấy người hoặc đơn vị được đề nghị.")
		}
		if err != nil {
			return f, err
		}
		if !v.ReadsCityWide() && !v.Covers(u.Path) {
			return f, problem.New(problem.Forbidden, "Đơn vị ngoài phạm vi quản lý của bạn.")
		}
		f.Kind, f.Name, f.Unit, unitID = domain.RecipientKindCollective, u.Name, u.Name, u.ID
		// A collective's certificate is its superior's head's to give.
		f.Level4 = level4Of(u)
		if u.ParentID != nil {
			parent, err := client.Unit.Get(sys, *u.ParentID)
			if err != nil {
				return f, err
			}
			f.Level4 = level4Of(parent)
		}
		ideas = idea.UnitID(u.ID)
		nominated = nomination.And(nominated, nomination.RecipientUnitID(u.ID))
		flags, err := client.IntegrityFlag.Query().Where(integrityflag.UnitID(u.ID), integrityflag.PersonIDIsNil(), integrityflag.Year(year), standing(ctx)).WithUnit().All(sys)
		if err != nil {
			return f, err
		}
		f.Flags = flagNotes(v, flags)
		f.Register, err = client.Participation.Query().Where(participation.UnitID(u.ID), participation.Year(year),
			participation.KindEQ(domain.RecipientKindCollective)).Exist(sys)
		if err != nil {
			return f, err
		}
	} else {
		return f, err
	}
	if f.Plan, err = planOf(sys, client, unitID, ph.ID); err != nil {
		return f, err
	}
	if f.Ideas, err = achievements(sys, client, ideas); err != nil {
		return f, err
	}
	f.Judgements, err = judgements(sys, client, nominated)
	return f, err
}

// planOf is what the criteria read of a unit's plan for the phase.
func planOf(ctx context.Context, client *ent.Client, unitID, phaseID int) (PlanFacts, error) {
	plan, err := client.UnitPlan.Query().Where(unitplan.UnitID(unitID), unitplan.PhaseID(phaseID)).Only(ctx)
	if ent.IsNotFound(err) {
		return PlanFacts{}, nil
	}
	if err != nil {
		return PlanFacts{}, err
	}
	return planFacts(plan), nil
}

// achievements are the ideas' steps the criteria read, each on the day of
// its decision; an event entered without one (none of these actions can
// be, since issue 16) counts on the civil day it was entered.
func achievements(ctx context.Context, client *ent.Client, ideas predicate.Idea) ([]Achievement, error) {
	evs, err := client.IdeaEvent.Query().Where(ideaevent.HasIdeaWith(ideas), ideaevent.ActionIn(
		domain.IdeaActionEvaluateEffective, domain.IdeaActionApplyCityWide, domain.IdeaActionRateByMinistries)).
		Order(ent.Asc(ideaevent.FieldIdeaID), ent.Asc(ideaevent.FieldSeq)).All(ctx)
	if err != nil {
		return nil, err
	}
	var out []Achievement
	for _, e := range evs {
		if len(out) == 0 || out[len(out)-1].Idea != e.IdeaID {
			out = append(out, Achievement{Idea: e.IdeaID})
		}
		a := &out[len(out)-1]
		day := clock.Day(e.OccurredAt)
		if e.DecisionDate != nil {
			day = *e.DecisionDate
		}
		a.reach(e.Action, day)
	}
	return out, nil
}

// judgements are the councils' judgements of the recipient's year, the
// latest council's standing for each criterion.
func judgements(ctx context.Context, client *ent.Client, nominated predicate.Nomination) (map[string]domain.Judgement, error) {
	ns, err := client.Nomination.Query().Where(nominated, nomination.CouncilDateNotNil()).
		Order(ent.Asc(nomination.FieldCouncilDate), ent.Asc(nomination.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]domain.Judgement{}
	for _, n := range ns {
		for _, j := range n.Judgements {
			out[j.Code] = j
		}
	}
	return out, nil
}

// level4Of is the unit's own level 4 criteria, or the defaults.
func level4Of(u *ent.Unit) domain.Level4Criteria {
	if u != nil && u.Level4Criteria != nil {
		return *u.Level4Criteria
	}
	return domain.DefaultLevel4Criteria
}

// SetLevel4 sets a unit's own criteria for its head's certificate: the
// unit's head or emulation officer (or the board) may.
func SetLevel4(ctx context.Context, client *ent.Client, unitID int, c domain.Level4Criteria) (*ent.Unit, error) {
	v := access.FromContext(ctx)
	u, err := client.Unit.Get(ctx, unitID)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy đơn vị.")
	}
	if err != nil {
		return nil, err
	}
	if !v.Has(access.CityAdmin) && !(v.HasAny(access.UnitHead, access.UnitAdmin) && v.Covers(u.Path)) {
		return nil, problem.New(problem.Forbidden, "Chỉ người đứng đầu hoặc cán bộ thi đua của đơn vị được đặt tiêu chí Giấy khen.")
	}
	if c.MinEffectiveIdeas < 0 || c.MinEffectiveIdeas > 50 {
		return nil, problem.New(problem.Validation, "Số ý tưởng hiệu quả tối thiểu phải từ 0 đến 50.")
	}
	return client.Unit.UpdateOneID(unitID).SetLevel4Criteria(&c).Save(privacy.DecisionContext(ctx, privacy.Allow))
}

// hiddenNote stands for a record the viewer may not read: the criterion
// still fails, but says neither how many records nor what they are.
const hiddenNote = "chi tiết chỉ Thủ trưởng đơn vị và Ban Thi đua – Khen thưởng được xem"

// standing keeps the records still in force: one lifted (kỷ luật đã được
// xóa, kết luận đã bị hủy) by today, on the server's clock, no longer
// disqualifies.
func standing(ctx context.Context) predicate.IntegrityFlag {
	return integrityflag.Or(integrityflag.LiftedOnIsNil(), integrityflag.LiftedOnGT(clock.Today(ctx)))
}

// describe names the decision behind a record: "Kỷ luật (khiển trách) theo
// Quyết định số 12/QĐ-UBND ngày 03/04/2024, năm 2024: …".
func describe(x *ent.IntegrityFlag) string {
	s := x.Kind.Label()
	if x.Form != "" {
		s += " (" + strings.ToLower(x.Form) + ")"
	}
	s += " theo Quyết định số " + x.DecisionNumber
	if x.DecisionDate != nil {
		s += " ngày " + x.DecisionDate.Format("02/01/2006")
	}
	s += fmt.Sprintf(", năm %d", x.Year)
	if x.Note != "" {
		s += ": " + x.Note
	}
	return s
}

// flagNotes are the flags' notes as the viewer may see them. The facts are
// read past the viewer's scope (a criterion counts every flag), so the
// notes are filtered here: a MEMBER once read another unit's person's
// discipline note in awardEligibility, and a refused submitNomination
// quoted it (issue 14).
func flagNotes(v *access.Viewer, flags []*ent.IntegrityFlag) []string {
	out := make([]string, 0, len(flags))
	for _, x := range flags {
		if x.Edges.Unit != nil && v.ReadsIntegrityFlagsOf(x.Edges.Unit.Path) {
			out = append(out, describe(x))
		} else {
			out = append(out, hiddenNote)
		}
	}
	return out
}
