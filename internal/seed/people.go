package seed

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

type person struct {
	Code   string
	Name   string
	Gender domain.Gender
	Birth  int
	ID     int
}

type member struct {
	Person   int
	Unit     *unitRow
	Category domain.PersonCategory
	Role     domain.MemberRole
	Title    string
	From     time.Time
	To       *time.Time
}

// activeOn reports whether the membership covers the day.
func (m *member) activeOn(d time.Time) bool {
	return !d.Before(m.From) && (m.To == nil || d.Before(*m.To))
}

// overlapsYear reports whether the membership covers part of the year.
func (m *member) overlapsYear(y int) bool {
	return m.From.Before(day(y+1, 1, 1)) && (m.To == nil || m.To.After(day(y, 1, 1)))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func pickWeighted(r *rand.Rand, xs []weighted) string {
	total := 0
	for _, x := range xs {
		total += x.Weight
	}
	n := r.IntN(total)
	for _, x := range xs {
		if n < x.Weight {
			return x.Value
		}
		n -= x.Weight
	}
	return xs[len(xs)-1].Value
}

// between is a random day in [from, to).
func between(r *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, r.IntN(days))
}

func categoryFor(r *rand.Rand, t domain.UnitType) domain.PersonCategory {
	switch t {
	case domain.UnitTypeArmedForcesUnit:
		return domain.PersonCategoryArmedForces
	case domain.UnitTypeStateEnterprise:
		if r.IntN(10) < 7 {
			return domain.PersonCategoryWorker
		}
		return domain.PersonCategoryPublicEmployee
	case domain.UnitTypePublicServiceUnit:
		return domain.PersonCategoryPublicEmployee
	}
	switch n := r.IntN(100); {
	case n < 15:
		return domain.PersonCategoryCadre
	case n < 85:
		return domain.PersonCategoryCivilServant
	}
	return domain.PersonCategoryPublicEmployee
}

// genPeople places the city's staff in its units in proportion to their
// size, heads first, and moves the staff of every unit dissolved in the
// reorganisations to one of its successors on the day it ends.
func (g *generator) genPeople() {
	total := 0.0
	for _, u := range g.units {
		u.Weight = staffWeight(u.Type)
		total += u.Weight
	}
	for _, u := range g.units {
		if u.Weight == 0 {
			continue
		}
		n := max(3, int(float64(g.scale.People)*u.Weight/total+0.5))
		for i := 0; i < n; i++ {
			p := g.newPerson()
			role := domain.MemberRoleStaff
			title := pick(g.rng, positionTitles)
			switch i {
			case 0:
				role, title = domain.MemberRoleHead, "Người đứng đầu"
			case 1:
				role, title = domain.MemberRoleDeputyHead, "Cấp phó"
			case 2:
				role, title = domain.MemberRoleEmulationOfficer, "Phụ trách thi đua – khen thưởng"
			}
			from := u.start()
			if i > 2 && g.rng.IntN(100) < 12 { // hired during the period
				from = between(g.rng, u.start(), u.end())
			}
			m := member{Person: p, Unit: u, Category: categoryFor(g.rng, u.Type), Role: role, Title: title, From: from}
			if u.To != nil {
				to := *u.To
				m.To = &to
			} else if i > 2 && g.rng.IntN(100) < 4 { // left before the data's end
				to := between(g.rng, from.AddDate(0, 3, 0), AsOf)
				if to.After(from) {
					m.To = &to
				}
			}
			g.addMember(m)
			if u.To != nil && len(u.Successors) > 0 && u.To.Before(AsOf) && g.rng.IntN(100) < 92 {
				next := g.byCode[pick(g.rng, u.Successors)]
				g.addMember(member{Person: p, Unit: next, Category: m.Category, Role: domain.MemberRoleStaff, Title: m.Title, From: *u.To})
			}
		}
	}
}

func (g *generator) newPerson() int {
	gender := domain.GenderFemale
	middles, givens := middleNamesFemale, givenNamesFemale
	if g.rng.IntN(100) < 48 {
		gender, middles, givens = domain.GenderMale, middleNamesMale, givenNamesMale
	}
	name := pickWeighted(g.rng, familyNames) + " " + pick(g.rng, middles) + " " + pick(g.rng, givens)
	g.people = append(g.people, person{
		Code:   fmt.Sprintf("CB%07d", len(g.people)+1),
		Name:   name,
		Gender: gender,
		Birth:  1962 + g.rng.IntN(40),
	})
	return len(g.people) - 1
}

func (g *generator) addMember(m member) {
	g.members = append(g.members, m)
	m.Unit.Members = append(m.Unit.Members, len(g.members)-1)
	g.personMembers[m.Person] = append(g.personMembers[m.Person], len(g.members)-1)
}

// someMembersOn draws up to n distinct people of the unit active on the
// day, by rejection sampling so that large units cost no more than small ones.
func (g *generator) someMembersOn(u *unitRow, d time.Time, n int) []int {
	var out []int
	for try := 0; try < 40 && len(out) < n && len(u.Members) > 0; try++ {
		m := &g.members[u.Members[g.rng.IntN(len(u.Members))]]
		if m.activeOn(d) && !slices.Contains(out, m.Person) {
			out = append(out, m.Person)
		}
	}
	return out
}

// headOn is the unit's head on the day, or -1.
func (g *generator) headOn(u *unitRow, d time.Time) int {
	for _, i := range u.Members {
		m := &g.members[i]
		if m.Role == domain.MemberRoleHead && m.activeOn(d) {
			return m.Person
		}
	}
	return -1
}
