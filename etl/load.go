package etl

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

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
	// DigestKey keys the digest of the rows returned (see fingerprint);
	// nil leaves it unkeyed (tests).
	DigestKey []byte
	// Block is how many rows at least go to ClickHouse in one block;
	// 0 is ChunkRows. Tests set it small to load a year in many blocks.
	Block int
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
	drop := func() error {
		if err := conn.Exec(ctx, fmt.Sprintf("ALTER TABLE %s DROP PARTITION %d", target, p.Year)); err != nil {
			return err
		}
		p.point("dropped")
		return nil
	}
	if p.Rows == nil {
		return 0, "", drop()
	}
	// A name of its own per attempt: a retry never meets a failed attempt's rows.
	suffix := make([]byte, 3)
	_, _ = rand.Read(suffix)
	stage := fmt.Sprintf("`%s`.`%s%d_%s_%s`", p.Database, p.Table.Name+StageInfix, p.Year, runID, hex.EncodeToString(suffix))
	// A plain MergeTree with the target's partitioning and order, so REPLACE
	// PARTITION accepts it even when the target is replicated.
	if err := conn.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s ENGINE = MergeTree PARTITION BY %s ORDER BY %s",
		stage, target, p.Table.Partition, p.Table.Order)); err != nil {
		return 0, "", err
	}
	p.point("stage_created")
	defer func() {
		// Dropped even when the load was cancelled, within a bound of its
		// own: a warehouse that stopped answering must not hold a shutdown.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), FinishTimeout/2)
		defer cancel()
		if dropErr := conn.Exec(dctx, "DROP TABLE IF EXISTS "+stage); err == nil {
			err = dropErr
		}
	}()
	sent, digest, err := stream(ctx, conn, p, stage)
	if err != nil {
		return 0, "", err
	}
	if err := conn.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s", stage)).Scan(&loaded); err != nil {
		return 0, "", err
	}
	p.point("counted")
	if loaded != sent || (p.Want >= 0 && loaded != uint64(p.Want)) {
		return loaded, "", fmt.Errorf("%s %d: staged %d rows, the store has %d; the year is left as it was",
			p.Table.Name, p.Year, loaded, p.Want)
	}
	if loaded == 0 {
		if err := drop(); err != nil {
			return 0, "", err
		}
		return 0, digest, nil
	}
	if err := conn.Exec(ctx, fmt.Sprintf("ALTER TABLE %s REPLACE PARTITION %d FROM %s", target, p.Year, stage)); err != nil {
		return 0, "", err
	}
	p.point("replaced")
	return loaded, digest, nil
}

// stream moves the rows into the staging table: one goroutine reads the
// store, the other appends to blocks and sends them, so reading and
// inserting overlap; a few thousand rows in flight bound the memory.
func stream(ctx context.Context, conn driver.Conn, p Partition, stage string) (sent uint64, digest string, err error) {
	const slab = 4096
	slabs := make(chan [][]any, 4)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(slabs)
		buf := make([][]any, 0, slab)
		put := func() error {
			select {
			case slabs <- buf:
				buf = make([][]any, 0, slab)
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		err := p.Rows(func(row []any) error {
			if buf = append(buf, row); len(buf) == slab {
				return put()
			}
			return nil
		})
		if err == nil && len(buf) > 0 {
			err = put()
		}
		return err
	})
	g.Go(func() error {
		insert := fmt.Sprintf("INSERT INTO %s (%s)", stage, strings.Join(p.Table.ColumnNames(), ", "))
		fp := newFingerprint(p.DigestKey)
		var batch driver.Batch
		inBatch, block := 0, ChunkRows
		if p.Block > 0 {
			block = p.Block
		}
		defer func() {
			if batch != nil {
				_ = batch.Abort()
			}
		}()
		for rows := range slabs {
			if batch == nil {
				b, err := conn.PrepareBatch(gctx, insert)
				if err != nil {
					return err
				}
				batch = b
			}
			if err := appendColumns(batch, rows); err != nil {
				return fmt.Errorf("%s %d: %w", p.Table.Name, p.Year, err)
			}
			for _, row := range rows {
				fp.add(row)
			}
			inBatch += len(rows)
			sent += uint64(len(rows))
			if inBatch >= block {
				// An INSERT a block, not Flush between blocks of one INSERT
				// (which would keep the columns' buffers): Send watches the
				// context and Flush does not, so a warehouse that stopped
				// reading would hold the run past its cancellation.
				if err := batch.Send(); err != nil {
					return err
				}
				batch, inBatch = nil, 0
				p.point("block_sent")
			}
		}
		if batch != nil {
			if err := batch.Send(); err != nil {
				return err
			}
			batch = nil
			p.point("block_sent")
		}
		digest = fp.sum()
		return nil
	})
	err = g.Wait()
	return sent, digest, err
}

// StageInfix marks staging tables: fact_idea_stage_2024_RUNID.
const StageInfix = "_stage_"

// appendColumns adds rows to a batch a column at a time, as typed slices:
// clickhouse-go's row-by-row Append converts every value through
// reflection and was the slowest step of a load.
func appendColumns(batch driver.Batch, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	for j := range rows[0] {
		var col any
		switch rows[0][j].(type) {
		case uint8:
			col = column[uint8](rows, j)
		case uint16:
			col = column[uint16](rows, j)
		case uint32:
			col = column[uint32](rows, j)
		case uint64:
			col = column[uint64](rows, j)
		case string:
			col = column[string](rows, j)
		case time.Time:
			col = column[time.Time](rows, j)
		case *time.Time:
			col = column[*time.Time](rows, j)
		case *uint8:
			col = column[*uint8](rows, j)
		case []string:
			col = column[[]string](rows, j)
		case []uint64:
			col = column[[]uint64](rows, j)
		default:
			return fmt.Errorf("column %d: no columnar form for %T", j, rows[0][j])
		}
		if err := batch.Column(j).Append(col); err != nil {
			return fmt.Errorf("column %d: %w", j, err)
		}
	}
	return nil
}

// column gathers column j of the rows; every row holds the same type there
// (a nil pointer is a typed nil, never an untyped one).
func column[T any](rows [][]any, j int) []T {
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = r[j].(T)
	}
	return out
}
