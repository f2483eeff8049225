package etl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"entgo.io/ent/dialect"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// warehouseMigrationLockKey is the PostgreSQL advisory lock under which
// warehouse migrations run (the store's migrations hold 727001, the ETL
// 727002). It is a lock of its own, not the ETL's: `thidua migrate
// --warehouse` and a starting server must wait for each other, not skip,
// and a run that holds the ETL's lock takes this one too.
const warehouseMigrationLockKey = 727003

// MigrateWarehouse applies the warehouse's pending migrations under a lock
// held in the store at storeURL. ClickHouse 18.16 has no lock of its own,
// and two replicas started together would otherwise both read an empty
// ledger and both run the DDL and record every version twice. The lock
// waits (bounded by ctx): the second caller then reads the first one's
// ledger and has nothing left to do.
func MigrateWarehouse(ctx context.Context, storeURL string, conn driver.Conn, t warehouse.Target) ([]string, error) {
	src, err := store.Parse(storeURL)
	if err != nil {
		return nil, err
	}
	var db *sql.DB
	if src.Dialect == dialect.Postgres {
		if db, err = sql.Open(src.DriverName, src.ReadDSN); err != nil {
			return nil, err
		}
		defer db.Close()
	}
	return migrateLocked(ctx, db, src.Dialect, src.Path, conn, t)
}

// migrateLocked migrates under the lock; db is the store on PostgreSQL,
// path its file on SQLite.
func migrateLocked(ctx context.Context, db *sql.DB, d, path string, conn driver.Conn, t warehouse.Target) ([]string, error) {
	release, err := migrationLock(ctx, db, d, path)
	if err != nil {
		return nil, fmt.Errorf("warehouse migration lock: %w", err)
	}
	defer release()
	if t.Cluster == "" {
		if err := refuseCluster(ctx, conn, t.Database); err != nil {
			return nil, err
		}
	}
	return warehouse.Migrate(ctx, conn, t)
}

// memoryMigrations stands in for the lock of an in-memory store, which
// only its own process can reach anyway.
var memoryMigrations sync.Mutex

func migrationLock(ctx context.Context, db *sql.DB, d, path string) (release func(), err error) {
	switch {
	case d == dialect.Postgres:
		// A session lock: taken and released on one connection.
		c, err := db.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("store unreachable: %w", err)
		}
		if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, warehouseMigrationLockKey); err != nil {
			c.Close()
			return nil, err
		}
		return func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			_, _ = c.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, warehouseMigrationLockKey)
			_ = c.Close()
		}, nil
	case path == "" || !dirExists(filepath.Dir(path)):
		// No file for replicas to share (an in-memory store, or `migrate
		// --warehouse` run where the default sqlite:var/thidua.db has no
		// folder): nobody else can take this lock, so only this process's
		// callers take turns.
		memoryMigrations.Lock()
		return memoryMigrations.Unlock, nil
	}
	f, err := os.OpenFile(path+".warehouse.lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	// A blocking flock cannot be cancelled: poll, so ctx still bounds the wait.
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, err
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		_ = f.Close()
	}, nil
}

func dirExists(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}
