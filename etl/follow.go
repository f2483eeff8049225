package etl

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
)

// The fact tables of what the reviews follow up: nominations and their
// stage, who is eligible, chosen problems and the register of exemplars.
var followTables = []factTable{
	{
		name:    "fact_nomination",
		sources: []string{"units", "unit_successors", "nominations", "people", "awards"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM nominations GROUP BY year ORDER BY year` },
		stream:  streamNomination,
	},
	{
		name: "fact_eligibility",
		// Everything the criteria read (eligibility.Year).
		sources: []string{"units", "unit_successors", "phases", "people", "memberships", "unit_plans", "integrity_flags",
			"participations", "ideas", "idea_events", "idea_proposers", "nominations", "awards", todaySource},
		// A year's rows are known once the criteria are evaluated.
		years:  evaluateEligibility,
		stream: streamEligibility,
	},
	{
		name:    "fact_chosen_problem",
		sources: []string{"units", "unit_successors", "chosen_problems"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM chosen_problems GROUP BY year ORDER BY year` },
		stream:  streamChosenProblem,
	},
	{
		name:    "fact_exemplar",
		sources: []string{"units", "unit_successors", "exemplars", "exemplar_ideas", "exemplar_awards", "people"},
		counts:  func(*source) string { return `SELECT year, count(*) FROM exemplars GROUP BY year ORDER BY year` },
		stream:  streamExemplar,
	},
}

// dayOf is an instant's civil day in Asia/Ho_Chi_Minh.
func dayOf(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := clock.Day(*t)
	return &d
}

// streamNomination: a nomination in the year it is for, at its stage on
// the snapshot's day, with the award a decision made of it.
func streamNomination(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	rows, err := e.src.query(ctx, `SELECT n.year, n.id, n.unit_id, n.recipient_kind, coalesce(pe.code, ''),
		coalesce(n.recipient_unit_id, 0), n.level, n.status, n.submitted_at, n.council_date, n.forwarded_on,
		coalesce((SELECT min(a.id) FROM awards a WHERE a.nomination_id = n.id), 0)
		FROM nominations n LEFT JOIN people pe ON pe.id = n.recipient_person_id
		WHERE n.year `+cond+` ORDER BY n.year, n.id`, args...)
	if err != nil {
		return fmt.Errorf("store nominations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			year, id, unitID, recipientUnit, awardID int
			kind, code, level, status                string
			submitted                                *time.Time
			council, forwarded                       pgtype.Date
		)
		if err := rows.Scan(&year, &id, &unitID, &kind, &code, &recipientUnit, &level, &status,
			&submitted, &council, &forwarded, &awardID); err != nil {
			return err
		}
		row := append([]any{uint16(year), uint64(id)}, e.unit(unitID)...)
		row = append(row, kind, e.person(code), uint64(recipientUnit), e.units.code(recipientUnit), level, status,
			dayOf(submitted), dateOf(council), dateOf(forwarded), uint64(awardID))
		if err := emit(year, row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// evaluateEligibility evaluates the award criteria (§III.3) for every
// recipient of every year of the movement's phases up to the snapshot's
// (a year not begun has no achievement to count), by the same code as
// the API's awardEligibility (eligibility.Year), on the run's snapshot and
// as of its day (a disciplinary record lifted by then no longer counts).
func evaluateEligibility(ctx context.Context, e *extract) (map[int]int64, []int, error) {
	client, err := e.src.entClient(ctx)
	if err != nil {
		return nil, nil, err
	}
	ctx = clock.With(ctx, clock.Fixed(e.src.at))
	codes, err := personCodes(ctx, e.src)
	if err != nil {
		return nil, nil, err
	}
	rows, err := e.src.query(ctx, `SELECT start_year, end_year FROM phases ORDER BY start_year`)
	if err != nil {
		return nil, nil, fmt.Errorf("store phases: %w", err)
	}
	var spans [][2]int
	for rows.Next() {
		var from, to int
		if err := rows.Scan(&from, &to); err != nil {
			rows.Close()
			return nil, nil, err
		}
		spans = append(spans, [2]int{from, to})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	e.eligible = map[int][][]any{}
	seen := map[int]bool{}
	var years []int
	for _, sp := range spans {
		for year := sp[0]; year <= sp[1] && year <= e.src.at.Year(); year++ {
			if !seen[year] {
				seen[year] = true
				years = append(years, year)
			}
		}
	}
	counts := map[int]int64{}
	// The candidates come in no set order within a year: the rows'
	// digest is order-free, and ClickHouse sorts them.
	err = eligibility.YearsConcurrently(ctx, client, years, runtime.GOMAXPROCS(0), func(c eligibility.Candidate) error {
		if c.Highest == "" {
			return nil
		}
		key := ""
		if c.Kind == domain.RecipientKindIndividual {
			key = e.person(codes[c.Person])
		}
		row := append([]any{uint16(c.Year)}, e.unit(c.Unit)...)
		e.eligible[c.Year] = append(e.eligible[c.Year], append(row, string(c.Kind), key, string(c.Highest), b2u(c.Nominated), b2u(c.Awarded)))
		counts[c.Year]++
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("eligibility: %w", err)
	}
	var loaded []int
	for _, y := range years {
		if counts[y] > 0 {
			loaded = append(loaded, y)
		}
	}
	return counts, loaded, nil
}

// streamEligibility hands out the rows evaluateEligibility made.
func streamEligibility(_ context.Context, e *extract, years []int, emit func(int, []any) error) error {
	for _, y := range years {
		for _, row := range e.eligible[y] {
			if err := emit(y, row); err != nil {
				return err
			}
		}
	}
	return nil
}

func personCodes(ctx context.Context, s *source) (map[int]string, error) {
	rows, err := s.query(ctx, `SELECT id, code FROM people`)
	if err != nil {
		return nil, fmt.Errorf("store people: %w", err)
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var id int
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[id] = code
	}
	return out, rows.Err()
}

func streamChosenProblem(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	rows, err := e.src.query(ctx, `SELECT year, id, unit_id, chosen_on, coalesce(idea_id, 0)
		FROM chosen_problems WHERE year `+cond+` ORDER BY year, id`, args...)
	if err != nil {
		return fmt.Errorf("store chosen problems: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var year, id, unitID, ideaID int
		var chosen pgtype.Date
		if err := rows.Scan(&year, &id, &unitID, &chosen, &ideaID); err != nil {
			return err
		}
		row := append([]any{uint16(year), uint64(id)}, e.unit(unitID)...)
		if err := emit(year, append(row, dateOf(chosen), uint64(ideaID))); err != nil {
			return err
		}
	}
	return rows.Err()
}

func streamExemplar(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	links := func(table, col string) (map[int][]uint64, error) {
		rows, err := e.src.query(ctx, `SELECT l.exemplar_id, l.`+col+` FROM `+table+` l
			JOIN exemplars x ON x.id = l.exemplar_id WHERE x.year `+cond+` ORDER BY l.exemplar_id, l.`+col, args...)
		if err != nil {
			return nil, fmt.Errorf("store %s: %w", table, err)
		}
		defer rows.Close()
		out := map[int][]uint64{}
		for rows.Next() {
			var x, id int
			if err := rows.Scan(&x, &id); err != nil {
				return nil, err
			}
			out[x] = append(out[x], uint64(id))
		}
		return out, rows.Err()
	}
	ideas, err := links("exemplar_ideas", "idea_id")
	if err != nil {
		return err
	}
	awards, err := links("exemplar_awards", "award_id")
	if err != nil {
		return err
	}
	rows, err := e.src.query(ctx, `SELECT x.year, x.id, x.unit_id, x.kind, coalesce(pe.code, ''), x.recognized_on
		FROM exemplars x LEFT JOIN people pe ON pe.id = x.person_id
		WHERE x.year `+cond+` ORDER BY x.year, x.id`, args...)
	if err != nil {
		return fmt.Errorf("store exemplars: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var year, id, unitID int
		var kind, code string
		var on pgtype.Date
		if err := rows.Scan(&year, &id, &unitID, &kind, &code, &on); err != nil {
			return err
		}
		row := append([]any{uint16(year), uint64(id)}, e.unit(unitID)...)
		row = append(row, kind, e.person(code), dayOr(dateOf(on), dateOrigin), orEmpty(ideas[id]), orEmpty(awards[id]))
		if err := emit(year, row); err != nil {
			return err
		}
	}
	return rows.Err()
}

func orEmpty(ids []uint64) []uint64 {
	if ids == nil {
		return []uint64{}
	}
	return ids
}
