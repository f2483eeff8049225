package etl

import (
	"context"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// ChunkRows is how many rows go to ClickHouse in one block: large enough
// for ~1 M rows/s, small enough that memory stays flat whatever the year.
const ChunkRows = 100_000

// Partition is one year of a fact table, as the source streams it.
type Partition struct {
	Database string
	Table    warehouse.Table
	Target   string // the table that holds the data: NAME, or NAME_local on a cluster
	Year     int
	// Rows streams the year's rows in column order; nil for a year the
	// source no longer has.
	Rows func(emit func([]any) error) error
	// Want is the source's own count of the year's rows, checked against
	// what was staged; negative skips the check (tests).
	Want int64
	// Point is called at each step, so tests can stop a run there.
	Point func(string)
}

func (p Partition) point(name string) {
	if p.Point != nil {
		p.Point(name)
	}
}

// LoadPartition replaces a year of a fact table atomically: the rows go
// into a fresh staging table of the same structure in blocks, their count
// is checked against the source, and REPLACE PARTITION swaps them in; a
// year the source no longer has is dropped. Analysts never see half a
// year, and a load interrupted at any point leaves the year as it was
// (a killed load's staging table is dropped by the next run). It works the
// same on 18.16 and on current servers. It returns the rows loaded and a
// digest of them.
func LoadPartition(ctx context.Context, conn driver.Conn, p Partition, runID string) (loaded uint64, digest string, err error) {
	target := fmt.Sprintf("`%s`.`%s`", p.Database, p.Target)
	if p.Rows == nil {
		if err := conn.Exec(ctx, fmt.Sprintf("ALTER TABLE %s DROP PARTITION %d", target, p.Year)); err != nil {
			return 0, "", err
		}
		p.point("dropped")
		return 0, "", nil
	}
	stage := fmt.Sprintf("`%s`.`%s%d_%s`", p.Database, p.Table.Name+StageInfix, p.Year, runID)
	if err := conn.Exec(ctx, "DROP TABLE IF EXISTS "+stage); err != nil {
		return 0, "", err
	}
	// A plain MergeTree with the target's partitioning and order, so REPLACE
	// PARTITION accepts it even when the target is replicated.
	if err := conn.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s ENGINE = MergeTree PARTITION BY %s ORDER BY %s",
		stage, target, p.Table.Partition, p.Table.Order)); err != nil {
		return 0, "", err
	}
	p.point("stage_created")
	defer func() {
		if dropErr := conn.Exec(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+stage); err == nil {
			err = dropErr
		}
	}()
	insert := fmt.Sprintf("INSERT INTO %s (%s)", stage, strings.Join(p.Table.ColumnNames(), ", "))
	var (
		batch         driver.Batch
		inBatch, sent int
		fp            = newFingerprint()
	)
	send := func() error {
		if batch == nil {
			return nil
		}
		if err := batch.Send(); err != nil {
			return err
		}
		batch, inBatch = nil, 0
		p.point("block_sent")
		return nil
	}
	err = p.Rows(func(row []any) error {
		if batch == nil {
			b, err := conn.PrepareBatch(ctx, insert)
			if err != nil {
				return err
			}
			batch = b
		}
		if err := batch.Append(row...); err != nil {
			return fmt.Errorf("%s %d: %w", p.Table.Name, p.Year, err)
		}
		fp.add(row)
		inBatch++
		sent++
		if inBatch >= ChunkRows {
			return send()
		}
		return nil
	})
	if err == nil {
		err = send()
	}
	if batch != nil {
		_ = batch.Abort()
	}
	if err != nil {
		return 0, "", err
	}
	if err := conn.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s WHERE year = %d", stage, p.Year)).Scan(&loaded); err != nil {
		return 0, "", err
	}
	p.point("counted")
	if loaded != uint64(sent) || (p.Want >= 0 && loaded != uint64(p.Want)) {
		return loaded, "", fmt.Errorf("%s %d: staged %d rows, the store has %d; the year is left as it was",
			p.Table.Name, p.Year, loaded, p.Want)
	}
	if loaded == 0 {
		if err := conn.Exec(ctx, fmt.Sprintf("ALTER TABLE %s DROP PARTITION %d", target, p.Year)); err != nil {
			return 0, "", err
		}
		p.point("dropped")
		return 0, fp.sum(), nil
	}
	if err := conn.Exec(ctx, fmt.Sprintf("ALTER TABLE %s REPLACE PARTITION %d FROM %s", target, p.Year, stage)); err != nil {
		return 0, "", err
	}
	p.point("replaced")
	return loaded, fp.sum(), nil
}

// StageInfix marks staging tables: fact_idea_stage_2024_RUNID.
const StageInfix = "_stage_"
