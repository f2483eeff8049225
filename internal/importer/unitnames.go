package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/vntext"
)

// unitNames resolves the unit cells an office wrote as a name ("Phường
// Minh Hòa") rather than a code: an office's own list has a column "Đơn
// vị" with names. A name that is one unit's, in either tone placement and
// any case, becomes its code with a notice; a name of none or of several
// is refused with what to write instead.
type unitNames struct {
	kind Kind
	key  string
	rows map[int]*string // row → the unit field to set
	was  map[int]string  // row → the name as written
}

func newUnitNames(kind Kind, key string) *unitNames {
	return &unitNames{kind: kind, key: key, rows: map[int]*string{}, was: map[int]string{}}
}

// read is c.code for a unit column, except that a value which cannot be a
// code is kept to be resolved by name.
func (u *unitNames) read(c rowCheck, required bool, dst *string) {
	v := c.t.get(c.r, u.key)
	if v != "" && !codeRe.MatchString(strings.ToUpper(v)) {
		if len([]rune(v)) > 255 {
			c.fail(u.key, "Dài quá %d ký tự.", 255)
			return
		}
		u.rows[c.r.n], u.was[c.r.n] = dst, vntext.CollapseSpaces(v)
		return
	}
	*dst = c.code(u.key, required, 64)
}

// resolve sets each kept name's code, once the file's rows are read.
func (u *unitNames) resolve(ctx context.Context, client *ent.Client, t *table, res *Result) error {
	if len(u.rows) == 0 {
		return nil
	}
	all, err := client.Unit.Query().Select(unit.FieldCode, unit.FieldName, unit.FieldValidTo).All(ctx)
	if err != nil {
		return err
	}
	byName := map[string][]*ent.Unit{}
	for _, x := range all {
		k := vntext.Key(x.Name)
		byName[k] = append(byName[k], x)
	}
	for n, dst := range u.rows {
		name := u.was[n]
		found := byName[vntext.Key(name)]
		if len(found) > 1 { // a dissolved unit's name reused: the one still open
			var open []*ent.Unit
			for _, x := range found {
				if x.ValidTo == nil {
					open = append(open, x)
				}
			}
			if len(open) == 1 {
				found = open
			}
		}
		switch len(found) {
		case 1:
			*dst = found[0].Code
			t.notices = append(t.notices, Problem{Row: n, Column: header(u.kind, u.key), Message: fmt.Sprintf(
				"Đơn vị ghi bằng tên “%s” được hiểu là đơn vị mã %s.", name, found[0].Code)})
		case 0:
			res.Problems = append(res.Problems, Problem{Row: n, Column: header(u.kind, u.key), Message: fmt.Sprintf(
				"Không có đơn vị mã hoặc tên “%s” trong hệ thống; hãy ghi mã đơn vị (chữ in hoa không dấu, ví dụ PX-MINH-HOA) theo danh mục đơn vị đã nhập.", name)})
		default:
			codes := make([]string, len(found))
			for i, x := range found {
				codes[i] = x.Code
			}
			res.Problems = append(res.Problems, Problem{Row: n, Column: header(u.kind, u.key), Message: fmt.Sprintf(
				"Có %d đơn vị cùng tên “%s” (mã %s); hãy ghi mã của đơn vị.", len(found), name, strings.Join(codes, ", "))})
		}
	}
	return nil
}
