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

// checkPageSizes refuses an operation whose connections ask for more than
// MaxPageSize rows, or for none, once variables are known.
func checkPageSizes(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if err := walkPages(oc, oc.Operation.SelectionSet, map[string]bool{}); err != nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
	}
	return next(ctx)
}

func walkPages(oc *graphql.OperationContext, set ast.SelectionSet, seen map[string]bool) *gqlerror.Error {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if isConnection(s) {
				if err := checkField(oc, s); err != nil {
					return err
				}
			}
			if err := walkPages(oc, s.SelectionSet, seen); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := walkPages(oc, s.SelectionSet, seen); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if fr := oc.Doc.Fragments.ForName(s.Name); fr != nil {
				if err := walkPages(oc, fr.SelectionSet, seen); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkField(oc *graphql.OperationContext, f *ast.Field) *gqlerror.Error {
	args := f.ArgumentMap(oc.Variables)
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
			return pageError(f, fmt.Sprintf("Số bản ghi mỗi trang (%s: %d ở trường %s) không được âm.", name, n, f.Alias))
		case n > MaxPageSize:
			return pageError(f, fmt.Sprintf("Số bản ghi mỗi trang tối đa là %d; trường %s yêu cầu %s: %d, vượt %d.",
				MaxPageSize, f.Alias, name, n, n-MaxPageSize))
		}
	}
	if !given {
		// A variable left null: the default could not be written in ahead.
		return pageError(f, fmt.Sprintf("Cần cho biết số bản ghi mỗi trang (first hoặc last) ở trường %s.", f.Alias))
	}
	return nil
}

func pageError(f *ast.Field, msg string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    msg,
		Path:       nil,
		Locations:  []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}},
		Extensions: map[string]any{"code": string(problem.Validation), "limit": "pageSize", "max": MaxPageSize},
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
