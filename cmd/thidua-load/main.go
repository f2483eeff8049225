// Command thidua-load is `make load`: it seeds a fresh store, starts the
// real `thidua serve` on loopback, runs concurrent clients with a mix of
// reads and idea-workflow mutations under valid tokens of several units,
// prints latencies and errors, and then checks the store: exit status 1
// on any HTTP 5xx, unexpected error, lost or duplicated write, or idea
// whose status or version disagrees with its events.
package main

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/loadtest"
	"github.com/hcmc-thidua/thidua/internal/store"
)

type options struct {
	clients  int
	duration time.Duration
	scale    string
	db       string
	bin      string
	units    int
	seed     uint64
	quiet    bool
	watchers int
}

func main() {
	var o options
	flag.IntVar(&o.clients, "clients", 50, "concurrent clients")
	flag.Var((*seconds)(&o.duration), "duration", "how long the clients run: 60s, 2m, or a number of seconds")
	o.duration = 60 * time.Second
	flag.StringVar(&o.scale, "scale", "small", "demo data: small or city (thidua seed --scale)")
	flag.StringVar(&o.db, "db", "sqlite", "sqlite (a temporary file), or a PostgreSQL server URL to create a temporary database on")
	flag.StringVar(&o.bin, "bin", "bin/thidua", "the thidua binary to serve with")
	flag.IntVar(&o.units, "units", 0, "units the clients work in (0: one per three clients, so clients of a unit race on its ideas)")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed of the clients' choices")
	flag.BoolVar(&o.quiet, "quiet", false, "print only the report")
	flag.IntVar(&o.watchers, "subscribers", 40, "live-update streams open during the run (a quarter the board's full feed of idea events, checked against the store)")
	flag.Parse()
	if o.clients < 1 || o.duration <= 0 || o.watchers < 0 {
		fmt.Fprintln(os.Stderr, "thidua-load: --clients and --duration must be positive")
		os.Exit(2)
	}
	if o.units <= 0 {
		o.units = max(1, o.clients/3)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "thidua-load:", err)
		os.Exit(1)
	}
	rep.Print(os.Stdout)
	if len(rep.Failures()) > 0 {
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) (loadtest.Report, error) {
	rep := loadtest.Report{Clients: o.clients, Scale: o.scale}
	say := func(format string, a ...any) {
		if !o.quiet {
			fmt.Printf(format+"\n", a...)
		}
	}
	dir, err := os.MkdirTemp("", "thidua-load-")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(dir)
	dbURL, label, drop, err := freshStore(ctx, o.db, dir)
	if err != nil {
		return rep, err
	}
	defer drop()
	rep.Store = label

	start := time.Now()
	if err := seedStore(ctx, o.bin, dbURL, o.scale, o.quiet); err != nil {
		return rep, err
	}
	say("seeded %s on %s in %s", o.scale, label, time.Since(start).Round(time.Millisecond))

	secret := randomSecret()
	srv, err := startServer(o.bin, dbURL, dir, secret)
	if err != nil {
		return rep, err
	}
	stopped := false
	defer func() {
		if !stopped {
			_ = srv.stop()
		}
	}()
	say("serving at %s (log %s)", srv.URL, srv.Log)

	signer, err := auth.NewHS256(secret)
	if err != nil {
		return rep, err
	}
	board, err := loadtest.BoardToken(signer)
	if err != nil {
		return rep, err
	}
	g := loadtest.NewGQL(srv.URL, o.clients)
	units, err := loadtest.DiscoverUnits(ctx, g, board, o.units, rand.New(rand.NewPCG(o.seed, 0)))
	if err != nil {
		return rep, err
	}
	rep.Units = len(units)
	say("%d clients for %s in %d wards and departments of today", o.clients, o.duration, len(units))

	lr := &loadtest.Run{GQL: g, Signer: signer, Units: units, Metrics: loadtest.NewMetrics(),
		Ledger: loadtest.NewLedger(), Seed: o.seed}
	var watch *loadtest.Subscribers
	if o.watchers > 0 {
		if watch, err = lr.Subscribe(ctx, o.watchers); err != nil {
			return rep, fmt.Errorf("opening the live-update streams: %w", err)
		}
		say("%d live-update streams open", o.watchers)
	}
	began := time.Now()
	// Ctrl-C (ctx) ends the run early; the store is still checked.
	if err := lr.Clients(ctx, o.clients, began.Add(o.duration)); err != nil {
		return rep, err
	}
	rep.Duration = time.Since(began)
	if watch != nil {
		watch.Stop(2 * time.Second) // the last commits' events are on their way
	}

	stopped = true
	if err := srv.stop(); err != nil {
		say("thidua serve stopped with: %v", err)
	}
	rep.Metrics = lr.Metrics.Snapshot()
	rep.Created, rep.Actions = lr.Ledger.Counts()
	if rep.Metrics.Server5xx() > 0 && !o.quiet {
		fmt.Printf("\nserver log (last lines):\n%s\n", tail(srv.Log, 30))
	}

	ideas, events, err := storeRows(context.Background(), dbURL)
	if err != nil {
		return rep, err
	}
	rep.Check = loadtest.Check(ideas, events, lr.Ledger, loadtest.CodePrefix)
	if watch != nil {
		live := watch.Check(ideas, events, o.watchers)
		rep.Live = &live
	}
	return rep, nil
}

// storeRows reads the store's ideas and events after the server stopped,
// to compare with what the clients and the streams saw.
func storeRows(ctx context.Context, dbURL string) ([]loadtest.IdeaRow, []loadtest.EventRow, error) {
	st, err := store.Open(ctx, dbURL, store.Options{SkipMigrate: true})
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	ideas, events, err := loadtest.LoadRows(ctx, st.DB)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the store: %w", err)
	}
	return ideas, events, nil
}

// randomSecret is the run's THIDUA_JWT_SECRET: fresh each run, so no token
// minted here works anywhere else.
func randomSecret() string {
	b := make([]byte, 32)
	_, _ = io.ReadFull(crand.Reader, b)
	return hex.EncodeToString(b)
}

// seconds is a duration flag that also takes a bare number of seconds.
type seconds time.Duration

func (s *seconds) String() string { return time.Duration(*s).String() }

func (s *seconds) Set(v string) error {
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		*s = seconds(time.Duration(n * float64(time.Second)))
		return nil
	}
	d, err := time.ParseDuration(v)
	*s = seconds(d)
	return err
}
