package etl

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

func TestMain(m *testing.M) {
	if at := os.Getenv(killEnv); at != "" {
		os.Exit(killedRun(at))
	}
	chtest.Main(m, chcluster.StopShared, func() {
		for _, f := range cleanup {
			f()
		}
		seedtest.Cleanup()
	})
}

// migratedWarehouse is a connection to the shared server and a database
// of the test's own holding the warehouse's tables, both closed at its end.
func migratedWarehouse(t *testing.T) (driver.Conn, string) {
	t.Helper()
	srv := chtest.Shared(t)
	db := srv.Database(t)
	conn, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := warehouse.Migrate(context.Background(), conn, warehouse.Target{Database: db}); err != nil {
		t.Fatal(err)
	}
	return conn, db
}

// TestLoadPartition: a year is replaced whole, other years are untouched,
// and a year the source no longer has is dropped.
func TestLoadPartition(t *testing.T) {
	conn, db := migratedWarehouse(t)
	ctx := context.Background()
	table, _ := warehouse.Lookup("fact_headcount")
	part := func(year int, rows ...[]any) Partition {
		p := Partition{Database: db, Table: table, Target: table.Name, Year: year, Want: int64(len(rows))}
		if len(rows) > 0 {
			p.Rows = func(emit func([]any) error) error {
				for _, r := range rows {
					if err := emit(r); err != nil {
						return err
					}
				}
				return nil
			}
		}
		return p
	}
	row := func(year, unit, n int) []any {
		return []any{uint16(year), uint64(unit), "U", uint64(unit), "U", uint32(n)}
	}
	sum := func(year int) (rows, total uint64) {
		t.Helper()
		if err := conn.QueryRow(ctx, "SELECT count(), sum(toUInt64(headcount)) FROM `"+db+"`.fact_headcount WHERE year = ?", year).Scan(&rows, &total); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, p := range []Partition{part(2024, row(2024, 1, 10), row(2024, 2, 20)), part(2025, row(2025, 1, 5))} {
		if _, _, err := LoadPartition(ctx, conn, p, "r1"); err != nil {
			t.Fatal(err)
		}
	}
	if n, s := sum(2024); n != 2 || s != 30 {
		t.Fatalf("2024: %d rows, %d", n, s)
	}
	// The store changed 2024: one unit gone, one changed. Reloading gives
	// exactly the new year; 2025 is untouched.
	if _, _, err := LoadPartition(ctx, conn, part(2024, row(2024, 2, 21)), "r2"); err != nil {
		t.Fatal(err)
	}
	if n, s := sum(2024); n != 1 || s != 21 {
		t.Fatalf("2024 after the reload: %d rows, %d", n, s)
	}
	if n, s := sum(2025); n != 1 || s != 5 {
		t.Fatalf("2025 touched: %d rows, %d", n, s)
	}
	// Loading the same again changes nothing.
	if _, _, err := LoadPartition(ctx, conn, part(2024, row(2024, 2, 21)), "r3"); err != nil {
		t.Fatal(err)
	}
	if n, s := sum(2024); n != 1 || s != 21 {
		t.Fatalf("2024 after a second identical load: %d rows, %d", n, s)
	}
	// A year the source no longer has is dropped.
	if _, _, err := LoadPartition(ctx, conn, part(2025), "r4"); err != nil {
		t.Fatal(err)
	}
	if n, _ := sum(2025); n != 0 {
		t.Fatalf("2025 not dropped: %d rows", n)
	}
	// No staging table is left behind.
	var stages uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND name LIKE '%_stage_%'", db).Scan(&stages); err != nil || stages != 0 {
		t.Fatalf("staging tables left: %d %v", stages, err)
	}
}

// TestLoadPartitionInBlocks: a year larger than a block goes as several
// blocks: every row arrives once, as it was, whether the rows end inside a
// block or on its boundary, and the digest does not depend on where the
// blocks were cut.
func TestLoadPartitionInBlocks(t *testing.T) {
	conn, db := migratedWarehouse(t)
	ctx := context.Background()
	table, _ := warehouse.Lookup("fact_headcount")
	// Codes of varying length: a string column must neither lose nor
	// carry over bytes between blocks.
	code := func(i int) string { return strings.Repeat("đơn vị ", 1+i%7) + strconv.Itoa(i) }
	// Six slabs of 4,096 rows and a part of one; exactly two slabs.
	for _, n := range []int{25_000, 8_192} {
		var codeBytes uint64
		for i := range n {
			codeBytes += uint64(len(code(i)))
		}
		rows := func(emit func([]any) error) error {
			for i := range n {
				if err := emit([]any{uint16(2024), uint64(i), code(i), uint64(i % 300), "Quận", uint32(i)}); err != nil {
					return err
				}
			}
			return nil
		}
		load := func(block int) (string, int) {
			sent := 0
			p := Partition{Database: db, Table: table, Target: table.Name, Year: 2024, Want: int64(n), Rows: rows, Block: block,
				Point: func(s string) {
					if s == "block_sent" {
						sent++
					}
				}}
			loaded, digest, err := LoadPartition(ctx, conn, p, "r"+strconv.Itoa(n)+"_"+strconv.Itoa(block))
			if err != nil {
				t.Fatal(err)
			}
			if loaded != uint64(n) {
				t.Fatalf("%d rows, block %d: loaded %d rows", n, block, loaded)
			}
			var count, units, total, bytes uint64
			if err := conn.QueryRow(ctx, "SELECT count(), uniqExact(unit_id), sum(toUInt64(headcount)), sum(length(unit_code)) FROM `"+db+"`.fact_headcount WHERE year = 2024").
				Scan(&count, &units, &total, &bytes); err != nil {
				t.Fatal(err)
			}
			if count != uint64(n) || units != uint64(n) || total != uint64(n*(n-1)/2) || bytes != codeBytes {
				t.Fatalf("%d rows, block %d: %d rows, %d units, headcounts %d, %d bytes of codes (want %d)", n, block, count, units, total, bytes, codeBytes)
			}
			for _, i := range []int{0, 4095, 4096, n / 2, n - 1} {
				var got string
				if err := conn.QueryRow(ctx, "SELECT unit_code FROM `"+db+"`.fact_headcount WHERE year = 2024 AND unit_id = ?", uint64(i)).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != code(i) {
					t.Fatalf("%d rows, block %d: unit %d's code %q, sent %q", n, block, i, got, code(i))
				}
			}
			return digest, sent
		}
		many, blocks := load(4096)
		if want := (n + 4095) / 4096; blocks != want {
			t.Errorf("%d blocks sent for %d rows at 4,096 a block, want %d", blocks, n, want)
		}
		one, blocks := load(0)
		if blocks != 1 {
			t.Errorf("%d blocks sent in one, want 1", blocks)
		}
		if many != one {
			t.Errorf("%d rows: the digest of the rows in blocks %s, in one %s", n, many, one)
		}
	}
}
