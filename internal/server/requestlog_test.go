package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/auditevent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// lines reads every line as JSON, and fails on one that is not.
func (l *lockedBuffer) lines(t *testing.T) []map[string]any {
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("a log line that is not JSON: %s", line)
		}
		out = append(out, m)
	}
	return out
}

func httpLine(t *testing.T, buf *lockedBuffer, requestID string) map[string]any {
	for _, l := range buf.lines(t) {
		if l["msg"] == "http" && l["request_id"] == requestID {
			return l
		}
	}
	t.Fatalf("no http line for request %s", requestID)
	return nil
}

// TestClientAddressThroughTrustedProxy: behind a trusted proxy, the client
// the proxy names is the one the request's log line and the audit log
// record; from any other peer, X-Forwarded-For is ignored.
func TestClientAddressThroughTrustedProxy(t *testing.T) {
	base := sharedEnv(t, "sqlite")
	buf := captureLogs(t)
	ref := firstIdea(t, base, "/")
	board := base.token(t, "board", "HCM", access.CityAdmin)
	for _, c := range []struct {
		name    string
		trusted []netip.Prefix
		want    string
	}{
		{"trusted", []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, "198.51.100.7"},
		{"not trusted", []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, "127.0.0.1"},
	} {
		e := base.serve(t, server.Config{TrustedProxies: c.trusted})
		body, _ := json.Marshal(map[string]any{
			"query":     `mutation($id: ID!, $v: Int!, $in: UpdateIdeaInput!) { updateIdea(id: $id, version: $v, input: $in) { id } }`,
			"variables": map[string]any{"id": ref.ID, "v": base.versionOf(t, ref.ID), "in": map[string]any{"summary": "Ghi qua máy chủ trung gian: " + c.name}},
		})
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+board)
		req.Header.Set("X-Forwarded-For", "6.6.6.6, 198.51.100.7")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out response
		_ = json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
		if len(out.Errors) > 0 {
			t.Fatalf("%s: %+v", c.name, out.Errors)
		}
		id := res.Header.Get("X-Request-Id")
		ctx := access.NewContext(context.Background(), &access.Viewer{Sub: "board", Roles: []access.Role{access.CityAdmin}})
		evs, err := base.store.Client.AuditEvent.Query().Where(auditevent.RequestID(id)).All(ctx)
		if err != nil || len(evs) == 0 {
			t.Fatalf("%s: the audit events of request %s: %d %v", c.name, id, len(evs), err)
		}
		for _, ev := range evs {
			if ev.ClientAddr != c.want {
				t.Errorf("%s: audited client %q (%s), want %q", c.name, ev.ClientAddr, ev.EntityType, c.want)
			}
		}
		if got := httpLine(t, buf, id)["client"]; got != c.want {
			t.Errorf("%s: logged client %v, want %q", c.name, got, c.want)
		}
	}
}

// TestRefusalsLoggedWithTheirCause: a refused token is a WARN line with
// the code and the verifier's reason, and never the token.
func TestRefusalsLoggedWithTheirCause(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	buf := captureLogs(t)
	expired := e.token(t, "board", "HCM", access.CityAdmin)
	parts := strings.Split(expired, ".")
	forged := parts[0] + "." + parts[1] + ".c2lnbmF0dXJlLWZvcmdlZA"
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+forged)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	line := httpLine(t, buf, res.Header.Get("X-Request-Id"))
	if line["level"] != "WARN" || line["status"] != float64(401) || line["code"] != "UNAUTHENTICATED" {
		t.Errorf("the refusal's line: %v", line)
	}
	cause, _ := line["cause"].(string)
	if !strings.Contains(cause, "token refused") || !strings.Contains(cause, "signature") {
		t.Errorf("the cause: %q", cause)
	}
	all, _ := json.Marshal(buf.lines(t))
	if strings.Contains(string(all), parts[1]) || strings.Contains(string(all), "c2lnbmF0dXJlLWZvcmdlZA") {
		t.Error("the token is in the log")
	}
}

// TestLogLinesMaskCredentials: an error that quotes a connection URL is
// logged without its password, in the message and in every value.
func TestLogLinesMaskCredentials(t *testing.T) {
	buf := captureLogs(t)
	err := errors.New(`dial "clickhouse://thidua:Wh-Secret-77@ch:9000/thidua": refused`)
	slog.Error("warehouse postgres://app:Pg-Secret-88@db/thidua", "error", err, "url", "smtp://m:Mail-Secret-99@relay:587",
		slog.Group("g", "dsn", "host=db password=Kv-Secret-11 dbname=x"))
	out := buf.String()
	for _, secret := range []string{"Wh-Secret-77", "Pg-Secret-88", "Mail-Secret-99", "Kv-Secret-11"} {
		if strings.Contains(out, secret) {
			t.Errorf("%s logged: %s", secret, out)
		}
	}
	if !strings.Contains(out, "clickhouse://thidua:xxxxx@ch:9000/thidua") {
		t.Errorf("the masked URL is not readable: %s", out)
	}
}

// TestEveryRefusalLoggedWithItsCode: refusals made before GraphQL (size,
// media type, method, batches) carry their code on the request's line,
// and the header that carries it there never reaches the client.
func TestEveryRefusalLoggedWithItsCode(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	buf := captureLogs(t)
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	for _, c := range []struct {
		name, method, ctype, body string
		status                    int
	}{
		{"too large", http.MethodPost, "application/json", `{"query":"` + strings.Repeat("x", 2<<20) + `"}`, 413},
		{"wrong media type", http.MethodPost, "text/plain", `{"query":"{ __typename }"}`, 415},
		{"a batch", http.MethodPost, "application/json", `[{"query":"{ __typename }"}]`, 400},
		{"a mutation over GET", http.MethodGet, "", "", 405},
	} {
		target := e.srv.URL + "/graphql"
		if c.method == http.MethodGet {
			target += "?query=" + url.QueryEscape("mutation { __typename }")
		}
		req, _ := http.NewRequest(c.method, target, strings.NewReader(c.body))
		if c.ctype != "" {
			req.Header.Set("Content-Type", c.ctype)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.name, res.StatusCode, c.status)
		}
		for k := range res.Header {
			if strings.Contains(strings.ToLower(k), "log-code") {
				t.Errorf("%s: the client got %s", c.name, k)
			}
		}
		line := httpLine(t, buf, res.Header.Get("X-Request-Id"))
		if line["code"] != "VALIDATION" || line["level"] != "WARN" {
			t.Errorf("%s: the log line %v", c.name, line)
		}
	}
}
