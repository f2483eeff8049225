package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/digest"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/redact"
	"github.com/hcmc-thidua/thidua/internal/seed"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// signer signs and verifies with THIDUA_JWT_SECRET, or in development
// with the public development secret. Outside development that secret is
// refused even when THIDUA_JWT_SECRET names it: it is published with the
// source, so anyone could sign a token with it.
func signer(dev bool) (*auth.HS256, error) {
	s := os.Getenv("THIDUA_JWT_SECRET")
	switch {
	case s == "" && dev:
		s = auth.DevSecret
	case s == "":
		return nil, errors.New("THIDUA_JWT_SECRET is not set (or run with --dev)")
	case s == auth.DevSecret && !dev:
		return nil, errors.New("THIDUA_JWT_SECRET is the public development secret: set a secret of your own, or run with --dev")
	}
	return auth.NewHS256(s)
}

// linkSigner keys the signed download links. Every replica must derive the
// same key, or a link minted by one is refused by the next: it comes from
// THIDUA_LINK_SECRET, or else from the HS256 secret (development and
// deployments without OIDC). With neither — an OIDC deployment that set no
// link secret — it returns no key and no error; serve refuses that rather
// than sign with a key of this process's own that other replicas refuse.
func linkSigner(dev bool) (*links.Signer, error) {
	s := os.Getenv("THIDUA_LINK_SECRET")
	switch {
	case s == auth.DevSecret && !dev:
		return nil, errors.New("THIDUA_LINK_SECRET is the public development secret: set a secret of your own, or run with --dev")
	case s != "":
		signer, err := links.New(s)
		if err != nil {
			return nil, fmt.Errorf("THIDUA_LINK_SECRET: %w", err)
		}
		return signer, nil
	case os.Getenv("THIDUA_JWT_SECRET") != "" || dev:
		// signer refuses the development secret outside --dev.
		if _, err := signer(dev); err != nil {
			return nil, err
		}
		secret := os.Getenv("THIDUA_JWT_SECRET")
		if secret == "" {
			secret = auth.DevSecret
		}
		return links.New(secret)
	}
	return nil, nil
}

func migrate(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	db := dbFlag(fs)
	wh := fs.Bool("warehouse", false, "migrate the ClickHouse warehouse instead of the store")
	chURL := fs.String("clickhouse", env("THIDUA_CLICKHOUSE", ""), "warehouse URL, clickhouse://host:9000/thidua (THIDUA_CLICKHOUSE)")
	cluster := fs.String("cluster", env("THIDUA_CLICKHOUSE_CLUSTER", ""), "ClickHouse cluster: ON CLUSTER DDL, replicated and distributed tables (THIDUA_CLICKHOUSE_CLUSTER)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *wh {
		if *chURL == "" {
			return errors.New("--warehouse needs --clickhouse or THIDUA_CLICKHOUSE")
		}
		conn, target, err := warehouse.Open(ctx, *chURL, *cluster)
		if err != nil {
			return err
		}
		defer conn.Close()
		// Under a lock in the store: replicas starting at once migrate too.
		done, err := etl.MigrateWarehouse(ctx, *db, conn, target)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "warehouse %s: applied %d migration(s) %v\n", target.Database, len(done), done)
		return nil
	}
	st, err := store.Open(ctx, *db, store.Options{SkipMigrate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	done, err := store.Migrate(ctx, st.DB, st.Dialect)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "applied %d migration(s) %v\n", len(done), done)
	return nil
}

func seedCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	db := dbFlag(fs)
	scaleName := fs.String("scale", "small", "small, city or stress")
	n := fs.Uint64("seed", seed.DefaultSeed, "random seed; the same seed gives the same data")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	scale, err := seed.ParseScale(*scaleName)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *db, store.Options{})
	if err != nil {
		return err
	}
	stats, err := seed.Run(ctx, st.Client, scale, *n)
	// Closing is part of seeding: the last connection to a SQLite file
	// folds its WAL into it, and a copy of the file is complete only then.
	if cerr := st.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing the store: %w", cerr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "seeded %s: %d rows in %s (%.0f rows/s)\n  %+v\n", scale.Name, stats.Rows(),
		stats.Duration.Round(time.Millisecond), float64(stats.Rows())/stats.Duration.Seconds(), stats)
	return nil
}

func token(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	var roles multi
	fs.Var(&roles, "role", "role (repeatable): "+fmt.Sprint(access.Roles))
	unit := fs.String("unit", "", "unit code the roles apply to")
	sub := fs.String("sub", "dev", "subject: the person's or account's id")
	ttl := fs.Duration("ttl", 8*time.Hour, "lifetime")
	dev := fs.Bool("dev", false, "sign with the public development secret when THIDUA_JWT_SECRET is unset")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	sign, err := signer(*dev)
	if err != nil {
		return err
	}
	id := auth.Identity{Sub: *sub, UnitCode: *unit}
	for _, r := range roles {
		role, err := access.ParseRole(r)
		if err != nil {
			return err
		}
		id.Roles = append(id.Roles, role)
	}
	t, err := sign.Mint(id, *ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, t)
	return nil
}

func serve(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	db := dbFlag(fs)
	addr := fs.String("addr", env("THIDUA_ADDR", "127.0.0.1:8080"), "listen address (THIDUA_ADDR)")
	dev := fs.Bool("dev", false, "development: seed demo data into an empty store, GraphiQL at /, dev tokens")
	cors := fs.String("cors-origins", env("THIDUA_CORS_ORIGINS", ""), "allowed cross-origin callers, comma-separated (THIDUA_CORS_ORIGINS)")
	filesDir := filesDirFlag(fs)
	lim := graph.DefaultLimits()
	fs.Int64Var(&lim.MaxRows, "max-rows", envInt("THIDUA_MAX_ROWS", lim.MaxRows), "rows one operation may ask for, nested pages multiplied (THIDUA_MAX_ROWS)")
	fs.IntVar(&lim.MaxDepth, "max-depth", int(envInt("THIDUA_MAX_DEPTH", int64(lim.MaxDepth))), "selection depth (THIDUA_MAX_DEPTH)")
	fs.IntVar(&lim.MaxAliases, "max-aliases", int(envInt("THIDUA_MAX_ALIASES", int64(lim.MaxAliases))), "aliases per operation (THIDUA_MAX_ALIASES)")
	fs.IntVar(&lim.ParserTokens, "max-tokens", int(envInt("THIDUA_MAX_TOKENS", int64(lim.ParserTokens))), "parser tokens per document (THIDUA_MAX_TOKENS)")
	introspection := fs.Bool("introspection", env("THIDUA_INTROSPECTION", "") == "true", "answer schema introspection and suggest names in validation errors; on with --dev (THIDUA_INTROSPECTION)")
	maxResponse := fs.Int64("max-response", envInt("THIDUA_MAX_RESPONSE", graph.DefaultMaxResponseBytes), "bytes of an answer's data (THIDUA_MAX_RESPONSE)")
	metricsAddr := fs.String("metrics-addr", env("THIDUA_METRICS_ADDR", ""), "serve /metrics on this address instead of the API's (THIDUA_METRICS_ADDR)")
	metricsOps := fs.String("metrics-operations", env("THIDUA_METRICS_OPERATIONS", ""), "operation names /metrics shows by name, comma-separated, or a file of them; others are \"other\" (THIDUA_METRICS_OPERATIONS)")
	maxBody := fs.Int64("max-body", envInt("THIDUA_MAX_BODY", server.DefaultMaxBodyBytes), "bytes of a JSON request (THIDUA_MAX_BODY)")
	timeout := fs.Duration("request-timeout", server.DefaultRequestTimeout, "time a request may take (THIDUA_REQUEST_TIMEOUT)")
	maxUploads := fs.Int("max-uploads", int(envInt("THIDUA_MAX_UPLOADS", server.DefaultMaxUploads)), "multipart uploads read at once, each spooling up to 21 MiB to $TMPDIR (THIDUA_MAX_UPLOADS)")
	uploadTimeout := fs.Duration("upload-timeout", server.DefaultUploadTimeout, "time a multipart upload may take to arrive, before the request's own time (THIDUA_UPLOAD_TIMEOUT)")
	persisted := fs.String("persisted-queries", env("THIDUA_PERSISTED_QUERIES", ""), "allowlist mode: a JSON file of the only documents to run (THIDUA_PERSISTED_QUERIES)")
	chURL := fs.String("clickhouse", env("THIDUA_CLICKHOUSE", ""), "warehouse URL, clickhouse://host:9000/thidua; unset: no warehouse (THIDUA_CLICKHOUSE)")
	schedule := fs.String("etl-schedule", env("THIDUA_ETL_SCHEDULE", etl.DefaultSchedule), "when the ETL runs: five cron fields in Asia/Ho_Chi_Minh (THIDUA_ETL_SCHEDULE)")
	digestSchedule := fs.String("digest-schedule", env("THIDUA_DIGEST_SCHEDULE", digest.DefaultSchedule), "when the reminder digest is e-mailed: five cron fields in Asia/Ho_Chi_Minh (THIDUA_DIGEST_SCHEDULE)")
	onStart := fs.Bool("etl-on-start", false, "also run the ETL once when the server starts (on with --dev)")
	localCH := fs.String("local-clickhouse", "", "development: start a private clickhouse-server with its data in this directory and use it as the warehouse")
	proxies := fs.String("trusted-proxies", env("THIDUA_TRUSTED_PROXIES", ""), "proxies whose X-Forwarded-For names the client: addresses or CIDR ranges, comma-separated (THIDUA_TRUSTED_PROXIES)")
	// A wrong flag is a startup error like any other: one JSON line (from
	// main), not the flag package's text. -h still prints the flags.
	fs.SetOutput(io.Discard)
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fs.PrintDefaults()
			return nil
		}
		return err
	}
	if t := os.Getenv("THIDUA_METRICS_TOKEN"); t != "" && len(t) < 32 {
		// A short one is guessed; /metrics on the API's address shows
		// the service's operations and errors to whoever guesses it.
		return errors.New("THIDUA_METRICS_TOKEN: at least 32 bytes, like the other secrets")
	}
	if *maxUploads < 1 {
		return fmt.Errorf("THIDUA_MAX_UPLOADS / --max-uploads: %d; at least 1", *maxUploads)
	}
	trusted, err := server.ParseTrustedProxies(*proxies)
	if err != nil {
		return err
	}
	verifier, hs, err := verifiers(ctx, *dev)
	if err != nil {
		return err
	}
	linkKey, err := linkSigner(*dev)
	if err != nil {
		return err
	}
	if linkKey == nil {
		// Without a key every downloadURL would be an error, and as a
		// non-null field it would null the dossier it sits on.
		return errors.New("THIDUA_LINK_SECRET is not set: with OIDC and no THIDUA_JWT_SECRET, the download links need a secret of at least 32 bytes, the same on every replica")
	}
	st, err := store.Open(ctx, *db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	for name, d := range map[string]*time.Duration{"request-timeout": timeout, "upload-timeout": uploadTimeout} {
		variable := "THIDUA_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		if v := os.Getenv(variable); v != "" && !flagSet(fs, name) {
			parsed, err := time.ParseDuration(v)
			if err != nil || parsed <= 0 {
				return fmt.Errorf("%s: %q is not a positive duration (say 30s or 5m)", variable, v)
			}
			*d = parsed
		}
	}
	if *persisted != "" {
		if lim.Persisted, err = graph.LoadPersisted(*persisted); err != nil {
			return err
		}
	}
	// Both publish the schema; a development server is there to be explored.
	lim.Introspection = *introspection || *dev && !flagSet(fs, "introspection") && os.Getenv("THIDUA_INTROSPECTION") == ""
	lim.MaxResponseBytes = *maxResponse
	cfg := server.Config{Dev: *dev, CORSOrigins: list(*cors), FilesDir: *filesDir, Limits: lim,
		MaxBodyBytes: *maxBody, RequestTimeout: *timeout, UploadTimeout: *uploadTimeout, MaxUploads: *maxUploads, MetricsToken: os.Getenv("THIDUA_METRICS_TOKEN"), Links: linkKey,
		TrustedProxies: trusted}
	if cfg.MetricsOperations, err = server.ParseOperationNames(*metricsOps); err != nil {
		return err
	}
	// Outside development /metrics is served where the operator chose: on
	// its own address, or on the API's behind a token; else not at all.
	cfg.MetricsApart = *metricsAddr != "" || !*dev && cfg.MetricsToken == ""
	go sweepFilesDaily(ctx, st.Client, nominationflow.Files{Dir: *filesDir})
	if *dev {
		if err := devData(ctx, st); err != nil {
			return err
		}
	}
	if *localCH != "" {
		ch, err := startLocalWarehouse(*localCH, out)
		if err != nil {
			fmt.Fprintf(out, "\nwarehouse: not started (%v)\n  To add it: install clickhouse-server (as root: apt-get install clickhouse-server) and run `make run` again,\n  or point THIDUA_CLICKHOUSE at a ClickHouse server.\n", err)
		} else {
			defer ch.Stop()
			*chURL = ch.URL("thidua")
		}
	}
	var etlSched *etl.Scheduler // waited for on shutdown, within its grace
	if *chURL != "" {
		sched, err := scheduler(*db, *chURL, *schedule, *dev, *onStart || *dev)
		if err != nil {
			return err
		}
		cfg.Warehouse = sched.Monitor
		pseudonyms, err := etl.NewPseudonymizer(sched.Config.PseudonymKey)
		if err != nil {
			return err
		}
		cfg.Reports = &interim.Service{Warehouse: sched.Monitor, Labels: interim.StoreLabels{Client: st.Client, Pseudonyms: pseudonyms}}
		go sched.Run(ctx)
		etlSched = sched
		// The URL may carry the warehouse's password: only its redacted form is printed.
		slog.Info("warehouse", "url", redact.URL(*chURL), "etl_schedule", *schedule, "time_zone", "Asia/Ho_Chi_Minh",
			"next_run", sched.Next(time.Now()).Format(time.RFC3339))
	}
	if err := startDigest(ctx, st.Client, os.Getenv("THIDUA_SMTP_URL"), *digestSchedule); err != nil {
		return err
	}
	if *dev {
		t, err := hs.Mint(auth.Identity{Sub: "dev-admin", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}, 24*time.Hour)
		if err != nil {
			return err
		}
		cfg.DevToken = t
		fmt.Fprintf(out, "\nGraphiQL: http://%s/   (the header below is prefilled there)\nAuthorization: Bearer %s\n\n", *addr, t)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	handler := server.New(st, verifier, cfg)
	srv := httpServer(handler)
	// Subscriptions hear the other replicas' commits; open streams end
	// first on shutdown, or Shutdown would wait on them to its timeout.
	st.Live.Listen()
	srv.RegisterOnShutdown(st.Live.EndSubscriptions)
	servers := []*http.Server{srv}
	errc := make(chan error, 2)
	metricsAt := "off"
	switch {
	case *metricsAddr != "":
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("--metrics-addr: %w", err)
		}
		msrv := httpServer(handler.Metrics())
		servers = append(servers, msrv)
		go func() { errc <- msrv.Serve(mln) }()
		metricsAt = mln.Addr().String()
	case !cfg.MetricsApart:
		metricsAt = "api address"
	}
	gcPercent, memLimit := server.TuneGC()
	slog.Info("serving", "addr", ln.Addr().String(), "store", st.Dialect, "dev", *dev, "gogc", gcPercent, "gomemlimit", memLimit,
		"introspection", lim.Introspection, "metrics", metricsAt, "metrics_token", cfg.MetricsToken != "",
		"trusted_proxies", *proxies)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	slog.Info("shutting down")
	// A scheduled run, cancelled with ctx, records itself and drops its
	// staging tables while the HTTP servers drain.
	etlStopped := make(chan struct{})
	go func() {
		defer close(etlStopped)
		if etlSched != nil {
			etlSched.Wait()
		}
	}()
	var first error
	for _, s := range servers {
		if err := s.Shutdown(shutdown); err != nil && first == nil {
			first = err
		}
	}
	<-etlStopped
	return first
}

func httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler: h,
		// The server's own complaints (a broken TLS handshake, a handler
		// that wrote its header twice) are log lines like any other: JSON.
		ErrorLog:          slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
}

// devData seeds the small demo data into an empty store.
func devData(ctx context.Context, st *store.Store) error {
	n, err := st.Client.Unit.Query().Count(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil || n > 0 {
		return err
	}
	stats, err := seed.Run(ctx, st.Client, seed.Scales["small"], seed.DefaultSeed)
	if err != nil {
		return err
	}
	slog.Info("seeded demo data", "scale", "small", "rows", stats.Rows(), "duration", stats.Duration.String())
	return nil
}

// verifiers accepts the identity provider's tokens when THIDUA_OIDC_ISSUER
// is set, and HS256 tokens only when THIDUA_JWT_SECRET is set or in --dev.
func verifiers(ctx context.Context, dev bool) (auth.Verifiers, *auth.HS256, error) {
	var v auth.Verifiers
	if issuer := os.Getenv("THIDUA_OIDC_ISSUER"); issuer != "" {
		cfg, err := oidcConfig(issuer)
		if err != nil {
			return v, nil, err
		}
		// The provider being down does not stop the server: NewOIDC loads
		// the keys in the background and tokens wait for them.
		o, err := auth.NewOIDC(ctx, cfg)
		if err != nil {
			return v, nil, err
		}
		v.OIDC = o
	}
	if os.Getenv("THIDUA_JWT_SECRET") != "" || dev {
		hs, err := signer(dev)
		if err != nil {
			return v, nil, err
		}
		v.HS = hs
	}
	if v.OIDC == nil && v.HS == nil {
		return v, nil, errors.New("no identity configured: set THIDUA_OIDC_ISSUER (production) or THIDUA_JWT_SECRET (development), or run with --dev")
	}
	return v, v.HS, nil
}
