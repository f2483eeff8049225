package warehouse

import (
	"context"
	"fmt"
	"slices"
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
	if err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE IF NOT EXISTS %s%s", quote(t.Database), t.onCluster())); err != nil {
		return nil, fmt.Errorf("warehouse database: %w", err)
	}
	for _, s := range t.ledger() {
		if err := conn.Exec(ctx, s); err != nil {
			return nil, fmt.Errorf("warehouse ledger: %w", err)
		}
	}
	applied := map[string]bool{}
	rows, err := conn.Query(ctx, fmt.Sprintf("SELECT version FROM %s.warehouse_migrations", quote(t.Database)))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, err
		}
		applied[v] = true
	}
	rows.Close()
	var done []string
	for _, m := range migrations {
		if applied[m.Version] {
			continue
		}
		stmts := slices.Concat(t.Statements(m.Tables), t.AlterStatements(m.Alters),
			t.EveryShardStatements(m.EveryShard), t.ReshardStatements(m.Reshard))
		for _, s := range stmts {
			if err := conn.Exec(ctx, s); err != nil {
				return done, fmt.Errorf("warehouse %s: %w\n%s", m.Version, err, s)
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
