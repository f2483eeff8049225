package graph

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// inputPath finds where, in the arguments of the field being resolved, the
// column's GraphQL field is: "input.title" for createIdea(input:), "id" for
// an argument of its own; "" when the field takes no such input. A UI puts
// the message next to that input.
func inputPath(ctx context.Context, schema *ast.Schema, column string) (path string, value any) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil {
		return "", nil
	}
	name := gqlName(column)
	for _, arg := range fc.Field.Definition.Arguments {
		if arg.Name == name {
			return arg.Name, fc.Args[arg.Name]
		}
		def := schema.Types[arg.Type.Name()]
		if def == nil || def.Kind != ast.InputObject || def.Fields.ForName(name) == nil {
			continue
		}
		return arg.Name + "." + name, fieldValue(fc.Args[arg.Name], name)
	}
	return "", nil
}

// fieldValue reads an input's field by its GraphQL name from the coerced
// argument (a generated struct or a map).
func fieldValue(arg any, name string) any {
	if m, ok := arg.(map[string]any); ok {
		return m[name]
	}
	v := reflect.Indirect(reflect.ValueOf(arg))
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, name) })
	if !f.IsValid() {
		return nil
	}
	for f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return nil
		}
		f = f.Elem()
	}
	return f.Interface()
}

// withField names the input a problem is about: extensions.field carries
// its path, the message its label.
func withField(ctx context.Context, schema *ast.Schema, p *problem.Error, column string) *problem.Error {
	if path, _ := inputPath(ctx, schema, column); path != "" {
		p.Field = path
	}
	return p
}

// validationProblem says which field failed ent's validators, by its
// label, with the input's path.
func validationProblem(ctx context.Context, schema *ast.Schema, err error, v *ent.ValidationError) *problem.Error {
	p := problem.Wrap(err, problem.Validation, "%s: %s", capitalize(fieldLabel(v.Name)), validationReason(v))
	return withField(ctx, schema, p, v.Name)
}

var (
	sqliteUnique = regexp.MustCompile(`UNIQUE constraint failed: ([a-z_0-9.]+(?:, [a-z_0-9.]+)*)`)
	pgKey        = regexp.MustCompile(`^Key \(([^)]*)\)=`)
)

// constraintProblem turns a unique or foreign key violation into the
// field and value the user gave, never the database's words. A unique
// code tells that the code is taken even when its record is not the
// viewer's to read: uniqueness cannot be kept otherwise.
func constraintProblem(ctx context.Context, schema *ast.Schema, err error) *problem.Error {
	unique, cols := false, []string(nil)
	var pg *pgconn.PgError
	switch {
	case errors.As(err, &pg):
		unique = pg.Code == "23505"
		if m := pgKey.FindStringSubmatch(pg.Detail); m != nil {
			cols = strings.Split(strings.ReplaceAll(m[1], " ", ""), ",")
		}
	default:
		if m := sqliteUnique.FindStringSubmatch(err.Error()); m != nil {
			unique = true
			for _, c := range strings.Split(m[1], ", ") {
				cols = append(cols, c[strings.LastIndex(c, ".")+1:])
			}
		}
	}
	if !unique {
		p := problem.Wrap(err, problem.Conflict, "Bản ghi được tham chiếu không tồn tại hoặc đang được bản ghi khác dùng đến.")
		if len(cols) == 1 {
			p.Message = fmt.Sprintf("%s: bản ghi được chọn không tồn tại hoặc đang được bản ghi khác dùng đến.", capitalize(fieldLabel(cols[0])))
			return withField(ctx, schema, p, cols[0])
		}
		return p
	}
	if len(cols) == 0 {
		return problem.Wrap(err, problem.Conflict, "Đã có bản ghi trùng với dữ liệu vừa nhập.")
	}
	var parts []string
	field := ""
	for _, c := range cols {
		path, value := inputPath(ctx, schema, c)
		if field == "" {
			field = path
		}
		if value != nil && path != "" && !strings.HasSuffix(c, "_id") {
			parts = append(parts, fmt.Sprintf("%s %q", fieldLabel(c), fmt.Sprint(value)))
		} else {
			parts = append(parts, fieldLabel(c))
		}
	}
	p := problem.Wrap(err, problem.Conflict, "Đã có bản ghi cùng %s; giá trị này chỉ được dùng một lần.", strings.Join(parts, ", "))
	p.Field = field
	return p
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
