// Package interim computes the interim summary (sơ kết) of a phase from
// the warehouse, so that leaders read the numbers analysts get: plans and
// reports, participation, ideas, adoptions and awards, for the city or a
// unit's subtree, with each fact counted in the unit where it happened.
// The GraphQL field, the HTML page and the workbook are built on it.
package interim

import (
	"context"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Phase is the stretch of years a summary covers.
type Phase struct {
	Name       string // "2022-2025"
	Start, End int
}

// ParsePhase reads a phase's name, "2022-2025".
func ParsePhase(name string) (Phase, error) {
	var p Phase
	if _, err := fmt.Sscanf(name, "%d-%d", &p.Start, &p.End); err != nil || p.Start < 2000 || p.End < p.Start ||
		p.End-p.Start > 10 || fmt.Sprintf("%d-%d", p.Start, p.End) != name {
		return Phase{}, fmt.Errorf("phase %q: want YYYY-YYYY, such as 2022-2025", name)
	}
	p.Name = name
	return p, nil
}

// Summary is what the interim review shows.
type Summary struct {
	Phase         Phase
	Scope         string // the unit path it covers: "/HCM/" for the city
	Plans         []PlanRow
	Reports       []ReportRow
	Participation []ParticipationRow
	Ideas         []IdeaRow
	Adoptions     []AdoptionRow
	Awards        []AwardRow
}

// PlanRow: the units of a type that were to carry out the movement in the
// phase (that existed at some time in it), and how many issued, launched
// and sent their plan, and tied it to Directive 05.
type PlanRow struct {
	UnitType                                 string
	Units, Issued, Launched, Sent, Directive uint64
}

// ReportRow: the reports of a year and kind: due, sent, sent late, not sent.
type ReportRow struct {
	Year                    uint16
	Kind                    string
	Due, Sent, Late, Unsent uint64
}

// ParticipationRow: participants of a year. Individuals are distinct
// people; Rate is individuals over headcount, nil without a headcount.
type ParticipationRow struct {
	Year                                uint16
	Individuals, Collectives, Headcount uint64
	Rate                                *float64
}

// IdeaRow: the ideas proposed in a year and how far they went.
type IdeaRow struct {
	Year                                              uint16
	Proposed, Approved, Piloted, Effective            uint64
	AppliedInUnit, AppliedCityWide, RatedByMinistries uint64
}

// AdoptionRow: the adoptions of a year, the ideas adopted, and those
// adopted by two units or more that year.
type AdoptionRow struct {
	Year                     uint16
	Adoptions, Ideas, Spread uint64
}

// AwardRow: standing awards (not revoked by a later decision) of a year,
// level and recipient kind.
type AwardRow struct {
	Year        uint16
	Level, Kind string
	Awards      uint64
}

// Load computes the summary of a phase for the units under path (a unit's
// path; "/HCM/" for the whole city) from the warehouse in database.
func Load(ctx context.Context, conn driver.Conn, database string, phase Phase, path string) (Summary, error) {
	s := Summary{Phase: phase, Scope: path}
	q := newQuery(conn, database, phase, path)
	heads := map[uint16]uint64{}
	steps := []struct {
		sql  string
		scan func(driver.Rows) error
	}{
		{`SELECT type, count(), sum(has_issued), sum(has_launched), sum(has_sent), sum(has_directive)
			FROM (SELECT code AS unit_code, type FROM $db.dim_unit
				WHERE $unit_scope AND valid_from < toDate('$after') AND valid_to > toDate('$first') AND type != 'CITY')
			ANY LEFT JOIN (SELECT unit_code, toUInt8(isNotNull(issued_on)) AS has_issued,
				toUInt8(isNotNull(launched_on)) AS has_launched, toUInt8(isNotNull(sent_on)) AS has_sent,
				linked_to_directive_05 AS has_directive
				FROM $db.fact_unit_plan WHERE phase = '$phase') USING unit_code
			GROUP BY type ORDER BY type`,
			func(r driver.Rows) error {
				var p PlanRow
				if err := r.Scan(&p.UnitType, &p.Units, &p.Issued, &p.Launched, &p.Sent, &p.Directive); err != nil {
					return err
				}
				s.Plans = append(s.Plans, p)
				return nil
			}},
		{`SELECT year, toString(kind), count(), sum(isNotNull(sent_on)), sum(ifNull(sent_on > due_on, 0)), sum(isNull(sent_on))
			FROM $db.fact_unit_report WHERE phase = '$phase' AND $fact_scope
			GROUP BY year, kind ORDER BY year, kind`,
			func(r driver.Rows) error {
				var p ReportRow
				if err := r.Scan(&p.Year, &p.Kind, &p.Due, &p.Sent, &p.Late, &p.Unsent); err != nil {
					return err
				}
				s.Reports = append(s.Reports, p)
				return nil
			}},
		{`SELECT year, sum(toUInt64(headcount)) FROM $db.fact_headcount WHERE $years AND $fact_scope GROUP BY year`,
			func(r driver.Rows) error {
				var y uint16
				var n uint64
				if err := r.Scan(&y, &n); err != nil {
					return err
				}
				heads[y] = n
				return nil
			}},
		{`SELECT year, uniqExactIf(person_key, kind = 'INDIVIDUAL' AND person_key != ''), countIf(kind = 'COLLECTIVE')
			FROM $db.fact_participation WHERE $years AND $fact_scope GROUP BY year ORDER BY year`,
			func(r driver.Rows) error {
				var p ParticipationRow
				if err := r.Scan(&p.Year, &p.Individuals, &p.Collectives); err != nil {
					return err
				}
				s.Participation = append(s.Participation, p)
				return nil
			}},
		{`SELECT year, count(), countIf(isNotNull(approved_on)), countIf(piloted = 1), countIf(ifNull(effective, 0) = 1),
				countIf(isNotNull(applied_in_unit_on)), countIf(isNotNull(applied_city_wide_on)), countIf(isNotNull(rated_by_ministries_on))
			FROM $db.fact_idea WHERE $years AND $fact_scope GROUP BY year ORDER BY year`,
			func(r driver.Rows) error {
				var p IdeaRow
				if err := r.Scan(&p.Year, &p.Proposed, &p.Approved, &p.Piloted, &p.Effective, &p.AppliedInUnit, &p.AppliedCityWide, &p.RatedByMinistries); err != nil {
					return err
				}
				s.Ideas = append(s.Ideas, p)
				return nil
			}},
		{`SELECT year, sum(adoptions), count(), countIf(adopters >= 2)
			FROM (SELECT year, idea_id, count() AS adoptions, uniqExact(unit_id) AS adopters
				FROM $db.fact_idea_adoption WHERE $years AND $fact_scope GROUP BY year, idea_id)
			GROUP BY year ORDER BY year`,
			func(r driver.Rows) error {
				var p AdoptionRow
				if err := r.Scan(&p.Year, &p.Adoptions, &p.Ideas, &p.Spread); err != nil {
					return err
				}
				s.Adoptions = append(s.Adoptions, p)
				return nil
			}},
		{`SELECT year, toString(level), toString(recipient_kind), count()
			FROM $db.fact_award WHERE revoked = 0 AND $years AND $fact_scope
			GROUP BY year, level, recipient_kind ORDER BY year, level, recipient_kind`,
			func(r driver.Rows) error {
				var p AwardRow
				if err := r.Scan(&p.Year, &p.Level, &p.Kind, &p.Awards); err != nil {
					return err
				}
				s.Awards = append(s.Awards, p)
				return nil
			}},
	}
	for _, st := range steps {
		if err := q.each(ctx, st.sql, st.scan); err != nil {
			return Summary{}, err
		}
	}
	for i := range s.Participation {
		p := &s.Participation[i]
		p.Headcount = heads[p.Year]
		if p.Headcount > 0 {
			r := float64(p.Individuals) / float64(p.Headcount)
			p.Rate = &r
		}
	}
	return s, nil
}

// query fills the summary's SQL: the database, the phase's years and the
// scope, as literals (a phase is parsed, a path is a unit's; both are
// escaped all the same).
type query struct {
	conn driver.Conn
	vars *strings.Replacer
}

func newQuery(conn driver.Conn, database string, phase Phase, path string) query {
	lit := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	p := lit.Replace(path)
	db := "`" + strings.ReplaceAll(database, "`", "") + "`"
	unitScope := fmt.Sprintf("substring(path, 1, %d) = '%s'", len(path), p)
	return query{conn: conn, vars: strings.NewReplacer(
		"$db", db,
		"$phase", lit.Replace(phase.Name),
		"$first", fmt.Sprintf("%d-01-01", phase.Start),
		"$after", fmt.Sprintf("%d-01-01", phase.End+1),
		"$years", fmt.Sprintf("year BETWEEN %d AND %d", phase.Start, phase.End),
		"$unit_scope", unitScope,
		"$fact_scope", "unit_id IN (SELECT unit_id FROM "+db+".dim_unit WHERE "+unitScope+")",
	)}
}

func (q query) each(ctx context.Context, sql string, scan func(driver.Rows) error) error {
	sql = q.vars.Replace(sql)
	rows, err := q.conn.Query(ctx, sql)
	if err != nil {
		return fmt.Errorf("interim summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("interim summary: %w", err)
		}
	}
	return rows.Err()
}
