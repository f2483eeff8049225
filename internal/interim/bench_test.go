package interim_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/interim/render"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chcluster"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

const benchKey = "interim-bench-key-interim-bench-key-0000"

// benchScale is the summary's scale: city by default, as the issue asks;
// THIDUA_BENCH_INTERIM_SCALE=small for a quick look.
func benchScale() string {
	if s := os.Getenv("THIDUA_BENCH_INTERIM_SCALE"); s != "" {
		return s
	}
	return "city"
}

type benchEnv struct {
	st      *store.Store
	monitor *etl.Monitor
	phase   interim.Phase
	city    interim.Scope
	err     error
}

var (
	benchOnce sync.Once
	bench     benchEnv
	dropStore func() // the seeded PostgreSQL database, dropped after every benchmark
)

// TestMain stops the shared ClickHouse and drops the benchmarks' store
// once every test and benchmark of the package has run: the store is
// seeded once and shared, so no single benchmark may clean it up.
func TestMain(m *testing.M) {
	chtest.Main(m, func() {
		if dropStore != nil {
			dropStore()
		}
		seedtest.Cleanup()
	}, chcluster.StopShared)
}

// setup seeds a PostgreSQL store (or uses THIDUA_BENCH_STORE) and loads
// it into a fresh warehouse database with one ETL run, once per binary.
func setup(b *testing.B) *benchEnv {
	b.Helper()
	srv := chtest.Shared(b)
	benchOnce.Do(func() {
		ctx := context.Background()
		url := os.Getenv("THIDUA_BENCH_STORE")
		if url == "" {
			start := time.Now()
			u, drop, err := seedtest.NewScaled(ctx, "postgres", benchScale())
			if err != nil {
				bench.err = err
				return
			}
			dropStore = drop
			url = u
			b.Logf("a %s store ready in %s", benchScale(), time.Since(start).Round(time.Second))
		}
		st, err := store.Open(ctx, url, store.Options{})
		if err != nil {
			bench.err = err
			return
		}
		bench.st = st
		// Named here rather than by srv.Database, whose cleanup would drop
		// it after the first benchmark; the server itself is temporary.
		db := fmt.Sprintf("thidua_interim_bench_%d", time.Now().UnixNano())
		if _, err := etl.Run(ctx, etl.Config{Store: url, Warehouse: srv.URL(db), PseudonymKey: benchKey}); err != nil {
			bench.err = err
			return
		}
		bench.monitor = &etl.Monitor{URL: srv.URL(db)}
		bench.phase, _ = interim.ParsePhase("2022-2025")
		bench.city = interim.Scope{Path: "/HCM/", Code: "HCM", Name: "Thành phố Hồ Chí Minh"}
	})
	if bench.err != nil {
		if !errors.Is(bench.err, seedtest.ErrUnreachable) || storetest.RequireServers() {
			b.Fatal(bench.err)
		}
		b.Skip(bench.err)
	}
	return &bench
}

// BenchmarkInterim: the city's summary as a leader asks for it — cold
// (the first request after a refresh: the warehouse's queries, the
// store's labels and the page) and cached (every later request: the page
// only). Its baseline, BenchmarkInterimBaseline, is the warehouse's
// queries behind the summary alone, in the same run.
func BenchmarkInterim(b *testing.B) {
	e := setup(b)
	ctx := context.Background()
	pseudonyms, err := etl.NewPseudonymizer(benchKey)
	if err != nil {
		b.Fatal(err)
	}
	labels := interim.StoreLabels{Client: e.st.Client, Pseudonyms: pseudonyms}
	page := func(b *testing.B, svc *interim.Service) {
		rep, err := svc.Report(ctx, e.phase, e.city)
		if err != nil || rep.State != interim.StateOK {
			b.Fatalf("%v %s", err, rep.State)
		}
		if err := render.HTML(io.Discard, rep, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run(benchScale()+"/cold", func(b *testing.B) {
		for b.Loop() {
			page(b, &interim.Service{Warehouse: e.monitor, Labels: labels})
		}
	})
	b.Run(benchScale()+"/cached", func(b *testing.B) {
		svc := &interim.Service{Warehouse: e.monitor, Labels: labels}
		page(b, svc)
		for b.Loop() {
			page(b, svc)
		}
	})
}

// BenchmarkInterimBaseline: the warehouse's queries behind the summary.
func BenchmarkInterimBaseline(b *testing.B) {
	e := setup(b)
	ctx := context.Background()
	conn, db, err := e.monitor.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"cold", "cached"} {
		b.Run(benchScale()+"/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := interim.Load(ctx, conn, db, e.phase, e.city.Path, time.Now()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInterimDOCX: the report to sign for the city from a cached
// summary (its first build after a refresh adds BenchmarkInterim's cold
// summary). Its baseline, BenchmarkInterimDOCXBaseline, is the page of the
// same summary. THIDUA_BENCH_DOCX_OUT names a file to keep one build in,
// for counting its pages with LibreOffice.
func BenchmarkInterimDOCX(b *testing.B) {
	rep, build := docxReport(b)
	if out := os.Getenv("THIDUA_BENCH_DOCX_OUT"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		build(f)
		f.Close()
		b.Logf("award list: %d lines; counts %v", len(rep.Summary.Proposals), rep.Summary.ProposalCounts)
	}
	b.Run(benchScale(), func(b *testing.B) {
		for b.Loop() {
			build(io.Discard)
		}
	})
}

// BenchmarkInterimDOCXBaseline: the page of the summary the report is built from.
func BenchmarkInterimDOCXBaseline(b *testing.B) {
	rep, _ := docxReport(b)
	b.Run(benchScale(), func(b *testing.B) {
		for b.Loop() {
			if err := render.HTML(io.Discard, rep, render.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// docxReport is the city's report, read once, and a build of its DOCX.
func docxReport(b *testing.B) (interim.Report, func(io.Writer)) {
	e := setup(b)
	ctx := context.Background()
	pseudonyms, err := etl.NewPseudonymizer(benchKey)
	if err != nil {
		b.Fatal(err)
	}
	svc := &interim.Service{Warehouse: e.monitor, Labels: interim.StoreLabels{Client: e.st.Client, Pseudonyms: pseudonyms}}
	rep, err := svc.Report(ctx, e.phase, e.city)
	if err != nil || rep.State != interim.StateOK {
		b.Fatalf("%v %s", err, rep.State)
	}
	city, err := e.st.Client.Unit.Query().Where(unit.Code("HCM")).Only(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		b.Fatal(err)
	}
	scope := interim.Scope{ID: city.ID, Path: city.Path, Code: city.Code, Name: city.Name}
	return rep, func(w io.Writer) {
		is, err := interim.IssuerOf(ctx, e.st.Client, scope)
		if err == nil {
			err = render.DOCX(w, rep, render.DocOptions{Issuer: is, Today: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}
