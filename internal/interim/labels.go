package interim

import (
	"context"
	"fmt"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/exemplar"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// StoreLabels reads idea titles and people's names from the store. The
// warehouse knows people only by a keyed hash of their code, so the names
// of the few who stand out are found by keying the codes of the people
// who could: those who proposed an idea or received an award in the
// phase's years.
type StoreLabels struct {
	Client     *ent.Client
	Pseudonyms etl.Pseudonymizer
}

// Label fills TopIdeas' titles, StandoutPeople's names and units, and the
// award list's names and achievements' titles. The
// report's scope was authorised already, and these are the people and
// ideas of that scope, so the store is read without a viewer's rules.
func (l StoreLabels) Label(ctx context.Context, s *Summary) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	if len(s.TopIdeas) > 0 {
		codes := make([]string, len(s.TopIdeas))
		for i, t := range s.TopIdeas {
			codes[i] = t.Code
		}
		ideas, err := l.Client.Idea.Query().Where(idea.CodeIn(codes...)).Select(idea.FieldCode, idea.FieldTitle).All(sys)
		if err != nil {
			return fmt.Errorf("interim labels: idea titles: %w", err)
		}
		titles := map[string]string{}
		for _, i := range ideas {
			titles[i.Code] = i.Title
		}
		for i := range s.TopIdeas {
			s.TopIdeas[i].Title = titles[s.TopIdeas[i].Code]
		}
	}
	if err := l.followTitles(sys, s); err != nil {
		return err
	}
	if err := l.proposalTitles(sys, s); err != nil {
		return err
	}
	return l.people(sys, s)
}

// people names the standouts and the individuals of the award list. The
// people who could stand out are those who proposed an idea or received
// an award in the phase; an individual the criteria made eligible without
// either is looked for among those who worked in the scope, which is read
// only when such a line is left.
func (l StoreLabels) people(ctx context.Context, s *Summary) error {
	wanted := map[string][]*string{} // pseudonym → the names to fill
	placed := map[string][]int{}     // pseudonym → the lines of the list to give a unit
	standout := map[string]int{}     // pseudonym → place among the standouts
	for i, p := range s.StandoutPeople {
		wanted[p.Key] = append(wanted[p.Key], &s.StandoutPeople[i].Name)
		standout[p.Key] = i
	}
	for i, p := range s.Proposals {
		if p.Kind == domain.RecipientKindIndividual && p.Key != "" {
			wanted[p.Key] = append(wanted[p.Key], &s.Proposals[i].Name)
			placed[p.Key] = append(placed[p.Key], i)
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	k := l.Pseudonyms.Keyer()
	keyOf := map[int]string{} // person id → pseudonym, of those found
	find := func(q *ent.PersonQuery) error {
		people, err := q.Select(person.FieldID, person.FieldCode, person.FieldFullName).All(ctx)
		if err != nil {
			return fmt.Errorf("interim labels: people: %w", err)
		}
		for _, p := range people {
			key := k.Person(p.Code)
			names, ok := wanted[key]
			if !ok {
				continue
			}
			for _, n := range names {
				*n = p.FullName
			}
			delete(wanted, key)
			keyOf[p.ID] = key
		}
		return nil
	}
	err := find(l.Client.Person.Query().Where(person.Or(
		person.HasIdeasWith(idea.YearGTE(s.Phase.Start), idea.YearLTE(s.Phase.End)),
		person.HasAwardsWith(award.YearGTE(s.Phase.Start), award.YearLTE(s.Phase.End)),
	)))
	if err == nil && len(wanted) > 0 {
		err = find(l.Client.Person.Query().Where(person.HasMembershipsWith(membership.HasUnitWith(unit.PathHasPrefix(s.Scope)))))
	}
	if err != nil || len(keyOf) == 0 {
		return err
	}
	ids := make([]int, 0, len(keyOf))
	for id := range keyOf {
		ids = append(ids, id)
	}
	// Their memberships in one query; the latest one names the unit they
	// work in, for the standouts and for the list alike.
	ms, err := l.Client.Membership.Query().Where(membership.PersonIDIn(ids...)).
		Order(ent.Asc(membership.FieldValidFrom), ent.Asc(membership.FieldID)).WithUnit().All(ctx)
	if err != nil {
		return fmt.Errorf("interim labels: memberships: %w", err)
	}
	latest := map[string]*ent.Unit{}
	for _, m := range ms {
		if m.Edges.Unit != nil {
			latest[keyOf[m.PersonID]] = m.Edges.Unit
		}
	}
	for key, u := range latest {
		if i, ok := standout[key]; ok {
			s.StandoutPeople[i].UnitName = u.Name
		}
		for _, i := range placed[key] {
			p := &s.Proposals[i]
			if p.UnitName != "" && p.UnitName != u.Name {
				p.EligibleIn = p.UnitName
			}
			p.UnitID, p.UnitCode, p.UnitName = u.ID, u.Code, u.Name
		}
	}
	return nil
}

// proposalTitles fills the titles of the award list's achievements.
func (l StoreLabels) proposalTitles(ctx context.Context, s *Summary) error {
	var ids []int
	for _, p := range s.Proposals {
		for _, i := range p.Ideas {
			ids = append(ids, i.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	titles, err := l.ideaTitles(ctx, ids)
	if err != nil {
		return fmt.Errorf("interim labels: achievements: %w", err)
	}
	for pi := range s.Proposals {
		for ii := range s.Proposals[pi].Ideas {
			x := &s.Proposals[pi].Ideas[ii]
			x.Title = titles[x.ID]
		}
	}
	return nil
}

// followTitles fills the titles of the follow-up ideas and of the
// register's entries, which the warehouse does not hold.
func (l StoreLabels) followTitles(ctx context.Context, s *Summary) error {
	if len(s.FollowUpIdeas) > 0 {
		ids := make([]int, len(s.FollowUpIdeas))
		for i, f := range s.FollowUpIdeas {
			ids[i] = f.ID
		}
		titles, err := l.ideaTitles(ctx, ids)
		if err != nil {
			return fmt.Errorf("interim labels: follow-up ideas: %w", err)
		}
		for i := range s.FollowUpIdeas {
			s.FollowUpIdeas[i].Title = titles[s.FollowUpIdeas[i].ID]
		}
	}
	if len(s.Exemplars) > 0 {
		ids := make([]int, len(s.Exemplars))
		for i, x := range s.Exemplars {
			ids[i] = x.ID
		}
		xs, err := l.Client.Exemplar.Query().Where(exemplar.IDIn(ids...)).Select(exemplar.FieldID, exemplar.FieldTitle).All(ctx)
		if err != nil {
			return fmt.Errorf("interim labels: exemplars: %w", err)
		}
		titles := map[int]string{}
		for _, x := range xs {
			titles[x.ID] = x.Title
		}
		for i := range s.Exemplars {
			s.Exemplars[i].Title = titles[s.Exemplars[i].ID]
		}
	}
	return nil
}

// ideaTitles reads the titles of ideas by id, in one query.
func (l StoreLabels) ideaTitles(ctx context.Context, ids []int) (map[int]string, error) {
	ideas, err := l.Client.Idea.Query().Where(idea.IDIn(ids...)).Select(idea.FieldID, idea.FieldTitle).All(ctx)
	if err != nil {
		return nil, err
	}
	titles := make(map[int]string, len(ideas))
	for _, i := range ideas {
		titles[i.ID] = i.Title
	}
	return titles, nil
}
