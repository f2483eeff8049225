package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// browser starts headless Chromium for a test, or skips it where
// Chromium is missing (fails under CI, which installs it).
func browser(t *testing.T) context.Context {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if storetest.RequireServers() {
			t.Fatal("chromium is required under CI (scripts/ensure-chromium.sh installs it)")
		}
		t.Skip("chromium not installed (scripts/ensure-chromium.sh installs it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(1366, 900), chromedp.Flag("disable-gpu", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestGraphiQLInBrowser opens the development page in Chromium as a
// developer on a closed intranet would: GraphiQL must start, every request
// the page makes must go to this server (or be a data: URL of its
// stylesheet), its CSP must refuse nothing (a refusal is a console error),
// the schema must load for the documentation explorer, and a query run
// with the prefilled token must answer.
func TestGraphiQLInBrowser(t *testing.T) {
	ctx := browser(t)
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "graphiql-dev", "HCM", access.CityAdmin)
	lim := graph.DefaultLimits()
	lim.Introspection = true // as serve --dev sets it
	dev := e.serve(t, server.Config{Dev: true, DevToken: tok, Limits: lim, FilesDir: t.TempDir()})

	listen, stopListening := context.WithCancel(ctx)
	messages := chromedp.Console(listen)
	requests := chromedp.Events(listen, network.RequestWillBeSent)
	var mu sync.Mutex
	var problems, urls []string
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for m, err := range messages {
			if err != nil {
				return
			}
			// GraphiQL 4.1.2's own dialogs omit a description, and Radix
			// says so; nothing of ours.
			if strings.Contains(m.String(), "Missing `Description` or `aria-describedby") {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range requests {
			if err != nil {
				return
			}
			mu.Lock()
			urls = append(urls, ev.Request.URL)
			mu.Unlock()
		}
	}()

	var answer, docs string
	var shot []byte
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{})
			return err
		}),
		chromedp.Navigate(dev.srv.URL+"/"),
		chromedp.WaitVisible(".graphiql-container .graphiql-query-editor .CodeMirror"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Evaluate[chromedp.Void](`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ viewer { sub roles } }')`)(ctx, t)
			return err
		}),
		chromedp.Click(".graphiql-execute-button"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			answer, err = chromedp.Poll[string](`(() => { const v = document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue(); return v.includes('"sub"') && v; })()`,
				chromedp.WithPollingTimeout(30*time.Second))(ctx, t)
			if err != nil {
				return err
			}
			return nil
		}),
		// The schema came with the prefilled token: the documentation
		// explorer lists the root types.
		chromedp.Click(`[aria-label="Show Documentation Explorer"]`),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			docs, err = chromedp.Poll[string](`(() => { const d = document.querySelector('.graphiql-doc-explorer'); return d && d.innerText.includes('Mutation') && d.innerText; })()`,
				chromedp.WithPollingTimeout(30*time.Second))(ctx, t)
			if err != nil {
				return err
			}
			shot, err = chromedp.CaptureScreenshot()(ctx, t)
			return err
		}),
		// A dialog (Radix) locks the page's scroll with a style element of
		// its own: the CSP must not refuse it silently into the console.
		chromedp.Click(`[aria-label="Open settings dialog"]`),
		chromedp.WaitVisible(`[role="dialog"]`),
	)
	stopListening()
	wg.Wait()
	if err != nil {
		t.Fatalf("%v; the browser reported: %v", err, problems)
	}
	if !strings.Contains(answer, `"sub": "graphiql-dev"`) || !strings.Contains(answer, "CITY_ADMIN") {
		t.Errorf("the query answered %s", answer)
	}
	if !strings.Contains(docs, "Query") {
		t.Errorf("the documentation explorer shows %q", docs)
	}
	if len(problems) > 0 {
		t.Errorf("the browser reported: %v", problems)
	}
	if len(urls) < 7 {
		t.Errorf("only %d requests seen: %v", len(urls), urls)
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, dev.srv.URL+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page asked another origin: %s", u)
		}
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(screenshotDir, "graphiql.png")
	if err := os.WriteFile(p, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(p)
	t.Logf("saved %s (%d bytes)", abs, len(shot))
}

// TestRequestIDReadableCrossOrigin: a frontend served from another origin
// calls the API with its token from a real browser, which enforces CORS,
// and its script reads the answer's X-Request-Id.
func TestRequestIDReadableCrossOrigin(t *testing.T) {
	ctx := browser(t)
	e := sharedEnv(t, "sqlite")
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!DOCTYPE html><title>frontend</title>`))
	}))
	defer front.Close()
	api := e.serve(t, server.Config{CORSOrigins: []string{front.URL}, FilesDir: t.TempDir()})
	tok := e.token(t, "frontend", "HCM", access.Leader)

	type result struct {
		Status    int
		RequestID string
		Sub       string
	}
	var got result
	err := chromedp.Do(ctx,
		chromedp.Navigate(front.URL+"/"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			got, err = chromedp.Evaluate[result](`fetch(`+jsString(api.srv.URL+"/graphql")+`, {
				method: 'POST',
				headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer '+`+jsString(tok)+`},
				body: JSON.stringify({query: '{ viewer { sub } }'}),
			}).then(async r => ({Status: r.status, RequestID: r.headers.get('X-Request-Id') || '', Sub: (await r.json()).data.viewer.sub}))`,
				chromedp.EvalAwaitPromise)(ctx, t)
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != http.StatusOK || got.Sub != "frontend" || len(got.RequestID) != 16 {
		t.Errorf("the frontend saw %+v", got)
	}
}

// jsString quotes s for a JavaScript expression (test URLs and tokens
// hold no quote or backslash).
func jsString(s string) string { return "'" + s + "'" }
