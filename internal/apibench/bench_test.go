package apibench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/benchmem"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// Each benchmark op is a fixed number of requests, so that percentiles
// rest on enough samples even at -benchtime 3x (make bench).
const (
	seqRequests = 100 // one after another
	parRequests = 400 // spread over the clients
	clients     = 8
)

// runSeq sends seqRequests requests one after another per op and reports
// the mean (ns/op, per request), median and 99th percentile latencies, and
// the process's allocations per request (allocs/req, kB/req).
// prepare, when set, runs untimed before each op's requests.
func runSeq(b *testing.B, prepare func(n int), do func(i int) error) {
	var lat []time.Duration
	var spent time.Duration
	var mem allocations
	b.ResetTimer()
	for range b.N {
		if prepare != nil {
			b.StopTimer()
			prepare(seqRequests)
			b.StartTimer()
		}
		mem.start()
		for j := range seqRequests {
			start := time.Now()
			if err := do(j); err != nil {
				b.Fatal(err)
			}
			d := time.Since(start)
			lat = append(lat, d)
			spent += d
		}
		mem.stop()
	}
	report(b, lat, spent, false)
	mem.report(b, len(lat))
}

// runConcurrent sends parRequests requests per op from clients clients at
// once, each its own share (requests client*share … (client+1)*share-1),
// and reports the throughput (req/s; ns/op is the wall time per request)
// and the latencies under that load.
func runConcurrent(b *testing.B, prepare func(n int), do func(i int) error) {
	var lat []time.Duration
	var wall time.Duration
	var used benchmem.CPUSpent
	share := parRequests / clients
	b.ResetTimer()
	for range b.N {
		if prepare != nil {
			b.StopTimer()
			prepare(parRequests)
			b.StartTimer()
		}
		lats := make([][]time.Duration, clients)
		errs := make([]error, clients)
		var wg sync.WaitGroup
		cpu := benchmem.CPU(map[string]int{"pg": pgServer()})
		start := time.Now()
		for c := range clients {
			wg.Go(func() {
				for j := range share {
					t := time.Now()
					if err := do(c*share + j); err != nil {
						errs[c] = err
						return
					}
					lats[c] = append(lats[c], time.Since(t))
				}
			})
		}
		wg.Wait()
		wall += time.Since(start)
		used = used.Add(cpu())
		for c := range clients {
			if errs[c] != nil {
				b.Fatal(errs[c])
			}
			lat = append(lat, lats[c]...)
		}
	}
	report(b, lat, wall, true)
	// CPU a request: under load the two cores are the limit, so these say
	// whose work bounds the throughput — this process's (server, client
	// and proxy alike on both sides), PostgreSQL's, or the rest's (the
	// kernel's loopback network, other processes).
	benchmem.ReportCPU(b, used, float64(len(lat)), "ms/req")
}

// pgServer is the benchmarks' PostgreSQL server's process, when it runs
// here, watched for the store's share of the CPU.
var pgServer = sync.OnceValue(func() int {
	if url := os.Getenv("THIDUA_BENCH_STORE"); url != "" {
		return benchmem.PostgresServer(url)
	}
	return benchmem.PostgresServer(storetest.PostgresURL())
})

func report(b *testing.B, lat []time.Duration, spent time.Duration, throughput bool) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(float64(spent.Nanoseconds())/float64(len(lat)), "ns/op")
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*99+99)/100-1]), "p99-ms")
	if throughput {
		b.ReportMetric(float64(len(lat))/spent.Seconds(), "req/s")
	}
}

// readBench runs the sequential and concurrent sub-benchmarks of one request.
func readBench(b *testing.B, e *env, url string, body []byte) {
	do := func(int) error { _, err := post(url, e.readTok, body); return err }
	b.Run(e.label+"/seq", func(b *testing.B) { runSeq(b, nil, do) })
	b.Run(e.label+"/c8", func(b *testing.B) { runConcurrent(b, nil, do) })
}

// checked proves, once per env, that the API and the baseline give the
// same answers to the requests the benchmarks send.
func checked(b *testing.B, e *env) {
	b.Helper()
	e.checkOnce.Do(func() { e.checkErr = e.checkSame() })
	if e.checkErr != nil {
		b.Fatal(e.checkErr)
	}
}

func (e *env) checkSame() error {
	for _, n := range []int{10, 50, 100} {
		var g, h pageAnswer
		if err := e.both("/ideas-page", e.readTok, pageBody(n, e.path), &g, &h); err != nil {
			return err
		}
		gc, hc := pageCodes(g), pageCodes(h)
		if len(gc) != min(n, e.ideas) || !slices.Equal(gc, hc) {
			return fmt.Errorf("ideas page first %d: the API's ideas %v, the baseline's %v", n, gc, hc)
		}
		if g.Data.Ideas.TotalCount != h.Data.Ideas.TotalCount || g.Data.Ideas.TotalCount != e.ideas {
			return fmt.Errorf("ideas page: totalCount %d (API), %d (baseline), want %d", g.Data.Ideas.TotalCount, h.Data.Ideas.TotalCount, e.ideas)
		}
		for i := range g.Data.Ideas.Edges {
			// The API gives an idea's proposers in no stated order: compare them as sets.
			a, b := g.Data.Ideas.Edges[i].Node, h.Data.Ideas.Edges[i].Node
			byCode := func(x, y edge[personNode]) int { return strings.Compare(x.Node.Code, y.Node.Code) }
			slices.SortFunc(a.Proposers.Edges, byCode)
			slices.SortFunc(b.Proposers.Edges, byCode)
			if !reflect.DeepEqual(a, b) {
				return fmt.Errorf("ideas page first %d: idea %d differs:\nAPI      %+v\nbaseline %+v", n, i, a, b)
			}
		}
	}
	var g, h detailAnswer
	if err := e.both("/idea-detail", e.readTok, detailBody(e.detailID), &g, &h); err != nil {
		return err
	}
	if g.Data.Node == nil || len(g.Data.Node.Adoptions.Edges) == 0 || !reflect.DeepEqual(g, h) {
		return fmt.Errorf("idea detail differs:\nAPI      %+v\nbaseline %+v", g.Data.Node, h.Data.Node)
	}
	return nil
}

// both sends the request to the API and the baseline and decodes each.
func (e *env) both(route, tok string, body []byte, api, base any) error {
	for _, x := range []struct {
		url string
		v   any
	}{{e.gql.URL + "/graphql", api}, {e.base.URL + route, base}} {
		out, err := post(x.url, tok, body)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(out, x.v); err != nil {
			return fmt.Errorf("%s: %w", x.url, err)
		}
	}
	return nil
}

func pageCodes(a pageAnswer) []string {
	codes := make([]string, len(a.Data.Ideas.Edges))
	for i, e := range a.Data.Ideas.Edges {
		codes[i] = e.Node.Code
	}
	return codes
}

// BenchmarkAPIIdeasPage: a frontend's page of 50 ideas of a district
// (count, page, units, proposers) over HTTP through GraphQL — latency
// sequentially (seq) and throughput with 8 clients (c8); on loopback, then
// with the store a trip away (THIDUA_BENCH_TRIP), as the other API and
// baseline benchmarks of a request.
func BenchmarkAPIIdeasPage(b *testing.B) {
	for _, e := range setups(b) {
		checked(b, e)
		readBench(b, e, e.gql.URL+"/graphql", pageBody(50, e.path))
	}
}

// BenchmarkAPIIdeasPageBaseline: the same request answered by hand (pgx,
// encoding/json) in the same process.
func BenchmarkAPIIdeasPageBaseline(b *testing.B) {
	for _, e := range setups(b) {
		checked(b, e)
		readBench(b, e, e.base.URL+"/ideas-page", pageBody(50, e.path))
	}
}

// BenchmarkAPIIdeaDetail: one idea with its events and adoptions.
func BenchmarkAPIIdeaDetail(b *testing.B) {
	for _, e := range setups(b) {
		checked(b, e)
		readBench(b, e, e.gql.URL+"/graphql", detailBody(e.detailID))
	}
}

// BenchmarkAPIIdeaDetailBaseline: the same request answered by hand.
func BenchmarkAPIIdeaDetailBaseline(b *testing.B) {
	for _, e := range setups(b) {
		checked(b, e)
		readBench(b, e, e.base.URL+"/idea-detail", detailBody(e.detailID))
	}
}

// drafts creates n draft ideas (with their creation event) in the city
// unit, outside the district the read benchmarks page through.
func (e *env) drafts(b *testing.B, n int) []int {
	b.Helper()
	prefix := "AB-" + strings.ToUpper(strconv.FormatInt(time.Now().UnixNano(), 36)) + "-"
	rows, err := e.pool.Query(context.Background(), `WITH new AS (
  INSERT INTO ideas (created_at, updated_at, code, title, field, kind, status, by_collective, proposed_on, year, version, unit_id)
  SELECT now(), now(), $1 || lpad(g::text, 6, '0'), 'Số hóa hồ sơ khen thưởng (đo tải)', 'ADMINISTRATIVE_REFORM', 'INITIATIVE',
         'DRAFT', false, DATE '2026-02-02', 2026, 0, $2 FROM generate_series(1, $3::int) g
  RETURNING id)
INSERT INTO idea_events (action, to_status, seq, occurred_at, actor_sub, idea_id)
SELECT 'CREATE', 'DRAFT', 0, now(), 'apibench', id FROM new RETURNING idea_id`, prefix, e.hcmID, n)
	if err != nil {
		b.Fatal(err)
	}
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil || len(ids) != n {
		b.Fatalf("drafts: %d of %d: %v", len(ids), n, err)
	}
	return ids
}

// writeBench: each request submits its own draft (version 0), sequentially
// and from 8 clients at once; the drafts are made untimed before each op.
func writeBench(b *testing.B, e *env, url string) {
	var ids []int
	prepare := func(n int) { ids = e.drafts(b, n) }
	do := func(i int) error {
		out, err := post(url, e.writeTok, submitBody(ids[i], 0))
		if err != nil {
			return err
		}
		var a submitAnswer
		if err := json.Unmarshal(out, &a); err != nil {
			return err
		}
		if a.Data.SubmitIdea.Status != "SUBMITTED" || a.Data.SubmitIdea.Version != 1 {
			return fmt.Errorf("submit %d: %s", ids[i], out)
		}
		return nil
	}
	b.Run(e.label+"/seq", func(b *testing.B) { runSeq(b, prepare, do) })
	b.Run(e.label+"/c8", func(b *testing.B) { runConcurrent(b, prepare, do) })
}

// BenchmarkAPISubmitIdea: submitIdea over GraphQL (status, version, event
// and audit rows in one transaction, with the workflow's checks).
func BenchmarkAPISubmitIdea(b *testing.B) {
	for _, e := range setups(b) {
		writeBench(b, e, e.gql.URL+"/graphql")
	}
}

// BenchmarkAPISubmitIdeaBaseline: the same writes by hand with pgx in one
// transaction each — the floor of the work.
func BenchmarkAPISubmitIdeaBaseline(b *testing.B) {
	for _, e := range setups(b) {
		writeBench(b, e, e.base.URL+"/submit-idea")
	}
}

// statementCases are the requests whose statements are counted.
func (e *env) statementCases() []struct {
	name, route string
	body        []byte
} {
	return []struct {
		name, route string
		body        []byte
	}{
		{"page-10", "/ideas-page", pageBody(10, e.path)},
		{"page-50", "/ideas-page", pageBody(50, e.path)},
		{"page-100", "/ideas-page", pageBody(100, e.path)},
		{"detail", "/idea-detail", detailBody(e.detailID)},
	}
}

// BenchmarkAPIStatements: SQL statements per request through GraphQL
// (store.Counter around the store's driver), in stmts/req; through the
// proxy, the round trips they cost too (trips/req: the chunks the proxy
// sent on, one per round trip when each request is one write). submit is
// submitIdea of a draft made for each request, untimed and uncounted.
func BenchmarkAPIStatements(b *testing.B) {
	for _, e := range setups(b) {
		statementsSubmit(b, e, e.gql.URL+"/graphql", func() int64 { return e.counter.Statements() }, e.counter.Reset)
		for _, c := range e.statementCases() {
			b.Run(e.label+"/"+c.name, func(b *testing.B) {
				// The token's unit is read by the first request that names
				// it, then answered from memory (store.UnitScopes): the
				// figure is a request's in a server that has seen one.
				if _, err := post(e.gql.URL+"/graphql", e.readTok, c.body); err != nil {
					b.Fatal(err)
				}
				var n int64
				trips := e.trips()
				for b.Loop() {
					e.counter.Reset()
					if _, err := post(e.gql.URL+"/graphql", e.readTok, c.body); err != nil {
						b.Fatal(err)
					}
					n += e.counter.Statements()
				}
				b.ReportMetric(float64(n)/float64(b.N), "stmts/req")
				trips(b)
			})
		}
	}
}

// BenchmarkAPIStatementsBaseline: the statements the baseline sends.
func BenchmarkAPIStatementsBaseline(b *testing.B) {
	for _, e := range setups(b) {
		statementsSubmit(b, e, e.base.URL+"/submit-idea", e.baseline.stmts.Load, func() { e.baseline.stmts.Store(0) })
		for _, c := range e.statementCases() {
			b.Run(e.label+"/"+c.name, func(b *testing.B) {
				var n int64
				trips := e.trips()
				for b.Loop() {
					e.baseline.stmts.Store(0)
					if _, err := post(e.base.URL+c.route, e.readTok, c.body); err != nil {
						b.Fatal(err)
					}
					n += e.baseline.stmts.Load()
				}
				b.ReportMetric(float64(n)/float64(b.N), "stmts/req")
				trips(b)
			})
		}
	}
}

// statementsSubmit counts the statements and round trips of submitIdea at
// url: each request submits a draft made before it, outside the count.
func statementsSubmit(b *testing.B, e *env, url string, stmts func() int64, reset func()) {
	b.Run(e.label+"/submit", func(b *testing.B) {
		submit := func(id int) {
			out, err := post(url, e.writeTok, submitBody(id, 0))
			if err != nil {
				b.Fatal(err)
			}
			var a submitAnswer
			if err := json.Unmarshal(out, &a); err != nil || a.Data.SubmitIdea.Version != 1 {
				b.Fatalf("submit %d: %s (%v)", id, out, err)
			}
		}
		submit(e.drafts(b, 1)[0]) // the write token's unit, as the reads' warm-up
		var n, sent int64
		for b.Loop() {
			b.StopTimer()
			id := e.drafts(b, 1)[0]
			reset()
			var from int64
			if e.proxy != nil {
				from = e.proxy.Sent()
			}
			b.StartTimer()
			submit(id)
			n += stmts()
			if e.proxy != nil {
				sent += e.proxy.Sent() - from
			}
		}
		b.ReportMetric(float64(n)/float64(b.N), "stmts/req")
		if e.proxy != nil {
			b.ReportMetric(float64(sent)/float64(b.N), "trips/req")
		}
	})
}

// trips starts counting the round trips through e's proxy; the function
// it returns reports them per op (nothing without a proxy). The requests
// must run one at a time for the count to be theirs.
func (e *env) trips() func(b *testing.B) {
	if e.proxy == nil {
		return func(*testing.B) {}
	}
	start := e.proxy.Sent()
	return func(b *testing.B) {
		b.ReportMetric(float64(e.proxy.Sent()-start)/float64(b.N), "trips/req")
	}
}
