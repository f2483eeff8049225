package etl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"

	"entgo.io/ent/dialect"
)

// ErrBusy says another run holds the lock.
var ErrBusy = errors.New("another ETL run is in progress; this one did nothing")

// etlLockKey is the PostgreSQL advisory lock of the ETL (the migrations
// hold 727001).
const etlLockKey = 727002

// lock makes runs take turns across every replica and cron job: an
// advisory lock held by a session on PostgreSQL, an flock beside the file
// on SQLite (its replicas share the host). Both vanish with the process,
// so a killed run never leaves the lock behind.
func lock(ctx context.Context, s *source) (release func(), err error) {
	if s.dialect == dialect.Postgres {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("store unreachable: %w", err)
		}
		var ok bool
		if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, etlLockKey).Scan(&ok); err != nil {
			conn.Close()
			return nil, fmt.Errorf("store lock: %w", err)
		}
		if !ok {
			conn.Close()
			return nil, ErrBusy
		}
		return func() {
			_, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, etlLockKey)
			_ = conn.Close()
		}, nil
	}
	f, err := os.OpenFile(s.path+".etl.lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrBusy
		}
		return nil, fmt.Errorf("store lock: %w", err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		_ = f.Close()
	}, nil
}
