package interim

import (
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Steps are the milestones whose median days from proposal are shown,
// with the fact_idea column that dates each.
var Steps = []struct{ Name, Column string }{
	{"APPROVED", "approved_on"},
	{"STARTED", "started_on"},
	{"EVALUATED", "evaluated_on"},
	{"APPLIED_IN_UNIT", "applied_in_unit_on"},
	{"APPLIED_CITY_WIDE", "applied_city_wide_on"},
	{"RATED_BY_MINISTRIES", "rated_by_ministries_on"},
}

// unitTypeJoin gives each fact its unit's type (the latest version's) and
// the day the unit ended (2100-01-01 while it exists).
const unitTypeJoin = `ANY LEFT JOIN (SELECT unit_id, argMax(type, valid_from) AS unit_type, max(valid_to) AS unit_end
	FROM $db.dim_unit GROUP BY unit_id) USING unit_id`

// heldAtYearEnd keeps the headcounts of the units that still existed at the
// end of the year: in a year of reorganisation both a dissolved unit and
// its successor report the same people, and the rate's denominator would
// count them twice.
const heldAtYearEnd = `toYear(unit_end) > year`

// sectionSteps are the queries of the sections by year, type and field.
func (s *Summary) sectionSteps(l *loader) []step {
	steps := []step{
		{`SELECT unit_type, count(), sum(has_issued), sum(has_launched), sum(has_sent), sum(has_directive)
			FROM (SELECT unit_id, argMax(type, valid_from) AS unit_type FROM $db.dim_unit
				WHERE $unit_scope AND valid_from < toDate('$after') AND valid_to > toDate('$first') AND type != 'CITY' GROUP BY unit_id)
			ANY LEFT JOIN (SELECT unit_id, toUInt8(isNotNull(issued_on)) AS has_issued,
				toUInt8(isNotNull(launched_on)) AS has_launched, toUInt8(isNotNull(sent_on)) AS has_sent,
				linked_to_directive_05 AS has_directive
				FROM $db.fact_unit_plan WHERE phase = '$phase') USING unit_id
			GROUP BY unit_type ORDER BY unit_type`,
			func(r driver.Rows) error {
				var p PlanRow
				if err := scanInts(r, []any{&p.UnitType}, &p.Units, &p.Issued, &p.Launched, &p.Sent, &p.Directive); err != nil {
					return err
				}
				s.Plans = append(s.Plans, p)
				return nil
			}},
		{`SELECT year, toString(kind), count(), sum(isNotNull(sent_on)), sum($late), sum(isNull(sent_on))
			FROM $db.fact_unit_report WHERE phase = '$phase' AND $fact_scope
			GROUP BY year, kind ORDER BY year, kind`,
			func(r driver.Rows) error {
				var p ReportRow
				var y uint16
				if err := scanInts(r, []any{&y, &p.Kind}, &p.Due, &p.Sent, &p.Late, &p.Unsent); err != nil {
					return err
				}
				p.Year = int(y)
				s.Reports = append(s.Reports, p)
				return nil
			}},
		{`SELECT year, unit_type, sum(toUInt64(headcount)) FROM $db.fact_headcount ` + unitTypeJoin + `
			WHERE $years AND $fact_scope AND ` + heldAtYearEnd + ` GROUP BY year, unit_type`,
			func(r driver.Rows) error {
				var y uint16
				var t string
				var n int
				if err := scanInts(r, []any{&y, &t}, &n); err != nil {
					return err
				}
				l.heads[typeYear{domain.UnitType(t), int(y)}] = n
				return nil
			}},
		{`SELECT year, uniqExactIf(person_key, kind = 'INDIVIDUAL' AND person_key != ''), countIf(kind = 'COLLECTIVE')
			FROM $db.fact_participation WHERE $years AND $fact_scope GROUP BY year ORDER BY year`,
			func(r driver.Rows) error {
				var p ParticipationRow
				var y uint16
				if err := scanInts(r, []any{&y}, &p.Individuals, &p.Collectives); err != nil {
					return err
				}
				p.Year = int(y)
				s.Participation = append(s.Participation, p)
				return nil
			}},
		{`SELECT year, unit_type, uniqExactIf(person_key, kind = 'INDIVIDUAL' AND person_key != ''), countIf(kind = 'COLLECTIVE')
			FROM $db.fact_participation ` + unitTypeJoin + `
			WHERE $years AND $fact_scope GROUP BY year, unit_type ORDER BY unit_type, year`,
			func(r driver.Rows) error {
				var p ParticipationRow
				var y uint16
				if err := scanInts(r, []any{&y, &p.UnitType}, &p.Individuals, &p.Collectives); err != nil {
					return err
				}
				p.Year = int(y)
				s.ParticipationByType = append(s.ParticipationByType, p)
				return nil
			}},
		{`SELECT uniqExactIf(person_key, kind = 'INDIVIDUAL' AND person_key != '') FROM $db.fact_participation WHERE $years AND $fact_scope`,
			func(r driver.Rows) error { return scanInts(r, nil, &s.Overview.Individuals) }},
		{`SELECT year, ` + ideaCounts + ` FROM $db.fact_idea WHERE $years AND $fact_scope GROUP BY year ORDER BY year`,
			func(r driver.Rows) error {
				var p IdeaRow
				var y uint16
				if err := scanIdea(r, []any{&y}, &p); err != nil {
					return err
				}
				p.Year = int(y)
				s.Ideas = append(s.Ideas, p)
				return nil
			}},
		{`SELECT field, ` + ideaCounts + ` FROM $db.fact_idea WHERE $years AND $fact_scope GROUP BY field ORDER BY field`,
			func(r driver.Rows) error {
				var p IdeaRow
				if err := scanIdea(r, []any{&p.Field}, &p); err != nil {
					return err
				}
				s.IdeasByField = append(s.IdeasByField, p)
				return nil
			}},
		{`SELECT year, unit_type, ` + ideaCounts + ` FROM $db.fact_idea ` + unitTypeJoin + `
			WHERE $years AND $fact_scope GROUP BY year, unit_type ORDER BY unit_type, year`,
			func(r driver.Rows) error {
				var p IdeaRow
				var y uint16
				if err := scanIdea(r, []any{&y, &p.UnitType}, &p); err != nil {
					return err
				}
				p.Year = int(y)
				s.IdeasByType = append(s.IdeasByType, p)
				return nil
			}},
		{`SELECT year, unit_type, count(), countIf(notEmpty(idea_ids)) FROM $db.fact_award ` + unitTypeJoin + `
			WHERE revoked = 0 AND $years AND $fact_scope GROUP BY year, unit_type ORDER BY unit_type, year`,
			func(r driver.Rows) error {
				var p AwardsOnIdeasRow
				var y uint16
				if err := scanInts(r, []any{&y, &p.UnitType}, &p.Awards, &p.OnIdeas); err != nil {
					return err
				}
				p.Year = int(y)
				s.AwardsByType = append(s.AwardsByType, p)
				return nil
			}},
		{`SELECT year, sum(adoptions), count(), countIf(adopters >= 2)
			FROM (SELECT year, idea_id, count() AS adoptions, uniqExact(unit_id) AS adopters
				FROM $db.fact_idea_adoption WHERE $years AND $fact_scope GROUP BY year, idea_id)
			GROUP BY year ORDER BY year`,
			func(r driver.Rows) error {
				var p AdoptionRow
				var y uint16
				if err := scanInts(r, []any{&y}, &p.Adoptions, &p.Ideas, &p.Spread); err != nil {
					return err
				}
				p.Year = int(y)
				s.Adoptions = append(s.Adoptions, p)
				return nil
			}},
		{`SELECT count() FROM (SELECT idea_id FROM $db.fact_idea_adoption WHERE $years AND $fact_scope
			GROUP BY idea_id HAVING uniqExact(unit_id) >= 2)`,
			func(r driver.Rows) error { return scanInts(r, nil, &s.Overview.IdeasSpread) }},
		{`SELECT idea_code, any(field), any(origin_unit_id), count(), uniqExact(unit_id)
			FROM $db.fact_idea_adoption WHERE $years AND $fact_scope
			GROUP BY idea_code ORDER BY count() DESC, uniqExact(unit_id) DESC, idea_code LIMIT 10`,
			func(r driver.Rows) error {
				var t TopIdea
				var origin uint64
				if err := scanInts(r, []any{&t.Code, &t.Field, &origin}, &t.Adoptions, &t.Adopters); err != nil {
					return err
				}
				l.topOrigins = append(l.topOrigins, origin)
				s.TopIdeas = append(s.TopIdeas, t)
				return nil
			}},
		{`SELECT year, toString(level), toString(recipient_kind), count()
			FROM $db.fact_award WHERE revoked = 0 AND $years AND $fact_scope
			GROUP BY year, level, recipient_kind ORDER BY year, level, recipient_kind`,
			func(r driver.Rows) error {
				var p AwardRow
				var y uint16
				if err := scanInts(r, []any{&y, &p.Level, &p.Kind}, &p.Awards); err != nil {
					return err
				}
				p.Year = int(y)
				s.Awards = append(s.Awards, p)
				return nil
			}},
		{`SELECT year, count(), countIf(notEmpty(idea_ids)) FROM $db.fact_award
			WHERE revoked = 0 AND $years AND $fact_scope GROUP BY year ORDER BY year`,
			func(r driver.Rows) error {
				var p AwardsOnIdeasRow
				var y uint16
				if err := scanInts(r, []any{&y}, &p.Awards, &p.OnIdeas); err != nil {
					return err
				}
				p.Year = int(y)
				s.AwardsOnIdeas = append(s.AwardsOnIdeas, p)
				return nil
			}},
		{`SELECT person_key, sum(awards), sum(ideas) FROM (
				SELECT person_key, count() AS awards, toUInt64(0) AS ideas FROM $db.fact_award
				WHERE revoked = 0 AND recipient_kind = 'INDIVIDUAL' AND person_key != '' AND $years AND $fact_scope GROUP BY person_key
				UNION ALL
				SELECT arrayJoin(proposer_keys) AS person_key, toUInt64(0) AS awards, count() AS ideas FROM $db.fact_idea
				WHERE $years AND $fact_scope GROUP BY person_key)
			WHERE person_key != ''
			GROUP BY person_key ORDER BY sum(awards) DESC, sum(ideas) DESC, person_key LIMIT 10`,
			func(r driver.Rows) error {
				var p Person
				if err := scanInts(r, []any{&p.Key}, &p.Awards, &p.Ideas); err != nil {
					return err
				}
				s.StandoutPeople = append(s.StandoutPeople, p)
				return nil
			}},
	}
	s.Milestones = make([]Milestone, len(Steps))
	l.hist = make([][][2]int64, len(Steps))
	for i, m := range Steps {
		s.Milestones[i].Step = m.Name
		steps = append(steps, step{
			`SELECT toInt64(toInt32(assumeNotNull(` + m.Column + `)) - toInt32(proposed_on)) AS days, count()
				FROM $db.fact_idea WHERE isNotNull(` + m.Column + `) AND $years AND $fact_scope GROUP BY days`,
			func(r driver.Rows) error {
				var d int64
				var n uint64
				if err := r.Scan(&d, &n); err != nil {
					return err
				}
				l.hist[i] = append(l.hist[i], [2]int64{d, int64(n)})
				return nil
			}})
	}
	return steps
}

const ideaCounts = `count(), countIf(isNotNull(approved_on)), countIf(piloted = 1), countIf(ifNull(effective, 0) = 1),
	countIf(isNotNull(applied_in_unit_on)), countIf(isNotNull(applied_city_wide_on)), countIf(isNotNull(rated_by_ministries_on))`

func scanIdea(r driver.Rows, keys []any, p *IdeaRow) error {
	return scanInts(r, keys, &p.Proposed, &p.Approved, &p.Piloted, &p.Effective, &p.AppliedInUnit, &p.AppliedCityWide, &p.RatedByMinistries)
}
