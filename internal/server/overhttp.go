package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// overHTTP brings gqlgen's transports in line with the GraphQL-over-HTTP
// specification where they differ: a mutation over GET is 405 with
// Allow: POST (gqlgen answers 406), and an application/json response to a
// well-formed request is 200 even when the document does not validate
// (gqlgen answers 422; application/graphql-response+json keeps its 400).
func overHTTP(cfg Config, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && operationIs(r.URL.Query().Get("query"), r.URL.Query().Get("operationName"), ast.Mutation) {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, problem.Validation, "Thao tác thay đổi dữ liệu (mutation) chỉ gửi bằng POST.")
			return
		}
		j := &jsonStatus{ResponseWriter: w, r: r, cfg: cfg}
		next.ServeHTTP(j, r)
		j.flush()
	})
}

// jsonStatus rewrites 422 to 200 on application/json responses, drops
// the "data" entry of request errors (the document did not parse or
// validate, so nothing was executed and there is no data to speak of), and
// turns the transports' own refusals (an unreadable multipart form, GET
// parameters that are not JSON), which gqlgen writes untyped and in
// English, into 400 with a typed, Vietnamese error. The status is held
// until the body is seen, since the body decides it.
type jsonStatus struct {
	http.ResponseWriter
	r      *http.Request
	cfg    Config
	status int // held by WriteHeader, 0 once sent or when none was set
}

func (j *jsonStatus) WriteHeader(code int) { j.status = code }

// Flush sends what was written: a subscription's stream flushes each event.
func (j *jsonStatus) Flush() {
	j.flush()
	_ = http.NewResponseController(j.ResponseWriter).Flush()
}

// flush sends a status that no body followed (an OPTIONS answer).
func (j *jsonStatus) flush() {
	if j.status != 0 {
		j.ResponseWriter.WriteHeader(j.status)
		j.status = 0
	}
}

func (j *jsonStatus) Write(b []byte) (int, error) {
	code := j.status
	if code == 0 {
		if err := j.r.Context().Err(); err != nil && bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
			// gqlgen answers a request whose context ended before it ran
			// with its end-of-stream signal, the JSON null, and 200: the
			// client would take null for an answer. Seen once the token's
			// unit came from a cache and no statement met the deadline
			// first.
			status, pc, msg := http.StatusServiceUnavailable, problem.Timeout, "Yêu cầu vượt quá thời gian cho phép; hãy thử lại."
			if !errors.Is(err, context.DeadlineExceeded) {
				status, pc, msg = http.StatusServiceUnavailable, problem.Unavailable, "Yêu cầu đã bị huỷ trước khi được xử lý; hãy thử lại."
			}
			fail(j.ResponseWriter, j.r, status, pc, msg, fmt.Errorf("the request's context ended before it was answered: %w", err))
			return len(b), nil
		}
		if storeAway(b) {
			// Nothing was answered because the store is away: 503 tells
			// a load balancer and a client to retry (docs/api.md).
			noteFailure(j.r.Context(), problem.Unavailable, errors.New("the store is unavailable"))
			j.Header().Set("Retry-After", "5")
			j.ResponseWriter.WriteHeader(http.StatusServiceUnavailable)
		}
		return j.ResponseWriter.Write(b)
	}
	j.status = 0
	if code < http.StatusBadRequest {
		j.ResponseWriter.WriteHeader(code)
		return j.ResponseWriter.Write(b)
	}
	var body map[string]json.RawMessage
	if json.Unmarshal(b, &body) != nil {
		j.ResponseWriter.WriteHeader(code)
		return j.ResponseWriter.Write(b)
	}
	if msg, untyped := transportRefusal(body["errors"]); untyped {
		status, code := http.StatusBadRequest, problem.Validation
		// A body cut before its end is no malformed form: say what cut it.
		if s, c, m, cause, cut := cutUpload(j.r, j.cfg); cut {
			status, code, msg = s, c, m
			noteFailure(j.r.Context(), c, cause)
		}
		out, _ := json.Marshal(map[string]any{"errors": []map[string]any{{"message": msg,
			"extensions": map[string]any{"code": string(code)}}}})
		j.Header().Set("Content-Type", "application/json; charset=utf-8")
		j.ResponseWriter.WriteHeader(status)
		if _, err := j.ResponseWriter.Write(out); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	requestError := code == http.StatusUnprocessableEntity || code == http.StatusBadRequest
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(j.Header().Get("Content-Type"), "application/json") {
		code = http.StatusOK
	}
	j.ResponseWriter.WriteHeader(code)
	if !requestError || string(body["data"]) != "null" {
		return j.ResponseWriter.Write(b)
	}
	delete(body, "data")
	out, err := json.Marshal(body)
	if err != nil {
		return j.ResponseWriter.Write(b)
	}
	if _, err := j.ResponseWriter.Write(out); err != nil {
		return 0, err
	}
	return len(b), nil
}

// storeAway reports whether an answer is only the store's absence: no
// data, and every error STORE_UNAVAILABLE. Only a small answer that
// starts with its errors is read (gqlgen writes them first), so a page of
// data is never parsed twice.
func storeAway(b []byte) bool {
	if len(b) > 64<<10 || !bytes.HasPrefix(b, []byte(`{"errors":`)) {
		return false
	}
	var body struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
		Data json.RawMessage `json:"data"`
	}
	if json.Unmarshal(b, &body) != nil || len(body.Errors) == 0 || (len(body.Data) > 0 && string(body.Data) != "null") {
		return false
	}
	for _, e := range body.Errors {
		if e.Extensions["code"] != string(problem.Unavailable) {
			return false
		}
	}
	return true
}

// transportRefusal reports whether a refusal's errors carry no code (the
// error presenter gives every GraphQL error one, the transports none), and
// says in Vietnamese what gqlgen said. gqlgen's text is not passed on: some
// of it quotes the request.
func transportRefusal(raw json.RawMessage) (string, bool) {
	var errs []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	}
	if json.Unmarshal(raw, &errs) != nil || len(errs) == 0 {
		return "", false
	}
	for _, e := range errs {
		if _, ok := e.Extensions["code"]; ok {
			return "", false
		}
	}
	m := errs[0].Message
	for _, t := range transportMessages {
		if strings.Contains(m, t.gqlgen) {
			return t.vi, true
		}
	}
	return "Yêu cầu không đúng định dạng GraphQL qua HTTP.", true
}

// transportMessages are gqlgen's transport refusals, by a fragment of
// their text, in Vietnamese.
var transportMessages = []struct{ gqlgen, vi string }{
	{"invalid URL escape", "Chuỗi tham số của URL sai định dạng."},
	{"variables could not be decoded", "Tham số variables phải là một đối tượng JSON."},
	{"extensions could not be decoded", "Tham số extensions phải là một đối tượng JSON."},
	{"failed to parse multipart form", "Không đọc được yêu cầu multipart (thiếu boundary hoặc sai định dạng)."},
	{"first part must be operations", "Phần đầu của yêu cầu multipart phải là operations."},
	{"second part must be map", "Phần thứ hai của yêu cầu multipart phải là map."},
	{"operations form field could not be decoded", "Phần operations của yêu cầu multipart không phải JSON hợp lệ."},
	{"map form field could not be decoded", "Phần map của yêu cầu multipart phải là đối tượng JSON: tên phần tệp → danh sách đường dẫn biến."},
	{"operations paths", "Phần map không khớp với các tệp gửi kèm."},
	{"failed to get key", "Phần map nêu một tệp không được gửi kèm."},
	{"path is missing", "Phần map chỉ tới một biến không có trong operations."},
	{"invalid value", "Phần map chỉ tới một biến không có trong operations."},
	{"file", "Không đọc được tệp gửi kèm."},
	{"part", "Không đọc được một phần của yêu cầu multipart."},
}

// Unwrap lets http.ResponseController reach the connection.
func (j *jsonStatus) Unwrap() http.ResponseWriter { return j.ResponseWriter }
