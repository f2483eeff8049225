package etl

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hcmc-thidua/thidua/internal/benchmem"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// The ETL's benchmarks run on PostgreSQL (the production store) at the
// scales of THIDUA_BENCH_SCALES: by default "small city", so that peak
// memory can be compared across scales; "small city stress" for the full
// record (stress seeds ~20 M rows first, for tens of minutes).
func benchScales() []string {
	if s := os.Getenv("THIDUA_BENCH_SCALES"); s != "" {
		return strings.Fields(s)
	}
	return []string{"small", "city"}
}

// benchEnv is a seeded store and a warehouse loaded once by the ETL, kept
// for the benchmarks of one scale.
type benchEnv struct {
	url    string
	pg     int // the PostgreSQL server's process, watched for its CPU (0: not here)
	srv    *chtest.Server
	native string // the loaded tables in Native format, for the insert baseline
	rows   uint64 // rows the ETL loads
	err    error
}

var (
	envMu   sync.Mutex
	envs    = map[string]*benchEnv{}
	cleanup []func()
)

func benchSetup(b *testing.B, scale string) *benchEnv {
	b.Helper()
	envMu.Lock()
	defer envMu.Unlock()
	if e, ok := envs[scale]; ok {
		if e.err != nil {
			b.Fatal(e.err)
		}
		return e
	}
	e := &benchEnv{srv: chtest.Shared(b)}
	envs[scale] = e
	ctx := context.Background()
	if url := os.Getenv("THIDUA_BENCH_STORE"); url != "" {
		// An already seeded store, to iterate without seeding again.
		e.url, e.pg = url, benchmem.PostgresServer(url)
		return e
	}
	start := time.Now()
	url, drop, err := seedtest.NewScaled(ctx, "postgres", scale)
	if err != nil {
		e.err = err
		if !errors.Is(err, seedtest.ErrUnreachable) || storetest.RequireServers() {
			b.Fatal(err)
		}
		b.Skip(err)
	}
	cleanup = append(cleanup, drop)
	e.url, e.pg = url, benchmem.PostgresServer(url)
	b.Logf("a %s store ready in %s", scale, time.Since(start).Round(time.Second))
	return e
}

func (e *benchEnv) freshWarehouse(b *testing.B) (Config, string) {
	b.Helper()
	db := e.srv.Database(b)
	return Config{Store: e.url, Warehouse: e.srv.URL(db), PseudonymKey: testKey, Full: true}, db
}

// BenchmarkETL: a full run into an empty warehouse — rows per second and
// the process's peak memory (RSS). Its baseline is the sum of the two
// limits on the same rows: reading the store alone, and clickhouse-client
// inserting them in Native format alone.
func BenchmarkETL(b *testing.B) {
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			e := benchSetup(b, scale)
			b.ResetTimer()
			var spent time.Duration
			var peak float64
			var used benchmem.CPUSpent
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				cfg, db := e.freshWarehouse(b)
				if testing.Verbose() {
					cfg.Report = func(p PartitionResult) {
						b.Logf("%-20s %d %-9s %9d rows %s", p.Table, p.Year, p.Status, p.Loaded, p.Duration)
					}
				}
				read := benchmem.Peak()
				cpu := benchmem.CPU(map[string]int{"ch": e.srv.Pid(), "pg": e.pg})
				b.StartTimer()
				start := time.Now()
				res, err := Run(context.Background(), cfg)
				spent += time.Since(start)
				b.StopTimer()
				used = used.Add(cpu())
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, read())
				e.rows = res.Rows()
				if e.native == "" {
					e.native = exportNative(b, e.srv, db)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(e.rows)*float64(b.N)/spent.Seconds(), "rows/s")
			b.ReportMetric(peak, "peak-heap-MB")
			benchmem.ReportCPU(b, used, float64(b.N), "s/run")
			b.ReportMetric(spent.Seconds()/float64(b.N), "s/run")
		})
	}
}

// BenchmarkETLBaseline: the limits — the store's rows read through pgx
// in one repeatable-read transaction, plus clickhouse-client inserting the
// loaded rows in Native format — measured in the same run.
func BenchmarkETLBaseline(b *testing.B) {
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			e := benchSetup(b, scale)
			if e.native == "" {
				b.Skip("run with BenchmarkETL: the baseline inserts what the ETL loaded")
			}
			b.ResetTimer()
			var spent time.Duration
			var used benchmem.CPUSpent
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := e.srv.Database(b)
				migrateBench(b, e.srv, db)
				cpu := benchmem.CPU(map[string]int{"ch": e.srv.Pid(), "pg": e.pg})
				b.StartTimer()
				start := time.Now()
				readStore(b, e.url)
				insertNative(b, e.srv, db, e.native)
				spent += time.Since(start)
				used = used.Add(cpu())
			}
			b.ReportMetric(float64(e.rows)*float64(b.N)/spent.Seconds(), "rows/s")
			b.ReportMetric(spent.Seconds()/float64(b.N), "s/run")
			benchmem.ReportCPU(b, used, float64(b.N), "s/run")
		})
	}
}

// BenchmarkETLNoChange: a run over a store that has not changed since the
// last run (the nightly case on a quiet day).
func BenchmarkETLNoChange(b *testing.B) {
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			e := benchSetup(b, scale)
			cfg, _ := e.freshWarehouse(b)
			if _, err := Run(context.Background(), cfg); err != nil {
				b.Fatal(err)
			}
			cfg.Full = false
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := Run(context.Background(), cfg)
				if err != nil {
					b.Fatal(err)
				}
				if res.Rows() != 0 {
					b.Fatalf("a no-change run loaded %d rows", res.Rows())
				}
			}
		})
	}
}

// readStore reads every row of the tables the ETL reads, as raw bytes.
func readStore(b *testing.B, url string) {
	b.Helper()
	src, err := openSource(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	defer src.close()
	if err := src.begin(context.Background()); err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	for _, ft := range factTables {
		for _, t := range ft.sources {
			if seen[t] || t == todaySource {
				continue
			}
			seen[t] = true
			r, err := src.query(context.Background(), "SELECT * FROM "+t)
			if err != nil {
				b.Fatal(err)
			}
			switch r := r.(type) {
			case pgx.Rows: // the wire's bytes, undecoded: the fastest read there is
				for r.Next() {
					_ = r.RawValues()
				}
			case sqlRows:
				cols, _ := r.Columns()
				dest := make([]any, len(cols))
				for i := range dest {
					dest[i] = new(sql.RawBytes)
				}
				for r.Next() {
					if err := r.Scan(dest...); err != nil {
						b.Fatal(err)
					}
				}
			}
			r.Close()
			if err := r.Err(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func clientArgs(srv *chtest.Server, query string) []string {
	host, port, _ := net.SplitHostPort(srv.Addr)
	return []string{"--host", host, "--port", port, "--query", query}
}

// exportNative writes the loaded tables to Native files.
func exportNative(b *testing.B, srv *chtest.Server, db string) string {
	b.Helper()
	dir, err := os.MkdirTemp("", "thidua-native")
	if err != nil {
		b.Fatal(err)
	}
	cleanup = append(cleanup, func() { os.RemoveAll(dir) })
	for _, t := range append([]string{"dim_unit"}, factNames()...) {
		tb, _ := warehouse.Lookup(t)
		out, err := exec.Command("clickhouse-client", clientArgs(srv, fmt.Sprintf("SELECT %s FROM `%s`.`%s` FORMAT Native",
			strings.Join(tb.ColumnNames(), ", "), db, t))...).Output()
		if err != nil {
			b.Fatalf("clickhouse-client export %s: %v", t, err)
		}
		if err := os.WriteFile(filepath.Join(dir, t+".native"), out, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func migrateBench(b *testing.B, srv *chtest.Server, db string) {
	b.Helper()
	conn, err := srv.Open("default")
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	if _, err := warehouse.Migrate(context.Background(), conn, warehouse.Target{Database: db}); err != nil {
		b.Fatal(err)
	}
}

// insertNative inserts the exported tables with clickhouse-client.
func insertNative(b *testing.B, srv *chtest.Server, db, dir string) {
	b.Helper()
	for _, t := range append([]string{"dim_unit"}, factNames()...) {
		tb, _ := warehouse.Lookup(t)
		data, err := os.ReadFile(filepath.Join(dir, t+".native"))
		if err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command("clickhouse-client", clientArgs(srv, fmt.Sprintf("INSERT INTO `%s`.`%s` (%s) FORMAT Native",
			db, t, strings.Join(tb.ColumnNames(), ", ")))...)
		cmd.Stdin = bytes.NewReader(data)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("clickhouse-client insert %s: %v\n%s", t, err, out)
		}
	}
}

// BenchmarkWarehouseQueries: every example query of docs/warehouse.md on a
// warehouse loaded from the scale's store, milliseconds per query.
func BenchmarkWarehouseQueries(b *testing.B) {
	raw, err := os.ReadFile(docWarehouseGuide)
	if err != nil {
		b.Fatal(err)
	}
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			e := benchSetup(b, scale)
			cfg, db := e.freshWarehouse(b)
			if _, err := Run(context.Background(), cfg); err != nil {
				b.Fatal(err)
			}
			conn, err := e.srv.Open("default")
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close()
			for _, m := range docQueryRe.FindAllStringSubmatch(string(raw), -1) {
				query := docDBRe.ReplaceAllString(m[2], "`"+db+"`.")
				b.Run(m[1], func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						rows, err := conn.Query(context.Background(), query)
						if err != nil {
							b.Fatal(err)
						}
						for rows.Next() {
						}
						rows.Close()
					}
				})
			}
		})
	}
}
