package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"sort"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

// devPseudonymKey keys the pseudonyms of demo data only; it is public, so
// a warehouse loaded with it must never hold real people.
const devPseudonymKey = "thidua-development-pseudonym-key-not-for-production"

// etlConfig is what a run needs, for `etl run` and for the schedule of
// `serve` alike: the store, the warehouse (and its cluster) and the
// pseudonym key.
func etlConfig(db, chURL string, dev bool) (etl.Config, error) {
	if chURL == "" {
		return etl.Config{}, errors.New("no warehouse configured: set THIDUA_CLICKHOUSE or --clickhouse (clickhouse://host:9000/thidua)")
	}
	key := env("THIDUA_PSEUDONYM_KEY", "")
	if key == "" && dev {
		key = devPseudonymKey
	}
	if key == "" {
		return etl.Config{}, errors.New("THIDUA_PSEUDONYM_KEY is not set: the warehouse keys people with it (at least 32 bytes; keep it secret and never change it)")
	}
	readers := 0
	if s := env("THIDUA_ETL_READERS", ""); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 16 {
			return etl.Config{}, fmt.Errorf("THIDUA_ETL_READERS is %q: a number of years loaded at once, 1 to 16", s)
		}
		readers = n
	}
	return etl.Config{Store: db, Warehouse: chURL, PseudonymKey: key, Cluster: env("THIDUA_CLICKHOUSE_CLUSTER", ""), Readers: readers}, nil
}

func etlCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "run" {
		return errors.New("usage: thidua etl run [--full] [--db URL] [--clickhouse URL] [--cluster NAME]")
	}
	fs := flag.NewFlagSet("etl run", flag.ContinueOnError)
	db := dbFlag(fs)
	chURL := fs.String("clickhouse", env("THIDUA_CLICKHOUSE", ""), "warehouse URL, clickhouse://host:9000/thidua (THIDUA_CLICKHOUSE)")
	dev := fs.Bool("dev", false, "development: the public demo pseudonym key when THIDUA_PSEUDONYM_KEY is unset")
	full := fs.Bool("full", false, "rebuild every year of every table, changed or not")
	cluster := fs.String("cluster", env("THIDUA_CLICKHOUSE_CLUSTER", ""), "ClickHouse cluster of the warehouse: load every shard's NAME_local tables, migrate ON CLUSTER (THIDUA_CLICKHOUSE_CLUSTER)")
	quiet := fs.Bool("quiet", false, "print only the summary")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	cfg, err := etlConfig(*db, *chURL, *dev)
	if err != nil {
		return err
	}
	cfg.Full = *full
	cfg.Cluster = *cluster
	if !*quiet {
		cfg.Report = func(p etl.PartitionResult) { fmt.Fprintln(out, progressLine(p)) }
	}
	res, err := etl.Run(ctx, cfg)
	if res.RunID != "" {
		printSummary(out, res)
	}
	if err != nil {
		return fmt.Errorf("ETL run %s failed: %w", res.RunID, err)
	}
	return nil
}

func progressLine(p etl.PartitionResult) string {
	year := "—"
	if p.Year != 0 {
		year = fmt.Sprint(p.Year)
	}
	return fmt.Sprintf("  %-20s %-5s %-9s %10d rows  %8s", p.Table, year, p.Status, p.Loaded, p.Duration.Round(time.Millisecond))
}

// printSummary ends a run with one line per table.
func printSummary(out io.Writer, res etl.Result) {
	type sum struct {
		replaced, unchanged, dropped, failed int
		rows                                 uint64
		took                                 time.Duration
	}
	by := map[string]*sum{}
	for _, p := range res.Partitions {
		s := by[p.Table]
		if s == nil {
			s = &sum{}
			by[p.Table] = s
		}
		switch p.Status {
		case etl.Replaced:
			s.replaced++
			s.rows += p.Loaded
		case etl.Unchanged:
			s.unchanged++
		case etl.Dropped:
			s.dropped++
		case etl.Failed:
			s.failed++
		}
		s.took += p.Duration
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(out, "\nrun %s: %s, snapshot %s, %s\n", res.RunID, res.Status,
		res.Snapshot.Format("2006-01-02 15:04:05 MST"), res.Finished.Sub(res.Started).Round(time.Millisecond))
	if res.Restored != "" {
		fmt.Fprintf(out, "every year loaded again: %s\n", res.Restored)
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "table\treplaced\tunchanged\tdropped\tfailed\trows loaded\ttime\t")
	var total uint64
	changed := 0
	for _, n := range names {
		s := by[n]
		total += s.rows
		changed += s.replaced + s.dropped
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t\n", n, s.replaced, s.unchanged, s.dropped, s.failed, s.rows, s.took.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "total\t\t\t\t\t%d\t\t\n", total)
	w.Flush()
	if changed == 0 && res.Status == etl.StatusSucceeded {
		fmt.Fprintln(out, "nothing the warehouse reads has changed since the last run")
	}
}

// scheduler builds the in-process ETL of `serve`.
func scheduler(db, chURL, spec string, dev, onStart bool) (*etl.Scheduler, error) {
	cfg, err := etlConfig(db, chURL, dev)
	if err != nil {
		return nil, err
	}
	s, err := etl.NewScheduler(cfg, spec, &etl.Monitor{URL: chURL})
	if err != nil {
		return nil, err
	}
	s.OnStart = onStart
	if v := env("THIDUA_ETL_SHUTDOWN_GRACE", ""); v != "" {
		if s.Grace, err = time.ParseDuration(v); err != nil || s.Grace <= 0 {
			return nil, fmt.Errorf("THIDUA_ETL_SHUTDOWN_GRACE %q: want a positive duration such as 15s", v)
		}
	}
	return s, nil
}

// startLocalWarehouse runs the development warehouse under dir, on port
// 19000 when it is free (so clickhouse-client can find it) or another.
func startLocalWarehouse(dir string, out io.Writer) (*localch.Server, error) {
	port := 19000
	if ln, err := net.Listen("tcp", "127.0.0.1:19000"); err != nil {
		port = 0
	} else {
		ln.Close()
	}
	s, err := localch.Start(dir, port)
	if err != nil {
		return nil, err
	}
	host, p, _ := net.SplitHostPort(s.Addr)
	fmt.Fprintf(out, "\nwarehouse: private clickhouse-server in %s — clickhouse-client --host %s --port %s --database thidua\n", dir, host, p)
	return s, nil
}
