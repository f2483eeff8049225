package seedtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/seed"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// EnvScaled names the variable in which scripts/bench.sh hands the
// benchmarks a store it seeded once at the scale for the whole run (a
// PostgreSQL database name on storetest.PostgresURL's server, or a SQLite
// file), e.g. THIDUA_BENCH_CITY_POSTGRES. Seeding city takes minutes
// through the services, and five benchmark packages each seeded their own.
func EnvScaled(scale, dialect string) string {
	return "THIDUA_BENCH_" + strings.ToUpper(scale) + "_" + strings.ToUpper(dialect)
}

// ErrUnreachable is NewScaled's error when no PostgreSQL database could be
// made: outside CI a benchmark skips on it, and fails on any other.
var ErrUnreachable = errors.New("PostgreSQL not available")

// NewScaled makes a store of the dialect holding the scale's demo data
// (seed.DefaultSeed) and returns its URL and a function that removes it:
// a copy of the prepared store when EnvScaled names one, seeded here
// otherwise. Either way the store is the benchmark's own to write.
func NewScaled(ctx context.Context, dialect, scale string) (string, func(), error) {
	sc, ok := seed.Scales[scale]
	if !ok {
		return "", nil, fmt.Errorf("no scale %q: want one of small, city, stress", scale)
	}
	prepared := os.Getenv(EnvScaled(scale, dialect))
	if dialect == "postgres" {
		url, drop, err := storetest.CreateDatabaseFrom(ctx, storetest.PostgresURL(), "thidua_bench_"+scale, prepared)
		if err != nil {
			if prepared != "" {
				return "", nil, fmt.Errorf("a copy of the prepared store %s: %w", prepared, err)
			}
			return "", nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
		}
		if prepared != "" {
			// The copy went through the WAL (PostgreSQL 15's default
			// strategy): checkpoint it now, or the checkpoint lands in
			// whatever the benchmark measures next.
			if err := storetest.Checkpoint(ctx, storetest.PostgresURL()); err != nil {
				drop()
				return "", nil, err
			}
			return url, drop, nil
		}
		if err := seedScale(ctx, url, sc); err != nil {
			drop()
			return "", nil, err
		}
		return url, drop, nil
	}
	dir, err := os.MkdirTemp("", "thidua-bench-"+scale)
	if err != nil {
		return "", nil, err
	}
	drop := func() { os.RemoveAll(dir) }
	path := filepath.Join(dir, "thidua.db")
	if prepared != "" {
		err = copyFile(prepared, path)
	} else {
		err = seedScale(ctx, "sqlite:"+path, sc)
	}
	if err != nil {
		drop()
		return "", nil, err
	}
	return "sqlite:" + path, drop, nil
}

func seedScale(ctx context.Context, url string, sc seed.Scale) error {
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		return err
	}
	_, err = seed.Run(ctx, st.Client, sc, seed.DefaultSeed)
	// Closing the last connection folds a SQLite WAL into the file; on
	// PostgreSQL it drops the buffers the seed's bulk INSERTs grew, which a
	// benchmark reading the process's heap would otherwise count.
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyFile streams: a city store is hundreds of megabytes, which a
// benchmark measuring its process's heap must not hold.
func copyFile(src, dst string) error {
	// A store whose last connection did not close cleanly keeps rows in
	// its WAL file, which a copy of the main file alone would lose.
	if fi, err := os.Stat(src + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("the prepared store %s has a WAL of %d bytes: it was not closed cleanly", src, fi.Size())
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("the prepared store %s: %w", src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
