package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

type streamingKey struct{}

// WithStreaming marks a request sent as a stream (Server-Sent Events), the
// only way a subscription is served.
func WithStreaming(ctx context.Context) context.Context {
	return context.WithValue(ctx, streamingKey{}, true)
}

// streamsOnly refuses a subscription that did not come as a stream: the
// POST and GET transports would hold it until the request timeout and
// answer nothing at all.
func streamsOnly(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	op := graphql.GetOperationContext(ctx).Operation
	if op != nil && op.Operation == ast.Subscription && ctx.Value(streamingKey{}) == nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message: "Đăng ký nhận cập nhật (subscription) phải gửi bằng POST với Accept: text/event-stream " +
				"(Server-Sent Events, giao thức graphql-sse); xem docs/api.md, mục Live updates.",
			Extensions: map[string]any{"code": string(problem.Validation)},
		}}})
	}
	if op != nil && op.Operation == ast.Subscription {
		oc := graphql.GetOperationContext(ctx)
		if n := len(graphql.CollectFields(oc, op.SelectionSet, []string{"Subscription"})); n != 1 {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
				Message:    fmt.Sprintf("Một đăng ký (subscription) chọn đúng một trường gốc, ở đây có %d; hãy mở mỗi luồng cho một trường.", n),
				Extensions: map[string]any{"code": string(problem.Validation)},
			}}})
		}
	}
	return next(ctx)
}
