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
	"github.com/hcmc-thidua/thidua/etl"
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

// Label fills TopIdeas' titles and StandoutPeople's names and units. The
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
	if len(s.StandoutPeople) == 0 {
		return nil
	}
	wanted := map[string]int{}
	for i, p := range s.StandoutPeople {
		wanted[p.Key] = i
	}
	people, err := l.Client.Person.Query().Where(person.Or(
		person.HasIdeasWith(idea.YearGTE(s.Phase.Start), idea.YearLTE(s.Phase.End)),
		person.HasAwardsWith(award.YearGTE(s.Phase.Start), award.YearLTE(s.Phase.End)),
	)).Select(person.FieldID, person.FieldCode, person.FieldFullName).All(sys)
	if err != nil {
		return fmt.Errorf("interim labels: people: %w", err)
	}
	k := l.Pseudonyms.Keyer()
	at := map[int]int{} // person id → their place among the standouts
	for _, p := range people {
		if i, ok := wanted[k.Person(p.Code)]; ok {
			s.StandoutPeople[i].Name = p.FullName
			at[p.ID] = i
		}
	}
	if len(at) == 0 {
		return nil
	}
	ids := make([]int, 0, len(at))
	for id := range at {
		ids = append(ids, id)
	}
	// Their memberships in one query; the latest one names the unit.
	ms, err := l.Client.Membership.Query().Where(membership.PersonIDIn(ids...)).
		Order(ent.Asc(membership.FieldValidFrom), ent.Asc(membership.FieldID)).WithUnit().All(sys)
	if err != nil {
		return fmt.Errorf("interim labels: memberships: %w", err)
	}
	for _, m := range ms {
		if m.Edges.Unit != nil {
			s.StandoutPeople[at[m.PersonID]].UnitName = m.Edges.Unit.Name
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
		ideas, err := l.Client.Idea.Query().Where(idea.IDIn(ids...)).Select(idea.FieldID, idea.FieldTitle).All(ctx)
		if err != nil {
			return fmt.Errorf("interim labels: follow-up ideas: %w", err)
		}
		titles := map[int]string{}
		for _, i := range ideas {
			titles[i.ID] = i.Title
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
