package chtest

import (
	"context"
	"testing"
	"time"
)

func TestMain(m *testing.M) { Main(m) }

// TestServerAnswers: the harness's server takes DDL and a columnar insert
// through the native protocol, with the column names named, and answers a
// query binding a date as toDate(?) — the 18.16 traps of design.md.
func TestServerAnswers(t *testing.T) {
	s := Shared(t)
	db := s.Database(t)
	conn, err := s.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	if err := conn.Exec(ctx, `CREATE TABLE probe (year UInt16, day Date, n UInt64) ENGINE = MergeTree PARTITION BY year ORDER BY (year, day)`); err != nil {
		t.Fatal(err)
	}
	batch, err := conn.PrepareBatch(ctx, "INSERT INTO probe (year, day, n)")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		if err := batch.Append(uint16(2025), time.Date(2025, 7, 1+i%28, 0, 0, 0, 0, time.UTC), uint64(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := batch.Send(); err != nil {
		t.Fatal(err)
	}
	var n uint64
	if err := conn.QueryRow(ctx, `SELECT count() FROM probe WHERE day >= toDate(?)`, "2025-07-15").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 || n == 100 {
		t.Fatalf("count %d: the date filter did not apply", n)
	}
	var version string
	if err := conn.QueryRow(ctx, `SELECT version()`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	t.Logf("ClickHouse %s; %d of 100 rows from 15 July", version, n)
}
