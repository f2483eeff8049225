package apibench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/search"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
)

// The search benchmarks (issue 17): searchIdeas and searchPeople over HTTP
// with the stores' trigram indexes, against the same matches found by a
// plain scan in hand-written SQL — LIKE per word over the folded column,
// the count and the first page by id — on the same store in the same run.
// The baseline does less than the API (no ranking, no HTTP, no GraphQL):
// a ratio under 1 is what the index saves net of all that.

const benchIdeaSearch = "so hoa ho so" // as BenchmarkSearchIdeas in internal/server

type searchCase struct {
	name, kind, table, query string
}

// searchCases: the ideas search of internal/server's benchmark (a third
// of the ideas match it: the index cannot narrow much), an idea looked up
// by its title's first words, and a person by full name (the seed's
// people, invented names).
func searchCases(ctx context.Context, db *sql.DB) ([]searchCase, error) {
	var name string
	// A person in the middle of the table, so that the choice is the same
	// for the same seed on both stores.
	// Rows other benchmarks' baselines wrote by hand have no search text
	// (the API's hooks write it): no search finds them, so none is chosen.
	if err := db.QueryRowContext(ctx, `SELECT full_name FROM people WHERE search_text <> '' ORDER BY id LIMIT 1
		OFFSET (SELECT count(*) / 2 FROM people WHERE search_text <> '')`).Scan(&name); err != nil {
		return nil, err
	}
	var title string
	if err := db.QueryRowContext(ctx, `SELECT title FROM ideas WHERE search_text <> '' ORDER BY id LIMIT 1
		OFFSET (SELECT count(*) / 2 FROM ideas WHERE search_text <> '')`).Scan(&title); err != nil {
		return nil, err
	}
	// The first words of a title, as someone looking for an idea they
	// heard of would type them.
	words := strings.Fields(title)
	if len(words) > 5 {
		words = words[:5]
	}
	return []searchCase{
		{"ideas", "searchIdeas", "ideas", benchIdeaSearch},
		{"ideas-title", "searchIdeas", "ideas", strings.Join(words, " ")},
		{"people", "searchPeople", "people", name},
	}, nil
}

type searchEnv struct {
	e     *env
	tok   string
	cases []searchCase
	scan  func(ctx context.Context, c searchCase) (int, error) // the baseline
}

var (
	sqliteMu  sync.Mutex
	sqliteEnv *env
	sqliteErr error
)

// setupSQLite seeds a SQLite file store at the bench scale once per binary.
func setupSQLite(b *testing.B) *env {
	b.Helper()
	sqliteMu.Lock()
	defer sqliteMu.Unlock()
	if sqliteEnv == nil && sqliteErr == nil {
		start := time.Now()
		url, drop, err := seedtest.NewScaled(context.Background(), "sqlite", benchScale())
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("a %s store on SQLite ready in %s", benchScale(), time.Since(start).Round(time.Second))
		sqliteEnv, sqliteErr = newEnv(context.Background(), url, benchScale(), false)
		if sqliteErr != nil {
			drop()
		} else {
			cleanups = append(cleanups, func() { sqliteEnv.gql.Close(); sqliteEnv.st.Close(); drop() })
			// As a store in service would have after PRAGMA optimize.
			_, sqliteErr = sqliteEnv.st.DB.ExecContext(context.Background(), "ANALYZE")
		}
	}
	if sqliteErr != nil {
		b.Fatal(sqliteErr)
	}
	return sqliteEnv
}

func newSearchEnv(b *testing.B, d string) *searchEnv {
	var e *env
	if d == dialect.SQLite {
		e = setupSQLite(b)
	} else {
		e = setup(b)
	}
	ctx := context.Background()
	cases, err := searchCases(ctx, e.st.DB)
	if err != nil {
		b.Fatal(err)
	}
	signer, _ := auth.NewHS256(secret)
	// The board reads every idea and every person: the baseline's scan has
	// no read scope to apply.
	tok, _ := signer.Mint(auth.Identity{Sub: "board", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}, 24*time.Hour)
	s := &searchEnv{e: e, tok: tok, cases: cases}
	s.scan = func(ctx context.Context, c searchCase) (int, error) {
		return plainScan(ctx, e.st.DB, e.st.Dialect, c)
	}
	return s
}

// plainScan is the baseline: the count and the first page of 51 ids of a
// LIKE per word over the folded column, with no index. On PostgreSQL a
// trigram index is read only by a bitmap scan, which the session turns off.
func plainScan(ctx context.Context, db *sql.DB, d string, c searchCase) (int, error) {
	words := search.Words(search.Fold(c.query))
	var where []string
	var args []any
	for i, w := range words {
		arg := "?"
		if d == dialect.Postgres {
			arg = fmt.Sprintf("$%d", i+1)
		}
		where = append(where, "search_text LIKE "+arg)
		args = append(args, "%"+strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)+"%")
	}
	cond := strings.Join(where, " AND ")
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if d == dialect.Postgres {
		if _, err := conn.ExecContext(ctx, "SET enable_bitmapscan = off"); err != nil {
			return 0, err
		}
		defer conn.ExecContext(ctx, "RESET enable_bitmapscan")
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+c.table+" WHERE "+cond, args...).Scan(&n); err != nil {
		return 0, err
	}
	rows, err := conn.QueryContext(ctx, "SELECT id FROM "+c.table+" WHERE "+cond+" ORDER BY id LIMIT 51", args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

func (s *searchEnv) body(c searchCase) []byte {
	return gqlBody(`query($q: String!) { `+c.kind+`(query: $q, first: 50) { totalCount edges { node { id } } } }`,
		map[string]any{"q": c.query})
}

// check proves the API and the scan find as many rows, and that the query
// finds some: a benchmark of empty answers would measure nothing.
func (s *searchEnv) check(b *testing.B, c searchCase) {
	out, err := post(s.e.gql.URL+"/graphql", s.tok, s.body(c))
	if err != nil {
		b.Fatal(err)
	}
	var got struct {
		Data map[string]struct{ TotalCount int } `json:"data"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		b.Fatal(err)
	}
	want, err := s.scan(context.Background(), c)
	if err != nil {
		b.Fatal(err)
	}
	if got.Data[c.kind].TotalCount != want || want == 0 {
		b.Fatalf("%s %q: the API found %d, the scan %d", c.kind, c.query, got.Data[c.kind].TotalCount, want)
	}
	b.Logf("%s %q: %d found", c.kind, c.query, want)
}

var searchDialects = []string{dialect.SQLite, dialect.Postgres}

// BenchmarkAPISearch: sequential requests of each search, p50 and p99.
func BenchmarkAPISearch(b *testing.B) {
	for _, d := range searchDialects {
		b.Run(d, func(b *testing.B) {
			s := newSearchEnv(b, d)
			for _, c := range s.cases {
				s.check(b, c)
				body := s.body(c)
				b.Run(s.e.scale+"/"+c.name, func(b *testing.B) {
					runSeq(b, nil, func(int) error { _, err := post(s.e.gql.URL+"/graphql", s.tok, body); return err })
				})
			}
		})
	}
}

// BenchmarkAPISearchBaseline: the plain scans of the same searches.
func BenchmarkAPISearchBaseline(b *testing.B) {
	for _, d := range searchDialects {
		b.Run(d, func(b *testing.B) {
			s := newSearchEnv(b, d)
			for _, c := range s.cases {
				b.Run(s.e.scale+"/"+c.name, func(b *testing.B) {
					runSeq(b, nil, func(int) error { _, err := s.scan(context.Background(), c); return err })
				})
			}
		})
	}
}
