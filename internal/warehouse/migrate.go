package warehouse

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Migrate creates the database and applies the versions not yet recorded
// in warehouse_migrations; every statement is idempotent (IF NOT EXISTS),
// so a migration interrupted half-way is completed by the next call.
func Migrate(ctx context.Context, conn driver.Conn, t Target) ([]string, error) {
	return migrate(ctx, conn, t, Migrations)
}

func migrate(ctx context.Context, conn driver.Conn, t Target, migrations []Migration) ([]string, error) {
	// Up to date: no DDL at all. On a cluster every ON CLUSTER statement,
	// even CREATE DATABASE IF NOT EXISTS, waits for every node, and with one
	// replica down it waited distributed_ddl_task_timeout (180 s) and failed
	// with code 159; every run starts by migrating, so a replica down failed
	// every nightly run that had nothing to migrate.
	if applied, err := appliedVersions(ctx, conn, t); err == nil && len(pending(migrations, applied)) == 0 {
		return nil, nil
	}
	if err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE IF NOT EXISTS %s%s", quote(t.Database), t.onCluster())); err != nil {
		return nil, fmt.Errorf("warehouse database: %w", ddlTimeout(err))
	}
	for _, s := range t.ledger() {
		if err := conn.Exec(ctx, s); err != nil {
			return nil, fmt.Errorf("warehouse ledger: %w", ddlTimeout(err))
		}
	}
	applied, err := appliedVersions(ctx, conn, t)
	if err != nil {
		return nil, err
	}
	var done []string
	for _, m := range pending(migrations, applied) {
		stmts := slices.Concat(t.Statements(m.Tables), t.AlterStatements(m.Alters),
			t.EveryShardStatements(m.EveryShard), t.ReshardStatements(m.Reshard))
		for _, s := range stmts {
			if err := conn.Exec(ctx, s); err != nil {
				return done, fmt.Errorf("warehouse %s: %w\n%s", m.Version, ddlTimeout(err), s)
			}
		}
		// Rows travel as native blocks: an INSERT … VALUES sent through the
		// native protocol leaves 18.16 waiting for data. On a cluster the
		// ledger is a Distributed table, whose inserts are queued and sent
		// in the background: synchronously, a migration is recorded when
		// it returns, and the next one (through any node) sees it.
		ictx := ctx
		if t.Cluster != "" {
			ictx = clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"insert_distributed_sync": 1}))
		}
		batch, err := conn.PrepareBatch(ictx, fmt.Sprintf("INSERT INTO %s.warehouse_migrations (version, applied_at)", quote(t.Database)))
		if err != nil {
			return done, err
		}
		if err := batch.Append(m.Version, time.Now()); err != nil {
			return done, err
		}
		if err := batch.Send(); err != nil {
			return done, err
		}
		done = append(done, m.Version)
	}
	return done, nil
}

// appliedVersions reads the ledger; an error when it does not exist yet.
func appliedVersions(ctx context.Context, conn driver.Conn, t Target) (map[string]bool, error) {
	applied := map[string]bool{}
	rows, err := conn.Query(ctx, fmt.Sprintf("SELECT version FROM %s.warehouse_migrations", quote(t.Database)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

func pending(migrations []Migration, applied map[string]bool) []Migration {
	var out []Migration
	for _, m := range migrations {
		if !applied[m.Version] {
			out = append(out, m)
		}
	}
	return out
}

// ErrDDLTimeout is an ON CLUSTER statement some node did not run within
// distributed_ddl_task_timeout: a node is down. It is not retried (each
// attempt would wait the timeout again); the node runs the statement from
// the DDL queue when it returns, and the next migration completes.
var ErrDDLTimeout = errors.New("a node of the cluster did not run the DDL in time (distributed_ddl_task_timeout): is every replica up? It runs when the node returns; migrate again then")

// ddlTimeout turns ClickHouse's code 159 on ON CLUSTER DDL into
// ErrDDLTimeout, keeping the server's text but not its code, so callers
// that retry passing failures do not wait the timeout again.
func ddlTimeout(err error) error {
	var ex *clickhouse.Exception
	if errors.As(err, &ex) && ex.Code == 159 && strings.Contains(ex.Message, "distributed_ddl_task_timeout") {
		return fmt.Errorf("%w: %s", ErrDDLTimeout, ex.Message)
	}
	return err
}
