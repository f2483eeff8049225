package etl

import (
	"context"
	"database/sql"
	"fmt"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
)

// entClient reads the run's snapshot through ent, for the rules that are
// written against it (the award criteria). On SQLite it is the snapshot's
// own transaction; on PostgreSQL a second transaction that imports the
// snapshot (SET TRANSACTION SNAPSHOT), so both read the same instant.
func (s *source) entClient(ctx context.Context) (*ent.Client, error) {
	if s.ent != nil {
		return s.ent, nil
	}
	if s.dialect == dialect.Postgres {
		id := s.snapshot
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("store snapshot import: %w", err)
		}
		// The id is the server's own token; quoting is for form's sake.
		if _, err := tx.ExecContext(ctx, `SET TRANSACTION SNAPSHOT '`+id+`'`); err != nil {
			_ = tx.Rollback()
			return nil, fmt.Errorf("store snapshot import: %w", err)
		}
		s.entTx = tx
		s.ent = ent.NewClient(ent.Driver(entsql.NewDriver(dialect.Postgres, entsql.Conn{ExecQuerier: tx})))
		return s.ent, nil
	}
	s.ent = ent.NewClient(ent.Driver(entsql.NewDriver(dialect.SQLite, entsql.Conn{ExecQuerier: s.tx})))
	return s.ent, nil
}
