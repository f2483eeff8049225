package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// The corpus's base store (the city and the base files imported), made
// once per dialect and copied for each case: importing the base files
// under -race for every case of both dialects was most of this package's
// time.
var corpusTemplates struct {
	mu       sync.Mutex
	made     map[string]string // dialect → SQLite file or PostgreSQL database
	cleanups []func()
}

// corpusStore is a fresh copy of the corpus's base store.
func corpusStore(t *testing.T, dialect string) *store.Store {
	t.Helper()
	tpl := corpusTemplate(t, dialect)
	ctx := context.Background()
	var url string
	if dialect == "postgres" {
		u, drop, err := storetest.CreateDatabaseFrom(ctx, storetest.PostgresURL(), "thidua_corpus", tpl)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(drop)
		url = u
	} else {
		b, err := os.ReadFile(tpl)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "corpus.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		url = "sqlite:" + path
	}
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func corpusTemplate(t *testing.T, dialect string) string {
	t.Helper()
	corpusTemplates.mu.Lock()
	defer corpusTemplates.mu.Unlock()
	if tpl, ok := corpusTemplates.made[dialect]; ok {
		return tpl
	}
	ctx := context.Background()
	var url, tpl string
	if dialect == "postgres" {
		u, drop, err := storetest.CreateDatabase(ctx, storetest.PostgresURL(), "thidua_corpus_tpl")
		if err != nil {
			if !storetest.RequireServers() {
				t.Skipf("PostgreSQL not available (set THIDUA_TEST_POSTGRES): %v", err)
			}
			t.Fatal(err)
		}
		corpusTemplates.cleanups = append(corpusTemplates.cleanups, drop)
		url, tpl = u, dbName(u)
	} else {
		dir, err := os.MkdirTemp("", "thidua-corpus")
		if err != nil {
			t.Fatal(err)
		}
		corpusTemplates.cleanups = append(corpusTemplates.cleanups, func() { os.RemoveAll(dir) })
		tpl = filepath.Join(dir, "base.db")
		url = "sqlite:" + tpl
	}
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	st.Client.Unit.Create().SetCode("HCM").SetName("Thành phố Hồ Chí Minh").SetType(domain.UnitTypeCity).SaveX(sys)
	for _, b := range corpusBase {
		base, err := os.ReadFile(filepath.Join(corpusDir, b.file))
		if err != nil {
			t.Fatal(err)
		}
		res, err := RunWith(corpusCtx(), st.Client, b.kind, b.file, bytes.NewReader(base), Options{})
		if err != nil || !res.OK() || res.Created != b.created {
			st.Close()
			t.Fatalf("base %s: %v %s %+v", b.file, err, counts(res), res.Problems)
		}
	}
	// Closing the last connection folds SQLite's WAL into the file, and
	// leaves the PostgreSQL database free to be a template.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if corpusTemplates.made == nil {
		corpusTemplates.made = map[string]string{}
	}
	corpusTemplates.made[dialect] = tpl
	return tpl
}

// dbName is a PostgreSQL URL's database.
func dbName(u string) string {
	name := u
	if i := bytes.LastIndexByte([]byte(u), '/'); i >= 0 {
		name = u[i+1:]
	}
	if i := bytes.IndexByte([]byte(name), '?'); i >= 0 {
		name = name[:i]
	}
	return name
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range corpusTemplates.cleanups {
		f()
	}
	os.Exit(code)
}
