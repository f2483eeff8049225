package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// freshStore returns the URL of an empty store for the run and a function
// that removes it: a SQLite file in dir, or, when db names a PostgreSQL
// server, a database created on it for the run and dropped after, as the
// tests do, so a load run never touches existing data.
func freshStore(ctx context.Context, db, dir string) (url, label string, drop func(), err error) {
	switch {
	case db == "" || db == "sqlite":
		return "sqlite:" + filepath.Join(dir, "thidua.db"), "SQLite", func() {}, nil
	case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
		url, drop, err := storetest.CreateDatabase(ctx, db, "thidua_load")
		if err != nil {
			return "", "", nil, fmt.Errorf("creating the load database: %w", err)
		}
		return url, "PostgreSQL", drop, nil
	}
	return "", "", nil, fmt.Errorf("--db %q: want sqlite (the default) or postgres://user@host:5432/postgres", db)
}
