// Package officetest lets a test read a generated DOCX as its readers will:
// Debian's headless LibreOffice lays it out and exports a PDF, and poppler's
// tools read that PDF back (text, page count, fonts, a page as PNG).
//
// The tools come from scripts/ensure-libreoffice.sh. Where they are missing a
// test skips, except under CI=true, where it fails: CI must not pass by
// skipping the only check that the document opens.
package officetest

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// convertTimeout bounds one conversion: a cold start of LibreOffice on a busy
// 2-core machine takes seconds, a hung one must not eat the test binary's
// whole -timeout.
const convertTimeout = 3 * time.Minute

// toolTimeout bounds each poppler call, which takes well under a second.
const toolTimeout = time.Minute

// PDF is a document that LibreOffice exported.
type PDF struct {
	// Path is the PDF file, in the converting test's TempDir.
	Path string
	// Log is what LibreOffice printed while converting.
	Log string
}

// Convert exports docx to PDF with headless LibreOffice.
func Convert(t testing.TB, docx []byte) PDF {
	t.Helper()
	soffice := need(t, "soffice")
	need(t, "pdftotext")
	dir := t.TempDir()
	in := filepath.Join(dir, "document.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	// A profile of its own per call: two soffice processes sharing one
	// profile hand the work to the first one through its pipe, or refuse to
	// start, so parallel tests would collide.
	profile := url.URL{Scheme: "file", Path: filepath.Join(dir, "profile")}
	start := time.Now()
	stdout, stderr, err := run(t, convertTimeout, soffice,
		"--headless", "--norestore", "--nolockcheck",
		"-env:UserInstallation="+profile.String(),
		"--convert-to", "pdf", "--outdir", outDir, in)
	log := strings.TrimSpace(strings.TrimSpace(string(stdout)) + "\n" + strings.TrimSpace(string(stderr)))
	if err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, log)
	}
	out := filepath.Join(outDir, "document.pdf")
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		// soffice exits 0 when it cannot read the input: the missing PDF is
		// the only sign.
		t.Fatalf("soffice made no PDF from the DOCX (%v); it said:\n%s", err, log)
	}
	t.Logf("officetest: LibreOffice converted %d bytes of DOCX in %s: %s", len(docx), time.Since(start).Round(time.Millisecond), log)
	return PDF{Path: out, Log: log}
}

// Text is the whole document's text as pdftotext -layout lays it out, pages
// separated by form feeds, in NFC.
func (p PDF) Text(t testing.TB) string {
	t.Helper()
	return p.text(t)
}

// PageText is the text of one page (counted from 1), in NFC.
func (p PDF) PageText(t testing.TB, page int) string {
	t.Helper()
	if page < 1 {
		t.Fatalf("officetest: page %d: pages count from 1", page)
	}
	n := strconv.Itoa(page)
	return p.text(t, "-f", n, "-l", n)
}

func (p PDF) text(t testing.TB, args ...string) string {
	t.Helper()
	args = append(append([]string{"-layout", "-enc", "UTF-8"}, args...), p.Path, "-")
	// pdftotext gives the code points of the font's ToUnicode map, which may
	// be decomposed (a base letter plus combining marks) for Vietnamese;
	// tests compare with NFC literals, as Go source and the DOCX hold them.
	return norm.NFC.String(string(tool(t, "pdftotext", args...)))
}

// Pages is the number of pages, as pdfinfo reports it.
func (p PDF) Pages(t testing.TB) int {
	t.Helper()
	out := tool(t, "pdfinfo", p.Path)
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatalf("pdfinfo %s: bad page count %q", p.Path, line)
			}
			return n
		}
	}
	t.Fatalf("pdfinfo %s printed no page count:\n%s", p.Path, out)
	return 0
}

// PNG renders one page (counted from 1) at dpi to the file out, creating its
// directory, so a test can leave a picture for a person to look at.
func (p PDF) PNG(t testing.TB, page, dpi int, out string) {
	t.Helper()
	if page < 1 || dpi < 1 {
		t.Fatalf("officetest: PNG of page %d at %d dpi: both must be positive", page, dpi)
	}
	// pdftoppm appends ".png" to the prefix it is given; rendering into a
	// scratch directory first lets out be any name and leaves no half-written
	// file there when rendering fails.
	prefix := filepath.Join(t.TempDir(), "page")
	n := strconv.Itoa(page)
	tool(t, "pdftoppm", "-png", "-singlefile", "-f", n, "-l", n, "-r", strconv.Itoa(dpi), p.Path, prefix)
	img, err := os.ReadFile(prefix + ".png")
	if err != nil {
		// pdftoppm exits 0 for a page past the end and writes nothing.
		t.Fatalf("pdftoppm rendered no page %d of %s (it has %d): %v", page, p.Path, p.Pages(t), err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, img, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Fonts is the sorted names of the fonts the PDF uses (LibreOffice embeds
// every one), without the subset tag ("BAAAAA+"): a test checks with it that
// the document's Times New Roman was laid out in a metric-compatible serif
// (Liberation Serif) rather than a fallback whose metrics move every line
// and page break.
func (p PDF) Fonts(t testing.TB) []string {
	t.Helper()
	out := tool(t, "pdffonts", p.Path)
	seen := map[string]bool{}
	var names []string
	pastHeader := false
	for _, line := range strings.Split(string(out), "\n") {
		if !pastHeader {
			pastHeader = strings.HasPrefix(line, "---")
			continue
		}
		// The name column is padded, not truncated, so a long name pushes
		// the others right: the first field is the name either way.
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		name := fields[0]
		if tag, rest, ok := strings.Cut(name, "+"); ok && len(tag) == 6 && strings.ToUpper(tag) == tag {
			name = rest
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// need finds a tool or ends the test: a skip on a developer's machine, a
// failure under CI=true.
func need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := name + " is not installed (scripts/ensure-libreoffice.sh installs LibreOffice and poppler-utils as root)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg + "; skipping")
	return ""
}

// tool runs a poppler tool and returns its standard output, failing the test
// with its standard error.
func tool(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	stdout, stderr, err := run(t, toolTimeout, need(t, name), args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	return stdout
}

// run runs a command under a timeout that also stops at the test's own
// deadline, so a hang reports here rather than as a panic of the whole
// binary.
func run(t testing.TB, timeout time.Duration, path string, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if d, ok := deadline(t); ok {
		// Leave a little time to report before the test binary panics.
		var cancel2 context.CancelFunc
		ctx, cancel2 = context.WithDeadline(ctx, d.Add(-5*time.Second))
		defer cancel2()
	}
	cmd := exec.CommandContext(ctx, path, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	killGroup(cmd)
	// A grandchild that outlives the kill keeps the pipes open; stop waiting
	// for it rather than hang.
	cmd.WaitDelay = 10 * time.Second
	err = cmd.Run()
	if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = errors.Join(err, ctx.Err())
	}
	return out.Bytes(), errb.Bytes(), err
}

// deadline is the test's deadline when t is a *testing.T that has one.
func deadline(t testing.TB) (time.Time, bool) {
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		return d.Deadline()
	}
	return time.Time{}, false
}
