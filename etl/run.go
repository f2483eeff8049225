package etl

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"golang.org/x/sync/errgroup"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// Config is one run's settings.
type Config struct {
	Store        string // the store's URL
	Warehouse    string // clickhouse://host:9000/database
	PseudonymKey string // THIDUA_PSEUDONYM_KEY, at least 32 bytes
	Full         bool   // rebuild every year, changed or not
	// Cluster names the ClickHouse cluster of the warehouse (its
	// remote_servers); "" for one node. See LoadSharded and loadDimCluster.
	Cluster string
	// Readers is how many years of a table are read and loaded at once on
	// PostgreSQL, each by its own session on the run's snapshot: 0 is
	// DefaultReaders. Each holds up to a block of rows (ChunkRows), so
	// memory grows with it, not with the store. SQLite reads one at a
	// time: its snapshot is one transaction on one connection; so does a
	// cluster (Cluster set).
	Readers int
	Backoff Backoff
	// Report, when set, hears of every partition as it is done.
	Report func(PartitionResult)
	// Point, when set, is called at each step of the run by name (tests
	// stop a run there).
	Point func(string)
}

// DefaultReaders: the years of a table loaded at once on PostgreSQL.
const DefaultReaders = 3

// Result is what a run did.
type Result struct {
	RunID    string
	Status   string
	Full     bool
	Started  time.Time
	Finished time.Time
	Snapshot time.Time
	// Restored says why a run asked for changes only loaded everything:
	// the store is another one, or older than the last run's (a restore).
	Restored   string
	Partitions []PartitionResult
}

// Rows sums what the run loaded (years it left unchanged not counted).
func (r Result) Rows() (loaded uint64) {
	for _, p := range r.Partitions {
		if p.Status == Replaced {
			loaded += p.Loaded
		}
	}
	return loaded
}

// Run makes the warehouse equal to the store as of one snapshot. It
// returns ErrBusy when another run holds the lock; any other error leaves
// every partition either as it was or fully replaced, and the run marked
// FAILED in etl_run.
func Run(ctx context.Context, cfg Config) (Result, error) {
	began := time.Now().In(HCM)
	res := Result{Full: cfg.Full, Started: began.Truncate(time.Second)}
	if cfg.Backoff.Attempts == 0 {
		cfg.Backoff = DefaultBackoff
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
	release, err := lock(ctx, src)
	if err != nil {
		return res, err
	}
	defer release()
	point("locked")

	var conn driver.Conn
	var target warehouse.Target
	err = cfg.Backoff.do(ctx, func() error {
		var err error
		conn, target, err = warehouse.Open(ctx, cfg.Warehouse, cfg.Cluster)
		return err
	})
	if err != nil {
		return res, err
	}
	defer conn.Close()
	var shards []driver.Conn
	if cfg.Cluster == "" {
		if err := refuseCluster(ctx, conn, target.Database); err != nil {
			return res, err
		}
	} else {
		if shards, err = openShards(ctx, cfg.Warehouse, conn, cfg.Cluster); err != nil {
			return res, err
		}
		defer func() {
			for _, c := range shards {
				c.Close()
			}
		}()
	}
	if err := cfg.Backoff.do(ctx, func() error { _, err := migrateLocked(ctx, src.db, src.dialect, src.path, conn, target); return err }); err != nil {
		return res, fmt.Errorf("warehouse migration: %w", err)
	}
	l := ledger{conn: conn, db: target.Database, cluster: cfg.Cluster != ""}
	// everywhere: every replica of the cluster that answers, as the run
	// starts; a stage is a plain MergeTree on the node it was made on, and
	// a run that failed over to another replica, or died with its node,
	// left it where the next run's choice of replicas may not look.
	dropStages := func(ctx context.Context, everywhere bool) error {
		if err := l.dropStaleStages(ctx); err != nil {
			return err
		}
		if everywhere && cfg.Cluster != "" {
			return dropStagesOnEveryReplica(ctx, cfg.Warehouse, conn, cfg.Cluster, l.db)
		}
		for _, c := range shards {
			if err := (ledger{conn: c, db: l.db}).dropStaleStages(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	if err := cfg.Backoff.do(ctx, func() error {
		if err := l.interrupted(ctx, time.Now()); err != nil {
			return err
		}
		return dropStages(ctx, true)
	}); err != nil {
		return res, fmt.Errorf("warehouse: %w", err)
	}
	res.RunID = newRunID(began)
	run := runRow{ID: res.RunID, Version: 1, Started: res.Started, Finished: res.Started, Status: StatusRunning, Full: cfg.Full, Snapshot: res.Started}
	if err := l.writeRun(ctx, run); err != nil {
		return res, fmt.Errorf("warehouse: %w", err)
	}
	r := &runner{cfg: cfg, src: src, conn: conn, shards: shards, l: l, keys: keys, digestKey: keys.DigestKey(), point: point, res: &res}
	defer r.closeReaders()
	err = r.run(ctx)
	if err != nil && ctx.Err() != nil {
		// Say why the run was cancelled (a server shutting down names
		// itself as the cause), not only that it was.
		if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
			err = fmt.Errorf("%w: %w", cause, err)
		}
	}
	res.Finished = time.Now().In(HCM).Truncate(time.Second)
	run.Version, run.Finished, run.Snapshot, run.Full = 2, res.Finished, res.Snapshot, res.Full
	if err != nil {
		run.Status, run.Message = StatusFailed, err.Error()
	} else {
		run.Status = StatusSucceeded
	}
	res.Status = run.Status
	point("finishing")
	// The run's end is recorded even when its context was cancelled, on a
	// context of its own: bounded, so that a server shutting down is not
	// held past its grace by a warehouse that stopped answering.
	fin, cancel := context.WithTimeout(context.WithoutCancel(ctx), FinishTimeout)
	defer cancel()
	if err != nil {
		// A failed run's staging tables go now rather than at the next run;
		// the lock is still held, so they are all this run's. A failure
		// here is left to the next run, which drops them too.
		_ = dropStages(fin, false)
	}
	if werr := cfg.Backoff.do(fin, func() error { return l.writeRun(fin, run) }); werr != nil && err == nil {
		err = fmt.Errorf("warehouse: recording the run: %w", werr)
		res.Status = StatusFailed
	}
	return res, err
}

// ErrCluster is a run or a migration refused because the warehouse was
// made for a cluster and no cluster was given.
var ErrCluster = errors.New("the warehouse was made for a ClickHouse cluster (its tables are Distributed over NAME_local): without the cluster's name a run would write the staging rows through the Distributed tables into the live ones, and a migration would reach one node, so it refuses; give the cluster's name (--cluster NAME, or THIDUA_CLICKHOUSE_CLUSTER for etl run, migrate --warehouse and serve)")

// refuseCluster stops a run or a migration without a cluster before it
// touches a warehouse whose tables are Distributed: there `CREATE TABLE
// x_next AS x` copies the Distributed engine (dim_unit's staging rows went
// straight into the live table, twice the units after two runs), partition
// operations fail, and migrations without ON CLUSTER reach one node.
func refuseCluster(ctx context.Context, conn driver.Conn, db string) error {
	var n uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND engine = 'Distributed'", db).Scan(&n); err != nil {
		return fmt.Errorf("warehouse: %w", err)
	}
	if n > 0 {
		return ErrCluster
	}
	return nil
}

// FinishTimeout bounds what a run does after its work ended or was
// cancelled: dropping its staging tables and recording its outcome. It
// stays under serve's default shutdown grace (15 s).
var FinishTimeout = 10 * time.Second

// newRunID names a run by its start to the microsecond, fixed width, then
// a random tail: etl_run's times are whole seconds, and runs take turns
// under the store's lock, so of two runs that start, snapshot and finish
// in the same second the later one has the greater id. The documented
// last-refresh query and LastRefresh break such ties on it; with the
// seconds alone, the random tail picked one at random.
func newRunID(at time.Time) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return at.Format("20060102T150405.000000") + "_" + hex.EncodeToString(b)
}

type runner struct {
	cfg  Config
	src  *source
	conn driver.Conn
	// shards: one connection per shard of a cluster (a replica of it),
	// in system.clusters' order; nil on one node.
	shards []driver.Conn
	l      ledger
	keys   Pseudonymizer
	// digestKey keys the rows' digests (Pseudonymizer.DigestKey).
	digestKey []byte
	point     func(string)
	res       *Result
	state     map[stateKey]stateRow
	// changes are the store's change counters in the snapshot.
	changes changes

	mu           sync.Mutex // loads of one table run side by side
	pendingParts []PartitionResult
	pendingState map[stateKey]stateRow
	idle         []*source // readers of the snapshot not in use (PostgreSQL)
	opened       []*source
}

// readers is how many years of a table are loaded at once. A cluster
// keeps the one pass: its loads (LoadSharded) already write every shard
// at once, and its fault tests cover that pass.
func (r *runner) readers() int {
	if r.src.dialect != dialect.Postgres || r.shards != nil {
		return 1
	}
	if r.cfg.Readers > 0 {
		return r.cfg.Readers
	}
	return DefaultReaders
}

// reader lends a session on the snapshot; give it back with ok false when
// a read on it failed (its transaction is aborted), and it is closed.
func (r *runner) reader(ctx context.Context) (*source, func(ok bool), error) {
	r.mu.Lock()
	var rd *source
	if n := len(r.idle); n > 0 {
		rd, r.idle = r.idle[n-1], r.idle[:n-1]
	}
	r.mu.Unlock()
	if rd == nil {
		var err error
		if rd, err = r.src.reader(ctx); err != nil {
			return nil, nil, err
		}
		r.mu.Lock()
		r.opened = append(r.opened, rd)
		r.mu.Unlock()
	}
	return rd, func(ok bool) {
		if !ok {
			rd.close()
			return
		}
		r.mu.Lock()
		r.idle = append(r.idle, rd)
		r.mu.Unlock()
	}, nil
}

func (r *runner) closeReaders() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rd := range r.opened {
		rd.close()
	}
	r.opened, r.idle = nil, nil
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
	if r.changes, err = r.src.readChanges(ctx); err != nil {
		return err
	}
	if why := r.restored(); why != "" && !r.cfg.Full {
		// The store is not the one the warehouse was last loaded from, or
		// went back in time: what the digests of the last run say about it
		// proves nothing. Everything is loaded again.
		r.cfg.Full, r.res.Full, r.res.Restored = true, true, why
	}
	ex := &extract{src: r.src, units: units, keys: r.keys.Keyer()}

	// Every fact carries the unit it rolls up to today: the unit table's
	// rows (and so its digest) enter every fact table's signature.
	dim := units.dimRows(r.src.at)
	dimFP := newFingerprint(r.digestKey)
	for _, row := range dim {
		dimFP.add(row)
	}
	dimDigest := dimFP.sum()
	if err := r.dim(ctx, dim, dimDigest); err != nil {
		return err
	}
	keyID := r.keys.Person("\x00key-id")
	// DigestVersion: a run that digests rows another way must not take the
	// last run's signatures for its own.
	base := warehouse.SchemaVersion() + "|" + DigestVersion + "|" + keyID + "|" + dimDigest + "|"
	signatures := map[string]string{}
	for _, ft := range factTables {
		sig, err := r.src.signature(r.changes, ft.sources, "")
		if err != nil {
			return err
		}
		signatures[ft.name] = digestOf(base + sig)
		var only map[int]bool
		if ft.yearly != "" {
			basis, err := r.src.signature(r.changes, ft.sources, ft.yearly)
			if err != nil {
				return err
			}
			signatures["basis:"+ft.name] = digestOf(base + basis)
			if r.state[stateKey{"basis:" + ft.name, 0}].fingerprint == signatures["basis:"+ft.name] {
				only = r.movedYears(ft.yearly)
			}
		}
		if !r.cfg.Full && r.state[stateKey{"source:" + ft.name, 0}].fingerprint == signatures[ft.name] {
			// Nothing it reads has moved since the last successful run.
			r.untouched(ft.name)
		} else if err := r.table(ctx, ex, ft, only); err != nil {
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), FinishTimeout/2)
			_ = r.flush(fctx)
			cancel()
			return err
		}
		if err := r.flush(ctx); err != nil {
			return err
		}
	}
	r.point("tables_done")
	// The sources' digests and the store's counters advance only when
	// every table is done: a run that fails leaves the next one to look at
	// every table again.
	for _, ft := range factTables {
		r.setState(stateKey{"source:" + ft.name, 0}, stateRow{fingerprint: signatures[ft.name]})
		if ft.yearly != "" {
			r.setState(stateKey{"basis:" + ft.name, 0}, stateRow{fingerprint: signatures["basis:"+ft.name]})
		}
	}
	r.setState(stateKey{epochScope, 0}, stateRow{fingerprint: r.changes.epoch})
	for table, years := range r.changes.counters {
		for y, c := range years {
			r.setState(stateKey{changesScope + table, y}, stateRow{fingerprint: c.String(), rows: uint64(c.changes)})
		}
	}
	if err := r.flush(ctx); err != nil {
		return err
	}
	r.point("signatures_written")
	return nil
}

func (r *runner) dim(ctx context.Context, rows [][]any, digest string) error {
	key := stateKey{"dim_unit", 0}
	start := time.Now()
	p := PartitionResult{Table: "dim_unit", Source: uint64(len(rows)), Loaded: uint64(len(rows)), Status: Unchanged}
	if r.cfg.Full || r.state[key].fingerprint != digest {
		t, _ := warehouse.Lookup("dim_unit")
		if err := r.cfg.Backoff.do(ctx, func() error {
			if r.shards != nil {
				return loadDimCluster(ctx, r.shards, r.l.db, t, rows, r.point)
			}
			return loadDim(ctx, r.conn, r.l.db, "dim_unit", t.ColumnNames(), rows, r.point)
		}); err != nil {
			return fmt.Errorf("warehouse dim_unit: %w", err)
		}
		p.Status = Replaced
		r.setState(key, stateRow{fingerprint: digest, rows: p.Loaded})
	}
	p.Duration = time.Since(start)
	r.record(p)
	return r.flush(ctx)
}

// record notes what happened to a partition, for etl_partition and the
// caller's progress.
func (r *runner) record(p PartitionResult) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Partitions = append(r.res.Partitions, p)
	r.pendingParts = append(r.pendingParts, p)
	if r.cfg.Report != nil {
		r.cfg.Report(p)
	}
}

func (r *runner) setState(k stateKey, s stateRow) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pendingState == nil {
		r.pendingState = map[stateKey]stateRow{}
	}
	r.pendingState[k] = s
}

// flush writes the ledger rows gathered since the last flush, one insert
// per table. A run killed before a flush loses only ledger rows: the state
// it did not record makes the next run reload those years, which is safe.
func (r *runner) flush(ctx context.Context) error {
	r.mu.Lock()
	parts, states := r.pendingParts, r.pendingState
	r.pendingParts, r.pendingState = nil, nil
	r.mu.Unlock()
	err := r.cfg.Backoff.do(ctx, func() error {
		if err := r.l.writePartitions(ctx, r.res.RunID, parts); err != nil {
			return err
		}
		return r.l.writeStates(ctx, r.res.RunID, states)
	})
	if err != nil {
		return fmt.Errorf("warehouse: recording the run: %w", err)
	}
	r.point("state_written")
	return nil
}

// untouched records, for a table none of whose sources moved, that every
// year it holds stays as it is.
func (r *runner) untouched(table string) {
	var years []int
	for k, s := range r.state {
		if k.scope == table && s.rows > 0 {
			years = append(years, k.year)
		}
	}
	slices.Sort(years)
	for _, y := range years {
		n := r.state[stateKey{table, y}].rows
		r.record(PartitionResult{Table: table, Year: y, Source: n, Loaded: n, Status: Unchanged})
	}
}

// table brings one fact table up to date: the years whose rows differ from
// what the warehouse holds are reloaded, the years the store no longer has
// are dropped.
//
// only, when not nil, are the years whose change counters moved while
// nothing else the table reads did: the other years the warehouse holds
// are left as they are without reading them.
func (r *runner) table(ctx context.Context, ex *extract, ft factTable, only map[int]bool) error {
	t, ok := warehouse.Lookup(ft.name)
	if !ok {
		return fmt.Errorf("warehouse has no table %s", ft.name)
	}
	var counts map[int]int64
	var years []int
	var err error
	if ft.years != nil {
		counts, years, err = ft.years(ctx, ex)
	} else {
		counts, years, err = yearCounts(ctx, r.src, ft.counts(r.src))
	}
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
		if _, ok := counts[y]; !ok {
			if err := r.loadOne(ctx, ex, ft, t, y, -1); err != nil {
				return err
			}
		}
	}
	load := years
	if !r.cfg.Full {
		if only != nil {
			var moved []int
			for _, y := range years {
				prev, ok := r.state[stateKey{ft.name, y}]
				if ok && !only[y] {
					r.record(PartitionResult{Table: ft.name, Year: y, Source: uint64(counts[y]), Loaded: prev.rows, Status: Unchanged})
					continue
				}
				moved = append(moved, y)
			}
			years = moved
		}
		load = r.changed(ctx, ex, ft, years, counts)
	}
	if len(load) == 0 {
		return nil
	}
	if n := r.readers(); n > 1 {
		return r.loadParallel(ctx, ex, ft, t, load, counts, n)
	}
	done := r.loadMany(ctx, ex, ft, t, load, counts)
	for _, y := range load {
		if done[y] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		// The year failed in the shared pass, or was never reached: load
		// it alone, with retries.
		if err := r.loadOne(ctx, ex, ft, t, y, counts[y]); err != nil {
			return err
		}
	}
	return nil
}

// changed digests every year as it would be loaded, in one pass over the
// store, and returns the years whose digest differs from the last load's;
// the others are recorded as unchanged.
func (r *runner) changed(ctx context.Context, ex *extract, ft factTable, years []int, counts map[int]int64) []int {
	if len(years) == 0 {
		return nil // a kind with no fact yet: nothing to read (a failed read would leave PostgreSQL's snapshot aborted)
	}
	start := time.Now()
	fps := map[int]*fingerprint{}
	var err error
	if n := r.readers(); n > 1 && len(years) > 1 {
		fps, err = r.digestParallel(ctx, ex, ft, years, n)
	} else {
		err = ft.stream(ctx, ex, years, func(year int, row []any) error {
			fp := fps[year]
			if fp == nil {
				fp = newFingerprint(r.digestKey)
				fps[year] = fp
			}
			fp.add(row)
			return nil
		})
	}
	if err != nil {
		return years // the load will meet the error again and report it
	}
	var out []int
	for _, y := range years {
		prev, ok := r.state[stateKey{ft.name, y}]
		if fp := fps[y]; fp != nil && ok && prev.fingerprint == fp.sum() {
			r.record(PartitionResult{Table: ft.name, Year: y, Source: uint64(counts[y]), Loaded: prev.rows,
				Status: Unchanged, Duration: time.Since(start)})
			continue
		}
		out = append(out, y)
	}
	return out
}

// digestParallel digests up to n years at once, each read by its own
// session on the snapshot.
func (r *runner) digestParallel(ctx context.Context, ex *extract, ft factTable, years []int, n int) (map[int]*fingerprint, error) {
	var mu sync.Mutex
	fps := map[int]*fingerprint{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(n)
	for _, y := range years {
		g.Go(func() error {
			rd, done, err := r.reader(gctx)
			if err != nil {
				return err
			}
			var fp *fingerprint
			err = ft.stream(gctx, ex.on(rd, r.keys.Keyer()), []int{y}, func(_ int, row []any) error {
				if fp == nil {
					fp = newFingerprint(r.digestKey)
				}
				fp.add(row)
				return nil
			})
			done(err == nil)
			if err != nil {
				return err
			}
			if fp != nil {
				mu.Lock()
				fps[y] = fp
				mu.Unlock()
			}
			return nil
		})
	}
	return fps, g.Wait()
}

// loadMany loads the years from one pass over the store: the reader hands
// each year to one of two loaders as it comes, so that one year's DDL
// overlaps the next year's reading. It makes one attempt; it returns the
// years it loaded.
func (r *runner) loadMany(ctx context.Context, ex *extract, ft factTable, t warehouse.Table, years []int, counts map[int]int64) map[int]bool {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		year  int
		slabs chan [][]any
	}
	jobs := make(chan *job)
	var mu sync.Mutex
	done := map[int]bool{}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				rows := func(emit func([]any) error) error {
					for slab := range j.slabs {
						for _, row := range slab {
							if err := emit(row); err != nil {
								return err
							}
						}
					}
					return ctx.Err() // a reader that stopped early closed the year short
				}
				if err := r.loadYear(ctx, ft, t, j.year, counts[j.year], rows); err != nil {
					cancel()
					for range j.slabs { // let the reader move on
					}
					continue
				}
				mu.Lock()
				done[j.year] = true
				mu.Unlock()
			}
		}()
	}
	var cur *job
	var buf [][]any
	send := func() error {
		select {
		case cur.slabs <- buf:
			buf = make([][]any, 0, 4096)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	end := func() error {
		if cur == nil {
			return nil
		}
		var err error
		if len(buf) > 0 {
			err = send()
		}
		close(cur.slabs)
		cur = nil
		return err
	}
	err := ft.stream(ctx, ex, years, func(year int, row []any) error {
		if cur == nil || cur.year != year {
			if err := end(); err != nil {
				return err
			}
			cur = &job{year: year, slabs: make(chan [][]any, 4)}
			buf = make([][]any, 0, 4096)
			select {
			case jobs <- cur:
			case <-ctx.Done():
				close(cur.slabs)
				cur = nil
				return ctx.Err()
			}
		}
		if buf = append(buf, row); len(buf) == cap(buf) {
			return send()
		}
		return nil
	})
	if err != nil {
		cancel() // the year being read is short: its loader must not swap it in
	}
	_ = end()
	close(jobs)
	wg.Wait()
	return done
}

// loadParallel loads up to n years at once, each read by its own session
// on the snapshot and loaded with retries: PostgreSQL's reading and
// joining, the transform and ClickHouse's inserts of different years
// overlap, where one pass over every year left all but one of them idle.
// The first year to fail stops the others.
func (r *runner) loadParallel(ctx context.Context, ex *extract, ft factTable, t warehouse.Table, years []int, counts map[int]int64, n int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(n)
	for _, y := range years {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			rows := func(emit func([]any) error) error {
				rd, done, err := r.reader(gctx)
				if err != nil {
					return err
				}
				// Its own Keyer: a Keyer is not safe for concurrent use.
				err = ft.stream(gctx, ex.on(rd, r.keys.Keyer()), []int{y}, func(_ int, row []any) error { return emit(row) })
				done(err == nil)
				return err
			}
			return r.cfg.Backoff.do(gctx, func() error { return r.loadYear(gctx, ft, t, y, counts[y], rows) })
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// loadOne loads or drops one year on its own, with retries; want < 0 drops it.
func (r *runner) loadOne(ctx context.Context, ex *extract, ft factTable, t warehouse.Table, year int, want int64) error {
	var rows func(emit func([]any) error) error
	if want >= 0 {
		rows = func(emit func([]any) error) error {
			return ft.stream(ctx, ex, []int{year}, func(_ int, row []any) error { return emit(row) })
		}
	}
	return r.cfg.Backoff.do(ctx, func() error { return r.loadYear(ctx, ft, t, year, want, rows) })
}

// loadYear makes one attempt at a year and records the outcome.
func (r *runner) loadYear(ctx context.Context, ft factTable, t warehouse.Table, year int, want int64, rows func(emit func([]any) error) error) error {
	start := time.Now()
	part := Partition{Database: r.l.db, Table: t, Target: ft.name, Year: year, Point: r.point, Rows: rows, Want: want, DigestKey: r.digestKey}
	var loaded uint64
	var digest string
	var err error
	if r.shards != nil {
		part.Target = ft.name + "_local"
		loaded, digest, err = LoadSharded(ctx, r.shards, part, r.res.RunID)
	} else {
		loaded, digest, err = LoadPartition(ctx, r.conn, part, r.res.RunID)
	}
	p := PartitionResult{Table: ft.name, Year: year, Loaded: loaded, Duration: time.Since(start)}
	if want > 0 {
		p.Source = uint64(want)
	}
	if err != nil {
		p.Status = Failed
		r.record(p)
		return fmt.Errorf("warehouse %s %d: %w", ft.name, year, err)
	}
	p.Status = Replaced
	if loaded == 0 {
		p.Status = Dropped
	}
	r.setState(stateKey{ft.name, year}, stateRow{fingerprint: digest, rows: loaded})
	r.record(p)
	return nil
}

func digestOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// The ledger's scopes for the store's change counters as the last
// successful run read them: the epoch, and each table's counters by year.
const (
	epochScope   = "store:epoch"
	changesScope = "changes:"
)

// recorded are the change counters the last successful run read.
func (r *runner) recorded() map[string]map[int]counter {
	out := map[string]map[int]counter{}
	for k, s := range r.state {
		table, ok := strings.CutPrefix(k.scope, changesScope)
		if !ok {
			continue
		}
		if out[table] == nil {
			out[table] = map[int]counter{}
		}
		_, stamp, _ := strings.Cut(s.fingerprint, "/")
		out[table][k.year] = counter{int64(s.rows), stamp}
	}
	return out
}

// restored says why the store cannot be the one the warehouse was last
// loaded from, as it was then or later: another epoch (another store), or
// a counter that went back (an older copy put back). "" when it can.
func (r *runner) restored() string {
	last := r.state[stateKey{epochScope, 0}].fingerprint
	if last == "" {
		return "" // no run recorded the store yet
	}
	if last != r.changes.epoch {
		return fmt.Sprintf("the store's epoch is %s, the warehouse was loaded from %s", r.changes.epoch, last)
	}
	for table, years := range r.recorded() {
		for y, was := range years {
			if now := r.changes.counters[table][y]; now.changes < was.changes {
				return fmt.Sprintf("the store's change counter of %s %d went back from %d to %d", table, y, was.changes, now.changes)
			}
		}
	}
	return ""
}

// movedYears are the years of a table whose change counters differ from
// those the last successful run read.
func (r *runner) movedYears(table string) map[int]bool {
	was := r.recorded()[table]
	now := r.changes.counters[table]
	out := map[int]bool{}
	for y, c := range now {
		if was[y] != c {
			out[y] = true
		}
	}
	for y := range was {
		if _, ok := now[y]; !ok {
			out[y] = true
		}
	}
	if out[0] {
		return nil // a row without a year: every year is read
	}
	return out
}
