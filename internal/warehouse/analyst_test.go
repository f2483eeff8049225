package warehouse

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// The shipped file is the generator's output with the placeholder hash, so
// what operators install is what the tests below run against.
func TestAnalystShippedFile(t *testing.T) {
	want, err := AnalystDefaults().XML()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../deploy/clickhouse/users.d/thidua-analyst.xml")
	if err != nil {
		t.Fatal(err)
	}
	// ClickHouse refuses a file that is not well-formed XML ("--" in a
	// comment, say) and then does not start at all.
	for d := xml.NewDecoder(strings.NewReader(want)); ; {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the file is not well-formed XML: %v", err)
		}
	}
	if string(got) != want {
		t.Errorf("deploy/clickhouse/users.d/thidua-analyst.xml differs from AnalystDefaults().XML(): regenerate it with `go run ./cmd/thidua warehouse analyst-config --password-sha256 %s`", PasswordPlaceholder)
	}
	for _, bad := range []Analyst{
		func() Analyst { a := AnalystDefaults(); a.PasswordSHA256 = "secret"; return a }(),
		func() Analyst { a := AnalystDefaults(); a.Networks = nil; return a }(),
		func() Analyst { a := AnalystDefaults(); a.Networks = []string{"::/0\"><ip>"}; return a }(),
		func() Analyst { a := AnalystDefaults(); a.Database = "thidua</database>"; return a }(),
		func() Analyst { a := AnalystDefaults(); a.MaxExecutionSeconds = 0; return a }(),
	} {
		if _, err := bad.XML(); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}

const analystPassword = "mật-khẩu thử 2026"

// analystServer starts a server of its own with the shipped account
// installed in users.d (its time limit cut to 1 s so that the test of it is
// quick), the warehouse migrated into `thidua`, one run in etl_run, and a
// database `other` beside it.
func analystServer(t *testing.T) (*chtest.Server, driver.Conn) {
	t.Helper()
	sum := sha256.Sum256([]byte(analystPassword))
	a := AnalystDefaults()
	a.PasswordSHA256 = hex.EncodeToString(sum[:])
	a.MaxExecutionSeconds = 1
	cfg, err := a.XML()
	if err != nil {
		t.Fatal(err)
	}
	srv := chtest.OwnWith(t, map[string]string{"users.d/thidua-analyst.xml": cfg})
	ctx := context.Background()
	admin, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := Migrate(ctx, admin, Target{Database: "thidua"}); err != nil {
		t.Fatal(err)
	}
	b, err := admin.PrepareBatch(ctx, "INSERT INTO thidua.etl_run (run_id, version, status)")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Append("20261206T020000.000000_abcdef", uint32(2), "SUCCEEDED"); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"CREATE DATABASE other", "CREATE TABLE other.t (x UInt8) ENGINE = Memory"} {
		if err := admin.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	return srv, admin
}

func openAnalyst(srv *chtest.Server, database, password string) (driver.Conn, error) {
	return clickhouse.Open(&clickhouse.Options{
		Addr:        []string{srv.Addr},
		Auth:        clickhouse.Auth{Database: database, Username: "analyst", Password: password},
		DialTimeout: 5 * time.Second,
	})
}

func chCode(err error) int32 {
	var ex *clickhouse.Exception
	if errors.As(err, &ex) {
		return ex.Code
	}
	return 0
}

// TestAnalystNative: over the native protocol (clickhouse-client, DBeaver,
// clickhouse-go), the analyst reads the warehouse and system, and is
// refused every write, DDL, lifting readonly, other databases, and a query
// past max_execution_time.
func TestAnalystNative(t *testing.T) {
	srv, admin := analystServer(t)
	ctx := context.Background()
	if _, err := func() (driver.Conn, error) {
		c, err := openAnalyst(srv, "thidua", "wrong")
		if err == nil {
			err = c.Ping(ctx)
			c.Close()
		}
		return nil, err
	}(); err == nil {
		t.Fatal("a wrong password was let in")
	}
	an, err := openAnalyst(srv, "thidua", analystPassword)
	if err != nil {
		t.Fatal(err)
	}
	defer an.Close()
	if err := an.Ping(ctx); err != nil {
		t.Fatalf("analyst cannot connect: %v", err)
	}

	var runs uint64
	if err := an.QueryRow(ctx, "SELECT count() FROM thidua.etl_run FINAL WHERE status = 'SUCCEEDED'").Scan(&runs); err != nil || runs != 1 {
		t.Fatalf("SELECT on the warehouse: %d %v", runs, err)
	}
	var awards uint64
	if err := an.QueryRow(ctx, "SELECT count() FROM fact_award").Scan(&awards); err != nil {
		t.Fatalf("SELECT in the connection's database: %v", err)
	}
	var readonly, dpm string
	if err := an.QueryRow(ctx, "SELECT value FROM system.settings WHERE name = 'readonly'").Scan(&readonly); err != nil || readonly != "2" {
		t.Errorf("readonly = %q %v; want 2", readonly, err)
	}
	if err := an.QueryRow(ctx, "SELECT value FROM system.settings WHERE name = 'distributed_product_mode'").Scan(&dpm); err != nil || dpm != "global" {
		t.Errorf("distributed_product_mode = %q %v; want global", dpm, err)
	}
	// readonly=2: a per-query setting is accepted (what BI tools send).
	var one uint8
	if err := an.QueryRow(ctx, "SELECT 1 SETTINGS max_result_rows = 10").Scan(&one); err != nil {
		t.Errorf("a per-query setting under readonly=2: %v", err)
	}

	for _, q := range []string{
		"CREATE TABLE thidua.x (a UInt8) ENGINE = Memory",
		"CREATE DATABASE x",
		"DROP TABLE thidua.etl_run",
		"TRUNCATE TABLE thidua.etl_run",
		"ALTER TABLE thidua.etl_run DELETE WHERE 1",
		"ALTER TABLE thidua.fact_award DROP PARTITION 2025",
		"RENAME TABLE thidua.etl_run TO thidua.etl_run_gone",
		"OPTIMIZE TABLE thidua.etl_run FINAL",
		"SET readonly = 0",
	} {
		err := an.Exec(ctx, q)
		t.Logf("%s: %v", q, err)
		if err == nil {
			t.Errorf("the analyst ran %s", q)
		}
	}
	// An INSERT through a native block, as clickhouse-go sends it.
	if b, err := an.PrepareBatch(ctx, "INSERT INTO thidua.etl_run (run_id, version)"); err == nil {
		_ = b.Append("x", uint32(9))
		err = b.Send()
		t.Logf("INSERT: %v", err)
		if err == nil {
			t.Error("the analyst inserted a row")
		}
	} else {
		t.Logf("INSERT: %v", err)
	}
	// Lifting readonly per query is refused too.
	lift := clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"readonly": 0}))
	err = an.Exec(lift, "CREATE TABLE thidua.x (a UInt8) ENGINE = Memory")
	t.Logf("readonly=0 per query, CREATE: %v", err)
	var ro string
	err2 := an.QueryRow(lift, "SELECT value FROM system.settings WHERE name = 'readonly'").Scan(&ro)
	t.Logf("readonly=0 per query, readonly is %q %v", ro, err2)
	if err == nil {
		t.Error("the analyst lifted readonly per query")
	}
	var left uint64
	if err := admin.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = 'thidua' AND name = 'etl_run'").Scan(&left); err != nil || left != 1 {
		t.Fatalf("etl_run after the analyst: %d %v", left, err)
	}
	if err := admin.QueryRow(ctx, "SELECT count() FROM thidua.etl_run").Scan(&left); err != nil || left != 1 {
		t.Errorf("etl_run rows after the analyst: %d %v", left, err)
	}

	// Another database is refused; system (read-only anyway) is open to
	// every user on 18.16.
	for _, q := range []string{"SELECT count() FROM other.t", "SELECT count() FROM default.nothing"} {
		var n uint64
		err := an.QueryRow(ctx, q).Scan(&n)
		t.Logf("%s: %v", q, err)
		if err == nil {
			t.Errorf("the analyst read another database: %s", q)
		}
	}
	var sys uint64
	if err := an.QueryRow(ctx, "SELECT count() FROM system.one").Scan(&sys); err != nil {
		t.Errorf("system.one: %v", err)
	}

	// Past max_execution_time (1 s here, 60 s shipped) the query is cut:
	// ten blocks of half a second would take 5 s.
	start := time.Now()
	var slept uint64
	err = an.QueryRow(ctx, "SELECT count() FROM (SELECT sleep(0.5) FROM numbers(10) SETTINGS max_block_size = 1)").Scan(&slept)
	el := time.Since(start)
	t.Logf("sleep: %v after %v", err, el)
	if err == nil || el > 4*time.Second {
		t.Errorf("a 5 s query ran %v: %v", el, err)
	}
}

// TestAnalystHTTP: a BI tool's requests over HTTP (port 8123 in
// production): basic auth or X-ClickHouse-User/-Key headers, the query in
// the URL or the body, JSON and TabSeparated answers; writes refused; and
// what 18.16 lacks: query parameters (param_x).
func TestAnalystHTTP(t *testing.T) {
	srv, _ := analystServer(t)
	base := "http://" + srv.HTTP + "/"
	do := func(method, query string, params url.Values, auth func(*http.Request)) (int, string) {
		t.Helper()
		if params == nil {
			params = url.Values{}
		}
		params.Set("database", "thidua")
		var body io.Reader
		if method == http.MethodGet {
			params.Set("query", query)
		} else {
			body = strings.NewReader(query)
		}
		req, err := http.NewRequest(method, base+"?"+params.Encode(), body)
		if err != nil {
			t.Fatal(err)
		}
		auth(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	basic := func(r *http.Request) { r.SetBasicAuth("analyst", analystPassword) }
	headers := func(r *http.Request) {
		r.Header.Set("X-ClickHouse-User", "analyst")
		r.Header.Set("X-ClickHouse-Key", analystPassword)
	}
	wrong := func(r *http.Request) { r.SetBasicAuth("analyst", "wrong") }

	code, body := do(http.MethodGet, "SELECT run_id, toString(status) AS status FROM etl_run FINAL FORMAT JSON", nil, basic)
	var js struct {
		Data []map[string]string `json:"data"`
		Rows int                 `json:"rows"`
	}
	if code != 200 || json.Unmarshal([]byte(body), &js) != nil || js.Rows != 1 || js.Data[0]["status"] != "SUCCEEDED" {
		t.Errorf("GET, basic auth, JSON: %d %s", code, body)
	}
	code, body = do(http.MethodPost, "SELECT run_id, status FROM thidua.etl_run FINAL FORMAT TabSeparated", nil, headers)
	if code != 200 || body != "20261206T020000.000000_abcdef\tSUCCEEDED\n" {
		t.Errorf("POST, headers, TabSeparated: %d %q", code, body)
	}
	// A setting in the URL, as Grafana's and JDBC drivers send: readonly=2 allows it.
	code, body = do(http.MethodGet, "SELECT number FROM numbers(20) FORMAT TabSeparated", url.Values{"max_result_rows": {"10"}}, basic)
	t.Logf("max_result_rows=10 over 20 rows: %d %s", code, firstLine(body))
	if code == 200 {
		t.Errorf("max_result_rows in the URL was not applied: %d %s", code, body)
	}
	code, body = do(http.MethodGet, "SELECT 1", nil, wrong)
	t.Logf("wrong password: %d %s", code, firstLine(body))
	if code == 200 {
		t.Errorf("a wrong password over HTTP: %d", code)
	}
	for _, q := range []string{"CREATE TABLE thidua.x (a UInt8) ENGINE = Memory", "INSERT INTO thidua.etl_run (run_id) VALUES ('x')", "DROP TABLE thidua.etl_run"} {
		code, body = do(http.MethodPost, q, nil, basic)
		t.Logf("POST %s: %d %s", q, code, firstLine(body))
		if code == 200 {
			t.Errorf("the analyst ran over HTTP: %s", q)
		}
	}
	code, body = do(http.MethodGet, "SELECT count() FROM other.t", nil, basic)
	t.Logf("other database: %d %s", code, firstLine(body))
	if code == 200 {
		t.Errorf("the analyst read another database over HTTP")
	}

	// Query parameters: 18.16 takes param_x for a setting and refuses it;
	// servers from 19.x bind it.
	var version string
	code, version = do(http.MethodGet, "SELECT version()", nil, basic)
	version = strings.TrimSpace(version)
	code, body = do(http.MethodGet, "SELECT {x:UInt8} + 1", url.Values{"param_x": {"41"}}, basic)
	t.Logf("server %s, param_x: %d %s", version, code, firstLine(body))
	if strings.HasPrefix(version, "18.") {
		if code == 200 {
			t.Errorf("18.16 answered a query with a parameter: %s", body)
		}
	} else if code != 200 || strings.TrimSpace(body) != "42" {
		t.Errorf("server %s: param_x: %d %s", version, code, body)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
