package schema

import (
	"context"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"

	gen "github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Hooks of the Unit.
func (Unit) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(unitTree, ent.OpCreate|ent.OpUpdateOne), hook.On(unitPath, ent.OpCreate|ent.OpUpdateOne),
		hook.On(unitSearchText, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)}
}

// unitPath keeps Unit.path, the chain of codes from the root, true when a
// unit is created or moved under another parent; a move rewrites the paths
// of the whole subtree in one statement.
func unitPath(next ent.Mutator) ent.Mutator {
	return hook.UnitFunc(func(ctx context.Context, m *gen.UnitMutation) (gen.Value, error) {
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		parentPath := func() (string, error) {
			pid, ok := m.ParentID()
			if !ok {
				return "/", nil
			}
			p, err := m.Client().Unit.Query().Where(unit.ID(pid)).Select(unit.FieldPath).String(sys)
			if err != nil {
				return "", problem.Wrap(err, problem.Validation, "Không tìm thấy đơn vị cấp trên.")
			}
			return p, nil
		}
		if m.Op().Is(ent.OpCreate) {
			code, _ := m.Code()
			pp, err := parentPath()
			if err != nil {
				return nil, err
			}
			m.SetPath(pp + code + "/")
			return next.Mutate(ctx, m)
		}
		_, moved := m.ParentID()
		if !moved && !m.ParentCleared() {
			return next.Mutate(ctx, m)
		}
		oldPath, err := m.OldPath(sys)
		if err != nil {
			return nil, err
		}
		oldCode, err := m.OldCode(sys)
		if err != nil {
			return nil, err
		}
		pp, err := parentPath()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(pp, oldPath) {
			return nil, problem.New(problem.Validation, "Không thể chuyển đơn vị vào chính đơn vị cấp dưới của nó.")
		}
		newPath := pp + oldCode + "/"
		m.SetPath(newPath)
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		// Descendants follow in one statement, under the move's own authority.
		_, err = m.Client().Unit.Update().
			Where(unit.PathHasPrefix(oldPath), unit.PathNEQ(newPath)).
			Modify(func(u *sql.UpdateBuilder) {
				// Built with the builder's own placeholders: sql.Expr's "?"
				// reach PostgreSQL unnumbered.
				u.Set(unit.FieldPath, sql.ExprFunc(func(b *sql.Builder) {
					b.Arg(newPath).WriteString(" || substr(").Ident(unit.FieldPath).WriteString(", ").Arg(len(oldPath) + 1).WriteString(")")
				}))
			}).
			Save(sys)
		return v, err
	})
}
