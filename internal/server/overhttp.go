package server

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// overHTTP brings gqlgen's transports in line with the GraphQL-over-HTTP
// specification where they differ: a mutation over GET is 405 with
// Allow: POST (gqlgen answers 406), and an application/json response to a
// well-formed request is 200 even when the document does not validate
// (gqlgen answers 422; application/graphql-response+json keeps its 400).
func overHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && isMutation(r.URL.Query().Get("query"), r.URL.Query().Get("operationName")) {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, problem.Validation, "Thao tác thay đổi dữ liệu (mutation) chỉ gửi bằng POST.")
			return
		}
		next.ServeHTTP(&jsonStatus{ResponseWriter: w}, r)
	})
}

// isMutation reports whether the GET query's selected operation is a
// mutation; a document that does not parse is left to the transport.
func isMutation(query, name string) bool {
	if query == "" {
		return false
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return false
	}
	op := doc.Operations.ForName(name)
	if op == nil && len(doc.Operations) == 1 {
		op = doc.Operations[0]
	}
	return op != nil && op.Operation == ast.Mutation
}

// jsonStatus rewrites 422 to 200 on application/json responses, and
// drops the "data" entry of request errors (the document did not parse or
// validate, so nothing was executed and there is no data to speak of).
type jsonStatus struct {
	http.ResponseWriter
	requestError bool
}

func (j *jsonStatus) WriteHeader(code int) {
	j.requestError = code == http.StatusUnprocessableEntity || code == http.StatusBadRequest
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(j.Header().Get("Content-Type"), "application/json") {
		code = http.StatusOK
	}
	j.ResponseWriter.WriteHeader(code)
}

func (j *jsonStatus) Write(b []byte) (int, error) {
	if !j.requestError {
		return j.ResponseWriter.Write(b)
	}
	var body map[string]json.RawMessage
	if json.Unmarshal(b, &body) != nil || string(body["data"]) != "null" {
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

// Unwrap lets http.ResponseController reach the connection.
func (j *jsonStatus) Unwrap() http.ResponseWriter { return j.ResponseWriter }
