package pgtx

import (
	"context"
	"database/sql"
	"fmt"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// Driver is ent's PostgreSQL driver with pgtx's transactions; statements
// outside a transaction go through the driver below unchanged.
type Driver struct {
	*entsql.Driver
	db *sql.DB
}

// New wraps d, whose database/sql pool must be pgx's stdlib driver.
func New(d *entsql.Driver) *Driver {
	return &Driver{Driver: d, db: d.DB()}
}

// Tx begins a transaction at the server's default isolation.
func (d *Driver) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

// BeginTx takes a connection of the pool for the transaction; its BEGIN
// goes with the first statement.
func (d *Driver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	begin, err := beginStatement(opts)
	if err != nil {
		return nil, err
	}
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return newTx(ctx, conn, begin), nil
}

// beginStatement is the BEGIN of opts, as pgx's stdlib writes it.
func beginStatement(opts *sql.TxOptions) (string, error) {
	s := "BEGIN"
	if opts == nil {
		return s, nil
	}
	switch opts.Isolation {
	case sql.LevelDefault:
	case sql.LevelReadUncommitted:
		s += " ISOLATION LEVEL READ UNCOMMITTED"
	case sql.LevelReadCommitted:
		s += " ISOLATION LEVEL READ COMMITTED"
	case sql.LevelRepeatableRead, sql.LevelSnapshot:
		s += " ISOLATION LEVEL REPEATABLE READ"
	case sql.LevelSerializable:
		s += " ISOLATION LEVEL SERIALIZABLE"
	default:
		return "", fmt.Errorf("pgtx: isolation level %v is not supported", opts.Isolation)
	}
	if opts.ReadOnly {
		s += " READ ONLY"
	}
	return s, nil
}
