package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// capResponse refuses an answer whose data is over MaxResponseBytes. The
// row limits bound what an operation asks for; they cannot know how wide
// each row is, and an answer of tens of megabytes ties up the server and
// the client alike. It runs inside the store transaction, so a refused
// mutation writes nothing.
func (l Limits) capResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	res := next(ctx)
	if res == nil || l.MaxResponseBytes <= 0 || int64(len(res.Data)) <= l.MaxResponseBytes {
		return res
	}
	n := int64(len(res.Data))
	return &graphql.Response{Errors: gqlerror.List{{
		Message: fmt.Sprintf("Kết quả quá lớn: %d byte, tối đa %d byte. Hãy giảm first/last hoặc bớt trường, bí danh.", n, l.MaxResponseBytes),
		Extensions: map[string]any{"code": string(problem.Validation), "limit": "responseSize",
			"max": l.MaxResponseBytes, "requested": n},
	}}}
}
