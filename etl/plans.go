package etl

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgtype"
)

// streamPlan: a unit's plan for a phase, in the phase's first year (a plan
// belongs to its phase, whose first year never changes).
func streamPlan(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	rows, err := e.src.query(ctx, `SELECT ph.start_year, ph.name, p.unit_id, coalesce(p.document_number, ''),
		p.issued_on, p.launched_on, p.sent_on, p.linked_to_directive_05
		FROM unit_plans p JOIN phases ph ON ph.id = p.phase_id
		WHERE ph.start_year `+cond+` ORDER BY ph.start_year, p.unit_id, p.id`, args...)
	if err != nil {
		return fmt.Errorf("store unit plans: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			year, unitID           int
			phase, number          string
			issued, launched, sent pgtype.Date
			directive              bool
		)
		if err := rows.Scan(&year, &phase, &unitID, &number, &issued, &launched, &sent, &directive); err != nil {
			return err
		}
		row := make([]any, 0, 11)
		row = append(append(append(row, uint16(year), phase), e.unit(unitID)...),
			number, dateOf(issued), dateOf(launched), dateOf(sent), b2u(directive))
		if err := emit(year, row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// streamReport: a unit's yearly or interim report, in the year it reports on.
func streamReport(ctx context.Context, e *extract, years []int, emit func(int, []any) error) error {
	cond, args := in(years)
	rows, err := e.src.query(ctx, `SELECT r.year, ph.name, r.kind, r.unit_id, coalesce(r.document_number, ''), r.due_on, r.sent_on
		FROM unit_reports r JOIN phases ph ON ph.id = r.phase_id
		WHERE r.year `+cond+` ORDER BY r.year, r.unit_id, r.kind, r.id`, args...)
	if err != nil {
		return fmt.Errorf("store unit reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			year, unitID        int
			phase, kind, number string
			due, sent           pgtype.Date
		)
		if err := rows.Scan(&year, &phase, &kind, &unitID, &number, &due, &sent); err != nil {
			return err
		}
		row := make([]any, 0, 11)
		row = append(append(append(row, uint16(year), phase, kind), e.unit(unitID)...),
			number, dateOf(due), dateOf(sent))
		if err := emit(year, row); err != nil {
			return err
		}
	}
	return rows.Err()
}
