package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"

	atlas "ariga.io/atlas/sql/migrate"
	atlasschema "ariga.io/atlas/sql/schema"
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
		schema.WithDiffHook(keepMigrationIndexes),
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

// migrationIndexSuffix names the indexes that only migrations create: the
// trigram indexes of search_text, whose operator class and extension the
// ent schema cannot express for one dialect alone (SQLite's FTS5 tables
// are virtual and ent does not see them at all).
const migrationIndexSuffix = "_search_text_trgm"

// keepMigrationIndexes stops the diff from dropping those indexes as
// unknown to the ent schema.
func keepMigrationIndexes(next schema.Differ) schema.Differ {
	return schema.DiffFunc(func(current, desired *atlasschema.Schema) ([]atlasschema.Change, error) {
		changes, err := next.Diff(current, desired)
		if err != nil {
			return nil, err
		}
		out := changes[:0]
		for _, c := range changes {
			if m, ok := c.(*atlasschema.ModifyTable); ok {
				kept := m.Changes[:0]
				for _, tc := range m.Changes {
					if d, ok := tc.(*atlasschema.DropIndex); ok && strings.HasSuffix(d.I.Name, migrationIndexSuffix) {
						continue
					}
					kept = append(kept, tc)
				}
				if m.Changes = kept; len(kept) == 0 {
					continue
				}
			}
			out = append(out, c)
		}
		return out, nil
	})
}
