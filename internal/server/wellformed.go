package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// wellFormed reads a POST's JSON body before gqlgen does and refuses one
// that is not a GraphQL request object, with 400 and a typed error. gqlgen
// answers those itself with an untyped error quoting the whole body, which
// the error presenter then took for an internal error and logged: a
// request of a megabyte became a log line of a megabyte. Media types
// gqlgen has no transport for are refused here too (415), so its English
// "transport not supported" never reaches a client.
func wellFormed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch {
		case err == nil && media == "multipart/form-data":
			next.ServeHTTP(w, r)
			return
		case err != nil || media != "application/json":
			writeError(w, http.StatusUnsupportedMediaType, problem.Validation,
				"Yêu cầu GraphQL gửi bằng POST phải có Content-Type: application/json (hoặc multipart/form-data khi kèm tệp).")
			return
		}
		body, err := io.ReadAll(r.Body)
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeLimit(w, http.StatusRequestEntityTooLarge, "bodySize", tooLarge.Limit, tooLarge.Limit+1,
				"Yêu cầu quá lớn: vượt "+humanBytes(tooLarge.Limit)+".")
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, problem.Validation, "Không đọc được thân yêu cầu.")
			return
		}
		if msg := requestShape(body); msg != "" {
			writeError(w, http.StatusBadRequest, problem.Validation, msg)
			return
		}
		body = documentIDAsHash(body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// requestShape says what is wrong with a GraphQL-over-HTTP request body,
// or "" when it is one JSON object whose known members have their types.
// The messages never quote the body.
func requestShape(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var req map[string]json.RawMessage
	if err := dec.Decode(&req); err != nil || req == nil {
		return "Thân yêu cầu không phải một đối tượng JSON hợp lệ ({\"query\": …, \"variables\": {…}})."
	}
	if _, err := dec.Token(); err != io.EOF {
		return "Thân yêu cầu có dữ liệu thừa sau đối tượng JSON."
	}
	for _, m := range []struct{ name, kind string }{
		{"query", "string"}, {"operationName", "string"}, {"variables", "object"}, {"extensions", "object"},
	} {
		raw, ok := req[m.name]
		if !ok || string(raw) == "null" {
			continue
		}
		if (m.kind == "string") != (raw[0] == '"') || (m.kind == "object") != (raw[0] == '{') {
			if m.kind == "string" {
				return "Trường " + m.name + " của yêu cầu phải là chuỗi."
			}
			return "Trường " + m.name + " của yêu cầu phải là đối tượng JSON."
		}
	}
	return ""
}

// humanBytes writes a limit the way the messages do.
func humanBytes(n int64) string {
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " byte"
}

// documentIDAsHash takes a persisted document's id as the GraphQL-over-HTTP
// persisted documents proposal and graphql-codegen's client preset send it
// ({"documentId": "sha256:HEX"}) into the Automatic Persisted Queries
// extension gqlgen and the allowlist read. A request with a query, or
// with an id of another scheme, is left as it is.
func documentIDAsHash(body []byte) []byte {
	var req map[string]json.RawMessage
	if json.Unmarshal(body, &req) != nil {
		return body
	}
	var id string
	if json.Unmarshal(req["documentId"], &id) != nil || !strings.HasPrefix(id, "sha256:") {
		return body
	}
	if q, ok := req["query"]; ok && string(q) != "null" && string(q) != `""` {
		return body
	}
	ext := map[string]json.RawMessage{}
	if raw, ok := req["extensions"]; ok && string(raw) != "null" {
		_ = json.Unmarshal(raw, &ext)
	}
	pq, _ := json.Marshal(map[string]any{"version": 1, "sha256Hash": strings.TrimPrefix(id, "sha256:")})
	ext["persistedQuery"] = pq
	req["extensions"], _ = json.Marshal(ext)
	delete(req, "documentId")
	out, err := json.Marshal(req)
	if err != nil {
		return body
	}
	return out
}
