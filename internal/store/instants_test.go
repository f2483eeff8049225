package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// TestOldTimeTextRewritten: a SQLite file written before times were held
// as sortable UTC text (Go's time.String(), in the value's own zone, with
// the monotonic reading) reads back as the same instants after migration,
// and its text now sorts as the instants do.
func TestOldTimeTextRewritten(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Migrate(ctx, old, dialect.SQLite); err != nil {
		t.Fatal(err)
	}
	const rewrite = "20261205170000_instants_as_sortable_utc"
	if _, err := old.ExecContext(ctx, `DELETE FROM thidua_migrations WHERE version = ?`, rewrite); err != nil {
		t.Fatal(err)
	}
	// What the driver wrote before: time.String() of whatever zone the
	// value carried; a civil date at midnight UTC.
	rows := []struct{ code, created, validFrom string }{
		{"A", "2025-12-28 06:59:59.5 +0700 +07 m=+258.280000001", "2025-01-01 00:00:00 +0000 UTC"},
		{"B", "2025-12-27 23:59:59.123456789 +0000 UTC", "2025-07-01 00:00:00 +0000 UTC"},
		{"C", "2025-12-28 00:00:00 +0000 UTC m=+1.5", "2024-02-29 00:00:00 +0000 UTC"},
	}
	for _, r := range rows {
		if _, err := old.ExecContext(ctx, `INSERT INTO units (created_at, updated_at, code, name, type, path, valid_from, real_name)
			VALUES (?, ?, ?, ?, 'WARD', '/', ?, 1)`, r.created, r.created, r.code, "Đơn vị "+r.code, r.validFrom); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	st, err := store.Open(ctx, "sqlite:"+path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var text string
	if err := st.DB.QueryRowContext(ctx, `SELECT created_at || '' FROM units WHERE code = 'A'`).Scan(&text); err != nil {
		t.Fatal(err)
	}
	if text != "2025-12-27 23:59:59.5+00:00" {
		t.Fatalf("A's created_at held as %q", text)
	}
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	got, err := st.Client.Unit.Query().Order(unit.ByCreatedAt(), unit.ByID()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"B": time.Date(2025, 12, 27, 23, 59, 59, 123456789, time.UTC),
		"A": time.Date(2025, 12, 27, 23, 59, 59, 500000000, time.UTC),
		"C": time.Date(2025, 12, 28, 0, 0, 0, 0, time.UTC),
	}
	order := ""
	for _, u := range got {
		order += u.Code
		if !u.CreatedAt.Equal(want[u.Code]) {
			t.Errorf("%s created %v, want %v", u.Code, u.CreatedAt, want[u.Code])
		}
	}
	if order != "BAC" {
		t.Errorf("ordered by creation %s, want BAC", order)
	}
	// A civil date stays the same day.
	b, err := st.Client.Unit.Query().Where(unit.Code("B")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.ValidFrom == nil || b.ValidFrom.Format(time.DateOnly) != "2025-07-01" {
		t.Errorf("B valid from %v", b.ValidFrom)
	}
	// One instant, any offset: the same rows.
	cut := time.Date(2025, 12, 28, 6, 59, 59, 500000000, time.FixedZone("ICT", 7*3600))
	n1, err := st.Client.Unit.Query().Where(unit.CreatedAtGTE(cut)).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n2, err := st.Client.Unit.Query().Where(unit.CreatedAtGTE(cut.UTC())).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n1 != 2 || n2 != 2 {
		t.Errorf("created at or after %v: %d in +07:00, %d in UTC, want 2 and 2", cut, n1, n2)
	}
}
