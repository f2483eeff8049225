package importer

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// testStore is a migrated store holding only the city.
func testStore(t *testing.T, dialect string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.URL(t, dialect), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	st.Client.Unit.Create().SetCode("HCM").SetName("Thành phố Hồ Chí Minh").SetType(domain.UnitTypeCity).SaveX(sys)
	return st
}

// board is the context of the board's officer who imports.
func board() context.Context {
	ctx := access.NewContext(context.Background(), &access.Viewer{Sub: "board-officer", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"})
	return access.WithRequestID(ctx, "import-test")
}

// workbook fills a kind's XLSX template with rows under its headers.
func workbook(t *testing.T, k Kind, rows [][]string) []byte {
	t.Helper()
	var tmpl bytes.Buffer
	if err := Template(&tmpl, k, "xlsx"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&tmpl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := f.SetSheetRow("Dữ liệu", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// csvFile writes a kind's CSV template with rows.
func csvFile(t *testing.T, k Kind, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Template(&b, k, "csv"); err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func run(t *testing.T, st *store.Store, k Kind, name string, file []byte, dry bool) Result {
	t.Helper()
	res, err := Run(board(), st.Client, k, name, bytes.NewReader(file), dry)
	if err != nil {
		t.Fatalf("import %s: %v", k, err)
	}
	return res
}

// dump is every row of the tables an import may write, and of the audit
// log, as text: equal dumps mean an unchanged store.
func dump(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"units", "unit_successors", "people", "memberships", "headcounts", "awards",
		"ideas", "idea_events", "idea_proposers", "phases", "integrity_flags", "audit_events"} {
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY 1, 2")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %v\n", table, vals)
		}
		rows.Close()
	}
	return b.String()
}

func counts(r Result) string {
	return fmt.Sprintf("rows %d created %d updated %d unchanged %d", r.Rows, r.Created, r.Updated, r.Unchanged)
}

func forEachDialect(t *testing.T, f func(t *testing.T, st *store.Store)) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { f(t, testStore(t, d)) })
	}
}

func readerOf(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// hasDiacritics tells a Vietnamese message from an English one.
func hasDiacritics(s string) bool {
	for _, r := range s {
		if r > 0x7f {
			return true
		}
	}
	return false
}

// createsAudited counts the audit rows of creations by the importing
// officer, by entity type.
func createsAudited(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	rows, err := db.Query(`SELECT entity_type, count(*) FROM audit_events WHERE actor_sub = 'board-officer' AND operation = 'CREATE' GROUP BY entity_type`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		out[k] = n
	}
	return out
}
