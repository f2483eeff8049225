package eligibility

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// TestConcurrentlyEqualsEach: the year's recipients evaluated by workers
// taking a few people at a time — so that every slice but the first starts
// its walks through the registrations and the notable people in the
// middle — are the recipients evaluated in one pass, fact for fact.
func TestConcurrentlyEqualsEach(t *testing.T) {
	const year = 2024
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	units := []*ent.Unit{{ID: 1, Name: "Phường A"}, {ID: 2, Name: "Phường B", Level4Criteria: &domain.Level4Criteria{RequireRegistration: true}}}
	sh := &shared{units: map[int]*ent.Unit{}, unitOrder: units, achieved: map[int]*Achievement{}, proposed: map[int][]int{}, unitIdeas: map[int][]int{}}
	for _, u := range units {
		sh.units[u.ID] = u
	}
	effective := day(year, 5, 1)
	y := &yearFacts{year: year, plans: map[int]PlanFacts{1: {Issued: true}},
		personFlags: map[int][]string{}, unitFlags: map[int][]string{}, collectives: map[int]bool{2: true},
		judged: map[recipient]map[string]domain.Judgement{}, nominated: map[recipient]bool{}, awarded: map[recipient]bool{}}
	var registered []int
	for p := 1; p <= 40; p++ {
		id := p * 3 // ids with gaps
		unit := 1 + p%2
		ms := []*member{{PersonID: id, UnitID: unit, Role: domain.MemberRoleStaff, ValidFrom: day(2020, 1, 1)}}
		if p%5 == 0 {
			end := day(year, 6, 1)
			ms[0].ValidTo = &end
			ms = append(ms, &member{PersonID: id, UnitID: 3 - unit, Role: domain.MemberRoleHead, ValidFrom: end})
		}
		if p%7 == 0 {
			ms[0].ValidTo = &ms[0].ValidFrom // worked nowhere in the year
			ms = ms[:1]
		}
		sh.members = append(sh.members, ms)
		if p%2 == 0 || p%3 == 0 {
			registered = append(registered, id)
		}
		switch p % 4 {
		case 1:
			sh.achieved[p] = &Achievement{Idea: p, Effective: &effective}
			sh.proposed[id] = append(sh.proposed[id], p)
		case 2:
			y.personFlags[id] = []string{"kỷ luật"}
		case 3:
			y.nominated[recipient{person: id}] = true
		}
		if p%6 == 0 {
			y.awarded[recipient{person: id}] = true
		}
	}
	y.registered = registered
	y.notable = y.notablePeople(sh)

	var eligible, registeredSeen int
	collect := func(run func(func(Candidate) error) error) []string {
		var mu sync.Mutex
		var out []string
		eligible, registeredSeen = 0, 0
		if err := run(func(c Candidate) error {
			mu.Lock()
			defer mu.Unlock()
			out = append(out, fmt.Sprintf("%+v", c))
			if c.Highest != "" {
				eligible++
			}
			if c.Facts.Register {
				registeredSeen++
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	want := collect(func(each func(Candidate) error) error { return y.each(sh, year, "2022-2025", each) })
	defer func(n int) { membersPerWorker = n }(membersPerWorker)
	membersPerWorker = 3
	got := collect(func(each func(Candidate) error) error { return y.concurrently(sh, year, "2022-2025", 4, each) })
	if !slices.Equal(got, want) {
		t.Fatalf("concurrently:\n%v\none pass:\n%v", got, want)
	}
	if len(want) < 30 || eligible == 0 || registeredSeen == 0 {
		t.Fatalf("the case proves little: %d candidates, %d eligible, %d registered", len(want), eligible, registeredSeen)
	}
}
