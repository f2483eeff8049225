package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// DefaultUploadTimeout is how long a multipart upload may take to arrive:
// a 20 MiB dossier document over a slow line in a ward office takes
// minutes, where the server's read limit for other requests is 30 s.
const DefaultUploadTimeout = 5 * time.Minute

// uploadAnswerTime is what writing an upload's answer may take once the
// request is done.
const uploadAnswerTime = 30 * time.Second

// bodyWatch remembers why a request's body stopped before its end. gqlgen
// reads the multipart form itself and, when the read fails, answers with
// an English, untyped error that says only that a file could not be
// copied; the watch lets the answer say what happened instead: the line
// was too slow, the body too large, or the client went away.
type bodyWatch struct {
	io.ReadCloser
	mu  sync.Mutex
	err error
}

type bodyWatchKey struct{}

func (b *bodyWatch) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		b.mu.Lock()
		if b.err == nil {
			b.err = err
		}
		b.mu.Unlock()
	}
	return n, err
}

func (b *bodyWatch) failure() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// watchUpload gives a multipart request its own read deadline and time
// budget (the upload's, then the request's), and watches its body.
func watchUpload(w http.ResponseWriter, r *http.Request, cfg Config) (*http.Request, context.CancelFunc) {
	// Not every writer reaches the connection (a test's recorder); the
	// server's read limit then stands, and the watch still names the cut.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(cfg.UploadTimeout))
	// The server's write limit counts from the request's start too: an
	// upload that took longer would be stored and its answer lost, and
	// the client's retry would store it twice.
	_ = rc.SetWriteDeadline(time.Now().Add(cfg.UploadTimeout + cfg.RequestTimeout + uploadAnswerTime))
	watch := &bodyWatch{ReadCloser: r.Body}
	ctx, cancel := context.WithTimeout(r.Context(), cfg.UploadTimeout+cfg.RequestTimeout)
	ctx = context.WithValue(ctx, bodyWatchKey{}, watch)
	r = r.WithContext(ctx)
	r.Body = watch
	return r, cancel
}

// cutUpload is the answer to a request whose body stopped before its end,
// or false when the body was read whole (the refusal is about its content).
func cutUpload(r *http.Request, cfg Config) (status int, code problem.Code, msg string, cause error, ok bool) {
	watch, _ := r.Context().Value(bodyWatchKey{}).(*bodyWatch)
	if watch == nil {
		return 0, "", "", nil, false
	}
	err := watch.failure()
	var tooLarge *http.MaxBytesError
	var netErr net.Error
	switch {
	case err == nil:
		return 0, "", "", nil, false
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, problem.Validation,
			fmt.Sprintf("Yêu cầu quá lớn: tối đa %d byte.", tooLarge.Limit), err, true
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return http.StatusRequestTimeout, problem.Timeout,
			fmt.Sprintf("Tệp tải lên đến quá chậm: máy chủ chờ tối đa %s cho một lần tải lên; hãy thử lại trên đường truyền tốt hơn.", uploadLimitText(cfg.UploadTimeout)),
			fmt.Errorf("upload cut by the read deadline: %w", err), true
	default:
		return http.StatusBadRequest, problem.Validation,
			"Yêu cầu tải lên bị ngắt giữa chừng; không có gì được lưu, hãy gửi lại.", fmt.Errorf("upload body: %w", err), true
	}
}

func uploadLimitText(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d phút", int(d/time.Minute))
	}
	return d.String()
}
