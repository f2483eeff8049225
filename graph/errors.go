package graph

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// presenter gives every error a code in extensions.code and a message
// users can read in Vietnamese; causes that are not the user's are logged
// and never shown. Without suggestions, validation errors do not name the
// schema's fields, arguments, types or enum values ("Did you mean …"):
// gqlgen's switch silences only two of gqlparser's rules.
func presenter(suggestions bool, schema *ast.Schema) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := presentError(ctx, schema, err)
		for _, where := range []*string{&gqlErr.Message, detailOf(gqlErr)} {
			if where == nil {
				continue
			}
			if i := strings.Index(*where, " Did you mean"); i >= 0 && !suggestions {
				*where = (*where)[:i]
			}
		}
		if d := detailOf(gqlErr); d != nil {
			gqlErr.Extensions["detail"] = *d
		}
		return gqlErr
	}
}

func presentError(ctx context.Context, schema *ast.Schema, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	if code, _ := gqlErr.Extensions["code"].(string); code == string(problem.NotFound) {
		// entgql's node lookups answer with their own gqlerror.
		gqlErr.Message = "Không tìm thấy dữ liệu yêu cầu."
		return gqlErr
	}
	if code, ok := gqlErr.Extensions["code"].(string); ok && gqlErr.Err == nil {
		// Parse and validation errors of the query itself: keep gqlgen's
		// code, say the problem in Vietnamese and keep the original for
		// developers.
		original, suggestion := gqlErr.Message, ""
		if i := strings.Index(original, " Did you mean"); i >= 0 {
			original, suggestion = original[:i], original[i:]
		}
		said, _ := sayQueryProblem(original)
		gqlErr.Message = queryProblem(code) + said + suggestion
		if said != original {
			gqlErr.Extensions["detail"] = original + suggestion
		}
		return gqlErr
	}
	p := classify(err)
	var validation *ent.ValidationError
	var constraint *ent.ConstraintError
	switch {
	case errors.As(err, &validation) && !isProblem(err):
		p = validationProblem(ctx, schema, err, validation)
	case errors.As(err, &constraint) && !isProblem(err):
		p = constraintProblem(ctx, schema, err)
	}
	if p.Code == problem.Internal {
		logInternal(ctx, "graphql: internal error", err)
	}
	gqlErr.Message = p.Message
	if gqlErr.Extensions == nil {
		gqlErr.Extensions = map[string]any{}
	}
	gqlErr.Extensions["code"] = string(p.Code)
	if p.Field != "" {
		gqlErr.Extensions["field"] = p.Field
	}
	return gqlErr
}

// detailOf is the English original kept for developers, if any.
func detailOf(e *gqlerror.Error) *string {
	if d, ok := e.Extensions["detail"].(string); ok {
		return &d
	}
	return nil
}

func isProblem(err error) bool { _, ok := problem.As(err); return ok }

func queryProblem(code string) string {
	switch code {
	case errcode.ParseFailed:
		return "Truy vấn GraphQL sai cú pháp: "
	case errcode.ValidationFailed:
		return "Truy vấn GraphQL không hợp lệ: "
	}
	return "Truy vấn không hợp lệ: "
}

// classify maps an error from any layer to a problem.
func classify(err error) *problem.Error {
	if p, ok := problem.As(err); ok {
		return p
	}
	var (
		notFound   *ent.NotFoundError
		validation *ent.ValidationError
		constraint *ent.ConstraintError
		notSingle  *ent.NotSingularError
		netErr     net.Error
	)
	switch {
	case errors.As(err, &notFound):
		return problem.New(problem.NotFound, "Không tìm thấy dữ liệu yêu cầu.")
	case errors.As(err, &validation):
		return problem.Wrap(err, problem.Validation, "Dữ liệu không hợp lệ ở trường %q: %s", validation.Name, validationReason(validation))
	case errors.As(err, &constraint):
		return problem.Wrap(err, problem.Conflict, "Dữ liệu trùng hoặc tham chiếu không tồn tại (vi phạm ràng buộc của cơ sở dữ liệu).")
	case errors.As(err, &notSingle):
		return problem.Wrap(err, problem.Conflict, "Có nhiều bản ghi khớp, cần điều kiện cụ thể hơn.")
	case errors.Is(err, privacy.Deny):
		return problem.Wrap(err, problem.Forbidden, "Bạn không có quyền thực hiện thao tác này.")
	case errors.Is(err, context.DeadlineExceeded):
		return problem.Wrap(err, problem.Timeout, "Yêu cầu vượt quá thời gian cho phép; hãy thu hẹp truy vấn hoặc thử lại.")
	// A connection the store dropped mid-query is the store being away,
	// not a fault of the request: pgx says "unexpected EOF" or a reset.
	case errors.Is(err, driver.ErrBadConn), errors.As(err, &netErr), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, net.ErrClosed):
		return problem.Wrap(err, problem.Unavailable, "Không kết nối được cơ sở dữ liệu, vui lòng thử lại sau.")
	}
	return problem.Wrap(err, problem.Internal, "Lỗi hệ thống, vui lòng thử lại sau.")
}

// validationReason explains ent's field validators in Vietnamese.
func validationReason(v *ent.ValidationError) string {
	msg := v.Error()
	switch {
	case contains(msg, "missing required field"):
		return "bắt buộc phải có."
	case contains(msg, "value is less than the required length"), contains(msg, "empty"):
		return "không được để trống."
	case contains(msg, "value is greater than the required length"):
		return "quá dài."
	case contains(msg, "does not match"), contains(msg, "regexp"):
		return "sai định dạng (chỉ dùng chữ in hoa không dấu, chữ số và dấu gạch ngang)."
	case contains(msg, "out of range"), contains(msg, "value out of range"):
		return "nằm ngoài khoảng cho phép."
	case contains(msg, "invalid enum value"):
		return "giá trị không thuộc danh mục."
	}
	return "giá trị không hợp lệ."
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// recoverPanic turns a resolver panic into an internal error, logged.
func recoverPanic(ctx context.Context, v any) error {
	logInternal(ctx, "graphql: panic", v)
	return problem.New(problem.Internal, "Lỗi hệ thống, vui lòng thử lại sau.")
}
