package etl

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// Open-ended validity in the warehouse: Date has no NULL-free "never", and
// analysts filter with plain comparisons (valid_from <= d AND d < valid_to).
var (
	dateOrigin = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	dateOpen   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// unitRow is a unit as the store has it.
type unitRow struct {
	ID, ParentID int
	Code, Name   string
	Type, Path   string
	From, To     *time.Time
	RealName     bool
	Successors   []int
	RollupID     int
}

// unitIndex is every unit with the unit it rolls up to on the snapshot's day.
type unitIndex struct {
	byID  map[int]*unitRow
	order []int
	boxed map[int][]any // cols, boxed once: facts copy them into millions of rows
}

func (x unitIndex) code(id int) string {
	if u := x.byID[id]; u != nil {
		return u.Code
	}
	return ""
}

// cols are the four unit columns every fact carries; the slice is shared
// and must not be changed.
func (x unitIndex) cols(id int) []any {
	if c, ok := x.boxed[id]; ok {
		return c
	}
	r := id
	if u := x.byID[id]; u != nil {
		r = u.RollupID
	}
	return []any{uint64(id), x.code(id), uint64(r), x.code(r)}
}

func readUnits(ctx context.Context, s *source) (unitIndex, error) {
	x := unitIndex{byID: map[int]*unitRow{}}
	rows, err := s.query(ctx, `SELECT id, coalesce(parent_id, 0), code, name, type, path, valid_from, valid_to, real_name FROM units ORDER BY id`)
	if err != nil {
		return x, fmt.Errorf("store units: %w", err)
	}
	for rows.Next() {
		u := &unitRow{}
		var from, to pgtype.Date
		if err := rows.Scan(&u.ID, &u.ParentID, &u.Code, &u.Name, &u.Type, &u.Path, &from, &to, &u.RealName); err != nil {
			rows.Close()
			return x, fmt.Errorf("store units: %w", err)
		}
		u.From, u.To = dateOf(from), dateOf(to)
		x.byID[u.ID] = u
		x.order = append(x.order, u.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return x, err
	}
	// unit_successors(unit_id, predecessor_id) holds ent's M2M self-edge:
	// unit_id is the earlier unit, predecessor_id the one that succeeds it.
	rows, err = s.query(ctx, `SELECT unit_id, predecessor_id FROM unit_successors ORDER BY unit_id, predecessor_id`)
	if err != nil {
		return x, fmt.Errorf("store unit successors: %w", err)
	}
	for rows.Next() {
		var from, to int
		if err := rows.Scan(&from, &to); err != nil {
			rows.Close()
			return x, err
		}
		if u := x.byID[from]; u != nil {
			u.Successors = append(u.Successors, to)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return x, err
	}
	in := make([]Unit, 0, len(x.order))
	for _, id := range x.order {
		u := x.byID[id]
		in = append(in, Unit{ID: u.ID, Code: u.Code, ValidTo: u.To, Successors: u.Successors})
	}
	today := time.Date(s.at.Year(), s.at.Month(), s.at.Day(), 0, 0, 0, 0, time.UTC)
	for id, r := range Rollups(in, today) {
		x.byID[id].RollupID = r
	}
	boxed := make(map[int][]any, len(x.order))
	for _, id := range x.order {
		boxed[id] = x.cols(id)
	}
	x.boxed = boxed
	return x, nil
}

// dateOf reads a store date as the calendar day it names.
func dateOf(t pgtype.Date) *time.Time {
	if !t.Valid {
		return nil
	}
	d, _ := dateValue(t)
	return &d
}

// dateValue is dateOf without the allocation: the day, and whether there is one.
func dateValue(t pgtype.Date) (time.Time, bool) {
	if !t.Valid {
		return time.Time{}, false
	}
	return time.Date(t.Time.Year(), t.Time.Month(), t.Time.Day(), 0, 0, 0, 0, time.UTC), true
}

func dayOr(t *time.Time, def time.Time) time.Time {
	if t == nil {
		return def
	}
	return *t
}

// dimUnitColumns and dimRows give dim_unit: one row per unit version.
var dimUnitColumns = []string{"unit_id", "code", "name", "type", "parent_id", "parent_code", "path",
	"valid_from", "valid_to", "is_current", "successor_codes", "rollup_id", "rollup_code", "rollup_name", "rollup_type", "real_name"}

func (x unitIndex) dimRows(at time.Time) [][]any {
	today := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
	out := make([][]any, 0, len(x.order))
	for _, id := range x.order {
		u := x.byID[id]
		succ := make([]string, 0, len(u.Successors))
		for _, s := range u.Successors {
			succ = append(succ, x.code(s))
		}
		slices.Sort(succ)
		r := x.byID[u.RollupID]
		current := (u.From == nil || !u.From.After(today)) && (u.To == nil || u.To.After(today))
		out = append(out, []any{
			uint64(u.ID), u.Code, u.Name, u.Type, uint64(u.ParentID), x.code(u.ParentID), u.Path,
			dayOr(u.From, dateOrigin), dayOr(u.To, dateOpen), b2u(current), succ,
			uint64(r.ID), r.Code, r.Name, r.Type, b2u(u.RealName),
		})
	}
	return out
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}
