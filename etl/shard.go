package etl

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// ShardKey is the column that places a fact row on a shard of a cluster
// (warehouse.ShardKey): row → shard unit_id % shards (0-based, in
// system.clusters' order), what the fact tables' Distributed sharding key
// `unit_id` chooses with equal weights (warehouse migration 0007), so an
// insert through them agrees with the ETL. By unit, a unit's facts of a
// year sit on one shard: questions per unit are answered shard-locally,
// and dim_unit (small, complete on every shard) joins locally.
const ShardKey = warehouse.ShardKey

// ShardOf is the 0-based shard of a row's unit.
func ShardOf(unitID uint64, shards int) int { return int(unitID % uint64(shards)) }

// LoadSharded replaces a year of a fact table on every shard of a cluster:
// conns[i] talks to one replica of shard i+1 and p.Target is the Replicated
// NAME_local table. It stages each shard's share of the rows (split by
// ShardKey) in a plain MergeTree on that replica, counts every shard's
// stage against the rows the store gave it and the total against the
// store's count, and only then swaps each shard's year in with REPLACE
// PARTITION (verified on 18.16: a non-replicated source into a Replicated
// table, replicated to the shard's other replicas); a shard with no row of
// the year has it dropped. A failure before the swaps leaves every shard
// as it was. The swaps are one per shard, not one for the cluster: a
// failure between them leaves the year new on some shards and old on the
// others, reported as the year's failure, so the run fails, its state is
// not advanced and the next run reloads the year.
func LoadSharded(ctx context.Context, conns []driver.Conn, p Partition, runID string) (loaded uint64, digest string, err error) {
	target := fmt.Sprintf("`%s`.`%s`", p.Database, p.Target)
	dropAll := func() error {
		if err := onShards(conns, func(_ int, c driver.Conn) error {
			return c.Exec(ctx, fmt.Sprintf("ALTER TABLE %s DROP PARTITION %d", target, p.Year))
		}); err != nil {
			return err
		}
		p.point("dropped")
		return nil
	}
	if p.Rows == nil {
		return 0, "", dropAll()
	}
	key := slices.Index(p.Table.ColumnNames(), ShardKey)
	if key < 0 {
		return 0, "", fmt.Errorf("%s has no %s to shard by", p.Table.Name, ShardKey)
	}
	suffix := make([]byte, 3)
	_, _ = rand.Read(suffix)
	stage := fmt.Sprintf("`%s`.`%s%d_%s_%s`", p.Database, p.Table.Name+StageInfix, p.Year, runID, hex.EncodeToString(suffix))
	// Every shard is asked to drop the stage, made or not: DROP … IF EXISTS
	// costs nothing where it was not, and a CREATE that failed on one shard
	// may have succeeded on the others.
	defer func() {
		if dropErr := dropStage(ctx, conns, stage); err == nil {
			err = dropErr
		}
	}()
	if err := onShards(conns, func(_ int, c driver.Conn) error {
		return c.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s ENGINE = MergeTree PARTITION BY %s ORDER BY %s",
			stage, target, p.Table.Partition, p.Table.Order))
	}); err != nil {
		return 0, "", err
	}
	p.point("stage_created")

	insert := fmt.Sprintf("INSERT INTO %s (%s)", stage, strings.Join(p.Table.ColumnNames(), ", "))
	const slab = 4096
	n := len(conns)
	bufs := make([][][]any, n)
	batches := make([]driver.Batch, n)
	inBatch := make([]int, n)
	sent := make([]uint64, n)
	defer func() {
		for _, b := range batches {
			if b != nil {
				_ = b.Abort()
			}
		}
	}()
	flush := func(i int, final bool) error {
		if len(bufs[i]) > 0 {
			if batches[i] == nil {
				b, err := conns[i].PrepareBatch(ctx, insert)
				if err != nil {
					return err
				}
				batches[i] = b
			}
			if err := appendColumns(batches[i], bufs[i]); err != nil {
				return fmt.Errorf("%s %d: %w", p.Table.Name, p.Year, err)
			}
			inBatch[i] += len(bufs[i])
			bufs[i] = bufs[i][:0:0]
		}
		if batches[i] != nil && (final || inBatch[i] >= ChunkRows) {
			if err := batches[i].Send(); err != nil {
				return err
			}
			batches[i], inBatch[i] = nil, 0
			p.point("block_sent")
		}
		return nil
	}
	fp := newFingerprint(p.DigestKey)
	err = p.Rows(func(row []any) error {
		id, ok := row[key].(uint64)
		if !ok {
			return fmt.Errorf("%s %d: %s is %T, not uint64", p.Table.Name, p.Year, ShardKey, row[key])
		}
		i := ShardOf(id, n)
		fp.add(row)
		sent[i]++
		if bufs[i] = append(bufs[i], row); len(bufs[i]) == slab {
			return flush(i, false)
		}
		return nil
	})
	if err != nil {
		return 0, "", err
	}
	for i := range conns {
		if err := flush(i, true); err != nil {
			return 0, "", err
		}
	}
	digest = fp.sum()
	if err := onShards(conns, func(i int, c driver.Conn) error {
		var got uint64
		if err := c.QueryRow(ctx, "SELECT count() FROM "+stage).Scan(&got); err != nil {
			return err
		}
		if got != sent[i] {
			return fmt.Errorf("%s %d: shard %d staged %d rows of its %d; the year is left as it was on every shard",
				p.Table.Name, p.Year, i+1, got, sent[i])
		}
		return nil
	}); err != nil {
		return 0, "", err
	}
	var total uint64
	for _, n := range sent {
		total += n
	}
	p.point("counted")
	if p.Want >= 0 && total != uint64(p.Want) {
		return total, "", fmt.Errorf("%s %d: staged %d rows, the store has %d; the year is left as it was on every shard",
			p.Table.Name, p.Year, total, p.Want)
	}
	if err := onShards(conns, func(i int, c driver.Conn) error {
		q := fmt.Sprintf("ALTER TABLE %s REPLACE PARTITION %d FROM %s", target, p.Year, stage)
		if sent[i] == 0 {
			q = fmt.Sprintf("ALTER TABLE %s DROP PARTITION %d", target, p.Year)
		}
		if err := c.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s %d: shard %d: %w (other shards may hold the new year: the next run reloads it)", p.Table.Name, p.Year, i+1, err)
		}
		return nil
	}); err != nil {
		return 0, "", err
	}
	p.point("replaced")
	return total, digest, nil
}

// onShards runs f for every shard at once and returns the first shard's
// error in shard order: a shard's DDL waits on its ZooKeeper round trips,
// not on the other shards', so one after another the cluster paid every
// shard's wait in turn.
func onShards(conns []driver.Conn, f func(i int, c driver.Conn) error) error {
	errs := make([]error, len(conns))
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(i, c)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// openShards connects to one replica of every shard of the cluster, as
// system.clusters of the URL's node lists them: the first that answers.
func openShards(ctx context.Context, url string, conn driver.Conn, cluster string) ([]driver.Conn, error) {
	layout, err := warehouse.ClusterShards(ctx, conn, cluster)
	if err != nil {
		return nil, fmt.Errorf("warehouse: %w", err)
	}
	var out []driver.Conn
	for _, s := range layout {
		var c driver.Conn
		var last error
		for _, addr := range s.Replicas {
			if c, last = warehouse.OpenNode(ctx, url, addr); last == nil {
				break
			}
		}
		if c == nil {
			for _, o := range out {
				o.Close()
			}
			return nil, fmt.Errorf("warehouse: no replica of shard %d answers: %w", s.Num, last)
		}
		out = append(out, c)
	}
	return out, nil
}

// loadDimCluster makes dim_unit complete on every shard: it is small, and a
// fact joined to it on any shard must find its unit there. On each shard
// (one replica; replication carries it to the others) all the rows are
// staged in a plain MergeTree and counted, and only when every shard's
// stage is complete is each swapped into the Replicated dim_unit_local by
// REPLACE PARTITION tuple() (the table has no partitioning): the RENAME
// swap of one node would not reach the shard's other replicas. Analysts
// read it as dim_unit, a view of their node's complete dim_unit_local
// (warehouse migration 6; docs/warehouse.md).
func loadDimCluster(ctx context.Context, conns []driver.Conn, db string, t warehouse.Table, rows [][]any, point func(string)) (err error) {
	live := fmt.Sprintf("`%s`.`%s_local`", db, t.Name)
	stage := fmt.Sprintf("`%s`.`%s%s`", db, t.Name, dimSuffixNew)
	created := 0
	defer func() {
		if dropErr := dropStage(ctx, conns[:created], stage); err == nil {
			err = dropErr
		}
	}()
	insert := fmt.Sprintf("INSERT INTO %s (%s)", stage, strings.Join(t.ColumnNames(), ", "))
	for i, c := range conns {
		if err := c.Exec(ctx, "DROP TABLE IF EXISTS "+stage); err != nil {
			return err
		}
		if err := c.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s ENGINE = MergeTree ORDER BY %s", stage, live, t.Order)); err != nil {
			return err
		}
		created++
		b, err := c.PrepareBatch(ctx, insert)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := b.Append(r...); err != nil {
				_ = b.Abort()
				return fmt.Errorf("%s: %w", t.Name, err)
			}
		}
		if err := b.Send(); err != nil {
			return err
		}
		var n uint64
		if err := c.QueryRow(ctx, "SELECT count() FROM "+stage).Scan(&n); err != nil {
			return err
		}
		if n != uint64(len(rows)) {
			return fmt.Errorf("%s: shard %d staged %d rows of %d; the table is left as it was", t.Name, i+1, n, len(rows))
		}
	}
	point("dim_staged")
	for i, c := range conns {
		if err := c.Exec(ctx, fmt.Sprintf("ALTER TABLE %s REPLACE PARTITION tuple() FROM %s", live, stage)); err != nil {
			return fmt.Errorf("%s: shard %d: %w", t.Name, i+1, err)
		}
	}
	point("dim_swapped")
	return nil
}

// dropStage drops a staging table on every node that has it, on a context
// of its own: the run's may be cancelled already, and a stage left behind
// would hold a year's rows until the next run.
func dropStage(ctx context.Context, conns []driver.Conn, stage string) error {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), FinishTimeout/2)
	defer cancel()
	var first error
	for _, c := range conns {
		if err := c.Exec(dctx, "DROP TABLE IF EXISTS "+stage); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// dropStagesOnEveryReplica drops the stale staging tables of every replica
// of the cluster that answers; one that does not keeps its stages until a
// run finds it up.
func dropStagesOnEveryReplica(ctx context.Context, url string, conn driver.Conn, cluster, db string) error {
	layout, err := warehouse.ClusterShards(ctx, conn, cluster)
	if err != nil {
		return err
	}
	for _, s := range layout {
		for _, addr := range s.Replicas {
			c, err := warehouse.OpenNode(ctx, url, addr)
			if err != nil {
				continue
			}
			err = ledger{conn: c, db: db}.dropStaleStages(ctx)
			c.Close()
			if err != nil {
				return fmt.Errorf("replica %s of shard %d: %w", addr, s.Num, err)
			}
		}
	}
	return nil
}
