package interim

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// What a review follows up (Kế hoạch 1821 §III.3, §II.1.1, §II.2.2): the
// ideas the city still has to decide on and the pilots that stalled, the
// nominations on their way, who the criteria make eligible without anyone
// nominating them, the units that chose no problem to pilot, and the
// register of exemplary models and people.

// NominationRow: nominations of a year, level and stage.
type NominationRow struct {
	Year        int
	Level       domain.AwardLevel
	Status      domain.NominationStatus
	Nominations int
}

// InProgress reports whether the stage is still on its way to a decision.
func (n NominationRow) InProgress() bool { return inProgress(n.Status) }

func inProgress(s domain.NominationStatus) bool {
	switch s {
	case domain.NominationStatusDraft, domain.NominationStatusSubmitted,
		domain.NominationStatusCouncilApproved, domain.NominationStatusForwarded:
		return true
	}
	return false
}

// EligibleRow: recipients of a year whom the criteria make eligible at
// most for the level, of a kind; how many a nomination or a standing
// award of the year names, and how many neither does.
type EligibleRow struct {
	Year                                       int
	Level                                      domain.AwardLevel
	Kind                                       domain.RecipientKind
	Eligible, Nominated, Awarded, NotNominated int
}

// ProblemRow: the units of the scope that existed in a year (the city
// itself aside), and how many recorded the problem they chose to pilot.
type ProblemRow struct {
	Year, Units, Chosen int
}

// Without is the units that recorded no chosen problem that year.
func (p ProblemRow) Without() int { return p.Units - p.Chosen }

// Exemplar is an entry of the board's register; its title comes from the
// store, the warehouse holds no free text.
type Exemplar struct {
	ID                 int
	Kind               domain.ExemplarKind
	Title              string
	UnitCode, UnitName string
	Year               int
	RecognizedOn       time.Time
	Ideas, Awards      int
}

// FollowUpIdea is an idea of the phase a review must name: awaiting the
// city's decision, halted for correction, or piloted and found not
// effective. Its title comes from the store.
type FollowUpIdea struct {
	ID                 int
	Code, Title        string
	Status             domain.IdeaStatus
	Reason             FollowUpReason
	UnitCode, UnitName string
	Year               int
}

// FollowUpReason is why an idea is followed up.
type FollowUpReason string

// The reasons, in the order the list is read.
const (
	AwaitingCity     FollowUpReason = "AWAITING_CITY"
	Halted           FollowUpReason = "HALTED"
	PilotIneffective FollowUpReason = "PILOT_INEFFECTIVE"
)

// maxFollowUpIdeas bounds the list; the overview counts them all.
const maxFollowUpIdeas = 200

// followReason classifies fact_idea rows in SQL: the city's statuses
// (domain.AwaitingCity), the halt, a pilot whose latest evaluation found it
// not effective.
const followReason = `multiIf(status IN ('REFERRED_TO_CITY', 'PROPOSED_TO_CITY'), 'AWAITING_CITY',
	status = 'HALTED_FOR_CORRECTION', 'HALTED', piloted = 1 AND ifNull(effective, 1) = 0, 'PILOT_INEFFECTIVE', '')`

// followSteps are the follow-up's queries. Chosen problems are counted
// for the phase's years up to the refresh's: a year not begun has no
// choice to make yet.
func (s *Summary) followSteps(l *loader, asOf time.Time) []step {
	years := "["
	for _, y := range s.Phase.Years() {
		if y > asOf.In(domain.Zone).Year() {
			break
		}
		if len(years) > 1 {
			years += ", "
		}
		years += strconv.Itoa(y)
	}
	years += "]"
	steps := []step{
		{`SELECT countIf(reason = 'AWAITING_CITY'), countIf(reason = 'HALTED'), countIf(reason = 'PILOT_INEFFECTIVE')
			FROM (SELECT ` + followReason + ` AS reason FROM $db.fact_idea WHERE $years AND $fact_scope)`,
			func(r driver.Rows) error {
				o := &s.Overview
				return scanInts(r, nil, &o.IdeasAwaitingCity, &o.IdeasHalted, &o.PilotsIneffective)
			}},
		{`SELECT idea_id, code, status, reason, unit_id, year FROM (
				SELECT idea_id, code, status, ` + followReason + ` AS reason, unit_id, year
				FROM $db.fact_idea WHERE $years AND $fact_scope)
			WHERE reason != ''
			ORDER BY indexOf(['AWAITING_CITY', 'HALTED', 'PILOT_INEFFECTIVE'], reason), year, code
			LIMIT ` + strconv.Itoa(maxFollowUpIdeas),
			func(r driver.Rows) error {
				var f FollowUpIdea
				var status, reason string
				var id, unit uint64
				var y uint16
				if err := r.Scan(&id, &f.Code, &status, &reason, &unit, &y); err != nil {
					return err
				}
				f.ID, f.Status, f.Reason, f.Year = int(id), domain.IdeaStatus(status), FollowUpReason(reason), int(y)
				l.followUnits = append(l.followUnits, unit)
				s.FollowUpIdeas = append(s.FollowUpIdeas, f)
				return nil
			}},
		{`SELECT year, toString(level), status, count() FROM $db.fact_nomination
			WHERE $years AND $fact_scope GROUP BY year, level, status ORDER BY year, level, status`,
			func(r driver.Rows) error {
				var n NominationRow
				var y uint16
				if err := scanInts(r, []any{&y, &n.Level, &n.Status}, &n.Nominations); err != nil {
					return err
				}
				n.Year = int(y)
				s.Nominations = append(s.Nominations, n)
				return nil
			}},
		{`SELECT year, toString(level), toString(recipient_kind), count(), countIf(nominated = 1), countIf(awarded = 1),
				countIf(nominated = 0 AND awarded = 0)
			FROM $db.fact_eligibility WHERE $years AND $fact_scope
			GROUP BY year, level, recipient_kind ORDER BY year, level, recipient_kind`,
			func(r driver.Rows) error {
				var e EligibleRow
				var y uint16
				if err := scanInts(r, []any{&y, &e.Level, &e.Kind}, &e.Eligible, &e.Nominated, &e.Awarded, &e.NotNominated); err != nil {
					return err
				}
				e.Year = int(y)
				s.Eligible = append(s.Eligible, e)
				return nil
			}},
		{`SELECT exemplar_id, toString(kind), unit_id, year, recognized_on, length(idea_ids), length(award_ids)
			FROM $db.fact_exemplar WHERE $years AND $fact_scope ORDER BY recognized_on, exemplar_id`,
			func(r driver.Rows) error {
				var x Exemplar
				var kind string
				var id, unit uint64
				var y uint16
				var ideas, awards uint64
				if err := r.Scan(&id, &kind, &unit, &y, &x.RecognizedOn, &ideas, &awards); err != nil {
					return err
				}
				x.ID, x.Kind, x.Year, x.Ideas, x.Awards = int(id), domain.ExemplarKind(kind), int(y), int(ideas), int(awards)
				x.RecognizedOn = time.Date(x.RecognizedOn.Year(), x.RecognizedOn.Month(), x.RecognizedOn.Day(), 0, 0, 0, 0, time.UTC)
				l.exemplarUnits = append(l.exemplarUnits, unit)
				s.Exemplars = append(s.Exemplars, x)
				return nil
			}},
	}
	if years == "[]" {
		return steps // the phase has not begun
	}
	return append(steps, step{
		// A unit existed in a year when its validity overlaps it; the
		// problems are counted per unit and year, once.
		`SELECT year, count(), countIf((unit_id, year) IN (SELECT unit_id, year FROM $db.fact_chosen_problem WHERE $years))
			FROM (SELECT DISTINCT unit_id, toUInt16(y) AS year FROM $db.dim_unit ARRAY JOIN ` + years + ` AS y
				WHERE type != 'CITY' AND $unit_scope
					AND valid_from < toDate(concat(toString(y + 1), '-01-01')) AND valid_to > toDate(concat(toString(y), '-01-01')))
			GROUP BY year ORDER BY year`,
		func(r driver.Rows) error {
			var p ProblemRow
			var y uint16
			if err := scanInts(r, []any{&y}, &p.Units, &p.Chosen); err != nil {
				return err
			}
			p.Year = int(y)
			s.Problems = append(s.Problems, p)
			return nil
		}})
}

// finishFollow names the units of the lists and sums the overview.
func (s *Summary) finishFollow(l *loader) {
	for i, id := range l.followUnits {
		if u := l.units[id]; u != nil {
			s.FollowUpIdeas[i].UnitCode, s.FollowUpIdeas[i].UnitName = u.code, u.name
		}
	}
	for i, id := range l.exemplarUnits {
		if u := l.units[id]; u != nil {
			s.Exemplars[i].UnitCode, s.Exemplars[i].UnitName = u.code, u.name
		}
	}
	o := &s.Overview
	for _, n := range s.Nominations {
		if n.InProgress() {
			o.NominationsInProgress += n.Nominations
		}
	}
	for _, e := range s.Eligible {
		o.EligibleNotNominated += e.NotNominated
	}
	for _, p := range s.Problems {
		o.UnitYearsWithoutProblem += p.Without()
	}
	o.Exemplars = len(s.Exemplars)
}

// MarshalGQL writes the reason's code.
func (r FollowUpReason) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(r))) }

// UnmarshalGQL reads a reason's code.
func (r *FollowUpReason) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("InterimFollowUpReason: %v không phải một lý do theo dõi", v)
	}
	switch FollowUpReason(s) {
	case AwaitingCity, Halted, PilotIneffective:
		*r = FollowUpReason(s)
		return nil
	}
	return fmt.Errorf("InterimFollowUpReason: %q không phải một lý do theo dõi", s)
}
