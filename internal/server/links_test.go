package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/server"
)

const linkSecret = "link-secret-link-secret-link-secret-0123"

// movableClock is the server's injected clock, which a test moves forward.
type movableClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *movableClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *movableClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// linkEnv is a server over the env's store that signs links with
// linkSecret, on a clock the test moves.
func linkEnv(t *testing.T, base *env) (*env, *movableClock, *links.Signer) {
	t.Helper()
	signer, err := links.New(linkSecret)
	if err != nil {
		t.Fatal(err)
	}
	clk := &movableClock{now: time.Now()}
	return base.serve(t, server.Config{FilesDir: t.TempDir(), Now: clk.Now, Links: signer}), clk, signer
}

// refusal is a download's status, extensions.code and extensions.link.
type refusal struct {
	status     int
	code, link string
}

func refused(t *testing.T, res *http.Response, body []byte) refusal {
	t.Helper()
	var out struct {
		Errors []gqlError `json:"errors"`
	}
	if err := json.Unmarshal(body, &out); err != nil || len(out.Errors) == 0 {
		return refusal{status: res.StatusCode}
	}
	code, _ := out.Errors[0].Extensions["code"].(string)
	link, _ := out.Errors[0].Extensions["link"].(string)
	return refusal{res.StatusCode, code, link}
}

// documentLink asks for a dossier document's downloadURL through node, as
// a frontend would; the response says whether the viewer may read it.
func documentLink(t *testing.T, e *env, tok, id string) response {
	t.Helper()
	return e.do(t, tok, `query($id: ID!) { node(id: $id) { ... on DossierDocument { downloadURL } } }`, map[string]any{"id": id})
}

func decodeLink(t *testing.T, res response) string {
	t.Helper()
	var got struct{ Node *struct{ DownloadURL string } }
	res.decode(t, &got)
	if got.Node == nil || got.Node.DownloadURL == "" {
		t.Fatalf("no link: %s", res.Data)
	}
	return got.Node.DownloadURL
}

// withQuery is the link's path with another query.
func withQuery(link string, q url.Values) string {
	path, _, _ := strings.Cut(link, "?")
	return path + "?" + q.Encode()
}

func linkQuery(t *testing.T, link string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// TestDossierLinkDownloadsWithoutHeader: a unit's officer gets a signed link
// to a dossier document and a plain GET downloads it, kept out of shared
// caches and referrers; expired, tampered, moved, foreign-keyed links are
// refused with a typed error, a link names its viewer and grants only what
// that viewer reads, and another unit's officer gets no link at all.
func TestDossierLinkDownloadsWithoutHeader(t *testing.T) {
	forEachStore(t, func(t *testing.T, base *env) {
		e, clk, signer := linkEnv(t, base)
		const unitCode = "PX-BAN-CO"
		board := e.token(t, "board", "HCM", access.CityAdmin)
		officer := e.token(t, "officer", unitCode, access.UnitAdmin)
		uid := mustUnit(t, e, unitCode)
		var created struct{ CreateNomination nominationState }
		e.do(t, board, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`,
			map[string]any{"in": map[string]any{"unitID": uid, "recipientKind": "COLLECTIVE", "recipientUnitID": uid,
				"level": "UNIT_HEAD_CERTIFICATE", "year": 2026}}).decode(t, &created)
		var docs []string
		for _, k := range []string{"SUBMISSION_LETTER", "OTHER"} {
			var got struct{ AddDossierDocument struct{ ID string } }
			e.upload(t, officer, created.CreateNomination.ID, k, pdf).decode(t, &got)
			docs = append(docs, got.AddDossierDocument.ID)
		}

		// docs/api.md and the schema's descriptions promise five minutes.
		if links.TTL != 5*time.Minute {
			t.Errorf("links.TTL is %v; update docs/api.md and the downloadURL descriptions", links.TTL)
		}
		link := decodeLink(t, documentLink(t, e, officer, docs[0]))
		if !strings.HasPrefix(link, "/files/dossier/"+docs[0]+"?link=") {
			t.Fatalf("link %q", link)
		}
		res, b := e.get(t, link, "")
		if res.StatusCode != 200 || !bytes.Equal(b, pdf) {
			t.Fatalf("download by link: %d %q", res.StatusCode, b)
		}
		if cc, rp := res.Header.Get("Cache-Control"), res.Header.Get("Referrer-Policy"); cc != "private, no-store" || rp != "no-referrer" {
			t.Errorf("headers of a signed download: Cache-Control %q, Referrer-Policy %q", cc, rp)
		}
		// The bearer header works as before, and wins over a link.
		if res, b := e.get(t, "/files/dossier/"+docs[0], officer); res.StatusCode != 200 || !bytes.Equal(b, pdf) {
			t.Errorf("download by header: %d", res.StatusCode)
		}

		q := linkQuery(t, link)
		payload, sig, _ := strings.Cut(q.Get(links.Param), ".")
		raw, _ := base64.RawURLEncoding.DecodeString(payload)
		var claims map[string]any
		if err := json.Unmarshal(raw, &claims); err != nil || claims["sub"] != "officer" || claims["unit"] != unitCode {
			t.Fatalf("the link's viewer: %s %v", raw, err)
		}
		flipped := []byte(sig)
		flipped[3] ^= 1
		claims["roles"] = []string{"CITY_ADMIN"}
		promoted, _ := json.Marshal(claims)
		officerOfQGV := &access.Viewer{Sub: "officer", Roles: []access.Role{access.UnitAdmin}, UnitCode: "QGV"}
		otherKey, _ := links.New("another-replica-another-replica-another-0")
		officerOfUnit := &access.Viewer{Sub: "officer", Roles: []access.Role{access.UnitAdmin}, UnitCode: unitCode}
		invalid := refusal{403, "FORBIDDEN", "invalid"}
		for _, c := range []struct {
			name, path string
			want       refusal
		}{
			{"a tampered signature", withQuery(link, url.Values{links.Param: {payload + "." + string(flipped)}}), invalid},
			{"the signature on another document", "/files/dossier/" + docs[1] + "?" + q.Encode(), invalid},
			{"the viewer promoted to CITY_ADMIN", withQuery(link, url.Values{links.Param: {base64.RawURLEncoding.EncodeToString(promoted) + "." + sig}}), invalid},
			{"a parameter added", withQuery(link, url.Values{links.Param: q[links.Param], "x": {"1"}}), invalid},
			{"no signature", withQuery(link, url.Values{links.Param: {payload}}), invalid},
			{"another key", otherKey.Sign("/files/dossier/"+docs[0], nil, officerOfUnit, clk.Now().Add(time.Minute)), invalid},
			// Well signed, but for a viewer the rules keep from the document:
			// the link is checked as that viewer's token would be.
			{"another unit's viewer", signer.Sign("/files/dossier/"+docs[0], nil, officerOfQGV, clk.Now().Add(time.Minute)), refusal{404, "NOT_FOUND", ""}},
			{"a unit that does not exist", signer.Sign("/files/dossier/"+docs[0], nil,
				&access.Viewer{Sub: "officer", Roles: []access.Role{access.UnitAdmin}, UnitCode: "NO-SUCH-UNIT"}, clk.Now().Add(time.Minute)), refusal{401, "UNAUTHENTICATED", ""}},
		} {
			res, b := e.get(t, c.path, "")
			if got := refused(t, res, b); got != c.want {
				t.Errorf("%s: %+v, want %+v (%s)", c.name, got, c.want, b)
			}
			if cc := res.Header.Get("Cache-Control"); cc != "private, no-store" {
				t.Errorf("%s: Cache-Control %q", c.name, cc)
			}
		}

		// Another unit's officer cannot read the document, so gets no link.
		other := documentLink(t, e, e.token(t, "officer", "QGV", access.UnitAdmin), docs[0])
		if other.code() != "NOT_FOUND" || !strings.Contains(string(other.Data), `"node":null`) {
			t.Errorf("another unit's officer asking for a link: %q %s", other.code(), other.Data)
		}

		// Past its five minutes the link is refused as expired.
		clk.Add(links.TTL)
		res, b = e.get(t, link, "")
		if got := refused(t, res, b); got != (refusal{401, "UNAUTHENTICATED", "expired"}) {
			t.Errorf("an expired link: %+v %s", got, b)
		}

		// A link never outlives the token it was minted under.
		short, err := e.signer.Mint(auth.Identity{Sub: "officer", Roles: []access.Role{access.UnitAdmin}, UnitCode: unitCode}, 2*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		clk.Add(-links.TTL)
		link = decodeLink(t, documentLink(t, e, short, docs[0]))
		clk.Add(2*time.Minute + time.Second)
		res, b = e.get(t, link, "")
		if got := refused(t, res, b); got != (refusal{401, "UNAUTHENTICATED", "expired"}) {
			t.Errorf("a link past its token's expiry: %+v %s", got, b)
		}
	})
}

// TestLinksNeedAKey: a handler without a link key (thidua serve refuses to
// start so) mints no link — the field answers an error — and refuses a
// link, rather than signing with a key the other replicas would not know.
func TestLinksNeedAKey(t *testing.T) {
	base := sharedEnv(t, "sqlite")
	srv := httptest.NewServer(server.New(base.store, base.signer, server.Config{FilesDir: t.TempDir()}))
	t.Cleanup(srv.Close)
	e := &env{url: base.url, store: base.store, counter: base.counter, signer: base.signer, srv: srv}
	board := e.token(t, "board", "HCM", access.CityAdmin)
	res := e.do(t, board, `{ reportDownloadURL(phase: "2022-2025", review: INTERIM, format: PAGE) }`, nil)
	if res.code() != "INTERNAL" || !strings.Contains(res.Errors[0].Message, "THIDUA_LINK_SECRET") {
		t.Errorf("a link without a key: %q %+v", res.code(), res.Errors)
	}
	signer, _ := links.New(linkSecret)
	link := signer.Sign("/reports/interim/2022-2025", nil, &access.Viewer{Sub: "board", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}, time.Now().Add(time.Minute))
	r, b := e.get(t, link, "")
	if got := refused(t, r, b); got != (refusal{403, "FORBIDDEN", "invalid"}) {
		t.Errorf("a link to a server without a key: %+v %s", got, b)
	}
}

// TestReportLinks: reportDownloadURL answers by the report handler's rule;
// its link opens the page without a header, the page's workbook link is
// signed too, and a link moved to another unit, review or format is refused.
func TestReportLinks(t *testing.T) {
	forEachStore(t, func(t *testing.T, base *env) {
		e, _, _ := linkEnv(t, base)
		const unitCode = "PX-BAN-CO"
		uid := mustUnit(t, e, unitCode)
		officer := e.token(t, "officer", unitCode, access.UnitAdmin)
		ask := func(tok, review, format string, unit any) response {
			return e.do(t, tok, `query($unit: ID, $review: ReviewKind!, $format: ReportFormat!) {
				reportDownloadURL(phase: "2022-2025", review: $review, unit: $unit, format: $format) }`,
				map[string]any{"unit": unit, "review": review, "format": format})
		}
		var got struct{ ReportDownloadURL string }
		ask(officer, "FINAL", "PAGE", uid).decode(t, &got)
		page := got.ReportDownloadURL
		if !strings.HasPrefix(page, "/reports/final/2022-2025?") || linkQuery(t, page).Get("unit") != uid {
			t.Fatalf("page link %q", page)
		}
		res, b := e.get(t, page, "")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("page by link: %d %s", res.StatusCode, b)
		}
		if cc, rp := res.Header.Get("Cache-Control"), res.Header.Get("Referrer-Policy"); cc != "private, no-store" || rp != "no-referrer" {
			t.Errorf("headers of a signed page: Cache-Control %q, Referrer-Policy %q", cc, rp)
		}
		// Without a warehouse the page says so and links no workbook
		// (TestReportPageSignsItsWorkbookLink has one); the workbook's own
		// link opens it.
		ask(officer, "FINAL", "WORKBOOK", uid).decode(t, &got)
		if !strings.HasPrefix(got.ReportDownloadURL, "/reports/final/2022-2025.xlsx?") {
			t.Fatalf("workbook link %q", got.ReportDownloadURL)
		}
		if res, b := e.get(t, got.ReportDownloadURL, ""); res.StatusCode != 200 || !bytes.HasPrefix(b, []byte("PK")) {
			t.Errorf("the workbook by link: %d %s", res.StatusCode, b)
		}
		// The report to sign and the list proposed for awards, each by its
		// own link, which opens that file only.
		for format, file := range map[string]string{"REPORT_DOCX": ".docx", "AWARD_PROPOSALS": ".de-nghi-khen-thuong.xlsx"} {
			ask(officer, "FINAL", format, uid).decode(t, &got)
			if !strings.HasPrefix(got.ReportDownloadURL, "/reports/final/2022-2025"+file+"?") {
				t.Fatalf("%s link %q", format, got.ReportDownloadURL)
			}
			if res, b := e.get(t, got.ReportDownloadURL, ""); res.StatusCode != 200 || !bytes.HasPrefix(b, []byte("PK")) {
				t.Errorf("%s by link: %d %.200s", format, res.StatusCode, b)
			}
			other := linkQuery(t, got.ReportDownloadURL)
			if res, b := e.get(t, "/reports/final/2022-2025.xlsx?"+other.Encode(), ""); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s's link opens the workbook: %d %.200s", format, res.StatusCode, b)
			}
		}

		q := linkQuery(t, page)
		moved := url.Values{links.Param: q[links.Param], "unit": {mustUnit(t, e, "QGV")}}
		for name, path := range map[string]string{
			"another unit":   "/reports/final/2022-2025?" + moved.Encode(),
			"another review": "/reports/interim/2022-2025?" + q.Encode(),
			"the workbook":   "/reports/final/2022-2025.xlsx?" + q.Encode(),
			"the city":       "/reports/final/2022-2025?" + url.Values{links.Param: q[links.Param]}.Encode(),
		} {
			res, b := e.get(t, path, "")
			if got := refused(t, res, b); got != (refusal{403, "FORBIDDEN", "invalid"}) {
				t.Errorf("%s: %+v %s", name, got, b)
			}
		}

		// The rule of the report handler: a member reads no summary, an
		// officer no other unit's; neither gets a link to one.
		member := e.token(t, memberOf(t, e, unitCode), unitCode, access.Member)
		if res := ask(member, "INTERIM", "WORKBOOK", nil); res.code() != "FORBIDDEN" {
			t.Errorf("a member asking for a report link: %q %s", res.code(), res.Data)
		}
		if res := ask(officer, "INTERIM", "PAGE", mustUnit(t, e, "QGV")); res.code() == "" {
			t.Errorf("an officer asking for another unit's report link: %s", res.Data)
		}
	})
}

var xlsxHref = regexp.MustCompile(`<a href="([^"]+)" download>`)

// TestReportPageSignsItsWorkbookLink: a page with figures opened by a
// signed link links its workbook by a signed link too, since the browser
// that follows it has no header to send.
func TestReportPageSignsItsWorkbookLink(t *testing.T) {
	ie := interimEnv(t)
	signer, err := links.New(linkSecret)
	if err != nil {
		t.Fatal(err)
	}
	e := ie.serve(t, server.Config{Reports: interimReports, Links: signer})
	board := &access.Viewer{Sub: "board", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}
	res, b := e.get(t, signer.Sign("/reports/interim/2022-2025", nil, board, time.Now().Add(time.Minute)), "")
	if res.StatusCode != 200 {
		t.Fatalf("page by link: %d %s", res.StatusCode, b)
	}
	m := xlsxHref.FindSubmatch(b)
	if m == nil {
		t.Fatal("no workbook link on the page")
	}
	workbook := html.UnescapeString(string(m[1]))
	if !strings.HasPrefix(workbook, "/reports/interim/2022-2025.xlsx?"+links.Param+"=") {
		t.Fatalf("the page's workbook link %q", workbook)
	}
	if res, b := e.get(t, workbook, ""); res.StatusCode != 200 || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("the page's workbook by link: %d %s", res.StatusCode, b)
	}
}
