package etl

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// Config is one run's settings.
type Config struct {
	Store        string // the store's URL
	Warehouse    string // clickhouse://host:9000/database
	Cluster      string
	PseudonymKey string // THIDUA_PSEUDONYM_KEY, at least 32 bytes
	Full         bool   // rebuild every year, changed or not
	Backoff      Backoff
	// Report, when set, hears of every partition as it is done.
	Report func(PartitionResult)
	// Point, when set, is called at each step of the run by name (tests
	// stop a run there).
	Point func(string)
}

// Result is what a run did.
type Result struct {
	RunID      string
	Status     string
	Full       bool
	Started    time.Time
	Finished   time.Time
	Snapshot   time.Time
	Partitions []PartitionResult
}

// Rows sums what the run loaded.
func (r Result) Rows() (loaded uint64) {
	for _, p := range r.Partitions {
		loaded += p.Loaded
	}
	return loaded
}

// Run makes the warehouse equal to the store as of one snapshot. It
// returns ErrBusy when another run holds the lock; any other error leaves
// every partition either as it was or fully replaced, and the run marked
// FAILED in etl_run.
func Run(ctx context.Context, cfg Config) (Result, error) {
	res := Result{Full: cfg.Full, Started: time.Now().In(HCM).Truncate(time.Second)}
	if cfg.Backoff.Attempts == 0 {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.Cluster != "" {
		return res, errors.New("the ETL loads one ClickHouse node (with its replicas behind it); loading a sharded cluster is not supported yet: run `thidua migrate --warehouse --cluster` for the DDL and point the ETL at one node without --cluster")
	}
	keys, err := NewPseudonymizer(cfg.PseudonymKey)
	if err != nil {
		return res, fmt.Errorf("%w (THIDUA_PSEUDONYM_KEY)", err)
	}
	point := func(name string) {
		if cfg.Point != nil {
			cfg.Point(name)
		}
	}
	src, err := openSource(ctx, cfg.Store)
	if err != nil {
		return res, err
	}
	defer src.close()
	release, err := lock(ctx, src, cfg.Store)
	if err != nil {
		return res, err
	}
	defer release()
	point("locked")

	var conn driver.Conn
	var target warehouse.Target
	err = cfg.Backoff.do(ctx, func() error {
		var err error
		conn, target, err = warehouse.Open(ctx, cfg.Warehouse, "")
		return err
	})
	if err != nil {
		return res, err
	}
	defer conn.Close()
	if err := cfg.Backoff.do(ctx, func() error { _, err := warehouse.Migrate(ctx, conn, target); return err }); err != nil {
		return res, fmt.Errorf("warehouse migration: %w", err)
	}
	l := ledger{conn: conn, db: target.Database}
	if err := cfg.Backoff.do(ctx, func() error {
		if err := l.interrupted(ctx, time.Now()); err != nil {
			return err
		}
		return l.dropStaleStages(ctx)
	}); err != nil {
		return res, fmt.Errorf("warehouse: %w", err)
	}
	res.RunID = newRunID(res.Started)
	run := runRow{ID: res.RunID, Version: 1, Started: res.Started, Finished: res.Started, Status: StatusRunning, Full: cfg.Full, Snapshot: res.Started}
	if err := l.writeRun(ctx, run); err != nil {
		return res, fmt.Errorf("warehouse: %w", err)
	}
	r := &runner{cfg: cfg, src: src, conn: conn, l: l, keys: keys, point: point, res: &res}
	err = r.run(ctx)
	res.Finished = time.Now().In(HCM).Truncate(time.Second)
	run.Version, run.Finished, run.Snapshot = 2, res.Finished, res.Snapshot
	if err != nil {
		run.Status, run.Message = StatusFailed, err.Error()
	} else {
		run.Status = StatusSucceeded
	}
	res.Status = run.Status
	point("finishing")
	// The run's end is recorded even when its context was cancelled.
	if werr := cfg.Backoff.do(context.WithoutCancel(ctx), func() error { return l.writeRun(context.WithoutCancel(ctx), run) }); werr != nil && err == nil {
		err = fmt.Errorf("warehouse: recording the run: %w", werr)
		res.Status = StatusFailed
	}
	return res, err
}

func newRunID(at time.Time) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return at.Format("20060102T150405") + "_" + hex.EncodeToString(b)
}

type runner struct {
	cfg   Config
	src   *source
	conn  driver.Conn
	l     ledger
	keys  Pseudonymizer
	point func(string)
	res   *Result
	state map[stateKey]stateRow
}

func (r *runner) run(ctx context.Context) error {
	if err := r.src.begin(ctx); err != nil {
		return err
	}
	r.res.Snapshot = r.src.at
	r.point("snapshot")
	units, err := readUnits(ctx, r.src)
	if err != nil {
		return err
	}
	if err := r.cfg.Backoff.do(ctx, func() error {
		var err error
		r.state, err = r.l.readState(ctx)
		return err
	}); err != nil {
		return fmt.Errorf("warehouse: %w", err)
	}
	ex := &extract{src: r.src, units: units, keys: r.keys.Keyer()}

	// Every fact carries the unit it rolls up to today: the unit table's
	// rows (and so its digest) enter every fact table's signature.
	dim := units.dimRows(r.src.at)
	dimFP := newFingerprint()
	for _, row := range dim {
		dimFP.add(row)
	}
	dimDigest := dimFP.sum()
	if err := r.dim(ctx, dim, dimDigest); err != nil {
		return err
	}
	keyID := r.keys.Person("\x00key-id")
	signatures := map[string]string{}
	for _, ft := range factTables {
		sig, err := r.src.signature(ctx, ft.sources)
		if err != nil {
			return err
		}
		h := sha256.Sum256([]byte(warehouse.SchemaVersion() + "|" + keyID + "|" + dimDigest + "|" + sig))
		signatures[ft.name] = hex.EncodeToString(h[:])
		if !r.cfg.Full && r.state[stateKey{"source:" + ft.name, 0}].fingerprint == signatures[ft.name] {
			continue // nothing it reads has moved since the last successful run
		}
		if err := r.table(ctx, ex, ft); err != nil {
			return err
		}
	}
	r.point("tables_done")
	for _, ft := range factTables {
		if err := r.cfg.Backoff.do(ctx, func() error {
			return r.l.writeState(ctx, r.res.RunID, stateKey{"source:" + ft.name, 0}, stateRow{fingerprint: signatures[ft.name]})
		}); err != nil {
			return fmt.Errorf("warehouse: %w", err)
		}
	}
	r.point("signatures_written")
	return nil
}

func (r *runner) dim(ctx context.Context, rows [][]any, digest string) error {
	key := stateKey{"dim_unit", 0}
	start := time.Now()
	p := PartitionResult{Table: "dim_unit", Source: uint64(len(rows)), Status: Unchanged}
	if r.cfg.Full || r.state[key].fingerprint != digest {
		t, _ := warehouse.Lookup("dim_unit")
		if err := r.cfg.Backoff.do(ctx, func() error {
			return loadDim(ctx, r.conn, r.l.db, "dim_unit", t.ColumnNames(), rows, r.point)
		}); err != nil {
			return fmt.Errorf("warehouse dim_unit: %w", err)
		}
		p.Status, p.Loaded = Replaced, uint64(len(rows))
		if err := r.cfg.Backoff.do(ctx, func() error {
			return r.l.writeState(ctx, r.res.RunID, key, stateRow{fingerprint: digest, rows: p.Loaded})
		}); err != nil {
			return fmt.Errorf("warehouse: %w", err)
		}
	}
	p.Duration = time.Since(start)
	return r.record(ctx, p)
}

func (r *runner) record(ctx context.Context, p PartitionResult) error {
	r.res.Partitions = append(r.res.Partitions, p)
	if r.cfg.Report != nil {
		r.cfg.Report(p)
	}
	return r.cfg.Backoff.do(ctx, func() error { return r.l.writePartition(ctx, r.res.RunID, p) })
}

// table brings one fact table up to date, a year at a time: the years the
// store has, and those the warehouse still holds but the store no longer does.
func (r *runner) table(ctx context.Context, ex *extract, ft factTable) error {
	t, ok := warehouse.Lookup(ft.name)
	if !ok {
		return fmt.Errorf("warehouse has no table %s", ft.name)
	}
	years, err := scanYears(ctx, r.src, ft.years(r.src))
	if err != nil {
		return fmt.Errorf("store %s: %w", ft.name, err)
	}
	var held []int
	if err := r.cfg.Backoff.do(ctx, func() error {
		var err error
		held, err = r.l.yearsLoaded(ctx, ft.name)
		return err
	}); err != nil {
		return fmt.Errorf("warehouse %s: %w", ft.name, err)
	}
	for _, y := range held {
		if !slices.Contains(years, y) {
			if err := r.year(ctx, ex, ft, t, y, false); err != nil {
				return err
			}
		}
	}
	for _, y := range years {
		if err := r.year(ctx, ex, ft, t, y, true); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) year(ctx context.Context, ex *extract, ft factTable, t warehouse.Table, year int, present bool) error {
	start := time.Now()
	key := stateKey{ft.name, year}
	p := PartitionResult{Table: ft.name, Year: year}
	part := Partition{Database: r.l.db, Table: t, Target: ft.name, Year: year, Point: r.point}
	if present {
		stream := func(emit func([]any) error) error { return ft.stream(ctx, ex, year, emit) }
		var want int64
		if err := r.src.queryRow(ctx, []any{&want}, ft.count(r.src), year); err != nil {
			return fmt.Errorf("store %s %d: %w", ft.name, year, err)
		}
		p.Source = uint64(want)
		if !r.cfg.Full {
			// Digest the year as it would be loaded; the same digest as the
			// last load means the warehouse already holds exactly these rows.
			fp := newFingerprint()
			if err := stream(func(row []any) error { fp.add(row); return nil }); err != nil {
				return err
			}
			if prev, ok := r.state[key]; ok && prev.fingerprint == fp.sum() {
				p.Status, p.Loaded, p.Duration = Unchanged, prev.rows, time.Since(start)
				return r.record(ctx, p)
			}
		}
		part.Rows, part.Want = stream, want
	}
	var digest string
	err := r.cfg.Backoff.do(ctx, func() error {
		var err error
		p.Loaded, digest, err = LoadPartition(ctx, r.conn, part, r.res.RunID)
		return err
	})
	if err != nil {
		p.Status, p.Duration = Failed, time.Since(start)
		_ = r.record(context.WithoutCancel(ctx), p)
		return fmt.Errorf("warehouse %s %d: %w", ft.name, year, err)
	}
	p.Status = Replaced
	if p.Loaded == 0 {
		p.Status = Dropped
	}
	if err := r.cfg.Backoff.do(ctx, func() error {
		return r.l.writeState(ctx, r.res.RunID, key, stateRow{fingerprint: digest, rows: p.Loaded})
	}); err != nil {
		return fmt.Errorf("warehouse: %w", err)
	}
	r.point("state_written")
	p.Duration = time.Since(start)
	return r.record(ctx, p)
}
