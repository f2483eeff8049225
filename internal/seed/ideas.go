package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
)

type ideaRec struct {
	ID        int
	Unit      *unitRow
	Proposers []int // people
	Status    domain.IdeaStatus
	Effective *time.Time // evaluated effective on
	CityWide  *time.Time // applied city-wide on
	Rated     *time.Time // rated by central ministries on
	Reached   time.Time  // day of its last event
}

type eventRec struct {
	Pilot    *ideaflow.Input // the pilot an APPROVE_PILOT sets up
	Action   domain.IdeaAction
	From     *domain.IdeaStatus
	To       domain.IdeaStatus
	On       time.Time
	Decision string
	Auth     string
	Level    *domain.AuthorityLevel
	Degree   *domain.Effectiveness
	Note     string
}

// fields lists the idea fields in the plan's order, for a stable draw.
var fields = domain.IdeaField("").Values()

// stepOdds is, for each status, the chance in 100 that an idea goes no
// further: most ideas stop early, few reach the ministries.
var stepOdds = map[domain.IdeaStatus]int{
	domain.IdeaStatusDraft: 8, domain.IdeaStatusSubmitted: 8, domain.IdeaStatusUnderReview: 7,
	domain.IdeaStatusApprovedForImplementation: 5, domain.IdeaStatusApprovedForPilot: 5,
	domain.IdeaStatusImplementing: 10, domain.IdeaStatusPiloting: 10,
	domain.IdeaStatusEvaluatedEffective: 15, domain.IdeaStatusAppliedInUnit: 50,
	domain.IdeaStatusProposedToCity: 40, domain.IdeaStatusAppliedCityWide: 75,
}

// lifecycle walks an idea from its draft through the plan's steps, one
// event per step, never past AsOf.
func lifecycle(r *rand.Rand, proposed time.Time, unitCode string) ([]eventRec, error) {
	status := domain.IdeaStatusDraft
	on := proposed
	events := []eventRec{{Action: domain.IdeaActionCreate, To: status, On: on}}
	var halted domain.IdeaStatus
	for {
		stop, final := stepOdds[status]
		if !final || r.IntN(100) < stop {
			return events, nil
		}
		var act domain.IdeaAction
		n := r.IntN(100)
		switch status {
		case domain.IdeaStatusDraft:
			act = domain.IdeaActionSubmit
			if n < 3 {
				act = domain.IdeaActionWithdraw
			}
		case domain.IdeaStatusSubmitted:
			act = domain.IdeaActionStartReview
		case domain.IdeaStatusUnderReview:
			switch {
			case n < 11:
				act = domain.IdeaActionReject
			case n < 13:
				act = domain.IdeaActionWithdraw
			case n < 60:
				act = domain.IdeaActionApproveImplementation
			default:
				act = domain.IdeaActionApprovePilot
			}
		case domain.IdeaStatusApprovedForImplementation:
			act = domain.IdeaActionStartImplementation
		case domain.IdeaStatusApprovedForPilot:
			act = domain.IdeaActionStartPilot
		case domain.IdeaStatusImplementing, domain.IdeaStatusPiloting:
			switch {
			case n < 6 && halted == "":
				act = domain.IdeaActionHalt
			case n < 22:
				act = domain.IdeaActionEvaluateIneffective
			default:
				act = domain.IdeaActionEvaluateEffective
			}
		case domain.IdeaStatusEvaluatedEffective:
			act = domain.IdeaActionApplyInUnit
		case domain.IdeaStatusAppliedInUnit:
			act = domain.IdeaActionProposeToCity
		case domain.IdeaStatusProposedToCity:
			act = domain.IdeaActionApplyCityWide
		case domain.IdeaStatusAppliedCityWide:
			act = domain.IdeaActionRateByMinistries
		}
		next := on.AddDate(0, 0, 7+r.IntN(80))
		if !next.Before(AsOf) {
			return events, nil
		}
		e, err := stepEvent(r, act, status, halted, next, unitCode)
		if err != nil {
			return nil, err
		}
		if act == domain.IdeaActionHalt {
			halted = status
		}
		to := e.To
		events = append(events, e)
		status, on = to, next
		if status == domain.IdeaStatusHaltedForCorrection {
			if r.IntN(100) >= 60 {
				return events, nil
			}
			next = on.AddDate(0, 0, 14+r.IntN(60))
			if !next.Before(AsOf) {
				return events, nil
			}
			e, err := stepEvent(r, domain.IdeaActionResume, status, halted, next, unitCode)
			if err != nil {
				return nil, err
			}
			events = append(events, e)
			status, on = e.To, next
		}
	}
}

// title composes an idea's title from the field's vocabulary.
func title(r *rand.Rand, field domain.IdeaField) string {
	v := ideaFields[string(field)]
	t := pick(r, v.Openers) + " " + pick(r, v.Subjects)
	if r.IntN(2) == 0 {
		t += " nhằm " + pick(r, v.Outcomes)
	}
	return t
}

// insertIdeas proposes ideas in units in proportion to their staff, on days
// the unit exists, by one to three of its people, and walks each through
// its lifecycle, writing the idea with its status and all its events.
func (g *generator) insertIdeas(ctx context.Context, tx *ent.Tx) error {
	var staffed []*unitRow
	total := 0.0
	for _, u := range g.units {
		if len(u.Members) > 0 {
			total += float64(len(u.Members))
			u.ideaWeightC = total
			staffed = append(staffed, u)
		}
	}
	ideas := newBulk(20, func(ctx context.Context, bs []*ent.IdeaCreate) error {
		saved, err := tx.Idea.CreateBulk(bs...).Save(ctx)
		base := len(g.ideas) - len(bs) // the batch is the ideas appended last, in order
		for k, s := range saved {
			g.ideas[base+k].ID = s.ID
		}
		return err
	})
	var pending [][]eventRec
	events := newBulk(12, func(ctx context.Context, bs []*ent.IdeaEventCreate) error {
		return tx.IdeaEvent.CreateBulk(bs...).Exec(ctx)
	})
	flushEvents := func() error {
		for k, evs := range pending {
			rec := g.ideas[len(g.ideas)-len(pending)+k]
			for seq, e := range evs {
				actor, person := g.actorOf(rec, e)
				c := tx.IdeaEvent.Create().SetIdeaID(rec.ID).SetSeq(seq).SetAction(e.Action).SetToStatus(e.To).
					SetOccurredAt(e.On.Add(9 * time.Hour)).SetActorSub(actor).SetNillableActorPersonID(person).
					SetNillableFromStatus(e.From).SetNillableDecisionNumber(nonEmpty(e.Decision)).
					SetNillableAuthority(nonEmpty(e.Auth)).SetNillableNote(nonEmpty(e.Note)).SetNillableAuthorityLevel(e.Level).
					SetNillableEffectiveness(e.Degree)
				if e.Decision != "" {
					c.SetDecisionDate(e.On)
				}
				if err := events.add(ctx, c); err != nil {
					return err
				}
			}
		}
		pending = pending[:0]
		return nil
	}
	for i := 0; i < g.scale.Ideas; i++ {
		x := g.rng.Float64() * total
		k, _ := slices.BinarySearchFunc(staffed, x, func(u *unitRow, x float64) int {
			switch {
			case u.ideaWeightC < x:
				return -1
			case u.ideaWeightC > x:
				return 1
			}
			return 0
		})
		u := staffed[min(k, len(staffed)-1)]
		until := u.end()
		if last := day(2026, 10, 15); until.After(last) {
			until = last
		}
		proposed := between(g.rng, u.start(), until)
		proposers := g.someMembersOn(u, proposed, 1+g.rng.IntN(3)*g.rng.IntN(2))
		if len(proposers) == 0 {
			i--
			continue
		}
		field := domain.IdeaField(pick(g.rng, fields))
		evs, err := lifecycle(g.rng, proposed, u.Code)
		if err != nil {
			return err
		}
		last := evs[len(evs)-1]
		rec := ideaRec{Unit: u, Proposers: proposers, Status: last.To, Reached: last.On}
		for _, e := range evs {
			d := e.On
			switch e.Action {
			case domain.IdeaActionEvaluateEffective:
				rec.Effective = &d
			case domain.IdeaActionApplyCityWide:
				rec.CityWide = &d
			case domain.IdeaActionRateByMinistries:
				rec.Rated = &d
			}
		}
		c := tx.Idea.Create().
			SetCode(fmt.Sprintf("YT-%d-%06d", proposed.Year(), i+1)).
			SetTitle(title(g.rng, field)).
			SetSummary("Nội dung tóm tắt: " + field.Label() + ". Dữ liệu minh họa, không phải ý tưởng thật.").
			SetField(field).
			SetKind(domain.IdeaKind(pick(g.rng, domain.IdeaKind("").Values()))).
			SetStatus(rec.Status).
			SetVersion(len(evs) - 1).
			SetUnitID(u.ID).
			SetByCollective(g.rng.IntN(100) < 5).
			SetProposedOn(proposed).
			SetCreatedAt(proposed.Add(8 * time.Hour)).
			SetUpdatedAt(last.On.Add(9 * time.Hour))
		for _, e := range evs {
			if e.Pilot != nil {
				c.SetPilotScope(*e.Pilot.PilotScope).SetPilotStartedOn(*e.Pilot.PilotStartOn).SetPilotPlannedEnd(*e.Pilot.PilotPlannedEnd)
			}
		}
		for _, p := range proposers {
			c.AddProposerIDs(g.people[p].ID)
		}
		g.ideas = append(g.ideas, rec)
		pending = append(pending, evs)
		if err := ideas.add(ctx, c); err != nil {
			return err
		}
		if len(ideas.items) == 0 { // the batch was saved: ids are known
			if err := flushEvents(); err != nil {
				return err
			}
		}
	}
	if err := ideas.flush(ctx); err != nil {
		return err
	}
	if err := flushEvents(); err != nil {
		return err
	}
	g.stats.Ideas, g.stats.IdeaEvents = ideas.n, events.n+len(events.items)
	return events.flush(ctx)
}

// insertAdoptions: other units apply ideas that were evaluated effective,
// the more widely the further the idea went.
func (g *generator) insertAdoptions(ctx context.Context, tx *ent.Tx) error {
	b := newBulk(10, func(ctx context.Context, bs []*ent.AdoptionCreate) error {
		return tx.Adoption.CreateBulk(bs...).Exec(ctx)
	})
	var candidates []*unitRow
	for _, u := range g.units {
		if u.Type != domain.UnitTypeCity {
			candidates = append(candidates, u)
		}
	}
	for _, rec := range g.ideas {
		if rec.Effective == nil || !rec.Status.EffectiveOrBeyond() {
			continue
		}
		n := g.rng.IntN(3)
		switch rec.Status {
		case domain.IdeaStatusProposedToCity:
			n = g.rng.IntN(5)
		case domain.IdeaStatusAppliedCityWide:
			n = 3 + g.rng.IntN(13)
		case domain.IdeaStatusRatedByMinistries:
			n = 5 + g.rng.IntN(21)
		}
		seen := map[*unitRow]bool{rec.Unit: true}
		for k := 0; k < n*3 && len(seen) <= n; k++ {
			u := pick(g.rng, candidates)
			on := rec.Effective.AddDate(0, 0, 15+g.rng.IntN(300))
			if seen[u] || !on.Before(AsOf) || !u.activeOn(on) {
				continue
			}
			seen[u] = true
			if err := b.add(ctx, tx.Adoption.Create().SetIdeaID(rec.ID).SetUnitID(u.ID).SetAdoptedOn(on).
				SetDecisionNumber(fmt.Sprintf("%d/QĐ-%s", 1+g.rng.IntN(400), u.Code)).SetDecisionDate(on).
				SetScope("Áp dụng tại "+u.Name)); err != nil {
				return err
			}
		}
	}
	g.stats.Adoptions = b.n + len(b.items)
	return b.flush(ctx)
}

// actorOf is who records an event: the proposer for their own steps, the
// unit's head for its decisions, the board for the city's and the
// ministries' recognition.
func (g *generator) actorOf(rec ideaRec, e eventRec) (string, *int) {
	p := rec.Proposers[0]
	switch e.Action {
	case domain.IdeaActionCreate, domain.IdeaActionSubmit, domain.IdeaActionWithdraw:
	case domain.IdeaActionApplyCityWide, domain.IdeaActionRateByMinistries, domain.IdeaActionEvaluateEffective,
		domain.IdeaActionEvaluateIneffective:
		return "system:seed:board", nil
	default:
		if h := g.headOn(rec.Unit, e.On); h >= 0 {
			p = h
		}
	}
	return g.people[p].Code, &g.people[p].ID
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// stepEvent writes the event of an action with what the rules require of
// it, and checks it against the same rules the API enforces, so the demo
// data never holds a state the API would refuse.
func stepEvent(r *rand.Rand, act domain.IdeaAction, status, halted domain.IdeaStatus, on time.Time, unitCode string) (eventRec, error) {
	from := status
	e := eventRec{Action: act, From: &from, On: on}
	needs := ideaflow.Rules[act].Needs
	in := ideaflow.Input{}
	if needs&ideaflow.NeedDecision != 0 {
		e.Decision = fmt.Sprintf("%d/QĐ-%s", 1+r.IntN(500), unitCode)
		if needs&ideaflow.NeedAuthority != 0 {
			e.Decision = fmt.Sprintf("%d/QĐ-UBND", 100+r.IntN(5000))
		}
		in.DecisionNumber, in.DecisionDate = &e.Decision, &on
	}
	if needs&ideaflow.NeedAuthority != 0 {
		e.Auth = pick(r, evaluationAuthorities)
		in.Authority = &e.Auth
	}
	if needs&ideaflow.NeedNote != 0 {
		e.Note = notes[act]
		in.Note = &e.Note
	}
	if needs&ideaflow.NeedAuthorityLevel != 0 {
		unit := domain.AuthorityLevelUnit // the demo's approvals are its units' own
		e.Level, in.AuthorityLevel = &unit, &unit
	}
	if needs&ideaflow.NeedEffectiveness != 0 {
		// Drawn from the decision's number, not the generator, so that the
		// rest of the demo city stays as it was.
		d := domain.Effectiveness(domain.Effectiveness("").Values()[len(e.Decision)%3])
		e.Degree, in.Effectiveness = &d, &d
	}
	if needs&ideaflow.NeedPilot != 0 {
		scope, end := pick(r, pilotScopes), on.AddDate(0, 6, 0)
		in.PilotScope, in.PilotStartOn, in.PilotPlannedEnd = &scope, &on, &end
		e.Pilot = &in
	}
	if err := ideaflow.Validate(act, in); err != nil {
		return e, fmt.Errorf("seed: %s: %w", act, err)
	}
	to, err := ideaflow.Next(act, ideaflow.State{Status: status, HaltedFrom: halted})
	if err != nil {
		return e, fmt.Errorf("seed: %s from %s: %w", act, status, err)
	}
	e.To = to
	return e, nil
}

// notes are the reasons written on actions that need one.
var notes = map[domain.IdeaAction]string{
	domain.IdeaActionWithdraw:            "Tác giả rút ý tưởng để hoàn thiện thêm.",
	domain.IdeaActionReject:              "Chưa đủ cơ sở pháp lý để triển khai.",
	domain.IdeaActionHalt:                "Tạm dừng để điều chỉnh theo ý kiến của người đứng đầu (§II.1.2).",
	domain.IdeaActionResume:              "Đã điều chỉnh, tiếp tục thực hiện.",
	domain.IdeaActionEvaluateIneffective: "Kết quả thực hiện chưa đạt mục tiêu đề ra.",
}
