package etl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestNoPersonalData: no person's name, code or e-mail appears anywhere in
// the warehouse, in any string column or array of strings; people appear
// only as keys that the store's codes do not reproduce without the secret.
func TestNoPersonalData(t *testing.T) {
	f := newFixture(t, "sqlite", chtest.Shared(t))
	f.run(false)
	personal := map[string]bool{}
	rows, err := f.st.DB.QueryContext(f.ctx, `SELECT code, full_name, coalesce(email, '') FROM people`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var code, name, email string
		if err := rows.Scan(&code, &name, &email); err != nil {
			t.Fatal(err)
		}
		personal[code], personal[name] = true, true
		if email != "" {
			personal[email] = true
		}
	}
	rows.Close()
	if len(personal) < 1000 {
		t.Fatalf("only %d personal values to look for", len(personal))
	}
	other, _ := NewPseudonymizer("some-other-key-some-other-key-some-other")
	checked := 0
	for _, name := range append([]string{"dim_unit"}, factNames()...) {
		tb, _ := warehouse.Lookup(name)
		for _, c := range tb.Columns {
			var expr string
			switch {
			case c[1] == "String":
				expr = c[0]
			case c[1] == "Array(String)":
				expr = "arrayJoin(" + c[0] + ")"
			default:
				continue
			}
			vals, err := f.wh.Query(f.ctx, fmt.Sprintf("SELECT DISTINCT %s FROM `%s`.`%s`", expr, f.db, name))
			if err != nil {
				t.Fatal(err)
			}
			for vals.Next() {
				var v string
				if err := vals.Scan(&v); err != nil {
					t.Fatal(err)
				}
				checked++
				if personal[v] {
					t.Errorf("%s.%s holds personal data %q", name, c[0], v)
				}
				if strings.HasSuffix(c[0], "key") || strings.HasSuffix(c[0], "keys") {
					if v != "" && len(v) != 32 {
						t.Errorf("%s.%s: %q is not a pseudonym", name, c[0], v)
					}
				}
			}
			vals.Close()
		}
	}
	if checked < 1000 {
		t.Errorf("only %d distinct values checked", checked)
	}
	// A key computed with another secret from a store code matches nothing.
	var n uint64
	if err := f.wh.QueryRow(f.ctx, fmt.Sprintf("SELECT count() FROM `%s`.fact_participation WHERE person_key = ?", f.db), other.Person("CB0000001")).Scan(&n); err != nil || n != 0 {
		t.Errorf("a key under another secret matched %d rows (%v)", n, err)
	}
}
