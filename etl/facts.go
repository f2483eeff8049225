package etl

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// factTable is one fact table of the warehouse and how it is read from
// the store, a year at a time, in a stable order.
type factTable struct {
	name    string
	sources []string // the store tables it reads, for the run's signature
	years   func(s *source) string
	count   func(s *source) string // the store's own count of a year's rows
	stream  func(ctx context.Context, e *extract, year int, emit func([]any) error) error
}

// extract is what every fact table's stream needs.
type extract struct {
	src   *source
	units unitIndex
	keys  *Keyer
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

var factTables = []factTable{
	{
		name:    "fact_participation",
		sources: []string{"units", "unit_successors", "participations", "people", "memberships"},
		years:   func(*source) string { return `SELECT DISTINCT year FROM participations ORDER BY 1` },
		count:   func(*source) string { return `SELECT count(*) FROM participations WHERE year = ?` },
		stream:  streamParticipation,
	},
	{
		name:    "fact_headcount",
		sources: []string{"units", "unit_successors", "headcounts"},
		years:   func(*source) string { return `SELECT DISTINCT year FROM headcounts ORDER BY 1` },
		count:   func(*source) string { return `SELECT count(*) FROM headcounts WHERE year = ?` },
		stream:  streamHeadcount,
	},
	{
		name:    "fact_idea",
		sources: []string{"units", "unit_successors", "ideas", "idea_events", "idea_proposers", "people"},
		years:   func(*source) string { return `SELECT DISTINCT year FROM ideas ORDER BY 1` },
		count:   func(*source) string { return `SELECT count(*) FROM ideas WHERE year = ?` },
		stream:  streamIdea,
	},
	{
		name:    "fact_idea_adoption",
		sources: []string{"units", "unit_successors", "adoptions", "ideas"},
		years: func(s *source) string {
			return `SELECT DISTINCT ` + yearOf(s, "adopted_on") + ` FROM adoptions ORDER BY 1`
		},
		count: func(s *source) string {
			return `SELECT count(*) FROM adoptions WHERE ` + yearOf(s, "adopted_on") + ` = ?`
		},
		stream: streamAdoption,
	},
	{
		name:    "fact_award",
		sources: []string{"units", "unit_successors", "awards", "award_ideas", "people"},
		years:   func(*source) string { return `SELECT DISTINCT year FROM awards ORDER BY 1` },
		count:   func(*source) string { return `SELECT count(*) FROM awards WHERE year = ?` },
		stream:  streamAward,
	},
}

func scanYears(ctx context.Context, s *source, query string) ([]int, error) {
	rows, err := s.query(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// streamParticipation: a participant in a unit and year. An individual's
// category and role are those of their membership in the unit on the day
// they registered (mid-year when the day is unknown).
func streamParticipation(ctx context.Context, e *extract, year int, emit func([]any) error) error {
	rows, err := e.src.query(ctx, `SELECT p.id, p.kind, p.unit_id, p.registered_on,
		coalesce(pe.code, ''), coalesce(pe.gender, ''), pe.birth_year,
		coalesce(m.category, ''), coalesce(m.role, ''), m.valid_from, m.valid_to
		FROM participations p
		LEFT JOIN people pe ON pe.id = p.person_id
		LEFT JOIN memberships m ON m.person_id = p.person_id AND m.unit_id = p.unit_id
		WHERE p.year = ? ORDER BY p.id, m.valid_from, m.id`, year)
	if err != nil {
		return fmt.Errorf("store participations %d: %w", year, err)
	}
	defer rows.Close()
	var (
		cur              []any
		curID, bestScore int
		pending          bool
	)
	for rows.Next() {
		var (
			id, unitID         int
			kind, code, gender string
			category, role     string
			reg, from, to      sql.NullTime
			birth              sql.NullInt64
		)
		if err := rows.Scan(&id, &kind, &unitID, &reg, &code, &gender, &birth, &category, &role, &from, &to); err != nil {
			return err
		}
		day := time.Date(year, 7, 1, 0, 0, 0, 0, time.UTC)
		if d := dateOf(reg); d != nil {
			day = *d
		}
		score := membershipScore(day, year, dateOf(from), dateOf(to), category != "")
		if pending && id == curID {
			if score > bestScore {
				cur[7], cur[10], bestScore = category, role, score
			}
			continue
		}
		if pending {
			if err := emit(cur); err != nil {
				return err
			}
		}
		var by *int
		if birth.Valid {
			b := int(birth.Int64)
			by = &b
		}
		cur = append(append([]any{uint16(year)}, e.unit(unitID)...),
			kind, e.person(code), category, gender, BirthBand(by), role, dayOr(dateOf(reg), dateOrigin))
		curID, bestScore, pending = id, score, true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if pending {
		return emit(cur)
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

func streamHeadcount(ctx context.Context, e *extract, year int, emit func([]any) error) error {
	rows, err := e.src.query(ctx, `SELECT unit_id, headcount FROM headcounts WHERE year = ? ORDER BY unit_id, id`, year)
	if err != nil {
		return fmt.Errorf("store headcounts %d: %w", year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var unitID, n int
		if err := rows.Scan(&unitID, &n); err != nil {
			return err
		}
		if err := emit(append(append([]any{uint16(year)}, e.unit(unitID)...), uint32(n))); err != nil {
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
	rows, err := e.src.query(ctx, `SELECT ev.idea_id, ev.action, ev.occurred_at FROM idea_events ev
		JOIN ideas i ON i.id = ev.idea_id WHERE i.year = ? ORDER BY ev.idea_id, ev.seq`, year)
	if err != nil {
		return fmt.Errorf("store idea events %d: %w", year, err)
	}
	for rows.Next() {
		var id int
		var action string
		var at time.Time
		if err := rows.Scan(&id, &action, &at); err != nil {
			rows.Close()
			return err
		}
		m := events[id]
		if m == nil {
			m = &milestones{}
			events[id] = m
		}
		local := at.In(HCM)
		m.add(action, time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC))
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
			proposed                  sql.NullTime
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
func streamAdoption(ctx context.Context, e *extract, year int, emit func([]any) error) error {
	rows, err := e.src.query(ctx, `SELECT a.id, a.idea_id, i.code, i.year, i.field, a.unit_id, i.unit_id, a.adopted_on
		FROM adoptions a JOIN ideas i ON i.id = a.idea_id
		WHERE `+yearOf(e.src, "a.adopted_on")+` = ? ORDER BY a.id`, year)
	if err != nil {
		return fmt.Errorf("store adoptions %d: %w", year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, ideaID, ideaYear, unitID, originID int
			code, field                            string
			on                                     sql.NullTime
		)
		if err := rows.Scan(&id, &ideaID, &code, &ideaYear, &field, &unitID, &originID, &on); err != nil {
			return err
		}
		row := []any{uint16(year), uint64(id), uint64(ideaID), code, uint16(ideaYear), field}
		row = append(row, e.unit(unitID)...)
		row = append(row, e.unit(originID)...)
		row = append(row, dayOr(dateOf(on), dateOrigin))
		if err := emit(row); err != nil {
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
			decided                        sql.NullTime
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
