package etl

import (
	"context"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Partition is one year of a fact table, as the source has it.
type Partition struct {
	Database string
	Table    string
	Year     int
	Columns  []string
	Rows     [][]any
}

// LoadPartition replaces a year of a fact table atomically: the rows go
// into a fresh staging table of the same structure, their count is checked
// against the source, and REPLACE PARTITION swaps them in; a year the
// source no longer has is dropped. Analysts never see half a year, and a
// load interrupted at any point leaves the year as it was (the staging
// table of a killed load is dropped by the next one). It works the same on
// 18.16 and on current servers.
func LoadPartition(ctx context.Context, conn driver.Conn, p Partition, runID string) (loaded uint64, err error) {
	target := fmt.Sprintf("`%s`.`%s`", p.Database, p.Table)
	if len(p.Rows) == 0 {
		return 0, conn.Exec(ctx, fmt.Sprintf("ALTER TABLE %s DROP PARTITION %d", target, p.Year))
	}
	stage := fmt.Sprintf("`%s`.`%s_stage_%d_%s`", p.Database, p.Table, p.Year, runID)
	if err := conn.Exec(ctx, "DROP TABLE IF EXISTS "+stage); err != nil {
		return 0, err
	}
	if err := conn.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s", stage, target)); err != nil {
		return 0, err
	}
	defer func() {
		if dropErr := conn.Exec(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+stage); err == nil {
			err = dropErr
		}
	}()
	batch, err := conn.PrepareBatch(ctx, fmt.Sprintf("INSERT INTO %s (%s)", stage, strings.Join(p.Columns, ", ")))
	if err != nil {
		return 0, err
	}
	for _, r := range p.Rows {
		if err := batch.Append(r...); err != nil {
			return 0, fmt.Errorf("%s %d: %w", p.Table, p.Year, err)
		}
	}
	if err := batch.Send(); err != nil {
		return 0, err
	}
	if err := conn.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s WHERE year = %d", stage, p.Year)).Scan(&loaded); err != nil {
		return 0, err
	}
	if loaded != uint64(len(p.Rows)) {
		return loaded, fmt.Errorf("%s %d: staged %d rows of %d; the year is left as it was", p.Table, p.Year, loaded, len(p.Rows))
	}
	if err := conn.Exec(ctx, fmt.Sprintf("ALTER TABLE %s REPLACE PARTITION %d FROM %s", target, p.Year, stage)); err != nil {
		return 0, err
	}
	return loaded, nil
}
