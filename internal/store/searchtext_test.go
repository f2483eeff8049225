package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// TestSearchTextBackfilled: rows written before search_text existed (null
// there) are folded when the store opens, and a second pass finds nothing.
func TestSearchTextBackfilled(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	st, err := store.Open(ctx, "sqlite:"+path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO units (created_at, updated_at, code, name, type, path, real_name) VALUES ('2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 'Q1', 'Ủy ban nhân dân Quận 1', 'DISTRICT', '/Q1/', 1)`,
		`INSERT INTO people (created_at, updated_at, code, full_name, gender) VALUES ('2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 'CB1', 'Trần Thị Thuỷ', 'FEMALE')`,
		`INSERT INTO ideas (created_at, updated_at, code, title, summary, field, kind, proposed_on, year, unit_id)
			VALUES ('2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 'YT1', 'Ứng dụng số', NULL, 'ADMINISTRATIVE_REFORM', 'IDEA', '2025-01-01 00:00:00+00:00', 2025, (SELECT id FROM units WHERE code = 'Q1'))`,
	} {
		if _, err := st.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	st, err = store.Open(ctx, "sqlite:"+path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := map[string]string{
		`SELECT search_text FROM units WHERE code = 'Q1'`:   "q1 | uy ban nhan dan quan 1",
		`SELECT search_text FROM people WHERE code = 'CB1'`: "cb1 | tran thi thuy",
		`SELECT search_text FROM ideas WHERE code = 'YT1'`:  "ung dung so | cai cach hanh chinh",
	}
	for q, w := range want {
		var got string
		if err := st.DB.QueryRowContext(ctx, q).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("%s: %q, want %q", q, got, w)
		}
	}
	n, err := store.BackfillSearchText(ctx, st.DB, st.Dialect)
	if err != nil || n != 0 {
		t.Fatalf("second backfill: %d rows, %v", n, err)
	}
}
