package server

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/auth"
)

type refuseAll struct{ err error }

func (r refuseAll) Verify(string) (auth.Identity, error) { return auth.Identity{}, r.err }

// TestTokenRefusalLogged: a refused token's request is logged at WARN with
// the verifier's reason as its cause and without the token (issue 20 §4),
// and answered 401.
func TestTokenRefusalLogged(t *testing.T) {
	var buf bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })

	a := &authenticator{verifier: refuseAll{errors.New(`unknown key id "zz"`)}}
	h := withRequestID(nil, a.wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { t.Error("a refused token reached the handler") })))
	const tok = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
	req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("status %d", rec.Code)
	}
	line := buf.String()
	if !strings.Contains(line, `"level":"WARN"`) || !strings.Contains(line, `"msg":"http"`) ||
		!strings.Contains(line, `"cause":"token refused: unknown key id`) ||
		!strings.Contains(line, `unknown key id`) {
		t.Errorf("log: %s", line)
	}
	for _, part := range strings.Split(tok, ".") {
		if strings.Contains(line, part) {
			t.Errorf("the log holds the token's %q: %s", part, line)
		}
	}
}
