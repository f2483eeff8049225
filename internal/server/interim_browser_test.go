package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// screenshotDir is where the browser test leaves what it saw, for people
// to look at: var/ at the repository's root (ignored by git).
var screenshotDir = filepath.Join("..", "..", "var", "screenshots")

// TestInterimPageInBrowser opens the report in headless Chromium with a
// leader's token, as the board's frontend would, and checks that every
// chart and table renders, each chart with its text alternative, with no
// console error (a blocked load would log one under the page's CSP); it
// saves a screenshot and an A4 print of the page.
func TestInterimPageInBrowser(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if storetest.RequireServers() {
			t.Fatal("chromium is required under CI (scripts/ensure-chromium.sh installs it)")
		}
		t.Skip("chromium not installed (scripts/ensure-chromium.sh installs it)")
	}
	e := interimEnv(t)
	tok := e.token(t, "leader", "HCM", access.Leader)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(1366, 2400), chromedp.Flag("disable-gpu", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// The console is read from before the first navigation, so that a
	// message of the page's load is not lost.
	listen, stopListening := context.WithCancel(ctx)
	messages := chromedp.Console(listen)
	var problems []string
	read := make(chan struct{})
	go func() {
		defer close(read)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				problems = append(problems, m.String())
			}
		}
	}()

	type pageCounts struct {
		Charts, Described, Drawn, Tables, Rows, Headings int
		Title, Lang                                      string
	}
	var counts pageCounts
	var shot, pdf []byte
	err = chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, t, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
				Headers: network.Headers{"Authorization": "Bearer " + tok}})
			return err
		}),
		chromedp.Navigate(e.srv.URL+"/reports/interim/2022-2025"),
		chromedp.WaitReady("body"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			counts, err = chromedp.Evaluate[pageCounts](`(() => {
				const charts = [...document.querySelectorAll('svg[role="img"]')];
				return {
					Charts: charts.length,
					Described: charts.filter(s => s.querySelector('title') && s.querySelector('desc') && s.getAttribute('aria-labelledby')).length,
					Drawn: charts.filter(s => { const r = s.getBoundingClientRect(); return r.width > 100 && r.height > 50 && s.querySelectorAll('rect, path, line').length > 2; }).length,
					Tables: document.querySelectorAll('table').length,
					Rows: document.querySelectorAll('table tbody tr').length,
					Headings: document.querySelectorAll('h2').length,
					Title: document.title,
					Lang: document.documentElement.lang,
				};
			})()`)(ctx, t)
			if err != nil {
				return err
			}
			// The top of the page as a laptop shows it: the whole page is
			// taller than a screenshot may be.
			if shot, err = chromedp.CaptureScreenshot()(ctx, t); err != nil {
				return err
			}
			pdf, err = chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize())(ctx, t)
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	stopListening()
	<-read
	if counts.Charts < 5 || counts.Described != counts.Charts || counts.Drawn != counts.Charts {
		t.Errorf("charts: %d, with title and desc: %d, drawn: %d", counts.Charts, counts.Described, counts.Drawn)
	}
	if counts.Tables < counts.Charts || counts.Rows < 20 || counts.Headings < 7 {
		t.Errorf("tables %d, rows %d, sections %d", counts.Tables, counts.Rows, counts.Headings)
	}
	if counts.Lang != "vi" || !strings.Contains(counts.Title, "Sơ kết") {
		t.Errorf("lang %q, title %q", counts.Lang, counts.Title)
	}
	if len(problems) > 0 {
		t.Errorf("the browser reported: %v", problems)
	}
	if len(shot) < 10_000 {
		t.Errorf("the screenshot is %d bytes", len(shot))
	}
	if !strings.HasPrefix(string(pdf), "%PDF") || len(pdf) < 10_000 {
		t.Errorf("the A4 print is not a PDF of substance: %d bytes", len(pdf))
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"interim-2022-2025.png": shot, "interim-2022-2025.pdf": pdf} {
		p := filepath.Join(screenshotDir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(p)
		t.Logf("saved %s (%d bytes)", abs, len(b))
	}
}
