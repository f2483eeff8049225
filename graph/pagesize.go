package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

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

func isConnection(f *ast.Field) bool {
	return f.Definition != nil && f.Definition.Type != nil &&
		strings.HasSuffix(f.Definition.Type.Name(), "Connection") &&
		f.Definition.Arguments.ForName("first") != nil
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
	// Introspection answers __schema and __type queries; off in production
	// if the schema is not to be published.
	Introspection bool
	// Persisted, when not nil, is the allowlist mode: only these documents,
	// by SHA-256 of their text, run.
	Persisted map[string]string
}

// DefaultLimits are the defaults of the limits.
func DefaultLimits() Limits {
	return Limits{MaxRows: 500_000, MaxDepth: 15, MaxAliases: 30, ParserTokens: 15_000, Introspection: true}
}

// checkPageSizes refuses an operation whose connections ask for more than
// MaxPageSize rows a page, or MaxRows in all, once variables are known, or
// that nests deeper than MaxDepth or uses more than MaxAliases aliases.
func (l Limits) checkPageSizes(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	w := &pageWalk{oc: oc, limits: l}
	if err := w.walk(oc.Operation.SelectionSet, 1, 1); err != nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
	}
	return next(ctx)
}

type pageWalk struct {
	oc      *graphql.OperationContext
	limits  Limits
	rows    int64
	aliases int
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
			m := mult
			if isConnection(s) {
				n, err := pageSize(w.oc, s)
				if err != nil {
					return err
				}
				m = mult * max(n, 1)
				w.rows += m
				if l := w.limits.MaxRows; w.rows > l {
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

// pageSize is the rows a connection field asks for, checked against MaxPageSize.
func pageSize(oc *graphql.OperationContext, f *ast.Field) (int64, *gqlerror.Error) {
	args := f.ArgumentMap(oc.Variables)
	var size int64
	given := false
	for _, name := range []string{"first", "last"} {
		v, ok := args[name]
		if !ok || v == nil {
			continue
		}
		given = true
		n, ok := asInt(v)
		if !ok {
			continue
		}
		switch {
		case n < 0:
			return 0, pageError(f, "pageSize", MaxPageSize, n, fmt.Sprintf("Số bản ghi mỗi trang (%s: %d ở trường %s) không được âm.", name, n, f.Alias))
		case n > MaxPageSize:
			return 0, pageError(f, "pageSize", MaxPageSize, n, fmt.Sprintf("Số bản ghi mỗi trang tối đa là %d; trường %s yêu cầu %s: %d, vượt %d.",
				MaxPageSize, f.Alias, name, n, n-MaxPageSize))
		}
		size = max(size, n)
	}
	if !given {
		// A variable left null: the default could not be written in ahead.
		return 0, pageError(f, "pageSize", MaxPageSize, 0, fmt.Sprintf("Cần cho biết số bản ghi mỗi trang (first hoặc last) ở trường %s.", f.Alias))
	}
	return size, nil
}

// pageError names the limit (extensions.limit: "pageSize" or "rows"), its
// maximum and what the operation asked for.
func pageError(f *ast.Field, limit string, maxValue, requested int64, msg string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    msg,
		Path:       nil,
		Locations:  []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}},
		Extensions: map[string]any{"code": string(problem.Validation), "limit": limit, "max": maxValue, "requested": requested},
	}
}

// asInt reads an argument given literally (int64) or by a variable
// (json.Number, or a Go number in tests).
func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case float64:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}
