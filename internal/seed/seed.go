package seed

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/live"
)

// DefaultSeed is the seed of the demo data everyone shares.
const DefaultSeed = 1821

// Stats counts what a run wrote.
type Stats struct {
	Scale                                            string
	Units, People, Memberships, Plans, Reports       int
	Headcounts, Participations, Ideas, IdeaEvents    int
	Adoptions, Nominations, Documents, Awards, Flags int
	ChosenProblems, Exemplars                        int
	Duration                                         time.Duration
}

// Rows is the number of rows written.
func (s Stats) Rows() int {
	return s.Units + s.People + s.Memberships + s.Plans + s.Reports + s.Headcounts + s.Participations +
		s.Ideas + s.IdeaEvents + s.Adoptions + s.Nominations + s.Documents + s.Awards + s.Flags +
		s.ChosenProblems + s.Exemplars
}

// ErrNotEmpty is returned when the store already holds units.
var ErrNotEmpty = errors.New("seed: the store already holds data; seed an empty store")

type generator struct {
	rng     *rand.Rand
	scale   Scale
	units   []*unitRow
	byCode  map[string]*unitRow
	people  []person
	members []member
	ideas   []ideaRec
	phases  map[string]int
	stats   Stats
	// What award eligibility reads, kept as it is written.
	registered    map[regKey]bool
	plans         map[planKey]eligibility.PlanFacts
	personMembers map[int][]int
	personIdeas   map[int][]int
	unitIdeas     map[*unitRow][]int
}

// regKey is a registration: a person's (unit nil) or a collective's (person -1).
type regKey struct {
	person int
	unit   *unitRow
	year   int
}

type planKey struct {
	unit  *unitRow
	phase string
}

// Run writes the demo data of the scale into an empty store, in one
// transaction: a failed run leaves the store empty.
func Run(ctx context.Context, client *ent.Client, scale Scale, seed uint64) (Stats, error) {
	start := time.Now()
	// live.Bulk: each batch's INSERT carries one builder's context only.
	ctx = live.Bulk(privacy.DecisionContext(ctx, privacy.Allow))
	if n, err := client.Unit.Query().Count(ctx); err != nil {
		return Stats{}, err
	} else if n > 0 {
		return Stats{}, ErrNotEmpty
	}
	units, err := loadUnits()
	if err != nil {
		return Stats{}, err
	}
	g := &generator{
		rng:    rand.New(rand.NewPCG(seed, 0x1821)),
		scale:  scale,
		units:  units,
		byCode: map[string]*unitRow{},
		phases: map[string]int{},
		stats:  Stats{Scale: scale.Name},

		registered:    map[regKey]bool{},
		plans:         map[planKey]eligibility.PlanFacts{},
		personMembers: map[int][]int{},
	}
	for _, u := range units {
		g.byCode[u.Code] = u
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return Stats{}, err
	}
	// Bulk writes are audited once, below, not row by row; statuses are
	// written with their full event history.
	wctx := access.AllowStatusChange(audit.Suppress(ctx))
	steps := []func(context.Context, *ent.Tx) error{
		g.insertUnits, g.insertPeople, g.insertPhases, g.insertPlans, g.insertReports,
		g.insertHeadcounts, g.insertParticipation, g.insertIdeas, g.insertAdoptions, g.analyze, g.insertAwards,
		g.insertRegister, g.recordReorganisations,
	}
	for _, step := range steps {
		if err := step(wctx, tx); err != nil {
			return Stats{}, rollback(tx, err)
		}
	}
	g.stats.Duration = time.Since(start)
	if err := tx.AuditEvent.Create().SetActorSub("system:seed").SetOperation(domain.AuditOperationCreate).
		SetEntityType("DemoData").SetEntityID(0).SetUnitPath("/HCM/").
		SetChanges(map[string]any{"scale": scale.Name, "seed": seed, "rows": g.stats.Rows()}).Exec(ctx); err != nil {
		return Stats{}, rollback(tx, err)
	}
	if err := tx.Commit(); err != nil {
		return Stats{}, err
	}
	// Fresh statistics: without them PostgreSQL plans the first queries
	// over the bulk-loaded tables as if they were empty (seen: 150 ms
	// instead of 15 ms for a page of ideas with proposers at city scale).
	if _, err := client.ExecContext(ctx, "ANALYZE"); err != nil {
		return Stats{}, fmt.Errorf("seed: analyze: %w", err)
	}
	g.stats.Duration = time.Since(start)
	return g.stats, nil
}

// analyze gives the planner statistics of the tables written so far,
// inside the seed's transaction (PostgreSQL's ANALYZE counts the
// transaction's own new rows). The awards after it go through the award
// criteria's queries over these tables: without statistics, the lookup of
// a unit's decided idea events took 35–41 ms at city scale, about 1 ms
// with them. The tables the awards themselves fill are left out: analysing
// the whole database here made the step slower, not faster.
func (g *generator) analyze(ctx context.Context, tx *ent.Tx) error {
	for _, table := range []string{"units", "people", "memberships", "participations", "headcounts",
		"ideas", "idea_events", "idea_proposers", "adoptions"} {
		if _, err := tx.Client().ExecContext(ctx, "ANALYZE "+table); err != nil {
			return fmt.Errorf("seed: analyze %s: %w", table, err)
		}
	}
	return nil
}

func rollback(tx *ent.Tx, err error) error {
	if rerr := tx.Rollback(); rerr != nil {
		return fmt.Errorf("%w (rollback: %v)", err, rerr)
	}
	return err
}

// insertUnits writes the tree level by level, so every parent exists
// before its children, then links dissolved units to their successors.
func (g *generator) insertUnits(ctx context.Context, tx *ent.Tx) error {
	byDepth := map[int][]*unitRow{}
	depths := []int{}
	for _, u := range g.units {
		if _, ok := byDepth[u.Depth]; !ok {
			depths = append(depths, u.Depth)
		}
		byDepth[u.Depth] = append(byDepth[u.Depth], u)
	}
	sort.Ints(depths)
	for _, d := range depths {
		rows := byDepth[d]
		b := make([]*ent.UnitCreate, len(rows))
		for i, u := range rows {
			// A unit that ends in a reorganisation is created open: the
			// reorganisation, recorded last, ends it (recordReorganisations).
			to := u.To
			if reorganised(u) {
				to = nil
			}
			c := tx.Unit.Create().SetCode(u.Code).SetName(u.Name).SetType(u.Type).SetRealName(u.Real).
				SetNillableValidFrom(u.From).SetNillableValidTo(to)
			if u.Parent != "" {
				c.SetParentID(g.byCode[u.Parent].ID)
			}
			b[i] = c
		}
		for lo := 0; lo < len(b); lo += 1000 {
			hi := min(lo+1000, len(b))
			saved, err := tx.Unit.CreateBulk(b[lo:hi]...).Save(ctx)
			if err != nil {
				return err
			}
			for i, s := range saved {
				rows[lo+i].ID = s.ID
			}
		}
	}
	g.stats.Units = len(g.units)
	return nil
}

// insertPeople writes the generated people and their memberships.
func (g *generator) insertPeople(ctx context.Context, tx *ent.Tx) error {
	g.genPeople()
	// A person is 9 bound values: 3000 of them stay under SQLite's 32,766.
	for lo := 0; lo < len(g.people); lo += 3000 {
		hi := min(lo+3000, len(g.people))
		b := make([]*ent.PersonCreate, 0, hi-lo)
		for _, p := range g.people[lo:hi] {
			// Made-up addresses on the reserved example domain: the digest has somewhere to write.
			b = append(b, tx.Person.Create().SetCode(p.Code).SetFullName(p.Name).SetGender(p.Gender).SetBirthYear(p.Birth).
				SetEmail(strings.ToLower(p.Code)+"@example.gov.vn"))
		}
		saved, err := tx.Person.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for i, s := range saved {
			g.people[lo+i].ID = s.ID
		}
	}
	ms := newBulk(10, func(ctx context.Context, bs []*ent.MembershipCreate) error {
		return tx.Membership.CreateBulk(bs...).Exec(ctx)
	})
	for _, m := range g.members {
		if err := ms.add(ctx, tx.Membership.Create().SetPersonID(g.people[m.Person].ID).SetUnitID(m.Unit.ID).
			SetCategory(m.Category).SetRole(m.Role).SetPositionTitle(m.Title).
			SetValidFrom(m.From).SetNillableValidTo(m.To)); err != nil {
			return err
		}
	}
	g.stats.People, g.stats.Memberships = len(g.people), ms.n+len(ms.items)
	return ms.flush(ctx)
}

func mustDay(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}
