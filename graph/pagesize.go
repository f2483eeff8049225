package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Page sizes of every connection: a connection asked for without first or
// last gets DefaultPageSize; more than MaxPageSize is refused. Without a
// default an eager load could fetch a whole table (and exceed the
// databases' 65,535-parameter limit).
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// MaxNodeIDs bounds nodes(ids:): each id is a lookup and, when missing, an
// error of its own, so 60,000 ids were 60,000 errors in one answer.
const MaxNodeIDs = MaxPageSize

// isConnection: every field that pages. Any field with first or last
// counts, so a new paged field is limited whatever its type is named.
func isConnection(f *ast.Field) bool {
	return f.Definition != nil &&
		(f.Definition.Arguments.ForName("first") != nil || f.Definition.Arguments.ForName("last") != nil)
}

func takesIDs(f *ast.Field) bool {
	return f.Definition != nil && f.Definition.Arguments.ForName("ids") != nil
}

// defaultPageRule is a validation rule that writes first: DefaultPageSize
// into every connection field that names neither first nor last. It runs
// once per distinct query, before the parsed document is cached, so the
// default reaches root resolvers and nested eager loads alike.
var defaultPageRule = core.Rule{
	Name: "DefaultPageSize",
	RuleFunc: func(observers *core.Events, _ core.AddErrFunc) {
		observers.OnField(func(_ *core.Walker, f *ast.Field) {
			if !isConnection(f) || f.Arguments.ForName("first") != nil || f.Arguments.ForName("last") != nil {
				return
			}
			f.Arguments = append(f.Arguments, &ast.Argument{
				Name:     "first",
				Value:    &ast.Value{Kind: ast.IntValue, Raw: fmt.Sprint(DefaultPageSize), Position: f.Position},
				Position: f.Position,
			})
		})
	},
}

func validationRules() *rules.Rules {
	r := rules.NewDefaultRules()
	r.AddRule(defaultPageRule.Name, defaultPageRule.RuleFunc)
	return r
}

// Limits bound what one operation may ask for; each has a default and a
// flag (cmd/thidua).
type Limits struct {
	// MaxRows bounds the rows an operation may ask for: the sum, over its
	// connections, of the page sizes multiplied along each path. Nested
	// pages multiply (1000 units × 1000 ideas is a million rows), each page
	// alone being within MaxPageSize.
	MaxRows int64
	// MaxDepth bounds how deep selections nest (a page of ideas with their
	// proposers is about 10 deep).
	MaxDepth int
	// MaxAliases bounds aliased fields: aliases multiply work, not text.
	MaxAliases int
	// ParserTokens bounds the tokens of a document (CVE-2023-49559).
	ParserTokens int
	// Introspection answers __schema and __type queries and lets
	// validation errors suggest names ("Did you mean …"): both publish the
	// schema, so both are off unless asked for (--dev, --introspection).
	Introspection bool
	// Persisted, when not nil, is the allowlist mode: only these documents,
	// by SHA-256 of their text, run.
	Persisted map[string]string
	// MaxResponseBytes bounds an answer's data: past it the operation is
	// refused (and a mutation rolled back) rather than sent.
	MaxResponseBytes int64
}

// DefaultLimits are the defaults of the limits.
func DefaultLimits() Limits {
	return Limits{MaxRows: 500_000, MaxDepth: 15, MaxAliases: 30, ParserTokens: 15_000, MaxResponseBytes: DefaultMaxResponseBytes}
}

// MaxSubscriptionRows bounds the rows one event of a subscription may
// read: every commit is read again for every stream, so a document that
// asks for a report with each event multiplies one write into seconds of
// the server's time.
const MaxSubscriptionRows = 500

// DefaultMaxResponseBytes: a page of 1000 ideas with their proposers is
// about a megabyte; tens of megabytes are an export nobody's screen shows.
const DefaultMaxResponseBytes = 8 << 20

// checkPageSizes refuses an operation whose connections ask for more than
// MaxPageSize rows a page, or MaxRows in all, with the arguments coerced as
// the resolvers will receive them, that names more than MaxNodeIDs ids, or
// that nests deeper than MaxDepth or uses more than MaxAliases aliases.
func (l Limits) checkPageSizes(args *argProbe) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		w := &pageWalk{ctx: ctx, oc: oc, args: args, limits: l}
		if oc.Operation.Operation == ast.Subscription {
			// Read again at every commit, for every stream: an event is one
			// record and its neighbours, not a report.
			w.limits.MaxRows = min(l.MaxRows, MaxSubscriptionRows)
			w.perEvent = true
		}
		if err := w.walk(oc.Operation.SelectionSet, 1, 1); err != nil {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
		}
		return next(ctx)
	}
}

type pageWalk struct {
	perEvent bool // a subscription: the rows are read again for each event
	ctx      context.Context
	oc       *graphql.OperationContext
	args     *argProbe
	limits   Limits
	rows     int64
	aliases  int
}

// walk visits the selections under a path that yields mult rows;
// validation has already refused fragment cycles.
func (w *pageWalk) walk(set ast.SelectionSet, mult int64, depth int) *gqlerror.Error {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if l := w.limits.MaxDepth; depth > l {
				return pageError(s, "depth", int64(l), int64(depth), fmt.Sprintf(
					"Truy vấn lồng quá sâu: trường %s ở độ sâu %d, tối đa %d.", s.Alias, depth, l))
			}
			if s.Alias != s.Name {
				w.aliases++
				if l := w.limits.MaxAliases; w.aliases > l {
					return pageError(s, "aliases", int64(l), int64(w.aliases), fmt.Sprintf(
						"Truy vấn dùng quá nhiều bí danh (alias): %d, tối đa %d.", w.aliases, l))
				}
			}
			if err := checkFilters(s, w.oc.Variables); err != nil {
				return err
			}
			m := mult
			if isConnection(s) || takesIDs(s) {
				n, err := w.rowsOf(s)
				if err != nil {
					return err
				}
				m = mult * max(n, 1)
				w.rows += m
				if l := w.limits.MaxRows; w.rows > l {
					if w.perEvent {
						return pageError(s, "rows", l, w.rows, fmt.Sprintf("Mỗi lần cập nhật trực tiếp (subscription) chỉ đọc tối đa %d bản ghi; tới trường %s đã là %d. Hãy chọn ít hơn và đọc thêm bằng truy vấn khi cần.",
							l, s.Alias, w.rows))
					}
					return pageError(s, "rows", l, w.rows, fmt.Sprintf("Truy vấn yêu cầu quá nhiều bản ghi: tới trường %s đã là %d, tối đa %d. Hãy giảm first/last của các danh sách lồng nhau.",
						s.Alias, w.rows, l))
				}
			}
			if err := w.walk(s.SelectionSet, m, depth+1); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := w.walk(s.SelectionSet, mult, depth); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			if fr := w.oc.Doc.Fragments.ForName(s.Name); fr != nil {
				if err := w.walk(fr.SelectionSet, mult, depth); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// rowsOf is the rows a paged field or nodes(ids:) asks for, read from its
// coerced arguments and checked against MaxPageSize and MaxNodeIDs.
func (w *pageWalk) rowsOf(f *ast.Field) (int64, *gqlerror.Error) {
	typeName := ""
	if f.ObjectDefinition != nil {
		typeName = f.ObjectDefinition.Name
	}
	args, ok := w.args.read(w.ctx, typeName, f.Name, f.ArgumentMap(w.oc.Variables))
	if !ok {
		// The resolver would fail on them too, and entgql's eager loads,
		// which read them again, panic on a cursor that is not one.
		return 0, &gqlerror.Error{
			Message:    fmt.Sprintf("Tham số của trường %s không hợp lệ: first/last phải là số nguyên, after/before là con trỏ (cursor) lấy từ pageInfo, ids là danh sách mã; ngày theo dạng YYYY-MM-DD.", f.Alias),
			Locations:  []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}},
			Extensions: map[string]any{"code": string(problem.Validation)},
		}
	}
	if args.cursorFault != "" {
		return 0, &gqlerror.Error{
			Message:    fmt.Sprintf("Tham số after/before của trường %s không hợp lệ: %s; hãy dùng con trỏ lấy từ pageInfo của chính truy vấn này.", f.Alias, args.cursorFault),
			Locations:  []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}},
			Extensions: map[string]any{"code": string(problem.Validation), "field": "after"},
		}
	}
	if args.ids >= 0 {
		n := int64(args.ids)
		if n > MaxNodeIDs {
			return 0, pageError(f, "nodeIDs", MaxNodeIDs, n, fmt.Sprintf(
				"Trường %s nhận tối đa %d mã một lần; yêu cầu có %d mã, vượt %d.", f.Alias, MaxNodeIDs, n, n-MaxNodeIDs))
		}
		return n, nil
	}
	if args.first != nil && args.last != nil {
		e := pageError(f, "pageSize", MaxPageSize, max(*args.first, *args.last), fmt.Sprintf(
			"Trường %s nhận first (trang đầu) hoặc last (trang cuối), không nhận cả hai cùng lúc.", f.Alias))
		e.Extensions["field"] = "last"
		return 0, e
	}
	var size int64
	given := false
	for _, a := range []struct {
		name string
		n    *int64
	}{{"first", args.first}, {"last", args.last}} {
		if a.n == nil {
			continue
		}
		given = true
		n := *a.n
		switch {
		case n < 0:
			return 0, pageError(f, "pageSize", MaxPageSize, n, fmt.Sprintf("Số bản ghi mỗi trang (%s: %d ở trường %s) không được âm.", a.name, n, f.Alias))
		case n > MaxPageSize:
			return 0, pageError(f, "pageSize", MaxPageSize, n, fmt.Sprintf("Số bản ghi mỗi trang tối đa là %d; trường %s yêu cầu %s: %d, vượt %d.",
				MaxPageSize, f.Alias, a.name, n, n-MaxPageSize))
		}
		size = max(size, n)
	}
	if !given {
		// A variable left null: the default could not be written in ahead.
		return 0, pageError(f, "pageSize", MaxPageSize, 0, fmt.Sprintf("Cần cho biết số bản ghi mỗi trang (first hoặc last) ở trường %s.", f.Alias))
	}
	return size, nil
}

// pageError names the limit (extensions.limit: "pageSize", "nodeIDs",
// "rows", "depth", "aliases", "filterEdges" or "filterNodes"), its maximum and what the operation asked
// for.
func pageError(f *ast.Field, limit string, maxValue, requested int64, msg string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    msg,
		Path:       nil,
		Locations:  []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}},
		Extensions: map[string]any{"code": string(problem.Validation), "limit": limit, "max": maxValue, "requested": requested},
	}
}
