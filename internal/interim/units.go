package interim

import (
	"cmp"
	"slices"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// dimUnit is what the summary needs of a unit: its latest name and type,
// whether it lay under the scope, existed in the phase or exists today,
// and the unit of today it rolls up to.
type dimUnit struct {
	id, rollup             uint64
	code, name             string
	typ                    domain.UnitType
	inScope, inPhase, curr bool
}

type typeYear struct {
	typ  domain.UnitType
	year int
}

// loader holds what the queries gather before the summary is put together.
type loader struct {
	units      map[uint64]*dimUnit
	perUnit    map[string]map[uint64][]int // a per-unit step's counts by unit id
	heads      map[typeYear]int
	hist       [][][2]int64
	topOrigins []uint64
	// the units of the follow-up lists, in their order
	followUnits, exemplarUnits []uint64
}

// perUnitSteps count each unit's facts; the counts land in UnitRow fields
// in this order.
var perUnitSteps = []struct{ name, sql string }{
	{"plans", `SELECT unit_id, toUInt64(max(isNotNull(issued_on))), toUInt64(max(isNotNull(launched_on))), toUInt64(max(isNotNull(sent_on)))
		FROM $db.fact_unit_plan WHERE phase = '$phase' AND $either_scope GROUP BY unit_id`},
	{"reports", `SELECT unit_id, count(), sum(isNotNull(sent_on)), sum($late)
		FROM $db.fact_unit_report WHERE phase = '$phase' AND $either_scope GROUP BY unit_id`},
	{"participation", `SELECT unit_id, countIf(kind = 'INDIVIDUAL'), countIf(kind = 'COLLECTIVE')
		FROM $db.fact_participation WHERE $years AND $either_scope GROUP BY unit_id`},
	{"headcount", `SELECT unit_id, sum(toUInt64(headcount)), sumIf(toUInt64(headcount), ` + heldAtYearEnd + `)
		FROM $db.fact_headcount ` + unitTypeJoin + ` WHERE $years AND $either_scope GROUP BY unit_id`},
	{"ideas", `SELECT unit_id, count(), countIf(ifNull(effective, 0) = 1), countIf(isNotNull(applied_city_wide_on))
		FROM $db.fact_idea WHERE $years AND $either_scope GROUP BY unit_id`},
	{"adoptions", `SELECT unit_id, count() FROM $db.fact_idea_adoption WHERE $years AND $either_scope GROUP BY unit_id`},
	{"awards", `SELECT unit_id, count() FROM $db.fact_award WHERE revoked = 0 AND $years AND $either_scope GROUP BY unit_id`},
	{"problems", `SELECT unit_id, count() FROM $db.fact_chosen_problem WHERE $years AND $either_scope GROUP BY unit_id`},
}

func (u *UnitRow) fields(step string) []*int {
	switch step {
	case "plans":
		return []*int{&u.PlansIssued, &u.PlansLaunched, &u.PlansSent}
	case "reports":
		return []*int{&u.ReportsDue, &u.ReportsSent, &u.ReportsLate}
	case "participation":
		return []*int{&u.Participations, &u.Collectives}
	case "headcount":
		return []*int{&u.Headcount, &u.heldAtYearEnd}
	case "ideas":
		return []*int{&u.Ideas, &u.Effective, &u.AppliedCityWide}
	case "adoptions":
		return []*int{&u.Adoptions}
	case "awards":
		return []*int{&u.Awards}
	case "problems":
		return []*int{&u.Problems}
	}
	return nil
}

// unitSteps read the units and each unit's counts.
func (l *loader) unitSteps() []step {
	var probe UnitRow
	steps := []step{{`SELECT unit_id, argMax(code, valid_from), argMax(name, valid_from), argMax(type, valid_from),
			max($unit_scope), max(valid_from < toDate('$after') AND valid_to > toDate('$first')), max(is_current), argMax(rollup_id, valid_from)
		FROM $db.dim_unit GROUP BY unit_id`,
		func(r driver.Rows) error {
			var u dimUnit
			var typ string
			var scope, phase, curr uint8
			if err := r.Scan(&u.id, &u.code, &u.name, &typ, &scope, &phase, &curr, &u.rollup); err != nil {
				return err
			}
			u.typ = domain.UnitType(typ)
			u.inScope, u.inPhase, u.curr = scope == 1, phase == 1, curr == 1
			l.units[u.id] = &u
			return nil
		}}}
	for _, ps := range perUnitSteps {
		counts := map[uint64][]int{}
		l.perUnit[ps.name] = counts
		width := len(probe.fields(ps.name))
		steps = append(steps, step{ps.sql, func(r driver.Rows) error {
			var id uint64
			vals := make([]int, width)
			ptrs := make([]*int, width)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := scanInts(r, []any{&id}, ptrs...); err != nil {
				return err
			}
			counts[id] = vals
			return nil
		}})
	}
	return steps
}

// finish puts the summary together once every query has answered.
func (s *Summary) finish(l *loader) {
	for i := range s.Participation {
		p := &s.Participation[i]
		for k, n := range l.heads {
			if k.year == p.Year {
				p.Headcount += n
			}
		}
		p.Rate = rate(p.Individuals, p.Headcount)
	}
	for i := range s.ParticipationByType {
		p := &s.ParticipationByType[i]
		p.Headcount = l.heads[typeYear{p.UnitType, p.Year}]
		p.Rate = rate(p.Individuals, p.Headcount)
	}
	for i := range s.Milestones {
		s.Milestones[i].MedianDays = median(l.hist[i])
		for _, h := range l.hist[i] {
			s.Milestones[i].Ideas += int(h[1])
		}
	}
	for i, id := range l.topOrigins {
		if u := l.units[id]; u != nil {
			s.TopIdeas[i].OriginCode, s.TopIdeas[i].OriginName = u.code, u.name
		}
	}
	s.unitRows(l)
	s.overview()
	s.finishFollow(l)
}

// unitRows builds the rows as they were and restated on today's units,
// then the standouts and the laggards from the restated rows.
func (s *Summary) unitRows(l *loader) {
	asWas := map[uint64]*UnitRow{}
	restated := map[uint64]*UnitRow{}
	row := func(rows map[uint64]*UnitRow, u *dimUnit) *UnitRow {
		r := rows[u.id]
		if r == nil {
			r = &UnitRow{Code: u.code, Name: u.name, Type: u.typ, Current: u.curr}
			rows[u.id] = r
		}
		return r
	}
	for _, u := range l.units {
		if u.typ == "CITY" {
			continue
		}
		if u.curr && u.inScope {
			row(restated, u) // today's units are shown even with nothing yet
		}
		if u.inScope && u.inPhase {
			row(asWas, u).Units = 1
		}
	}
	for _, u := range l.units {
		if !u.inPhase || u.typ == "CITY" {
			continue
		}
		if r := restated[u.rollup]; r != nil {
			r.Units++
		}
	}
	for step, counts := range l.perUnit {
		for id, vals := range counts {
			u := l.units[id]
			if u == nil || u.typ == "CITY" {
				continue
			}
			var targets []*UnitRow
			if u.inScope {
				targets = append(targets, row(asWas, u))
			}
			if r := restated[u.rollup]; r != nil {
				targets = append(targets, r)
			}
			for _, t := range targets {
				for i, f := range t.fields(step) {
					*f += vals[i]
				}
			}
		}
	}
	s.Units, s.Restated = sortedRows(asWas), sortedRows(restated)
	for i := range s.Units {
		s.Units[i].Rate = rate(s.Units[i].Participations, s.Units[i].Headcount)
	}
	for i := range s.Restated {
		r := &s.Restated[i]
		// A unit of today and the units it succeeded report the same
		// people in the year of the reorganisation: count them once.
		r.Headcount = r.heldAtYearEnd
		r.Rate = rate(r.Participations, r.Headcount)
		if r.PlansIssued == 0 || r.Ideas == 0 || r.ReportsUnsent() > 0 || r.Problems == 0 {
			s.LaggingUnits = append(s.LaggingUnits, Lagging{Code: r.Code, Name: r.Name, Type: r.Type,
				NoPlan: r.PlansIssued == 0, NoIdea: r.Ideas == 0, NoReport: r.ReportsUnsent() > 0, NoProblem: r.Problems == 0})
		}
	}
	stand := slices.Clone(s.Restated)
	slices.SortStableFunc(stand, func(a, b UnitRow) int {
		return cmp.Or(b.Effective-a.Effective, b.AppliedCityWide-a.AppliedCityWide, b.Awards-a.Awards, cmp.Compare(a.Code, b.Code))
	})
	for _, r := range stand {
		if len(s.StandoutUnits) == 10 || r.Effective+r.AppliedCityWide+r.Awards == 0 {
			break
		}
		s.StandoutUnits = append(s.StandoutUnits, r)
	}
}

func sortedRows(m map[uint64]*UnitRow) []UnitRow {
	out := make([]UnitRow, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b UnitRow) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

func (s *Summary) overview() {
	o := &s.Overview
	for _, p := range s.Plans {
		o.Units += p.Units
		o.PlansIssued += p.Issued
		o.PlansSent += p.Sent
	}
	for _, r := range s.Reports {
		o.ReportsDue += r.Due
		o.ReportsSent += r.Sent
		o.ReportsLate += r.Late
	}
	for _, i := range s.Ideas {
		o.Ideas += i.Proposed
		o.IdeasEffective += i.Effective
		o.IdeasCityWide += i.AppliedCityWide
	}
	for _, a := range s.Adoptions {
		o.Adoptions += a.Adoptions
	}
	for _, a := range s.AwardsOnIdeas {
		o.Awards += a.Awards
		o.AwardsOnIdeas += a.OnIdeas
	}
	o.CurrentUnits = len(s.Restated)
}

// Stamp sets the refresh the summary was read at.
func (s *Summary) Stamp(runID string, at time.Time) { s.RunID, s.RefreshedAt = runID, at }
