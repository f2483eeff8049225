package etl

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// ledger writes and reads the ETL's own tables in the warehouse: etl_run
// (one row per state of a run; the highest version stands), etl_partition
// (what a run did to a table's year) and etl_state (the digests the next
// run compares against).
type ledger struct {
	conn driver.Conn
	db   string
	// cluster: the ETL's own tables (etl_*) are read and written as their
	// Replicated etl_*_local tables on the node of the warehouse URL, so
	// the ledger lives whole in that node's shard (its replicas get it by
	// replication) and the Distributed etl_* tables analysts read show
	// every row once: written through the Distributed tables, a run's
	// RUNNING and SUCCEEDED rows landed on different shards and FINAL
	// could not merge them. Fact tables are read through the Distributed
	// names.
	cluster bool
}

func (l ledger) table(name string) string {
	if l.cluster && strings.HasPrefix(name, "etl_") {
		name += "_local"
	}
	return fmt.Sprintf("`%s`.`%s`", l.db, name)
}

// insert sends one row; the warehouse's INSERTs always name their columns
// and travel as native blocks (18.16 hangs on INSERT … VALUES).
func (l ledger) insert(ctx context.Context, table, columns string, row ...any) error {
	b, err := l.conn.PrepareBatch(ctx, fmt.Sprintf("INSERT INTO %s (%s)", l.table(table), columns))
	if err != nil {
		return err
	}
	if err := b.Append(row...); err != nil {
		_ = b.Abort()
		return err
	}
	return b.Send()
}

// Run states as etl_run spells them.
const (
	StatusRunning   = "RUNNING"
	StatusSucceeded = "SUCCEEDED"
	StatusFailed    = "FAILED"
)

type runRow struct {
	ID       string
	Version  uint32
	Started  time.Time
	Finished time.Time
	Status   string
	Full     bool
	Snapshot time.Time
	Message  string
}

func (l ledger) writeRun(ctx context.Context, r runRow) error {
	return l.insert(ctx, "etl_run", "run_id, version, started_at, finished_at, status, full, snapshot_at, message",
		r.ID, r.Version, r.Started, r.Finished, r.Status, b2u(r.Full), r.Snapshot, r.Message)
}

// interrupted closes the runs left RUNNING by a process that died: the
// caller holds the lock, so no other run is alive.
func (l ledger) interrupted(ctx context.Context, now time.Time) error {
	rows, err := l.conn.Query(ctx, fmt.Sprintf(`SELECT run_id, max(version), argMax(status, version), argMax(started_at, version),
		argMax(full, version), argMax(snapshot_at, version) FROM %s GROUP BY run_id`, l.table("etl_run")))
	if err != nil {
		return err
	}
	var stale []runRow
	for rows.Next() {
		var r runRow
		var full uint8
		if err := rows.Scan(&r.ID, &r.Version, &r.Status, &r.Started, &full, &r.Snapshot); err != nil {
			rows.Close()
			return err
		}
		if r.Status == StatusRunning {
			r.Full = full == 1
			stale = append(stale, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range stale {
		r.Version++
		r.Status, r.Finished, r.Message = StatusFailed, now, "interrupted: the process ended before the run did"
		if err := l.writeRun(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// Partition outcomes as etl_partition spells them.
const (
	Replaced  = "REPLACED"
	Dropped   = "DROPPED"
	Unchanged = "UNCHANGED"
	Failed    = "FAILED"
)

// PartitionResult is what a run did to one table's year.
type PartitionResult struct {
	Table    string
	Year     int
	Source   uint64
	Loaded   uint64
	Duration time.Duration
	Status   string
}

func (l ledger) writePartitions(ctx context.Context, runID string, parts []PartitionResult) error {
	if len(parts) == 0 {
		return nil
	}
	b, err := l.conn.PrepareBatch(ctx, fmt.Sprintf("INSERT INTO %s (run_id, table_name, year, source_count, loaded_count, duration_ms, status)", l.table("etl_partition")))
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := b.Append(runID, p.Table, uint16(p.Year), p.Source, p.Loaded, uint64(p.Duration.Milliseconds()), p.Status); err != nil {
			_ = b.Abort()
			return err
		}
	}
	return b.Send()
}

type stateKey struct {
	scope string
	year  int
}

type stateRow struct {
	fingerprint string
	rows        uint64
}

func (l ledger) readState(ctx context.Context) (map[stateKey]stateRow, error) {
	rows, err := l.conn.Query(ctx, fmt.Sprintf(`SELECT scope, year, argMax(fingerprint, version), argMax(rows, version)
		FROM %s GROUP BY scope, year`, l.table("etl_state")))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[stateKey]stateRow{}
	for rows.Next() {
		var scope, fp string
		var year uint16
		var n uint64
		if err := rows.Scan(&scope, &year, &fp, &n); err != nil {
			return nil, err
		}
		out[stateKey{scope, int(year)}] = stateRow{fp, n}
	}
	return out, rows.Err()
}

func (l ledger) writeStates(ctx context.Context, runID string, states map[stateKey]stateRow) error {
	if len(states) == 0 {
		return nil
	}
	b, err := l.conn.PrepareBatch(ctx, fmt.Sprintf("INSERT INTO %s (scope, year, fingerprint, rows, run_id, version)", l.table("etl_state")))
	if err != nil {
		return err
	}
	version := uint64(time.Now().UnixNano())
	for k, s := range states {
		if err := b.Append(k.scope, uint16(k.year), s.fingerprint, s.rows, runID, version); err != nil {
			_ = b.Abort()
			return err
		}
	}
	return b.Send()
}

// yearsLoaded are the years a fact table holds now.
func (l ledger) yearsLoaded(ctx context.Context, target string) ([]int, error) {
	rows, err := l.conn.Query(ctx, fmt.Sprintf("SELECT DISTINCT year FROM %s ORDER BY year", l.table(target)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y uint16
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, int(y))
	}
	return out, rows.Err()
}

// dropStaleStages removes the staging tables of runs that died; the caller
// holds the lock, so none is in use.
func (l ledger) dropStaleStages(ctx context.Context) error {
	rows, err := l.conn.Query(ctx, "SELECT name FROM system.tables WHERE database = ? AND (name LIKE ? OR name LIKE ? OR name LIKE ?)",
		l.db, like("%"+StageInfix+"%"), like("%"+dimSuffixNew), like("%"+dimSuffixOld))
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		if err := l.conn.Exec(ctx, "DROP TABLE IF EXISTS "+l.table(n)); err != nil {
			return err
		}
	}
	return rows.Err()
}

// like escapes the underscores of a LIKE pattern: they are names' own.
func like(pattern string) string { return strings.ReplaceAll(pattern, "_", "\\_") }
