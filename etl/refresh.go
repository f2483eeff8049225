package etl

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// Refresh is the latest successful run as the warehouse records it.
type Refresh struct {
	RunID    string
	Snapshot time.Time // the store as of this moment is what the warehouse holds
	Finished time.Time
}

// LastRefresh reads the latest successful run from etl_run; ok is false
// when the warehouse was never refreshed. Runs that share a snapshot and
// finish second are told apart by run_id, which newRunID makes grow with
// the start to the microsecond: the same order as the guide's query.
func LastRefresh(ctx context.Context, conn driver.Conn, database string) (r Refresh, ok bool, err error) {
	rows, err := conn.Query(ctx, fmt.Sprintf(`SELECT run_id, argMax(snapshot_at, version) AS snap, argMax(finished_at, version) AS fin
		FROM `+"`%s`"+`.etl_run GROUP BY run_id HAVING argMax(status, version) = 'SUCCEEDED'
		ORDER BY snap DESC, fin DESC, run_id DESC LIMIT 1`, database))
	if err != nil {
		return r, false, err
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&r.RunID, &r.Snapshot, &r.Finished); err != nil {
			return r, false, err
		}
		r.Snapshot, r.Finished, ok = r.Snapshot.In(HCM), r.Finished.In(HCM), true
	}
	return r, ok, rows.Err()
}

// Ready reports the warehouse for /readyz: reachable or not, its latest
// refresh, and this process's last run and next scheduled one. A warehouse
// down never makes the API unready: only reports depend on it.
func (m *Monitor) Ready(ctx context.Context) map[string]any {
	out := map[string]any{"state": "ok"}
	conn, db, err := m.Conn(ctx)
	if err == nil {
		err = conn.Ping(ctx)
	}
	if err != nil {
		out["state"] = "unreachable"
	} else {
		r, ok, err := LastRefresh(ctx, conn, db)
		switch {
		case err != nil:
			out["state"] = "not migrated"
		case !ok:
			out["lastRefresh"] = nil
			out["state"] = "never refreshed"
		default:
			out["lastRefresh"] = r.Snapshot.Format(time.RFC3339)
			out["lastRun"] = r.RunID
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.next.IsZero() {
		out["nextRun"] = m.next.Format(time.RFC3339)
	}
	if m.last.RunID != "" || m.lastErr != nil {
		own := map[string]any{"run": m.last.RunID, "status": m.last.Status}
		if m.lastErr != nil {
			own["error"] = m.lastErr.Error()
		}
		out["thisReplica"] = own
	}
	return out
}

var (
	descRuns = prometheus.NewDesc("thidua_etl_runs_total", "ETL runs of this process by outcome.", []string{"status"}, nil)
	descRows = prometheus.NewDesc("thidua_etl_rows_loaded_total", "Rows this process's ETL runs loaded into the warehouse.", nil, nil)
	descLast = prometheus.NewDesc("thidua_etl_last_success_timestamp_seconds", "Snapshot time of this process's latest successful run.", nil, nil)
	descDur  = prometheus.NewDesc("thidua_etl_last_run_duration_seconds", "Duration of this process's latest run.", nil, nil)
	descNext = prometheus.NewDesc("thidua_etl_next_run_timestamp_seconds", "When the next scheduled run starts.", nil, nil)
)

// Conn is the monitor's one connection to the warehouse, opened on first
// use and kept: probes come every few seconds, and clickhouse-go's pool
// reconnects by itself once the warehouse is back.
func (m *Monitor) Conn(ctx context.Context) (driver.Conn, string, error) {
	m.connMu.Lock()
	defer m.connMu.Unlock()
	if m.wh == nil {
		conn, target, err := warehouse.Open(ctx, m.URL, "")
		if err != nil {
			return nil, "", err
		}
		m.wh, m.db = conn, target.Database
	}
	return m.wh, m.db, nil
}

// Describe and Collect make the monitor a Prometheus collector.
func (m *Monitor) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descRuns, descRows, descLast, descDur, descNext, descWarehouseLast, descWarehouseUp, descSkipped} {
		ch <- d
	}
}

func (m *Monitor) Collect(ch chan<- prometheus.Metric) {
	m.collectFreshness(ch) // before m.mu: it may wait on the warehouse
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range []string{StatusSucceeded, StatusFailed} {
		ch <- prometheus.MustNewConstMetric(descRuns, prometheus.CounterValue, float64(m.runs[s]), s)
	}
	ch <- prometheus.MustNewConstMetric(descSkipped, prometheus.CounterValue, float64(m.skips))
	ch <- prometheus.MustNewConstMetric(descRows, prometheus.CounterValue, float64(m.rows))
	if m.last.Status == StatusSucceeded {
		ch <- prometheus.MustNewConstMetric(descLast, prometheus.GaugeValue, float64(m.last.Snapshot.Unix()))
	}
	if m.last.RunID != "" {
		ch <- prometheus.MustNewConstMetric(descDur, prometheus.GaugeValue, m.last.Finished.Sub(m.last.Started).Seconds())
	}
	if !m.next.IsZero() {
		ch <- prometheus.MustNewConstMetric(descNext, prometheus.GaugeValue, float64(m.next.Unix()))
	}
}
