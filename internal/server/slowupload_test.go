package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestUploadCutByTheReadLimit: a multipart upload that the server stops
// reading (its upload deadline passed mid-file) is answered 408 with the
// code TIMEOUT, never 200, and leaves nothing behind; an upload slower
// than the server's read limit for other requests but within the upload's
// own is read whole and answered.
func TestUploadCutByTheReadLimit(t *testing.T) {
	base := sharedEnv(t, "sqlite")
	tok := base.token(t, "officer", "PX-BAN-CO", access.UnitAdmin)
	for _, c := range []struct {
		name          string
		uploadTimeout time.Duration
		wantStatus    int
		wantCode      string
	}{
		// The body takes about a second; the read limit is 200 ms.
		{"within the upload's time", 5 * time.Second, 200, "NOT_FOUND"},
		{"past the upload's time", 300 * time.Millisecond, 408, "TIMEOUT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			h := server.New(base.store, base.signer, server.Config{FilesDir: dir, Links: testLinks(t), UploadTimeout: c.uploadTimeout})
			srv := httptest.NewUnstartedServer(h)
			// The server's limits, as serve sets them, but short: the
			// upload's own must lift both, or the answer would be lost.
			srv.Config.ReadTimeout = 200 * time.Millisecond
			srv.Config.WriteTimeout = 200 * time.Millisecond
			srv.Start()
			defer srv.Close()
			res := slowUpload(t, srv.URL, tok)
			if res.Status != c.wantStatus || res.code() != c.wantCode {
				t.Fatalf("status %d, code %q, errors %+v; want %d %s", res.Status, res.code(), res.Errors, c.wantStatus, c.wantCode)
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Fatalf("the files directory holds %v", left)
			}
		})
	}
}

// slowUpload sends a dossier document to a nomination that does not
// exist, its head at once and then 1.25 MiB in 64 KiB pieces every 50 ms,
// as a client on a bad line sends them.
func slowUpload(t *testing.T, url, tok string) response {
	var head bytes.Buffer
	w := multipart.NewWriter(&head)
	ops, _ := json.Marshal(map[string]any{
		"query":     `mutation($in: AddDossierDocumentInput!) { addDossierDocument(input: $in) { id } }`,
		"variables": map[string]any{"in": map[string]any{"nominationID": "999999999", "kind": "OTHER", "title": "Tệp chậm", "file": nil}},
	})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{"0": ["variables.in.file"]}`)
	part, _ := w.CreateFormFile("0", "slow.pdf")
	_, _ = part.Write(pdf)
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write(head.Bytes())
		chunk := make([]byte, 64<<10)
		for i := 0; i < 20; i++ {
			if _, err := pw.Write(chunk); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		_, _ = pw.Write([]byte("\r\n--" + w.Boundary() + "--\r\n"))
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", pr)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok)
	return send(t, req)
}

// TestUploadsInFlightBounded: past MaxUploads uploads at once, the next is
// refused at once with 429 and the limit named, before its file is read.
func TestUploadsInFlightBounded(t *testing.T) {
	base := sharedEnv(t, "sqlite")
	tok := base.token(t, "officer", "PX-BAN-CO", access.UnitAdmin)
	srv := httptest.NewServer(server.New(base.store, base.signer, server.Config{FilesDir: t.TempDir(), Links: testLinks(t), MaxUploads: 1}))
	defer srv.Close()
	first := make(chan response, 1)
	go func() { first <- slowUpload(t, srv.URL, tok) }() // about a second
	time.Sleep(300 * time.Millisecond)
	var out bytes.Buffer
	w := multipart.NewWriter(&out)
	_ = w.WriteField("operations", `{"query":"mutation { __typename }"}`)
	_ = w.WriteField("map", `{}`)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", &out)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok)
	res := send(t, req)
	if res.Status != http.StatusTooManyRequests || res.code() != "VALIDATION" || res.Errors[0].Extensions["limit"] != "uploads" {
		t.Errorf("a second upload at once: %d %+v", res.Status, res.Errors)
	}
	if r := <-first; r.code() != "NOT_FOUND" {
		t.Errorf("the first upload: %d %+v", r.Status, r.Errors)
	}
}
