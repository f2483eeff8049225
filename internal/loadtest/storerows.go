package loadtest

import (
	"context"
	"database/sql"
)

// LoadRows reads every idea and idea event straight from the store's
// tables: plain SQL valid on SQLite and PostgreSQL, below ent's privacy
// policies, so the check sees exactly what was committed.
func LoadRows(ctx context.Context, db *sql.DB) ([]IdeaRow, []EventRow, error) {
	var ideas []IdeaRow
	rows, err := db.QueryContext(ctx, `SELECT id, code, status, version FROM ideas`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var r IdeaRow
		if err := rows.Scan(&r.ID, &r.Code, &r.Status, &r.Version); err != nil {
			rows.Close()
			return nil, nil, err
		}
		ideas = append(ideas, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var events []EventRow
	rows, err = db.QueryContext(ctx, `SELECT idea_id, seq, action, from_status, to_status FROM idea_events ORDER BY idea_id, seq`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r EventRow
		var from sql.NullString
		if err := rows.Scan(&r.IdeaID, &r.Seq, &r.Action, &from, &r.To); err != nil {
			return nil, nil, err
		}
		r.From = from.String
		events = append(events, r)
	}
	return ideas, events, rows.Err()
}
