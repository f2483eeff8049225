package store

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"

	"github.com/hcmc-thidua/thidua/internal/live"
)

// UnitScope is what a token's unit code stands for: the unit's id and its
// path, the prefix of the subtree the access policy lets the viewer see.
type UnitScope struct {
	ID   int
	Path string
}

// ErrNoUnit: no unit has the code.
var ErrNoUnit = errors.New("no unit has this code")

// UnitTreeChannel is the PostgreSQL channel the units' trigger notifies
// with the new generation (migration …_unit_tree_generation.sql).
const UnitTreeChannel = "thidua_unit_tree"

const (
	// DefaultUnitScopeEntries bounds the codes held, the unknown ones
	// included. Only a validly signed token gets its code looked up, but a
	// signer's bug (or a stolen key) must not grow the process's memory:
	// past the bound an arbitrary entry makes room. A city has a few
	// thousand units; an entry is a few dozen bytes.
	DefaultUnitScopeEntries = 8192
	// DefaultUnitScopeConfirm is how often the watcher reads the
	// generation even when no notification came (see UnitScopes).
	DefaultUnitScopeConfirm = 250 * time.Millisecond
)

// UnitScopes answers a unit code's scope from memory while the unit tree
// has not changed, and from the store otherwise, so that an authenticated
// request costs no statement for its viewer.
//
// Exactness rests on unit_tree_generation, a counter in the store that a
// trigger on units bumps in the same transaction as any change to units,
// by ent, raw SQL or a DBA alike. Every entry was read together with the
// generation, in one statement (one snapshot), and the cache keeps only
// entries of the highest generation it knows of: when the store's
// generation equals that, every entry is what the store holds. The cache
// learns that the generation moved:
//
//   - from this process's own commits, synchronously: the live feed calls
//     back before a writer's Commit returns, so the writer's next request
//     (or anyone's) finds the cache emptied. This covers every unit write
//     the application makes, since all go through ent.
//   - on PostgreSQL, from the trigger's NOTIFY, heard by a listener
//     connection per process; the notification is sent at commit, so what
//     a replica reads after hearing it is the new tree. When the listener
//     (re)connects, notifications may have been missed: the cache is
//     emptied.
//   - from a read of the generation every DefaultUnitScopeConfirm on the
//     listener's connection (PostgreSQL) or the store's (SQLite). On
//     PostgreSQL this is the staleness guard: the cache is used only while
//     such a read succeeded within 2×DefaultUnitScopeConfirm, so a link
//     that died silently (a half-open TCP connection hears nothing and
//     reports nothing) cannot serve a stale tree for longer than that;
//     past it every lookup goes to the store, as before the cache.
//
// What is not "never": a reorganisation committed on another replica is
// served stale by this one until the notification arrives (its delivery
// latency, well under a millisecond on a healthy link) and, if the link
// broke silently, for at most 2×DefaultUnitScopeConfirm = 0.5 s. Reaching
// never would take a round trip per request, which is what this removes.
// On SQLite one process owns the file; a write by another one (a sqlite3
// shell) is seen within DefaultUnitScopeConfirm.
type UnitScopes struct {
	drv     dialect.Driver // the store's ent driver: a fill is the request's statement
	db      *sql.DB        // the guard's reads: not a request's, not counted
	dialect string
	dsn     string
	max     int
	confirm time.Duration
	now     func() time.Time

	mu        sync.Mutex
	entries   map[string]scopeEntry
	known     int64     // the highest generation heard of; every entry has it
	epoch     uint64    // moves when the cache is emptied: a fill begun before is not kept
	confirmed time.Time // PostgreSQL: when the listener last proved the cache current
	linked    bool      // PostgreSQL: the listener is connected and listening

	start sync.Once
	stop  context.CancelFunc
	done  chan struct{}

	hits, fills atomic.Int64
}

type scopeEntry struct {
	scope UnitScope
	found bool
}

// UnitScopeOptions tune NewUnitScopes; zero values take the defaults.
type UnitScopeOptions struct {
	MaxEntries int
	Confirm    time.Duration
}

func newUnitScopes(drv dialect.Driver, db *sql.DB, d, dsn string, feed *live.Feed, opt UnitScopeOptions) *UnitScopes {
	c := &UnitScopes{drv: drv, db: db, dialect: d, dsn: dsn, max: opt.MaxEntries, confirm: opt.Confirm,
		now: time.Now, entries: map[string]scopeEntry{}, done: make(chan struct{})}
	if c.max <= 0 {
		c.max = DefaultUnitScopeEntries
	}
	if c.confirm <= 0 {
		c.confirm = DefaultUnitScopeConfirm
	}
	feed.OnChange(func(ch live.Change) {
		// A lost change may have been a unit's; another process's unit
		// change reaches here too (through the feed's own link) and is
		// acted on at once, whichever of the two links is faster.
		if ch.Lost || ch.Touches("Unit") {
			c.mu.Lock()
			c.emptyLocked()
			c.mu.Unlock()
		}
	})
	return c
}

// Start starts the watcher of the generation now rather than at the first
// lookup: on PostgreSQL the cache answers only once the listener is up,
// and a server should not pay the store for its first requests' viewers
// while it connects. A command that never looks a unit up never starts it.
func (c *UnitScopes) Start() { c.start.Do(c.watch) }

// Lookup returns the scope of the unit with the code, or ErrNoUnit.
func (c *UnitScopes) Lookup(ctx context.Context, code string) (UnitScope, error) {
	c.start.Do(c.watch)
	c.mu.Lock()
	if c.trustedLocked() {
		if e, ok := c.entries[code]; ok {
			c.mu.Unlock()
			c.hits.Add(1)
			if !e.found {
				return UnitScope{}, ErrNoUnit
			}
			return e.scope, nil
		}
	}
	epoch := c.epoch
	c.mu.Unlock()
	c.fills.Add(1)
	gen, e, err := c.fill(ctx, code)
	if err != nil {
		return UnitScope{}, err
	}
	c.mu.Lock()
	// Kept only if nothing emptied the cache while the statement ran (its
	// snapshot may predate that commit) and it is of the newest tree known.
	if c.epoch == epoch && gen >= c.known {
		if gen > c.known {
			c.learnLocked(gen)
		}
		if _, ok := c.entries[code]; !ok && len(c.entries) >= c.max {
			for k := range c.entries {
				delete(c.entries, k)
				break
			}
		}
		c.entries[code] = e
	} else {
		c.learnLocked(gen)
	}
	c.mu.Unlock()
	if !e.found {
		return UnitScope{}, ErrNoUnit
	}
	return e.scope, nil
}

// Len is the number of codes held.
func (c *UnitScopes) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Stats are the lookups answered from memory and those that went to the
// store.
func (c *UnitScopes) Stats() (hits, fills int64) { return c.hits.Load(), c.fills.Load() }

// Generation is the highest generation of the unit tree this process has
// heard of.
func (c *UnitScopes) Generation() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.known
}

func (c *UnitScopes) fill(ctx context.Context, code string) (int64, scopeEntry, error) {
	q := `SELECT g.generation, u.id, u.path FROM unit_tree_generation g LEFT JOIN units u ON u.code = ? WHERE g.id = 1`
	if c.dialect == dialect.Postgres {
		q = `SELECT g.generation, u.id, u.path FROM unit_tree_generation g LEFT JOIN units u ON u.code = $1 WHERE g.id = 1`
	}
	var rows entsql.Rows
	if err := c.drv.Query(ctx, q, []any{code}, &rows); err != nil {
		return 0, scopeEntry{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return 0, scopeEntry{}, err
		}
		return 0, scopeEntry{}, errors.New("unit_tree_generation has no row: is the store migrated?")
	}
	var (
		gen  int64
		id   sql.NullInt64
		path sql.NullString
	)
	if err := rows.Scan(&gen, &id, &path); err != nil {
		return 0, scopeEntry{}, err
	}
	if err := rows.Close(); err != nil {
		return 0, scopeEntry{}, err
	}
	if !id.Valid {
		return gen, scopeEntry{}, nil
	}
	return gen, scopeEntry{scope: UnitScope{ID: int(id.Int64), Path: path.String}, found: true}, nil
}

func (c *UnitScopes) trustedLocked() bool {
	if c.dialect != dialect.Postgres {
		return true
	}
	return c.linked && c.now().Sub(c.confirmed) <= 2*c.confirm
}

// learnLocked takes note of a generation read or heard: a newer one
// empties the cache.
func (c *UnitScopes) learnLocked(gen int64) {
	if gen > c.known {
		c.known = gen
		c.emptyLocked()
	}
}

func (c *UnitScopes) emptyLocked() {
	clear(c.entries)
	c.epoch++
}

func (c *UnitScopes) heard(gen int64, confirmed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.learnLocked(gen)
	if confirmed {
		c.confirmed = c.now()
	}
}

// watch starts the background reader of the generation, once.
func (c *UnitScopes) watch() {
	ctx, cancel := context.WithCancel(context.Background())
	c.stop = cancel
	go func() {
		defer close(c.done)
		if c.dialect == dialect.Postgres {
			c.listen(ctx)
			return
		}
		c.poll(ctx)
	}()
}

// Close stops the watcher, if one started.
func (c *UnitScopes) Close() {
	c.start.Do(func() { close(c.done) }) // never started: nothing to stop
	if c.stop != nil {
		c.stop()
	}
	<-c.done
}

const generationQuery = `SELECT generation FROM unit_tree_generation WHERE id = 1`

// poll reads the generation now and then (SQLite): another process's
// write to the file is not announced otherwise.
func (c *UnitScopes) poll(ctx context.Context) {
	t := time.NewTicker(c.confirm)
	defer t.Stop()
	for {
		var gen int64
		if err := c.db.QueryRowContext(ctx, generationQuery).Scan(&gen); err == nil {
			c.heard(gen, true)
		} else if ctx.Err() == nil {
			slog.Warn("unit scopes: reading the unit tree's generation", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// listen holds the listener connection (PostgreSQL), making it again when
// it breaks; while it is down the cache is not used.
func (c *UnitScopes) listen(ctx context.Context) {
	wait := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := c.listenOnce(ctx)
		c.mu.Lock()
		c.linked = false
		c.emptyLocked()
		c.mu.Unlock()
		if ctx.Err() != nil {
			return
		}
		slog.Warn("unit scopes: the listener broke; the tokens' units are read from the store until it is back", "err", err, "in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

func (c *UnitScopes) listenOnce(ctx context.Context) error {
	cfg, err := pgx.ParseConfig(c.dsn)
	if err != nil {
		return err
	}
	// A wait for notifications that times out must leave the connection
	// usable: the default handler would send the server a cancel request
	// (a new connection) every time, this one only sets a deadline.
	cfg.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: pc.Conn()}
	}
	// Named, so a DBA sees what the extra connection per replica is.
	cfg.RuntimeParams["application_name"] = "thidua unit tree listener"
	cfg.OnNotification = func(_ *pgconn.PgConn, n *pgconn.Notification) {
		if n.Channel != UnitTreeChannel {
			return
		}
		if gen, err := strconv.ParseInt(n.Payload, 10, 64); err == nil {
			c.heard(gen, false)
		}
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+UnitTreeChannel); err != nil {
		return err
	}
	// Listening before the first read: a change committed between the two
	// is either in the read or heard.
	c.mu.Lock()
	c.emptyLocked()
	c.linked = true
	c.mu.Unlock()
	for {
		qctx, cancel := context.WithTimeout(ctx, 2*c.confirm)
		var gen int64
		err := conn.QueryRow(qctx, generationQuery).Scan(&gen)
		cancel()
		if err != nil {
			return err
		}
		c.heard(gen, true)
		wctx, cancel := context.WithTimeout(ctx, c.confirm)
		err = conn.PgConn().WaitForNotification(wctx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err == nil, pgconn.Timeout(err):
		default:
			return err
		}
	}
}
