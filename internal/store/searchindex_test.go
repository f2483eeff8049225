package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestSearchIndexInSync: SQLite's FTS5 search tables follow their tables
// through inserts, the backfill's updates, edits and deletes (their
// triggers exist after every migration: a table rebuild would drop them),
// and FTS5's own check agrees with the content.
func TestSearchIndexInSync(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fts.db")
	st, err := store.Open(ctx, "sqlite:"+path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	exec := func(qs ...string) {
		t.Helper()
		for _, q := range qs {
			if _, err := st.DB.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	// search_text null, as before the column: the backfill's UPDATE is
	// the first text the index sees.
	exec(
		`INSERT INTO units (created_at, updated_at, code, name, type, path, real_name) VALUES ('2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 'Q1', 'Ủy ban nhân dân Quận 1', 'DISTRICT', '/Q1/', 1)`,
		`INSERT INTO people (created_at, updated_at, code, full_name, gender) VALUES ('2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 'CB1', 'Trần Thị Thuỷ', 'FEMALE')`,
		`INSERT INTO ideas (created_at, updated_at, code, title, summary, field, kind, proposed_on, year, unit_id)
			VALUES ('2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 'YT1', 'Ứng dụng số', NULL, 'ADMINISTRATIVE_REFORM', 'IDEA', '2025-01-01 00:00:00+00:00', 2025, (SELECT id FROM units WHERE code = 'Q1'))`,
	)
	if _, err := store.BackfillSearchText(ctx, st.DB, st.Dialect); err != nil {
		t.Fatal(err)
	}
	exec(
		`INSERT INTO people (created_at, updated_at, code, full_name, gender, search_text) VALUES ('2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 'CB2', 'Lê Văn Tám', 'MALE', 'cb2 | le van tam')`,
		`UPDATE ideas SET search_text = 'so hoa ho so | cai cach hanh chinh' WHERE code = 'YT1'`,
		`DELETE FROM people WHERE code = 'CB1'`,
	)
	found := func(table, match string) []string {
		t.Helper()
		rows, err := st.DB.QueryContext(ctx, `SELECT code FROM `+table+` WHERE id IN (SELECT rowid FROM `+table+`_search WHERE `+table+`_search MATCH ?) ORDER BY code`, match)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		return out
	}
	for _, c := range []struct {
		table, match string
		want         []string
	}{
		{"units", `"quan"`, []string{"Q1"}},
		{"people", `"tran"`, nil},                // deleted
		{"people", `"van tam"`, []string{"CB2"}}, // inserted with its text
		{"ideas", `"ung dung"`, nil},             // the backfilled text, replaced
		{"ideas", `"ho so"`, []string{"YT1"}},
	} {
		if got := found(c.table, c.match); !slices.Equal(got, c.want) {
			t.Errorf("%s MATCH %s: %v, want %v", c.table, c.match, got, c.want)
		}
	}
	for _, table := range []string{"ideas", "units", "people"} {
		// rank 1: compare the index with the content table too.
		exec(`INSERT INTO ` + table + `_search(` + table + `_search, rank) VALUES ('integrity-check', 1)`)
		var n int
		if err := st.DB.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE ?`, table, table+"_search_%").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("%s: %d search triggers, want 3 (insert, update, delete)", table, n)
		}
	}
	st.Close()
}

// TestSearchIndexUsable: on PostgreSQL, a word's LIKE as the API writes it
// can be answered by the trigram index (sequential scans priced out, so
// that the table's size does not decide): a missing index, or one LIKE
// cannot use, plans a sequential scan.
func TestSearchIndexUsable(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.URL(t, "postgres"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"ideas", "units", "people"} {
		rows, err := conn.QueryContext(ctx, `EXPLAIN SELECT id FROM `+table+` WHERE search_text LIKE $1 ESCAPE '\'`, `%hoa\_x%`)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		rows.Close()
		if p := strings.Join(plan, "\n"); !strings.Contains(p, table+"_search_text_trgm") {
			t.Errorf("%s: the search LIKE does not use %s_search_text_trgm:\n%s", table, table, p)
		}
	}
}
