package eligibility

import (
	"context"
	stdsql "database/sql"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/integrityflag"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/phase"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Candidate is a recipient of a year and what the criteria make of it:
// the highest level it may be nominated for ("" for none), and whether a
// nomination or a standing award of the year already names it.
type Candidate struct {
	Year   int
	Kind   domain.RecipientKind
	Person int // the individual; 0 for a collective
	// Unit is the collective, or the unit the individual ended the year in.
	Unit      int
	Highest   domain.AwardLevel
	Nominated bool // a nomination of the year, not withdrawn
	Awarded   bool // a standing award of the year, at any level
	Facts     Facts
}

// Year evaluates every recipient of a year at once, as Load and Highest
// would one by one: every person who worked in a unit during the year and
// every unit that existed in it.
func Year(ctx context.Context, client *ent.Client, year int) ([]Candidate, error) {
	var out []Candidate
	err := Years(ctx, client, []int{year}, func(c Candidate) error {
		out = append(out, c)
		return nil
	})
	return out, err
}

// Years evaluates the recipients of several years, reading what the years
// share (units, memberships, achievements) once, and hands each to each,
// year after year. It reads past any viewer (the warehouse's summary of who
// is eligible but not nominated); a flag's note is the system's, never
// shown to a user from here. A year outside the movement's phases has no
// criteria and no recipient.
func Years(ctx context.Context, client *ent.Client, years []int, each func(Candidate) error) error {
	return YearsConcurrently(ctx, client, years, 1, each)
}

// YearsConcurrently is Years with a year's recipients evaluated by up to
// workers goroutines: the criteria are pure CPU over facts read once, and
// at a city's scale cost seconds. each is called by one goroutine at a
// time, but with workers > 1 in no set order within a year (years still
// come one after the other).
func YearsConcurrently(ctx context.Context, client *ent.Client, years []int, workers int, each func(Candidate) error) error {
	if len(years) == 0 {
		return nil
	}
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	years = slices.Sorted(slices.Values(years))
	first, last := years[0], years[len(years)-1]
	sh, err := loadShared(ctx, client, civilYear(first), civilYear(last+1))
	if err != nil {
		return err
	}
	for _, year := range years {
		ph, err := client.Phase.Query().Where(phase.StartYearLTE(year), phase.EndYearGTE(year)).Only(ctx)
		if ent.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		y, err := loadYear(ctx, client, sh, year, ph.ID)
		if err != nil {
			return err
		}
		if workers > 1 {
			err = y.concurrently(sh, year, ph.Name, workers, each)
		} else {
			err = y.each(sh, year, ph.Name, each)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// concurrently is each split among workers: people in slices of the
// members, then the units; every worker only reads sh and y.
func (y *yearFacts) concurrently(sh *shared, year int, phaseName string, workers int, each func(Candidate) error) error {
	var mu sync.Mutex
	locked := func(c Candidate) error {
		mu.Lock()
		defer mu.Unlock()
		return each(c)
	}
	slice := membersPerWorker
	var g errgroup.Group
	g.SetLimit(workers)
	for from := 0; from < len(sh.members); from += slice {
		part := *sh
		part.members = sh.members[from:min(from+slice, len(sh.members))]
		part.unitOrder = nil
		g.Go(func() error { return y.each(&part, year, phaseName, locked) })
	}
	units := *sh
	units.members = nil
	g.Go(func() error { return y.each(&units, year, phaseName, locked) })
	return g.Wait()
}

// membersPerWorker is how many people a worker takes at a time (a test
// makes it small, so that slices start in the middle of every list).
var membersPerWorker = 4096

func civilYear(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }

// each builds every recipient's facts of the year and evaluates them.
func (y *yearFacts) each(sh *shared, year int, phaseName string, each func(Candidate) error) error {
	start, end := civilYear(year), civilYear(year+1)
	var registered, notable ascending
	if len(sh.members) > 0 {
		first := sh.members[0][0].PersonID
		registered, notable = y.registered.from(first), y.notable.from(first)
	}
	for _, ms := range sh.members {
		var last *member
		f := Facts{Kind: domain.RecipientKindIndividual, Year: year, Phase: phaseName}
		for _, m := range ms {
			if !m.ValidFrom.Before(end) || (m.ValidTo != nil && !m.ValidTo.After(start)) {
				continue
			}
			last = m
			if m.Role != domain.MemberRoleHead && m.Role != domain.MemberRoleDeputyHead {
				continue
			}
			if !slices.ContainsFunc(f.Led, func(l LedUnit) bool { return l.unit == m.UnitID }) {
				f.Led = append(f.Led, LedUnit{Name: sh.units[m.UnitID].Name, Plan: y.plans[m.UnitID], unit: m.UnitID})
			}
		}
		if last == nil {
			continue // worked nowhere that year
		}
		pid := last.PersonID
		f.Unit, f.Level4, f.Plan = sh.units[last.UnitID].Name, level4Of(sh.units[last.UnitID]), y.plans[last.UnitID]
		f.Register = registered.has(pid)
		known := notable.has(pid)
		if known {
			f.Flags = y.personFlags[pid]
			f.Ideas = sh.achievementsOf(sh.proposed[pid])
			f.Judgements = y.judged[recipient{person: pid}]
		}
		if err := each(y.candidate(f, recipient{person: pid}, last.UnitID, known)); err != nil {
			return err
		}
	}
	for _, u := range sh.unitOrder {
		if (u.ValidFrom != nil && !u.ValidFrom.Before(end)) || (u.ValidTo != nil && !u.ValidTo.After(start)) {
			continue
		}
		f := Facts{Kind: domain.RecipientKindCollective, Year: year, Phase: phaseName, Name: u.Name, Unit: u.Name}
		f.Level4 = level4Of(u)
		if u.ParentID != nil {
			f.Level4 = level4Of(sh.units[*u.ParentID])
		}
		f.Plan, f.Flags, f.Register = y.plans[u.ID], y.unitFlags[u.ID], y.collectives[u.ID]
		f.Ideas = sh.achievementsOf(sh.unitIdeas[u.ID])
		f.Judgements = y.judged[recipient{unit: u.ID}]
		if err := each(y.candidate(f, recipient{unit: u.ID}, u.ID, true)); err != nil {
			return err
		}
	}
	return nil
}

type recipient struct{ person, unit int }

// member is what the criteria read of a membership: a year of a city's
// staff is held at once.
type member struct {
	PersonID, UnitID int
	Role             domain.MemberRole
	ValidFrom        time.Time
	ValidTo          *time.Time
}

// shared are the facts the years share: units, memberships over the
// years, every achievement and who proposed it.
type shared struct {
	units               map[int]*ent.Unit
	unitOrder           []*ent.Unit
	members             [][]*member // by person, in order of validity
	achieved            map[int]*Achievement
	proposed, unitIdeas map[int][]int // ideas by proposer, by unit
}

// yearFacts are a year's own facts of every recipient.
type yearFacts struct {
	year                   int
	plans                  map[int]PlanFacts
	personFlags, unitFlags map[int][]string
	registered             ascending // people registered in the year
	// notable are the people with anything else of the year to look up:
	// a flag, an idea, a judgement, a nomination or an award. A city's
	// staff are mostly none of these, and a lookup in a map of hundreds
	// of thousands of people misses the cache every time.
	notable            ascending
	collectives        map[int]bool // units registered as collectives
	judged             map[recipient]map[string]domain.Judgement
	nominated, awarded map[recipient]bool
}

func loadShared(ctx context.Context, client *ent.Client, start, end time.Time) (*shared, error) {
	sh := &shared{units: map[int]*ent.Unit{}, achieved: map[int]*Achievement{}, proposed: map[int][]int{}, unitIdeas: map[int][]int{}}
	units, err := client.Unit.Query().Order(ent.Asc(unit.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		sh.units[u.ID] = u
	}
	sh.unitOrder = units
	ms, err := loadMembers(ctx, client, start, end)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if len(sh.members) == 0 || sh.members[len(sh.members)-1][0].PersonID != m.PersonID {
			sh.members = append(sh.members, nil)
		}
		sh.members[len(sh.members)-1] = append(sh.members[len(sh.members)-1], m)
	}
	return sh, sh.loadIdeas(ctx, client)
}

// loadMembers reads the memberships valid some time in [start, end), by
// person, in order of validity. Read as ent's entities, a city's 360 k
// memberships took 0.40 s of CPU a BenchmarkYears run; scanned straight
// into the compact rows, 0.24 s (and scanning int64, here and in ids, cut the
// benchmark's allocations from 11.2 M to 6.8 M). The statement has no
// parameter, so that one text serves both dialects: it reads the whole
// table, and the years' memberships are chosen here by the predicate the
// query used to carry.
func loadMembers(ctx context.Context, client *ent.Client, start, end time.Time) ([]*member, error) {
	rows, err := client.QueryContext(ctx, `SELECT person_id, unit_id, role, valid_from, valid_to FROM memberships
		ORDER BY person_id, valid_from, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// int64, not int: database/sql turns an int64 into any other integer
	// through its decimal text.
	var (
		out            []*member
		person, unitID int64
		role           string
		from           time.Time
		to             stdsql.NullTime
	)
	dest := []any{&person, &unitID, &role, &from, &to}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if !from.Before(end) || (to.Valid && !to.Time.After(start)) {
			continue
		}
		row := member{PersonID: int(person), UnitID: int(unitID), Role: domain.MemberRole(role), ValidFrom: from}
		if to.Valid {
			t := to.Time
			row.ValidTo = &t
		}
		out = append(out, &row)
	}
	return out, rows.Err()
}

// ids runs a statement of one integer column. It takes no parameter (a
// year is written into the text: one text serves both dialects) and
// scans int64s, as ent's Ints would not.
func ids(ctx context.Context, client *ent.Client, query string) ([]int, error) {
	rows, err := client.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	var id int64
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, int(id))
	}
	return out, rows.Err()
}

func loadYear(ctx context.Context, client *ent.Client, sh *shared, year, phaseID int) (*yearFacts, error) {
	y := &yearFacts{year: year, plans: map[int]PlanFacts{},
		personFlags: map[int][]string{}, unitFlags: map[int][]string{}, collectives: map[int]bool{},
		judged: map[recipient]map[string]domain.Judgement{}, nominated: map[recipient]bool{}, awarded: map[recipient]bool{}}
	plans, err := client.UnitPlan.Query().Where(unitplan.PhaseID(phaseID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		y.plans[p.UnitID] = planFacts(p)
	}
	flags, err := client.IntegrityFlag.Query().Where(integrityflag.Year(year), standing(ctx)).
		Order(ent.Asc(integrityflag.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range flags {
		if x.PersonID != nil {
			y.personFlags[*x.PersonID] = append(y.personFlags[*x.PersonID], describe(x))
		} else {
			y.unitFlags[x.UnitID] = append(y.unitFlags[x.UnitID], describe(x))
		}
	}
	// Who registered, not each registration: a year of a city's
	// participations is some 190 k rows.
	people, err := ids(ctx, client, `SELECT DISTINCT person_id FROM participations WHERE year = `+strconv.Itoa(year)+
		` AND person_id IS NOT NULL ORDER BY person_id`)
	if err != nil {
		return nil, err
	}
	y.registered = ascending(people)
	units, err := client.Participation.Query().Where(participation.Year(year), participation.KindEQ(domain.RecipientKindCollective)).
		Unique(true).Select(participation.FieldUnitID).Ints(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range units {
		y.collectives[id] = true
	}
	if err := y.loadNominations(ctx, client, year); err != nil {
		return nil, err
	}
	y.notable = y.notablePeople(sh)
	return y, nil
}

// notablePeople are the people any of the year's maps, or the ideas,
// name: everyone each must look up rather than take the zero value for.
func (y *yearFacts) notablePeople(sh *shared) ascending {
	var notable []int
	for id := range y.personFlags {
		notable = append(notable, id)
	}
	for id := range sh.proposed {
		notable = append(notable, id)
	}
	for _, m := range []map[recipient]bool{y.nominated, y.awarded} {
		for r := range m {
			if r.person != 0 {
				notable = append(notable, r.person)
			}
		}
	}
	for r := range y.judged {
		if r.person != 0 {
			notable = append(notable, r.person)
		}
	}
	slices.Sort(notable)
	return slices.Compact(notable)
}

// ascending are ids in increasing order, asked about in increasing order
// too, as the members come (by person): each answer is a step forward,
// not a lookup.
type ascending []int

// from is the ids from id on: where a slice of the members starts.
func (a ascending) from(id int) ascending {
	i, _ := slices.BinarySearch(a, id)
	return a[i:]
}

// has reports whether id is among the ids, and forgets the ids before it:
// the next question is about a larger id.
func (a *ascending) has(id int) bool {
	for len(*a) > 0 && (*a)[0] < id {
		*a = (*a)[1:]
	}
	return len(*a) > 0 && (*a)[0] == id
}

// loadIdeas reads every achievement, as achievements does for one
// recipient's ideas, and who proposed each idea.
func (y *shared) loadIdeas(ctx context.Context, client *ent.Client) error {
	evs, err := client.IdeaEvent.Query().Where(ideaevent.ActionIn(
		domain.IdeaActionEvaluateEffective, domain.IdeaActionApplyCityWide, domain.IdeaActionRateByMinistries)).
		Order(ent.Asc(ideaevent.FieldIdeaID), ent.Asc(ideaevent.FieldSeq)).All(ctx)
	if err != nil {
		return err
	}
	for _, e := range evs {
		a := y.achieved[e.IdeaID]
		if a == nil {
			a = &Achievement{Idea: e.IdeaID}
			y.achieved[e.IdeaID] = a
		}
		day := clock.Day(e.OccurredAt)
		if e.DecisionDate != nil {
			day = *e.DecisionDate
		}
		a.reach(e.Action, day)
	}
	ideas, err := client.Idea.Query().Where(idea.HasEventsWith(ideaevent.ActionIn(
		domain.IdeaActionEvaluateEffective, domain.IdeaActionApplyCityWide, domain.IdeaActionRateByMinistries))).
		Select(idea.FieldUnitID).WithProposers(func(q *ent.PersonQuery) { q.Select(person.FieldID) }).All(ctx)
	if err != nil {
		return err
	}
	for _, i := range ideas {
		if y.achieved[i.ID] == nil {
			continue // nothing a criterion counts
		}
		y.unitIdeas[i.UnitID] = append(y.unitIdeas[i.UnitID], i.ID)
		for _, p := range i.Edges.Proposers {
			y.proposed[p.ID] = append(y.proposed[p.ID], i.ID)
		}
	}
	return nil
}

func (y *yearFacts) loadNominations(ctx context.Context, client *ent.Client, year int) error {
	ns, err := client.Nomination.Query().Where(nomination.Year(year)).
		Order(ent.Asc(nomination.FieldCouncilDate), ent.Asc(nomination.FieldID)).All(ctx)
	if err != nil {
		return err
	}
	// PostgreSQL sorts NULL council dates last, SQLite first; only the
	// dated ones carry judgements, in their order.
	sort.SliceStable(ns, func(i, j int) bool { return ns[i].CouncilDate != nil && ns[j].CouncilDate == nil })
	for _, n := range ns {
		r := recipientOf(n.RecipientPersonID, n.RecipientUnitID)
		if n.Status != domain.NominationStatusWithdrawn {
			y.nominated[r] = true
		}
		if n.CouncilDate == nil {
			continue
		}
		if y.judged[r] == nil {
			y.judged[r] = map[string]domain.Judgement{}
		}
		for _, j := range n.Judgements {
			y.judged[r][j.Code] = j
		}
	}
	revoked, err := client.Award.Query().Where(award.RevokesIDNotNil()).Select(award.FieldRevokesID).Ints(ctx)
	if err != nil {
		return err
	}
	gone := map[int]bool{}
	for _, id := range revoked {
		gone[id] = true
	}
	aws, err := client.Award.Query().Where(award.Year(year)).All(ctx)
	if err != nil {
		return err
	}
	for _, a := range aws {
		if gone[a.ID] {
			continue
		}
		if a.RecipientKind == domain.RecipientKindCollective {
			y.awarded[recipient{unit: a.UnitID}] = true
		} else if a.RecipientPersonID != nil {
			y.awarded[recipient{person: *a.RecipientPersonID}] = true
		}
	}
	return nil
}

func recipientOf(person, unit *int) recipient {
	if person != nil {
		return recipient{person: *person}
	}
	if unit != nil {
		return recipient{unit: *unit}
	}
	return recipient{}
}

// achievementsOf are the ideas' achievements in idea order, as
// achievements returns them.
func (y *shared) achievementsOf(ids []int) []Achievement {
	if len(ids) == 0 {
		return nil
	}
	ids = append([]int(nil), ids...)
	sort.Ints(ids)
	out := make([]Achievement, 0, len(ids))
	for i, id := range ids {
		if i > 0 && ids[i-1] == id {
			continue
		}
		out = append(out, *y.achieved[id])
	}
	return out
}

// candidate evaluates the facts; known is false for a recipient with no
// nomination or award of the year to look up.
func (y *yearFacts) candidate(f Facts, r recipient, unitID int, known bool) Candidate {
	q := f
	q.quiet = true
	return Candidate{Year: y.year, Kind: f.Kind, Person: r.person, Unit: unitID, Highest: Highest(q),
		Nominated: known && y.nominated[r], Awarded: known && y.awarded[r], Facts: f}
}

// reach records the first decision of each step the criteria read.
func (a *Achievement) reach(action domain.IdeaAction, day time.Time) {
	first := func(p **time.Time) {
		if *p == nil {
			d := day
			*p = &d
		}
	}
	switch action {
	case domain.IdeaActionEvaluateEffective:
		first(&a.Effective)
	case domain.IdeaActionApplyCityWide:
		first(&a.CityWide)
	case domain.IdeaActionRateByMinistries:
		first(&a.Rated)
	}
}

func planFacts(p *ent.UnitPlan) PlanFacts {
	return PlanFacts{Issued: p.IssuedOn != nil, Launched: p.LaunchedOn != nil, Directive05: p.LinkedToDirective05,
		Conclusion14: p.ImplementsConclusion14, Plan124: p.ImplementsPlan124, Plan3815: p.ImplementsPlan3815}
}
