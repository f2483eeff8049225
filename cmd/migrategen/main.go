// Command migrategen writes the next versioned migration of both dialects
// from the ent schema: `make migration NAME=add_something`. It needs a
// PostgreSQL server (THIDUA_TEST_POSTGRES) for a scratch database.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

func main() {
	name := flag.String("name", "", "migration name, e.g. add_unit_plans")
	flag.Parse()
	if *name == "" {
		log.Fatal("migrategen: -name is required")
	}
	ctx := context.Background()
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		db, drop, err := scratch(ctx, d)
		if err != nil {
			log.Fatalf("migrategen: %s scratch database: %v", d, err)
		}
		wrote, err := store.Diff(ctx, d, db, "internal/store/"+store.MigrationDir(d), *name)
		db.Close()
		drop()
		if err != nil {
			log.Fatalf("migrategen: %v", err)
		}
		fmt.Fprintf(os.Stderr, "%s: new migration written: %v\n", d, wrote)
	}
}

func scratch(ctx context.Context, d string) (*sql.DB, func(), error) {
	if d == dialect.SQLite {
		db, err := sql.Open("sqlite", "file:migrategen?mode=memory&_pragma=foreign_keys(1)")
		return db, func() {}, err
	}
	url, drop, err := storetest.CreateDatabase(ctx, storetest.PostgresURL(), "migrategen")
	if err != nil {
		return nil, nil, err
	}
	db, err := sql.Open("pgx", url)
	return db, drop, err
}
