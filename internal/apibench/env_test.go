package apibench

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/netdelay"
	"github.com/hcmc-thidua/thidua/internal/seed"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

const secret = "apibench-secret-apibench-secret-0123456"

// env is a seeded store behind the real HTTP handler (gql) and, on
// PostgreSQL, the hand-written baseline over the same database (base).
type env struct {
	scale    string
	url      string          // the store's
	label    string          // the sub-benchmarks' prefix: the scale, and the trip through the proxy
	proxy    *netdelay.Proxy // the proxy both servers reach the store through, if any
	st       *store.Store
	counter  *store.Counter
	gql      *httptest.Server
	pool     *pgxpool.Pool // nil on SQLite
	baseline *baseline     // nil on SQLite
	base     *httptest.Server
	path     string // a district or ward path with many ideas
	ideas    int    // how many ideas under path
	detailID int    // the idea with the most adoptions
	hcmID    int    // the city unit, where the write benchmarks' drafts live
	readTok  string // LEADER of the city
	writeTok string // CITY_ADMIN of the city

	checkOnce sync.Once
	checkErr  error
}

var (
	cleanups []func()
	benchMu  sync.Mutex
	benchEnv *env
	benchErr error
	tripEnv  *env // benchEnv's store through the delaying proxy
	tripErr  error
)

// TestMain drops the stores once every test and benchmark has run: the
// benchmarks' store is seeded once and shared by all of them.
// The API logs a line per request: formatted as in production, then
// dropped, so that thousands of requests do not flood the output.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	server.TuneGC() // the collector as thidua serve sets it, for both servers
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// benchScale is city unless THIDUA_BENCH_API_SCALE says otherwise.
func benchScale() string {
	if s := os.Getenv("THIDUA_BENCH_API_SCALE"); s != "" {
		return s
	}
	return "city"
}

// setup seeds a PostgreSQL store at the bench scale (or opens
// THIDUA_BENCH_STORE) once per binary, behind both servers.
func setup(b *testing.B) *env {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if benchEnv == nil && benchErr == nil {
		benchEnv, benchErr = newBenchEnv(b)
	}
	if benchErr != nil {
		if !errors.Is(benchErr, seedtest.ErrUnreachable) || storetest.RequireServers() {
			b.Fatal(benchErr)
		}
		b.Skipf("no PostgreSQL store for the benchmark: %v", benchErr)
	}
	return benchEnv
}

func newBenchEnv(b *testing.B) (*env, error) {
	ctx := context.Background()
	scale := benchScale()
	if _, ok := seed.Scales[scale]; !ok {
		return nil, fmt.Errorf("THIDUA_BENCH_API_SCALE=%q: want one of small, city, stress", scale)
	}
	url := os.Getenv("THIDUA_BENCH_STORE")
	seeded := url != ""
	start := time.Now()
	if !seeded {
		u, drop, err := seedtest.NewScaled(ctx, "postgres", scale)
		if err != nil {
			return nil, err
		}
		cleanups = append(cleanups, drop)
		url = u
		b.Logf("a %s store ready in %s", scale, time.Since(start).Round(time.Second))
	} else if os.Getenv("THIDUA_BENCH_API_SCALE") == "" {
		scale = "store" // its scale unknown
	}
	e, err := newEnv(ctx, url, scale, false)
	if err != nil {
		return nil, err
	}
	if !seeded {
		// A store in service has been vacuumed and analysed by autovacuum;
		// one just bulk-loaded has not (no visibility map, no statistics),
		// and both sides would read it slower than they ever will again.
		if _, err := e.st.DB.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
			return nil, err
		}
	}
	if err := e.serveBaseline(); err != nil {
		return nil, err
	}
	b.Logf("%s: ideas page of %s (%d ideas), detail of idea %d", scale, e.path, e.ideas, e.detailID)
	return e, nil
}

// serveBaseline connects the baseline to e's store and serves it.
func (e *env) serveBaseline() error {
	cfg, err := pgxpool.ParseConfig(e.url)
	if err != nil {
		return err
	}
	cfg.MaxConns = 32 // as the store's pool (store.Open)
	if e.pool, err = pgxpool.NewWithConfig(context.Background(), cfg); err != nil {
		return err
	}
	cleanups = append(cleanups, e.pool.Close)
	signer, _ := auth.NewHS256(secret)
	e.baseline = &baseline{pool: e.pool, signer: signer}
	e.base = httptest.NewServer(e.baseline.handler())
	cleanups = append(cleanups, e.base.Close)
	return nil
}

// benchTrip is THIDUA_BENCH_TRIP (0.5ms unless set; 0 for none): what a
// round trip to a store on another host costs beyond one on loopback.
func benchTrip() (time.Duration, error) {
	s := os.Getenv("THIDUA_BENCH_TRIP")
	if s == "" {
		return 500 * time.Microsecond, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("THIDUA_BENCH_TRIP=%q: want a duration such as 0.5ms, or 0", s)
	}
	return d, nil
}

// setups is setup's store on loopback and, unless THIDUA_BENCH_TRIP is 0,
// the same store through a proxy adding the trip to every round trip, for
// both the API and the baseline: the benchmarks run on each.
func setups(b *testing.B) []*env {
	b.Helper()
	e := setup(b)
	benchMu.Lock()
	defer benchMu.Unlock()
	if tripEnv == nil && tripErr == nil {
		var trip time.Duration
		if trip, tripErr = benchTrip(); tripErr == nil && trip > 0 {
			tripEnv, tripErr = newTripEnv(e, trip)
		}
	}
	if tripErr != nil {
		b.Fatal(tripErr)
	}
	if tripEnv == nil {
		return []*env{e}
	}
	return []*env{e, tripEnv}
}

// newTripEnv serves e's store again, both sides connected through a proxy
// delaying each direction by half the trip.
func newTripEnv(e *env, trip time.Duration) (*env, error) {
	u, err := url.Parse(e.url)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("THIDUA_BENCH_TRIP needs a postgres://host:port/… store URL, not %q", e.url)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "5432")
	}
	p, err := netdelay.Listen(target, trip/2, trip-trip/2)
	if err != nil {
		return nil, err
	}
	cleanups = append(cleanups, func() { p.Close() })
	u.Host = p.Addr()
	t, err := newEnv(context.Background(), u.String(), e.scale, false)
	if err != nil {
		return nil, err
	}
	t.proxy = p
	t.label = e.scale + "/trip" + strconv.FormatFloat(float64(trip)/float64(time.Millisecond), 'f', -1, 64) + "ms"
	return t, t.serveBaseline()
}

// newSQLiteEnv seeds a small SQLite store behind the GraphQL server, for
// the statements test.
func newSQLiteEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	e, err := newEnv(context.Background(), "sqlite:"+filepath.Join(dir, "thidua.db"), "small", true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.gql.Close(); e.st.Close() })
	return e
}

// newEnv opens the store with a statement counter, seeds it when asked,
// serves it and picks the ideas the requests read.
func newEnv(ctx context.Context, url, scale string, doSeed bool) (*env, error) {
	e := &env{scale: scale, label: scale, url: url}
	st, err := store.Open(ctx, url, store.Options{Wrap: func(d dialect.Driver) dialect.Driver {
		e.counter = store.NewCounter(d)
		return e.counter
	}})
	if err != nil {
		return nil, err
	}
	e.st = st
	if doSeed {
		if _, err := seed.Run(ctx, st.Client, seed.Scales[scale], seed.DefaultSeed); err != nil {
			st.Close()
			return nil, err
		}
	}
	if err := e.pick(ctx, st.DB); err != nil {
		st.Close()
		return nil, err
	}
	signer, err := auth.NewHS256(secret)
	if err != nil {
		return nil, err
	}
	mint := func(sub string, role access.Role) string {
		tok, _ := signer.Mint(auth.Identity{Sub: sub, Roles: []access.Role{role}, UnitCode: "HCM"}, 24*time.Hour)
		return tok
	}
	e.readTok, e.writeTok = mint("leader", access.Leader), mint("board", access.CityAdmin)
	e.gql = httptest.NewServer(server.New(st, signer, server.Config{FilesDir: os.TempDir()}))
	if !strings.HasPrefix(url, "sqlite:") {
		cleanups = append(cleanups, func() { e.gql.Close(); st.Close() })
	}
	return e, nil
}

// pick chooses the district or ward whose subtree holds the most ideas,
// and the idea adopted by the most units.
func (e *env) pick(ctx context.Context, db *sql.DB) error {
	byPath := map[string]int{}
	rows, err := db.QueryContext(ctx, `SELECT u.path, COUNT(*) FROM ideas i JOIN units u ON u.id = i.unit_id GROUP BY u.path`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p string
		var n int
		if err := rows.Scan(&p, &n); err != nil {
			rows.Close()
			return err
		}
		byPath[p] = n
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT path FROM units WHERE type IN ('DISTRICT', 'MUNICIPAL_CITY', 'WARD', 'COMMUNE')`)
	if err != nil {
		return err
	}
	var cands []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		cands = append(cands, p)
	}
	rows.Close()
	sort.Strings(cands)
	for _, c := range cands {
		n := 0
		for p, k := range byPath {
			if strings.HasPrefix(p, c) {
				n += k
			}
		}
		if n > e.ideas {
			e.path, e.ideas = c, n
		}
	}
	if e.path == "" {
		return fmt.Errorf("no district or ward holds ideas")
	}
	if err := db.QueryRowContext(ctx, `SELECT idea_id FROM adoptions GROUP BY idea_id ORDER BY COUNT(*) DESC, idea_id LIMIT 1`).Scan(&e.detailID); err != nil {
		return fmt.Errorf("the most adopted idea: %w", err)
	}
	return db.QueryRowContext(ctx, `SELECT id FROM units WHERE code = 'HCM'`).Scan(&e.hcmID)
}

// httpClient asks for plain responses: the baseline's handler does not
// compress, so the API's gzip (negotiated since issue 17) would weigh on
// one side of the ratio only.
var httpClient = &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64, DisableCompression: true}}

// post sends a JSON body with the bearer token and reads the answer; an
// answer other than 200 without errors is an error.
func post(url, tok string, body []byte) ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors":[`)) {
		return nil, fmt.Errorf("%s: HTTP %d: %.500s", url, res.StatusCode, out)
	}
	return out, nil
}
