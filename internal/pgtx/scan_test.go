package pgtx_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/internal/pgtx"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// samples are a value of each column type the store's schema uses, as SQL.
var samples = map[string]string{
	"bigint":                      "9007199254740993",
	"integer":                     "-42",
	"smallint":                    "7",
	"boolean":                     "true",
	"character varying":           "'Phường Bến Nghé'",
	"text":                        "'ý tưởng “sáng tạo”'",
	"timestamp with time zone":    "'2025-12-31 23:30:00.123456+07'",
	"timestamp without time zone": "'2025-12-31 23:30:00.5'",
	"date":                        "'2025-02-28'",
	"jsonb":                       `'{"mới": [1, "x", null], "cũ": {"a": 2.5}}'`,
	"json":                        `'{"a": 1}'`,
	"double precision":            "0.1",
	"real":                        "1.5",
	"numeric":                     "12345.678",
	"bytea":                       `'\xdeadbeef'`,
	"ARRAY":                       "ARRAY['a', 'b']", // text[]: the schema's arrays are of text
}

type status string

// destinations are what ent's scanning and the project's raw reads scan
// into; each column is scanned into each, with the value and with NULL.
func destinations() []any {
	var (
		s  string
		ps *string
		n  int
		n8 int64
		n4 int32
		f  float64
		b  bool
		tm time.Time
		by []byte
		a  any
		st status
		js json.RawMessage
	)
	return []any{&s, &ps, &n, &n8, &n4, &f, &b, &tm, &by, &a, &st, &js,
		new(sql.NullString), new(sql.NullInt64), new(sql.NullInt32), new(sql.NullFloat64), new(sql.NullBool),
		new(sql.NullTime), new(sql.Null[string]), new(sql.RawBytes)}
}

// TestScansAsDatabaseSQL: a query that goes with the held BEGIN is read
// from pgx, not database/sql; every column type of the migrated schema,
// scanned into every destination ent and the raw reads use, gives what
// database/sql gives — the same value or an error alike. A type added to
// the schema without a sample fails the test.
func TestScansAsDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	url := storetest.URL(t, "postgres")
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	types, err := st.DB.QueryContext(ctx, `SELECT DISTINCT CASE data_type WHEN 'ARRAY' THEN udt_name ELSE data_type END
		FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for types.Next() {
		var ty string
		if err := types.Scan(&ty); err != nil {
			t.Fatal(err)
		}
		if _, ok := samples[ty]; !ok {
			t.Errorf("the schema has a column of type %s, without a sample here", ty)
		}
		used[ty] = true
	}
	types.Close()
	t.Logf("the schema's column types: %v", used)
	var cols []string // every sample, the types the schema may take up too
	for ty, v := range samples {
		if strings.HasPrefix(ty, "_") { // an array, its type in the sample
			cols = append(cols, v)
			continue
		}
		cols = append(cols, fmt.Sprintf("CAST(%s AS %s)", v, ty))
	}
	drv := pgtx.New(st.Driver)
	for _, null := range []bool{false, true} {
		for i, col := range cols {
			q := "SELECT " + col
			if null {
				q = "SELECT NULL"
				if i > 0 {
					break
				}
			}
			for _, dest := range destinations() {
				want, wantErr := scanStd(ctx, st.DB, q, dest)
				got, gotErr := scanFirst(ctx, drv, q, reflect.New(reflect.TypeOf(dest).Elem()).Interface())
				if (wantErr == nil) != (gotErr == nil) || !reflect.DeepEqual(want, got) {
					t.Errorf("%s into %T: database/sql %#v (%v), pgtx %#v (%v)", q, dest, want, wantErr, got, gotErr)
				}
			}
		}
	}
}

func scanStd(ctx context.Context, db *sql.DB, q string, dest any) (any, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return firstRow(rows, dest)
}

// scanFirst scans q as a transaction's first statement: sent with BEGIN.
func scanFirst(ctx context.Context, d *pgtx.Driver, q string, dest any) (any, error) {
	tx, err := d.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var rows entsql.Rows
	if err := tx.Query(ctx, q, []any{}, &rows); err != nil {
		return nil, err
	}
	return firstRow(&rows, dest)
}

// firstRow scans the first row's one column into dest and closes rows.
func firstRow(rows interface {
	Next() bool
	Err() error
	Scan(...any) error
	Close() error
}, dest any) (any, error) {
	defer rows.Close()
	if !rows.Next() {
		return nil, fmt.Errorf("no row: %v", rows.Err())
	}
	if err := rows.Scan(dest); err != nil {
		return nil, err
	}
	return reflect.ValueOf(dest).Elem().Interface(), nil
}

// A type whose text pgx does not write as the server does is refused, not
// handed over in another form: an array of instants reads "…Z" from pgx
// and "…+00" from the server, an interval "14 mon 3 day 00:00:00" against
// "1 year 2 mons 3 days"; pgx flattens an array of two dimensions.
func TestAnUnvettedBinaryTypeIsRefused(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.URL(t, "postgres"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []string{`SELECT CAST(ARRAY['2025-01-01 00:00+07'] AS timestamptz[])`,
		`SELECT CAST('1 year 3 days' AS interval)`, `SELECT CAST('it''s' AS tsvector)`,
		`SELECT ARRAY[ARRAY['a', 'b'], ARRAY['c', 'd']]`, `SELECT CAST('[0:1]={a,b}' AS text[])`} {
		var s string
		_, err = scanFirst(ctx, pgtx.New(st.Driver), q, &s)
		if err == nil || !strings.Contains(err.Error(), "server's") {
			t.Errorf("%s: %v, want the refusal", q, err)
		}
	}
}
