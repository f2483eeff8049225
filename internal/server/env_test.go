package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

const testSecret = "test-secret-test-secret-test-secret-0123"

// env is a seeded store behind the real HTTP handler.
type env struct {
	url     string
	store   *store.Store
	counter *store.Counter
	signer  *auth.HS256
	srv     *httptest.Server
}

var (
	envMu sync.Mutex
	envs  = map[string]*env{}
)

// sharedEnv seeds one small store per dialect for the package's tests;
// tests that write create their own records and assert only on those.
func sharedEnv(t testing.TB, d string) *env {
	t.Helper()
	envMu.Lock()
	defer envMu.Unlock()
	if e, ok := envs[d]; ok {
		return e
	}
	e := newEnv(t, d)
	envs[d] = e
	return e
}

// newEnv makes a store that outlives the test that asked first: TestMain
// drops it after the package's tests.
func newEnv(t testing.TB, d string) *env {
	t.Helper()
	// A copy of the demo data prepared once per test run (seedtest).
	url, drop, err := seedtest.New(context.Background(), d)
	if err != nil {
		if d == "postgres" {
			skipOrFail(t, err)
		}
		t.Fatal(err)
	}
	cleanups = append(cleanups, drop)
	var counter *store.Counter
	st, err := store.Open(context.Background(), url, store.Options{Wrap: func(drv dialect.Driver) dialect.Driver {
		counter = store.NewCounter(drv)
		return counter
	}})
	if err != nil {
		t.Fatal(err)
	}
	signer, err := auth.NewHS256(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{url: url, store: st, counter: counter, signer: signer}
	files, err := os.MkdirTemp("", "thidua-files")
	if err != nil {
		t.Fatal(err)
	}
	cleanups = append(cleanups, func() { os.RemoveAll(files) })
	e.srv = httptest.NewServer(server.New(st, signer, server.Config{FilesDir: files, Links: testLinks(t)}))
	cleanups = append(cleanups, func() { e.srv.Close(); st.Close() })
	return e
}

// serve starts another server over the env's store with its own config;
// it signs download links with linkSecret unless the config says otherwise,
// as thidua serve always has a link key.
func (e *env) serve(t *testing.T, cfg server.Config) *env {
	t.Helper()
	if cfg.Links == nil {
		cfg.Links = testLinks(t)
	}
	srv := httptest.NewServer(server.New(e.store, e.signer, cfg))
	t.Cleanup(srv.Close)
	other := *e
	other.srv = srv
	return &other
}

// watched opens a second store on the env's database whose ent driver is
// wrap's (to watch or hold its statements), with a server of its own over
// it; the env's store and server are untouched.
func (e *env) watched(t *testing.T, wrap func(dialect.Driver) dialect.Driver) *env {
	t.Helper()
	st, err := store.Open(context.Background(), e.url, store.Options{SkipMigrate: true, Wrap: wrap})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(st, e.signer, server.Config{FilesDir: t.TempDir(), Links: testLinks(t)}))
	t.Cleanup(func() { srv.Close(); st.Close() })
	return &env{url: e.url, store: st, signer: e.signer, srv: srv}
}

func testLinks(t testing.TB) *links.Signer {
	t.Helper()
	s, err := links.New(linkSecret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var cleanups []func()

func TestMain(m *testing.M) {
	chtest.Main(m, func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
		seedtest.Cleanup()
	})
}

func skipOrFail(t testing.TB, err error) {
	t.Helper()
	if storetest.RequireServers() {
		t.Fatalf("PostgreSQL is required under CI: %v", err)
	}
	t.Skipf("PostgreSQL not available: %v", err)
}

// token mints a token for the roles at the unit.
func (e *env) token(t testing.TB, sub, unit string, roles ...access.Role) string {
	t.Helper()
	tok, err := e.signer.Mint(auth.Identity{Sub: sub, Roles: roles, UnitCode: unit}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// gqlError is one error of a response.
type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// code is the first error's extensions.code, or "".
func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// do posts a GraphQL request with the bearer token ("" for none).
func (e *env) do(t testing.TB, tok, query string, vars map[string]any) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return post(t, e.srv.URL, tok, body)
}

// post sends a raw JSON body to a server's /graphql and reads the answer.
func post(t testing.TB, url, tok string, body []byte) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return send(t, req)
}

// send makes a GraphQL request and reads the answer.
func send(t testing.TB, req *http.Request) response {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return answer(t, res)
}

// answer reads a GraphQL answer and closes its body.
func answer(t testing.TB, res *http.Response) response {
	t.Helper()
	defer res.Body.Close()
	var out response
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	out.Status = res.StatusCode
	return out
}

// decode reads the data into v, failing on errors.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatal(err)
	}
}

// forEachStore runs the test on SQLite and PostgreSQL.
func forEachStore(t *testing.T, f func(t *testing.T, e *env)) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { f(t, sharedEnv(t, d)) })
	}
}

func mustSigner(t *testing.T) *auth.HS256 {
	t.Helper()
	s, err := auth.NewHS256(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get fetches a path with a bearer token ("" for none) and reads the body.
func (e *env) get(t *testing.T, path, tok string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// multipart sends a GraphQL multipart request (the upload spec) whose one
// file, named name, goes to the variable at path ("variables.file").
func (e *env) multipart(t *testing.T, tok string, operation map[string]any, path, name string, file []byte) response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(operation)
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{"0": ["`+path+`"]}`)
	part, _ := w.CreateFormFile("0", name)
	_, _ = part.Write(file)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok)
	return send(t, req)
}

// versionOf is a record's version as the board reads it: what a client
// that just loaded the record sends with its update.
func (e *env) versionOf(t *testing.T, id string) int {
	t.Helper()
	var frags strings.Builder
	for _, k := range []string{"Unit", "Person", "Membership", "UnitPlan", "Exemplar", "ChosenProblem", "UnitReport",
		"Headcount", "IntegrityFlag", "Phase", "ReportCall", "Idea"} {
		frags.WriteString(" ... on " + k + " { version }")
	}
	var got struct{ Node *struct{ Version int } }
	e.do(t, e.token(t, "board", "HCM", access.CityAdmin), `query($id: ID!) { node(id: $id) {`+frags.String()+` } }`,
		map[string]any{"id": id}).decode(t, &got)
	if got.Node == nil {
		t.Fatalf("no record %s", id)
	}
	return got.Node.Version
}
