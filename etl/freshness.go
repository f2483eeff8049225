package etl

import (
	"context"
	"errors"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/prometheus/client_golang/prometheus"
)

// DefaultFreshnessCache is how long a scrape reuses what the warehouse
// said of its freshness: every replica is scraped, and the answer moves
// once a night.
const DefaultFreshnessCache = 30 * time.Second

// freshnessTimeout keeps a scrape well within Prometheus's 10 s default
// when the warehouse hangs.
const freshnessTimeout = 3 * time.Second

// freshness is what the warehouse last said of its latest refresh.
type freshness struct {
	read      time.Time // when it was asked; zero: never
	reachable bool
	known     bool      // the warehouse answered at least once
	last      time.Time // snapshot of the latest successful run; zero: never refreshed
}

// Server error codes meaning the ledger is not there yet: an unmigrated
// warehouse answered, and holds no refresh.
const (
	chUnknownTable    = 60
	chUnknownDatabase = 81
)

// freshness reads the latest successful run from the warehouse's etl_run,
// whichever replica ran it, at most once per CacheFor. When the warehouse
// stops answering, the last refresh it reported is kept: its age is what
// an alert on staleness needs, and reachable says the rest.
func (m *Monitor) freshness(ctx context.Context) freshness {
	m.freshMu.Lock()
	defer m.freshMu.Unlock()
	ttl := m.CacheFor
	if ttl <= 0 {
		ttl = DefaultFreshnessCache
	}
	if !m.expired.Swap(false) && !m.fresh.read.IsZero() && time.Since(m.fresh.read) < ttl {
		return m.fresh
	}
	ctx, cancel := context.WithTimeout(ctx, freshnessTimeout)
	defer cancel()
	f := m.fresh
	f.read = time.Now()
	conn, db, err := m.Conn(ctx)
	var r Refresh
	var ok bool
	if err == nil {
		r, ok, err = LastRefresh(ctx, conn, db)
	}
	var ex *clickhouse.Exception
	switch {
	case err == nil:
		f.reachable, f.known, f.last = true, true, time.Time{}
		if ok {
			f.last = r.Snapshot
		}
	case errors.As(err, &ex):
		// The server answered, with an error of its own.
		f.reachable = true
		if ex.Code == chUnknownTable || ex.Code == chUnknownDatabase {
			f.known, f.last = true, time.Time{}
		}
	default:
		f.reachable = false
	}
	m.fresh = f
	return f
}

var (
	descWarehouseLast = prometheus.NewDesc("thidua_warehouse_last_refresh_timestamp_seconds",
		"Snapshot time of the warehouse's latest successful ETL run, whichever replica ran it (read from etl_run; 0: never refreshed).", nil, nil)
	descWarehouseUp = prometheus.NewDesc("thidua_warehouse_reachable",
		"1 when the warehouse answered this replica's latest freshness query, else 0.", nil, nil)
	descSkipped = prometheus.NewDesc("thidua_etl_runs_skipped_total",
		"Scheduled ETL runs this process skipped because another run held the lock.", nil, nil)
)

// collectFreshness sends the series every replica exports from its start,
// whether or not it ever ran the ETL.
func (m *Monitor) collectFreshness(ch chan<- prometheus.Metric) {
	f := m.freshness(context.Background())
	up := 0.0
	if f.reachable {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(descWarehouseUp, prometheus.GaugeValue, up)
	if f.known {
		ts := 0.0
		if !f.last.IsZero() {
			ts = float64(f.last.Unix())
		}
		ch <- prometheus.MustNewConstMetric(descWarehouseLast, prometheus.GaugeValue, ts)
	}
}
