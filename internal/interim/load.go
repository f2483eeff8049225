package interim

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// concurrency bounds the summary's queries in flight: enough to overlap
// ClickHouse's work, few enough to leave the server to other readers.
const concurrency = 4

// Load computes the summary of a phase for the units under path (a unit's
// path; "/HCM/" for the whole city) from the warehouse in database, as the
// store was at asOf (the ETL run's snapshot: a report still unsent after
// its due day is late as of then). Facts count where they happened (units
// whose path, at any time, lies under path); the restated rows count them
// on today's units under path.
func Load(ctx context.Context, conn driver.Conn, database string, phase Phase, path string, asOf time.Time) (Summary, error) {
	s := Summary{Phase: phase, Scope: path}
	q := newQuery(conn, database, phase, path, asOf)
	l := &loader{units: map[uint64]*dimUnit{}, perUnit: map[string]map[uint64][]int{}, heads: map[typeYear]int{}}
	steps := append(append(append(s.sectionSteps(l), l.unitSteps()...), s.followSteps(l, asOf)...), s.proposalSteps()...)
	if err := q.run(ctx, steps); err != nil {
		return Summary{}, err
	}
	s.finish(l)
	// The list takes in the standouts, known once the rest is put together.
	s.finishProposals(l)
	if err := s.proposalIdeas(ctx, q); err != nil {
		return Summary{}, err
	}
	return s, nil
}

// step is one query of the summary and what it does with each row.
type step struct {
	sql  string
	scan func(driver.Rows) error
}

// run runs the steps, a few at a time; each scan writes only its own
// part of the summary, so they need no lock.
func (q query) run(ctx context.Context, steps []step) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, concurrency)
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, st := range steps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if errs[i] = q.each(ctx, st.sql, st.scan); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// query fills the summary's SQL: the database, the phase's years and the
// scope, as literals (a phase is parsed, a path is a unit's; both are
// escaped all the same).
type query struct {
	conn driver.Conn
	vars *strings.Replacer
}

func newQuery(conn driver.Conn, database string, phase Phase, path string, asOf time.Time) query {
	lit := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	p := lit.Replace(path)
	db := "`" + strings.ReplaceAll(database, "`", "") + "`"
	unitScope := fmt.Sprintf("substring(path, 1, %d) = '%s'", len(path), p)
	factScope := "unit_id IN (SELECT unit_id FROM " + db + ".dim_unit WHERE " + unitScope + ")"
	rollupScope := "rollup_id IN (SELECT unit_id FROM " + db + ".dim_unit WHERE is_current = 1 AND " + unitScope + ")"
	return query{conn: conn, vars: strings.NewReplacer(
		"$db", db,
		"$phase", lit.Replace(phase.Name),
		"$first", fmt.Sprintf("%d-01-01", phase.Start),
		"$after", fmt.Sprintf("%d-01-01", phase.End+1),
		"$asof", asOf.In(domain.Zone).Format("2006-01-02"),
		// Late: not sent by the end of the due day in Asia/Ho_Chi_Minh (the
		// store keeps that day), or still unsent once it is over.
		"$late", "if(isNull(sent_on), ifNull(due_on < toDate('"+asOf.In(domain.Zone).Format("2006-01-02")+"'), 0), ifNull(sent_on > due_on, 0))",
		"$years", fmt.Sprintf("year BETWEEN %d AND %d", phase.Start, phase.End),
		"$unit_scope", unitScope,
		"$fact_scope", factScope,
		"$either_scope", "("+factScope+" OR "+rollupScope+")",
	)}
}

func (q query) each(ctx context.Context, sql string, scan func(driver.Rows) error) error {
	sql = q.vars.Replace(sql)
	rows, err := q.conn.Query(ctx, sql)
	if err != nil {
		return fmt.Errorf("interim summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("interim summary: %w", err)
		}
	}
	return rows.Err()
}

// scanInts scans a row of leading key columns and unsigned counts. Keys
// may be domain enums (string kinds), which the driver cannot scan into;
// counts are UInt64 in ClickHouse and int in the summary.
func scanInts(r driver.Rows, keys []any, out ...*int) error {
	vals := make([]uint64, len(out))
	dest := make([]any, 0, len(keys)+len(out))
	var enums []reflect.Value
	var texts []*string
	for _, k := range keys {
		if v := reflect.ValueOf(k).Elem(); v.Kind() == reflect.String && v.Type() != reflect.TypeFor[string]() {
			t := new(string)
			enums, texts = append(enums, v), append(texts, t)
			k = t
		}
		dest = append(dest, k)
	}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	if err := r.Scan(dest...); err != nil {
		return err
	}
	for i, e := range enums {
		e.SetString(*texts[i])
	}
	for i, v := range vals {
		*out[i] = int(v)
	}
	return nil
}

func rate(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	r := float64(n) / float64(of)
	return &r
}

func median(hist [][2]int64) *float64 {
	var n int64
	for _, h := range hist {
		n += h[1]
	}
	if n == 0 {
		return nil
	}
	sort.Slice(hist, func(i, j int) bool { return hist[i][0] < hist[j][0] })
	at := func(k int64) int64 { // the k-th smallest value, from 0
		for _, h := range hist {
			if k < h[1] {
				return h[0]
			}
			k -= h[1]
		}
		return hist[len(hist)-1][0]
	}
	m := float64(at((n-1)/2)+at(n/2)) / 2
	return &m
}
