package store

import (
	"context"
	"database/sql"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/search"
)

// searchSources are the tables with a search_text column and how a row's
// columns fold into it: the same texts the ent hooks write (ent/schema).
var searchSources = []struct {
	table   string
	columns []string
	text    func(v []sql.NullString) string
}{
	{"ideas", []string{"title", "summary", "field"}, func(v []sql.NullString) string {
		return search.IdeaText(v[0].String, v[1].String, domain.IdeaField(v[2].String))
	}},
	{"units", []string{"code", "name"}, func(v []sql.NullString) string { return search.Join(v[0].String, v[1].String) }},
	{"people", []string{"code", "full_name"}, func(v []sql.NullString) string { return search.Join(v[0].String, v[1].String) }},
}

const backfillBatch = 500

// BackfillSearchText folds the rows whose search_text is null: those
// written before the column existed (a migration cannot fold in SQL).
// Rows the hooks wrote are never null, so on a current store it is one
// indexed-or-not probe per table that finds nothing. Batches keep a large
// store's transactions short; it may run again after any interruption.
func BackfillSearchText(ctx context.Context, db *sql.DB, dialect string) (int, error) {
	total := 0
	for _, src := range searchSources {
		for {
			n, err := backfillBatchOf(ctx, db, dialect, src.table, src.columns, src.text)
			if err != nil {
				return total, fmt.Errorf("search_text of %s: %w", src.table, err)
			}
			total += n
			if n < backfillBatch {
				break
			}
		}
	}
	return total, nil
}

func backfillBatchOf(ctx context.Context, db *sql.DB, dialect, table string, columns []string, text func([]sql.NullString) string) (int, error) {
	b := entsql.Dialect(dialect)
	q, args := b.Select(append([]string{"id"}, columns...)...).From(entsql.Table(table)).
		Where(entsql.IsNull("search_text")).OrderBy("id").Limit(backfillBatch).Query()
	// Read the whole batch before writing: SQLite's store has one connection.
	type row struct {
		id   int
		text string
	}
	var batch []row
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int
		v := make([]sql.NullString, len(columns))
		dest := []any{&id}
		for i := range v {
			dest = append(dest, &v[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return 0, err
		}
		batch = append(batch, row{id, text(v)})
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(batch) == 0 {
		return 0, nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	for _, r := range batch {
		// Only rows still null: a row the API rewrote meanwhile keeps its hook's text.
		q, args := b.Update(table).Set("search_text", r.text).
			Where(entsql.And(entsql.EQ("id", r.id), entsql.IsNull("search_text"))).Query()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			tx.Rollback()
			return 0, err
		}
	}
	return len(batch), tx.Commit()
}
