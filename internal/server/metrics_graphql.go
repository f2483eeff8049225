package server

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Labels of thidua_graphql_responses_total and thidua_graphql_errors_total.
const (
	codeOK      = "ok"      // a response without errors
	codeUnknown = "UNKNOWN" // an error without a code, or with one not in gqlCodes
	typeNone    = "none"    // refused before it was an operation: unparsable, invalid, not allowlisted
)

// gqlCodes are the codes a response can carry: the problem codes, and
// gqlgen's own for documents that do not parse or validate. Any other is
// UNKNOWN, so a client cannot mint label values.
var gqlCodes = func() map[string]bool {
	out := map[string]bool{errcode.ParseFailed: true, errcode.ValidationFailed: true, codeUnknown: true}
	for _, c := range problem.Codes {
		out[string(c)] = true
	}
	return out
}()

var operationTypes = []string{"query", "mutation", "subscription", typeNone}

// ExtensionName, Validate, InterceptOperation, InterceptResponse: a gqlgen
// extension that counts operations and their latency, and responses and
// their errors.
func (m *metrics) ExtensionName() string                   { return "ThiduaMetrics" }
func (m *metrics) Validate(graphql.ExecutableSchema) error { return nil }

func (m *metrics) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	name, kind := oc.OperationName, "query"
	if oc.Operation != nil {
		name, kind = oc.Operation.Name, string(oc.Operation.Operation)
	}
	name = m.names.label(name)
	m.operations.WithLabelValues(name, kind).Inc()
	start := time.Now()
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		res := h(ctx)
		m.latency.WithLabelValues(name).Observe(time.Since(start).Seconds())
		return res
	}
}

// InterceptResponse sees every response, also those refused before an
// operation existed (a parse or validation error, a document not
// allowlisted), which InterceptOperation never sees; a subscription's
// every event is a response.
func (m *metrics) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	res := next(ctx)
	if res == nil {
		return nil // the end of a stream
	}
	kind := typeNone
	if graphql.HasOperationContext(ctx) {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil {
			kind = string(op.Operation)
		}
	}
	first := codeOK
	for i, e := range res.Errors {
		code, _ := e.Extensions["code"].(string)
		if !gqlCodes[code] {
			code = codeUnknown
		}
		if i == 0 {
			first = code
		}
		m.errors.WithLabelValues(code).Inc()
	}
	m.gqlAnswers.WithLabelValues(kind, first).Inc()
	return res
}
