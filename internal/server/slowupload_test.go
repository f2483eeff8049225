package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"strings"
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
// as a client on a bad line sends them. It writes on a raw connection and
// reads the answer apart from the writing: a server that answers and
// closes mid-body makes the next write fail ("broken pipe"), and Go's
// client then returns that error instead of the answer it was sent.
func slowUpload(t *testing.T, url, tok string) response {
	t.Helper()
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
	addr := strings.TrimPrefix(url, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	go func() {
		chunked := httputil.NewChunkedWriter(conn)
		_, _ = fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nAuthorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n", addr, w.FormDataContentType(), tok)
		if _, err := chunked.Write(head.Bytes()); err != nil {
			return
		}
		chunk := make([]byte, 64<<10)
		for i := 0; i < 20; i++ {
			if _, err := chunked.Write(chunk); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		_, _ = chunked.Write([]byte("\r\n--" + w.Boundary() + "--\r\n"))
		_ = chunked.Close()
		_, _ = io.WriteString(conn, "\r\n")
	}()
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	return answer(t, res)
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
