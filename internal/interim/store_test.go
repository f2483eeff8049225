package interim

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// storeUnits computes, from the store, the sections the summary builds
// from units: rows as they were and restated on today's units, standouts,
// laggards, the people who stand out and the medians of milestones.
func storeUnits(t *testing.T, db *sql.DB, p Phase, path string, pseudonyms etl.Pseudonymizer) map[string][]string {
	t.Helper()
	first, after := fmt.Sprintf("%d-01-01", p.Start), fmt.Sprintf("%d-01-01", p.End+1)
	today := time.Now().In(etl.HCM)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	type unit struct {
		id                       int
		code, typ, path          string
		from, to                 string
		succ                     []int
		inPhase, current, inPath bool
	}
	units := map[int]*unit{}
	queryEach(t, db, `SELECT id, code, type, path, coalesce(substr(valid_from, 1, 10), ''), coalesce(substr(valid_to, 1, 10), '') FROM units`, func(r *sql.Rows) error {
		u := &unit{}
		if err := r.Scan(&u.id, &u.code, &u.typ, &u.path, &u.from, &u.to); err != nil {
			return err
		}
		u.inPath = strings.HasPrefix(u.path, path)
		u.inPhase = (u.from == "" || u.from < after) && (u.to == "" || u.to > first)
		u.current = (u.from == "" || u.from <= day.Format(time.DateOnly)) && (u.to == "" || u.to > day.Format(time.DateOnly))
		units[u.id] = u
		return nil
	})
	queryEach(t, db, `SELECT unit_id, predecessor_id FROM unit_successors`, func(r *sql.Rows) error {
		var from, to int
		if err := r.Scan(&from, &to); err != nil {
			return err
		}
		units[from].succ = append(units[from].succ, to)
		return nil
	})
	var in []etl.Unit
	for _, u := range units {
		eu := etl.Unit{ID: u.id, Code: u.code, Successors: u.succ}
		if u.to != "" {
			to, _ := time.Parse(time.DateOnly, u.to)
			eu.ValidTo = &to
		}
		in = append(in, eu)
	}
	rollup := etl.Rollups(in, day)

	// Each unit's counts, in UnitRow's order of fields per step.
	phaseID := `(SELECT id FROM phases WHERE name = '` + p.Name + `')`
	years := fmt.Sprintf("BETWEEN %d AND %d", p.Start, p.End)
	perUnit := map[string]string{
		"plans": `SELECT unit_id, issued_on IS NOT NULL, launched_on IS NOT NULL, sent_on IS NOT NULL FROM unit_plans WHERE phase_id = ` + phaseID,
		"reports": `SELECT unit_id, count(*), sum(sent_on IS NOT NULL),
				sum(CASE WHEN sent_on IS NULL THEN coalesce(substr(due_on, 1, 10) < '` + day.Format(time.DateOnly) + `', 0) ELSE coalesce(sent_on > due_on, 0) END)
			FROM unit_reports WHERE phase_id = ` + phaseID + ` GROUP BY unit_id`,
		"participation": `SELECT unit_id, sum(kind = 'INDIVIDUAL'), sum(kind = 'COLLECTIVE') FROM participations WHERE year ` + years + ` GROUP BY unit_id`,
		"headcount": `SELECT h.unit_id, sum(h.headcount),
				sum(CASE WHEN u.valid_to IS NULL OR CAST(substr(u.valid_to, 1, 4) AS INTEGER) > h.year THEN h.headcount ELSE 0 END)
			FROM headcounts h JOIN units u ON u.id = h.unit_id WHERE h.year ` + years + ` GROUP BY h.unit_id`,
		"ideas": `SELECT i.unit_id, count(*),
				sum(coalesce((SELECT e.action = 'EVALUATE_EFFECTIVE' FROM idea_events e WHERE e.idea_id = i.id
					AND e.action IN ('EVALUATE_EFFECTIVE', 'EVALUATE_INEFFECTIVE') ORDER BY e.seq DESC LIMIT 1), 0)),
				sum(EXISTS (SELECT 1 FROM idea_events e WHERE e.idea_id = i.id AND e.action = 'APPLY_CITY_WIDE'))
			FROM ideas i WHERE i.year ` + years + ` GROUP BY i.unit_id`,
		"adoptions": `SELECT unit_id, count(*) FROM adoptions WHERE CAST(substr(adopted_on, 1, 4) AS INTEGER) ` + years + ` GROUP BY unit_id`,
		"awards": `SELECT a.unit_id, count(*) FROM awards a WHERE NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id)
			AND a.year ` + years + ` GROUP BY a.unit_id`,
		"problems": `SELECT unit_id, count(*) FROM chosen_problems WHERE year ` + years + ` GROUP BY unit_id`,
	}
	asWas, restated := map[int]*UnitRow{}, map[int]*UnitRow{}
	row := func(rows map[int]*UnitRow, u *unit) *UnitRow {
		if rows[u.id] == nil {
			rows[u.id] = &UnitRow{Code: u.code, Type: domain.UnitType(u.typ), Current: u.current}
		}
		return rows[u.id]
	}
	for _, u := range units {
		if u.typ == "CITY" {
			continue
		}
		if u.current && u.inPath {
			row(restated, u)
		}
		if u.inPath && u.inPhase {
			row(asWas, u).Units = 1
		}
	}
	for _, u := range units {
		if r := restated[rollup[u.id]]; r != nil && u.inPhase && u.typ != "CITY" {
			r.Units++
		}
	}
	for step, q := range perUnit {
		queryEach(t, db, q, func(r *sql.Rows) error {
			var id int
			var probe UnitRow
			vals := make([]int, len(probe.fields(step)))
			dest := []any{&id}
			for i := range vals {
				dest = append(dest, &vals[i])
			}
			if err := r.Scan(dest...); err != nil {
				return err
			}
			u := units[id]
			if u.typ == "CITY" {
				return nil
			}
			var targets []*UnitRow
			if u.inPath {
				targets = append(targets, row(asWas, u))
			}
			if r := restated[rollup[id]]; r != nil {
				targets = append(targets, r)
			}
			for _, t := range targets {
				for i, f := range t.fields(step) {
					*f += vals[i]
				}
			}
			return nil
		})
	}
	s := Summary{}
	for _, r := range asWas {
		r.Rate = rate(r.Participations, r.Headcount)
		s.Units = append(s.Units, *r)
	}
	for _, r := range restated {
		r.Headcount = r.heldAtYearEnd
		r.Rate = rate(r.Participations, r.Headcount)
		s.Restated = append(s.Restated, *r)
		if r.PlansIssued == 0 || r.Ideas == 0 || r.ReportsDue > r.ReportsSent || r.Problems == 0 {
			s.LaggingUnits = append(s.LaggingUnits, Lagging{Code: r.Code, NoPlan: r.PlansIssued == 0, NoIdea: r.Ideas == 0,
				NoReport: r.ReportsDue > r.ReportsSent, NoProblem: r.Problems == 0})
		}
	}
	ranked := slices.Clone(s.Restated)
	slices.SortFunc(ranked, func(a, b UnitRow) int {
		return cmp.Or(cmp.Compare(b.Effective, a.Effective), cmp.Compare(b.AppliedCityWide, a.AppliedCityWide),
			cmp.Compare(b.Awards, a.Awards), cmp.Compare(a.Code, b.Code))
	})
	for _, r := range ranked {
		if len(s.StandoutUnits) < 10 && r.Effective+r.AppliedCityWide+r.Awards > 0 {
			s.StandoutUnits = append(s.StandoutUnits, r)
		}
	}
	s.StandoutPeople = storePeople(t, db, p, path, pseudonyms)
	s.Milestones = storeMilestones(t, db, p, path)
	out := map[string][]string{}
	for _, section := range []string{"units", "restated", "standout_units", "standout_people", "lagging", "milestones"} {
		out[section] = figures(s)[section]
	}
	return out
}

// storePeople ranks people by standing individual awards, then ideas
// proposed, in the scope's units during the phase.
func storePeople(t *testing.T, db *sql.DB, p Phase, path string, pseudonyms etl.Pseudonymizer) []Person {
	byCode := map[string]*Person{}
	count := func(q string, field func(*Person) *int) {
		queryEach(t, db, q, func(r *sql.Rows) error {
			var code string
			var n int
			if err := r.Scan(&code, &n); err != nil {
				return err
			}
			if byCode[code] == nil {
				byCode[code] = &Person{Key: pseudonyms.Person(code)}
			}
			*field(byCode[code]) += n
			return nil
		})
	}
	years := fmt.Sprintf("BETWEEN %d AND %d", p.Start, p.End)
	count(`SELECT pe.code, count(*) FROM awards a JOIN units u ON u.id = a.unit_id JOIN people pe ON pe.id = a.recipient_person_id
		WHERE a.recipient_kind = 'INDIVIDUAL' AND NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id)
		AND a.year `+years+` AND u.path LIKE '`+path+`%' GROUP BY pe.code`, func(p *Person) *int { return &p.Awards })
	count(`SELECT pe.code, count(*) FROM idea_proposers ip JOIN ideas i ON i.id = ip.idea_id JOIN units u ON u.id = i.unit_id
		JOIN people pe ON pe.id = ip.person_id WHERE i.year `+years+` AND u.path LIKE '`+path+`%' GROUP BY pe.code`,
		func(p *Person) *int { return &p.Ideas })
	var all []Person
	for _, p := range byCode {
		all = append(all, *p)
	}
	slices.SortFunc(all, func(a, b Person) int {
		return cmp.Or(cmp.Compare(b.Awards, a.Awards), cmp.Compare(b.Ideas, a.Ideas), cmp.Compare(a.Key, b.Key))
	})
	return all[:min(10, len(all))]
}

// storeMilestones: each idea's first day at each step, from its events
// dated in Asia/Ho_Chi_Minh, and the median of days from its proposal.
func storeMilestones(t *testing.T, db *sql.DB, p Phase, path string) []Milestone {
	steps := map[string]string{
		"APPROVE_IMPLEMENTATION": "APPROVED", "APPROVE_PILOT": "APPROVED",
		"START_IMPLEMENTATION": "STARTED", "START_PILOT": "STARTED",
		"EVALUATE_EFFECTIVE": "EVALUATED", "EVALUATE_INEFFECTIVE": "EVALUATED",
		"APPLY_IN_UNIT": "APPLIED_IN_UNIT", "APPLY_CITY_WIDE": "APPLIED_CITY_WIDE", "RATE_BY_MINISTRIES": "RATED_BY_MINISTRIES",
	}
	type key struct {
		idea int
		step string
	}
	seen := map[key]bool{}
	days := map[string][]int{}
	// A step is dated by its decision, by its entry where it records none.
	queryEach(t, db, fmt.Sprintf(`SELECT i.id, i.proposed_on, e.action, e.occurred_at, e.decision_date FROM ideas i JOIN units u ON u.id = i.unit_id
		JOIN idea_events e ON e.idea_id = i.id WHERE i.year BETWEEN %d AND %d AND u.path LIKE '%s%%' ORDER BY i.id, e.seq`, p.Start, p.End, path),
		func(r *sql.Rows) error {
			var id int
			var proposed, at time.Time
			var decided sql.NullTime
			var action string
			if err := r.Scan(&id, &proposed, &action, &at, &decided); err != nil {
				return err
			}
			step, ok := steps[action]
			if !ok || seen[key{id, step}] {
				return nil
			}
			seen[key{id, step}] = true
			local := at.In(etl.HCM)
			on := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
			if decided.Valid {
				on = time.Date(decided.Time.Year(), decided.Time.Month(), decided.Time.Day(), 0, 0, 0, 0, time.UTC)
			}
			from := time.Date(proposed.Year(), proposed.Month(), proposed.Day(), 0, 0, 0, 0, time.UTC)
			days[step] = append(days[step], int(on.Sub(from).Hours()/24))
			return nil
		})
	var out []Milestone
	for _, st := range Steps {
		d := days[st.Name]
		m := Milestone{Step: st.Name, Ideas: len(d)}
		if len(d) > 0 {
			slices.Sort(d)
			med := float64(d[(len(d)-1)/2]+d[len(d)/2]) / 2
			m.MedianDays = &med
		}
		out = append(out, m)
	}
	return out
}

func queryEach(t *testing.T, db *sql.DB, q string, scan func(*sql.Rows) error) {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// storeFollowUp computes the follow-up sections from the store: SQL of its
// own, and the API's criteria (eligibility.Year) for who is eligible.
func storeFollowUp(t *testing.T, st *store.Store, p Phase, path string) map[string][]string {
	t.Helper()
	db := st.DB
	out := map[string][]string{}
	add := func(section string, parts ...any) {
		out[section] = append(out[section], strings.TrimSuffix(fmt.Sprintln(parts...), "\n"))
	}
	years := fmt.Sprintf("BETWEEN %d AND %d", p.Start, p.End)
	latest := `(SELECT e.action = 'EVALUATE_EFFECTIVE' FROM idea_events e WHERE e.idea_id = i.id
		AND e.action IN ('EVALUATE_EFFECTIVE', 'EVALUATE_INEFFECTIVE') ORDER BY e.seq DESC LIMIT 1)`
	piloted := `EXISTS (SELECT 1 FROM idea_events e WHERE e.idea_id = i.id AND e.action IN ('APPROVE_PILOT', 'START_PILOT'))`
	reason := `CASE WHEN i.status IN ('REFERRED_TO_CITY', 'PROPOSED_TO_CITY') THEN 'AWAITING_CITY'
		WHEN i.status = 'HALTED_FOR_CORRECTION' THEN 'HALTED'
		WHEN ` + piloted + ` AND ` + latest + ` = 0 THEN 'PILOT_INEFFECTIVE' ELSE '' END`
	counts := map[string]int{}
	queryEach(t, db, `SELECT i.id, i.code, i.status, `+reason+`, u.code, i.year FROM ideas i JOIN units u ON u.id = i.unit_id
		WHERE i.year `+years+` AND u.path LIKE '`+path+`%'`, func(r *sql.Rows) error {
		var id, year int
		var code, status, why, unit string
		if err := r.Scan(&id, &code, &status, &why, &unit, &year); err != nil {
			return err
		}
		if why != "" {
			counts[why]++
			add("follow_up_ideas", id, code, status, why, unit, year)
		}
		return nil
	})
	inProgress := 0
	queryEach(t, db, `SELECT n.year, n.level, n.status, count(*) FROM nominations n JOIN units u ON u.id = n.unit_id
		WHERE n.year `+years+` AND u.path LIKE '`+path+`%' GROUP BY 1, 2, 3`, func(r *sql.Rows) error {
		var year, n int
		var level, status string
		if err := r.Scan(&year, &level, &status, &n); err != nil {
			return err
		}
		if status == "DRAFT" || status == "SUBMITTED" || status == "COUNCIL_APPROVED" || status == "FORWARDED" {
			inProgress += n
		}
		add("nominations", year, level, status, n)
		return nil
	})
	paths := map[int]string{}
	queryEach(t, db, `SELECT id, path FROM units`, func(r *sql.Rows) error {
		var id int
		var p string
		if err := r.Scan(&id, &p); err != nil {
			return err
		}
		paths[id] = p
		return nil
	})
	type ekey struct {
		year        int
		level, kind string
	}
	elig := map[ekey]*[4]int{}
	notNominated := 0
	for y := p.Start; y <= p.End; y++ {
		cands, err := eligibility.Year(context.Background(), st.Client, y)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			if c.Highest == "" || !strings.HasPrefix(paths[c.Unit], path) {
				continue
			}
			k := ekey{y, string(c.Highest), string(c.Kind)}
			if elig[k] == nil {
				elig[k] = &[4]int{}
			}
			n := elig[k]
			n[0]++
			if c.Nominated {
				n[1]++
			}
			if c.Awarded {
				n[2]++
			}
			if !c.Nominated && !c.Awarded {
				n[3]++
				notNominated++
			}
		}
	}
	for k, n := range elig {
		add("eligible", k.year, k.level, k.kind, n[0], n[1], n[2], n[3])
	}
	without := 0
	for y := p.Start; y <= p.End; y++ {
		var units, chosen int
		err := db.QueryRow(fmt.Sprintf(`SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM chosen_problems c WHERE c.unit_id = u.id AND c.year = %d)), 0)
			FROM units u WHERE u.type != 'CITY' AND u.path LIKE '%s%%'
			AND (u.valid_from IS NULL OR substr(u.valid_from, 1, 10) < '%d-01-01') AND (u.valid_to IS NULL OR substr(u.valid_to, 1, 10) > '%d-01-01')`,
			y, path, y+1, y)).Scan(&units, &chosen)
		if err != nil {
			t.Fatal(err)
		}
		if units > 0 {
			add("problems", y, units, chosen)
			without += units - chosen
		}
	}
	exemplars := 0
	queryEach(t, db, `SELECT x.id, x.kind, u.code, x.year, substr(x.recognized_on, 1, 10),
			(SELECT count(*) FROM exemplar_ideas l WHERE l.exemplar_id = x.id), (SELECT count(*) FROM exemplar_awards l WHERE l.exemplar_id = x.id)
		FROM exemplars x JOIN units u ON u.id = x.unit_id WHERE x.year `+years+` AND u.path LIKE '`+path+`%'`, func(r *sql.Rows) error {
		var id, year, ideas, awards int
		var kind, unit, on string
		if err := r.Scan(&id, &kind, &unit, &year, &on, &ideas, &awards); err != nil {
			return err
		}
		exemplars++
		add("exemplars", id, kind, unit, year, on, ideas, awards)
		return nil
	})
	add("follow_overview", counts["AWAITING_CITY"], counts["HALTED"], counts["PILOT_INEFFECTIVE"], inProgress, notNominated, without, exemplars)
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}
