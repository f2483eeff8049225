package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	atlas "ariga.io/atlas/sql/migrate"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/hcmc-thidua/thidua/ent/migrate"
)

// Diff replays the migrations in dir on devDB (an empty database of the
// dialect) and writes a new migration named name for whatever the ent schema
// has that they lack. It reports whether it wrote one: false means the
// migrations and the schema agree.
func Diff(ctx context.Context, d string, devDB *sql.DB, dir, name string) (bool, error) {
	before, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	local, err := atlas.NewLocalDir(dir)
	if err != nil {
		return false, err
	}
	m, err := schema.NewMigrate(entsql.OpenDB(d, devDB),
		schema.WithDir(local),
		schema.WithDialect(d),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithFormatter(atlas.DefaultFormatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	)
	if err != nil {
		return false, err
	}
	if err := m.NamedDiff(ctx, name, migrate.Tables...); err != nil {
		return false, fmt.Errorf("diff %s: %w", d, err)
	}
	after, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	return len(after) != len(before), nil
}
