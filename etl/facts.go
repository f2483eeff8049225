package etl

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// factTable is one fact table of the warehouse and how it is read from
// the store: the rows of the years asked for, year after year, each year
// in a stable order.
type factTable struct {
	name    string
	sources []string // the store tables it reads, for the run's signature
	// yearly, when set, is the source whose change counters are kept by
	// this table's own years, and whose rows of a year make only that
	// year's facts: when nothing else moved, the run reads only the years
	// whose counters moved. fact_award has none: an award's row reads the
	// awards of later years that revoke it.
	yearly string
	// counts is the store's own count of each year's rows: the years to
	// load, and what each staged year is checked against.
	counts func(s *source) string
	// years replaces counts for a table whose rows the store cannot count
	// by SQL (who is eligible is known once the criteria are evaluated).
	years  func(ctx context.Context, e *extract) (map[int]int64, []int, error)
	stream func(ctx context.Context, e *extract, years []int, emit func(year int, row []any) error) error
}

func init() { factTables = append(factTables, followTables...) }

// extract is what every fact table's stream needs.
type extract struct {
	src   *source
	units unitIndex
	keys  *Keyer
	// eligible are fact_eligibility's rows by year, evaluated once.
	eligible map[int][][]any
}

// on is the extract reading through another session of the snapshot,
// with its own Keyer, for a reader working beside the others.
func (e *extract) on(src *source, keys *Keyer) *extract {
	c := *e
	c.src, c.keys = src, keys
	return &c
}

func (e *extract) unit(id int) []any { return e.units.cols(id) }

func (e *extract) person(code string) string {
	if code == "" {
		return ""
	}
	return e.keys.Person(code)
}

// yearOf is the calendar year of a date column, in the store's dialect
// (SQLite keeps dates as text that starts with the year).
func yearOf(s *source, col string) string {
	if s.dialect == dialect.Postgres {
		return "CAST(extract(year FROM " + col + ") AS integer)"
	}
	return "CAST(substr(" + col + ", 1, 4) AS INTEGER)"
}

// in is "IN (?, ?, …)" for the years, and the years as arguments; no
// year is "IN (NULL)", which matches nothing (PostgreSQL refuses "IN ()",
// which a store with no fact of a kind yet asked for).
func in(years []int) (string, []any) {
	if len(years) == 0 {
		return "IN (NULL)", nil
	}
	marks := make([]string, len(years))
	args := make([]any, len(years))
	for i, y := range years {
		marks[i], args[i] = "?", y
	}
	return "IN (" + strings.Join(marks, ", ") + ")", args
}

var factTables = []factTable{
	{
		name:    "fact_participation",
		yearly:  "participations",
		sources: []string{"units", "unit_successors", "participations", "people", "memberships"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM participations GROUP BY year ORDER BY year` },
		stream:  streamParticipation,
	},
	{
		name:    "fact_headcount",
		yearly:  "headcounts",
		sources: []string{"units", "unit_successors", "headcounts"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM headcounts GROUP BY year ORDER BY year` },
		stream:  streamHeadcount,
	},
	{
		name:    "fact_idea",
		yearly:  "ideas",
		sources: []string{"units", "unit_successors", "ideas", "idea_events", "idea_proposers", "people"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM ideas GROUP BY year ORDER BY year` },
		stream:  perYear(streamIdea),
	},
	{
		name:    "fact_idea_adoption",
		yearly:  "adoptions",
		sources: []string{"units", "unit_successors", "adoptions", "ideas"},
		counts: func(s *source) string {
			return `SELECT ` + yearOf(s, "adopted_on") + `, count(*) FROM adoptions GROUP BY 1 ORDER BY 1`
		},
		stream: streamAdoption,
	},
	{
		name:    "fact_award",
		sources: []string{"units", "unit_successors", "awards", "award_ideas", "people"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM awards GROUP BY year ORDER BY year` },
		stream:  perYear(streamAward),
	},
	{
		name:    "fact_unit_plan",
		sources: []string{"units", "unit_successors", "unit_plans", "phases"},
		counts: func(*source) string {
			return `SELECT ph.start_year, count(*) FROM unit_plans p JOIN phases ph ON ph.id = p.phase_id GROUP BY ph.start_year ORDER BY 1`
		},
		stream: streamPlan,
	},
	{
		name:    "fact_unit_report",
		yearly:  "unit_reports",
		sources: []string{"units", "unit_successors", "unit_reports", "phases"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM unit_reports GROUP BY year ORDER BY year` },
		stream:  streamReport,
	},
}

// perYear streams years one after the other, for tables that read a
// year's side tables (events, proposers) into memory first.
func perYear(one func(ctx context.Context, e *extract, year int, emit func([]any) error) error) func(context.Context, *extract, []int, func(int, []any) error) error {
	return func(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
		for _, y := range years {
			if err := one(ctx, e, y, func(row []any) error { return emit(y, row) }); err != nil {
				return err
			}
		}
		return nil
	}
}

// yearCounts reads a table's years and their rows.
func yearCounts(ctx context.Context, s *source, query string) (map[int]int64, []int, error) {
	rows, err := s.query(ctx, query)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	counts := map[int]int64{}
	var years []int
	for rows.Next() {
		var y int
		var n int64
		if err := rows.Scan(&y, &n); err != nil {
			return nil, nil, err
		}
		counts[y] = n
		years = append(years, y)
	}
	return counts, years, rows.Err()
}

// streamParticipation: a participant in a unit and year. An individual's
// category and role are those of their membership in the unit on the day
// they registered (mid-year when the day is unknown). One query serves
// every year asked for, so the joins are built once.
func streamParticipation(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	rows, err := e.src.query(ctx, `SELECT p.id, p.year, p.kind, p.unit_id, p.registered_on,
		coalesce(pe.code, ''), coalesce(pe.gender, ''), pe.birth_year,
		coalesce(m.category, ''), coalesce(m.role, ''), m.valid_from, m.valid_to
		FROM participations p
		LEFT JOIN people pe ON pe.id = p.person_id
		LEFT JOIN memberships m ON m.person_id = p.person_id AND m.unit_id = p.unit_id
		WHERE p.year `+cond+` ORDER BY p.year, p.id, m.valid_from, m.id`, args...)
	if err != nil {
		return fmt.Errorf("store participations: %w", err)
	}
	defer rows.Close()
	// A year has 180 k participations but a handful of kinds, roles,
	// birth bands and registration days: each is boxed once, not per row.
	boxed := newBoxes()
	var (
		cur                       []any
		curID, curYear, bestScore int
		pending                   bool
	)
	// Scanned into the same variables every row: Scan's targets escape,
	// and declared in the loop they were a dozen allocations a row. Every
	// column is written by every Scan.
	var (
		id, year, unitID   int
		kind, code, gender string
		category, role     string
		reg, from, to      pgtype.Date
		birth              pgtype.Int8
	)
	dest := []any{&id, &year, &kind, &unitID, &reg, &code, &gender, &birth, &category, &role, &from, &to}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		day, registered := dateValue(reg)
		if !registered {
			day = time.Date(year, 7, 1, 0, 0, 0, 0, time.UTC)
		}
		var fromP, toP *time.Time
		if d, ok := dateValue(from); ok {
			fromP = &d
		}
		if d, ok := dateValue(to); ok {
			toP = &d
		}
		score := membershipScore(day, year, fromP, toP, category != "")
		if pending && id == curID {
			if score > bestScore {
				cur[7], cur[10], bestScore = boxed.str(category), boxed.str(role), score
			}
			continue
		}
		if pending {
			if err := emit(curYear, cur); err != nil {
				return err
			}
		}
		if !registered {
			day = dateOrigin
		}
		band := -1
		if birth.Valid {
			band = int(birth.Int64)
		}
		cur = make([]any, 0, 12)
		cur = append(append(append(cur, boxed.year(year)), e.unit(unitID)...),
			boxed.str(kind), e.person(code), boxed.str(category), boxed.str(gender), boxed.band(band), boxed.str(role), boxed.day(day))
		curID, curYear, bestScore, pending = id, year, score, true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if pending {
		return emit(curYear, cur)
	}
	return nil
}

// membershipScore ranks a participant's memberships in the unit: valid on
// the day, else overlapping the year, else any.
func membershipScore(day time.Time, year int, from, to *time.Time, exists bool) int {
	switch {
	case !exists:
		return 0
	case (from == nil || !from.After(day)) && (to == nil || to.After(day)):
		return 3
	case (from == nil || from.Year() <= year) && (to == nil || to.Year() >= year):
		return 2
	}
	return 1
}

func streamHeadcount(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	rows, err := e.src.query(ctx, `SELECT year, unit_id, headcount FROM headcounts WHERE year `+cond+` ORDER BY year, unit_id, id`, args...)
	if err != nil {
		return fmt.Errorf("store headcounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var year, unitID, n int
		if err := rows.Scan(&year, &unitID, &n); err != nil {
			return err
		}
		if n < 0 || n > math.MaxUint32 {
			// Never written through the API (0–1,000,000); an edit made
			// outside it must fail the run, not load as another number.
			return fmt.Errorf("store headcounts: unit %d, %d: headcount %d does not fit the warehouse", unitID, year, n)
		}
		if err := emit(year, append(append([]any{uint16(year)}, e.unit(unitID)...), uint32(n))); err != nil {
			return err
		}
	}
	return rows.Err()
}

// milestones are the dates an idea reached each step, from its events.
type milestones struct {
	submitted, review, approved, started, evaluated *time.Time
	inUnit, toCity, cityWide, ministries, closed    *time.Time
	piloted                                         bool
	effective                                       *uint8
}

func (m *milestones) add(action string, on time.Time) {
	first := func(p **time.Time) {
		if *p == nil {
			d := on
			*p = &d
		}
	}
	switch domain.IdeaAction(action) {
	case domain.IdeaActionSubmit:
		first(&m.submitted)
	case domain.IdeaActionStartReview:
		first(&m.review)
	case domain.IdeaActionApproveImplementation:
		first(&m.approved)
	case domain.IdeaActionApprovePilot:
		first(&m.approved)
		m.piloted = true
	case domain.IdeaActionStartImplementation:
		first(&m.started)
	case domain.IdeaActionStartPilot:
		first(&m.started)
		m.piloted = true
	case domain.IdeaActionEvaluateEffective, domain.IdeaActionEvaluateIneffective:
		first(&m.evaluated)
		v := b2u(domain.IdeaAction(action) == domain.IdeaActionEvaluateEffective)
		m.effective = &v // the latest evaluation stands
	case domain.IdeaActionApplyInUnit:
		first(&m.inUnit)
	case domain.IdeaActionProposeToCity:
		first(&m.toCity)
	case domain.IdeaActionApplyCityWide:
		first(&m.cityWide)
	case domain.IdeaActionRateByMinistries:
		first(&m.ministries)
	case domain.IdeaActionReject, domain.IdeaActionWithdraw:
		d := on
		m.closed = &d
	}
}

// streamIdea: an idea as an accumulating snapshot, in the year it was
// proposed. Events and proposers of the year are read first (a year's
// worth), then the ideas stream past them.
func streamIdea(ctx context.Context, e *extract, year int, emit func([]any) error) error {
	events := map[int]*milestones{}
	// A step counts on the day of the decision it records (§III.2
	// "thành tích tới đâu khen thưởng đến đó" reads the decision's year),
	// on the day it was entered only where it records none.
	rows, err := e.src.query(ctx, `SELECT ev.idea_id, ev.action, ev.occurred_at, ev.decision_date FROM idea_events ev
		JOIN ideas i ON i.id = ev.idea_id WHERE i.year = ? ORDER BY ev.idea_id, ev.seq`, year)
	if err != nil {
		return fmt.Errorf("store idea events %d: %w", year, err)
	}
	for rows.Next() {
		var id int
		var action string
		var at time.Time
		var decided pgtype.Date
		if err := rows.Scan(&id, &action, &at, &decided); err != nil {
			rows.Close()
			return err
		}
		m := events[id]
		if m == nil {
			m = &milestones{}
			events[id] = m
		}
		if d := dateOf(decided); d != nil {
			m.add(action, *d)
			continue
		}
		m.add(action, clock.Day(at))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	proposers := map[int][]string{}
	rows, err = e.src.query(ctx, `SELECT ip.idea_id, pe.code FROM idea_proposers ip
		JOIN people pe ON pe.id = ip.person_id JOIN ideas i ON i.id = ip.idea_id WHERE i.year = ?`, year)
	if err != nil {
		return fmt.Errorf("store idea proposers %d: %w", year, err)
	}
	for rows.Next() {
		var id int
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			rows.Close()
			return err
		}
		proposers[id] = append(proposers[id], e.person(code))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = e.src.query(ctx, `SELECT id, code, unit_id, field, kind, status, by_collective, proposed_on
		FROM ideas WHERE year = ? ORDER BY id`, year)
	if err != nil {
		return fmt.Errorf("store ideas %d: %w", year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, unitID                int
			code, field, kind, status string
			collective                bool
			proposed                  pgtype.Date
		)
		if err := rows.Scan(&id, &code, &unitID, &field, &kind, &status, &collective, &proposed); err != nil {
			return err
		}
		m := events[id]
		if m == nil {
			m = &milestones{}
		}
		keys := proposers[id]
		if keys == nil {
			keys = []string{}
		}
		slices.Sort(keys)
		row := append([]any{uint16(year), uint64(id), code}, e.unit(unitID)...)
		row = append(row, field, kind, status, b2u(collective), keys,
			dayOr(dateOf(proposed), dateOrigin), m.submitted, m.review, m.approved, b2u(m.piloted), m.started,
			m.evaluated, m.effective, m.inUnit, m.toCity, m.cityWide, m.ministries, m.closed)
		if err := emit(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// streamAdoption: a unit adopting an idea, in the year of adoption, with
// the idea's origin unit beside the adopter.
func streamAdoption(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	y := yearOf(e.src, "a.adopted_on")
	rows, err := e.src.query(ctx, `SELECT `+y+`, a.id, a.idea_id, i.code, i.year, i.field, a.unit_id, i.unit_id, a.adopted_on
		FROM adoptions a JOIN ideas i ON i.id = a.idea_id
		WHERE `+y+` `+cond+` ORDER BY 1, a.id`, args...)
	if err != nil {
		return fmt.Errorf("store adoptions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			year, id, ideaID, ideaYear, unitID, originID int
			code, field                                  string
			on                                           pgtype.Date
		)
		if err := rows.Scan(&year, &id, &ideaID, &code, &ideaYear, &field, &unitID, &originID, &on); err != nil {
			return err
		}
		row := make([]any, 0, 16)
		row = append(row, uint16(year), uint64(id), uint64(ideaID), code, uint16(ideaYear), field)
		row = append(row, e.unit(unitID)...)
		row = append(row, e.unit(originID)...)
		row = append(row, dayOr(dateOf(on), dateOrigin))
		if err := emit(year, row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// streamAward: an award in the year it is for; an award a later decision
// corrected stays, marked revoked, so analysts count the standing ones.
func streamAward(ctx context.Context, e *extract, year int, emit func([]any) error) error {
	ideas := map[int][]uint64{}
	rows, err := e.src.query(ctx, `SELECT ai.award_id, ai.idea_id FROM award_ideas ai
		JOIN awards a ON a.id = ai.award_id WHERE a.year = ? ORDER BY ai.award_id, ai.idea_id`, year)
	if err != nil {
		return fmt.Errorf("store award ideas %d: %w", year, err)
	}
	for rows.Next() {
		var a, i int
		if err := rows.Scan(&a, &i); err != nil {
			rows.Close()
			return err
		}
		ideas[a] = append(ideas[a], uint64(i))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = e.src.query(ctx, `SELECT a.id, a.unit_id, a.level, a.recipient_kind, coalesce(pe.code, ''),
		a.decision_number, a.decision_date, a.issuer,
		(SELECT count(*) FROM awards r WHERE r.revokes_id = a.id)
		FROM awards a LEFT JOIN people pe ON pe.id = a.recipient_person_id
		WHERE a.year = ? ORDER BY a.id`, year)
	if err != nil {
		return fmt.Errorf("store awards %d: %w", year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, unitID, revokedBy          int
			level, kind, code, number, who string
			decided                        pgtype.Date
		)
		if err := rows.Scan(&id, &unitID, &level, &kind, &code, &number, &decided, &who, &revokedBy); err != nil {
			return err
		}
		ids := ideas[id]
		if ids == nil {
			ids = []uint64{}
		}
		row := append([]any{uint16(year), uint64(id)}, e.unit(unitID)...)
		row = append(row, level, kind, e.person(code), number, dayOr(dateOf(decided), dateOrigin), who, ids, b2u(revokedBy > 0))
		if err := emit(row); err != nil {
			return err
		}
	}
	return rows.Err()
}
