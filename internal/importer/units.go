package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

type unitRow struct {
	n              int
	code, name     string
	typ            domain.UnitType
	parent         string
	from, to       *time.Time
	existing       *ent.Unit
	existingParent string
}

func importUnits(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	var rows []*unitRow
	byCode := map[string]*unitRow{}
	for _, r := range t.rows {
		c := rowCheck{kind: Units, t: t, r: r, problems: &res.Problems}
		u := &unitRow{n: r.n, code: c.code("code", true, 64), name: c.text("name", true, 255),
			typ: enum[domain.UnitType](c, "type", true), parent: c.code("parent", false, 64),
			from: c.date("valid_from", false), to: c.date("valid_to", false)}
		if u.from != nil && u.to != nil && !u.to.After(*u.from) {
			c.fail("valid_to", "Ngày thôi hoạt động (%s) phải sau ngày bắt đầu (%s).", dayText(u.to), dayText(u.from))
		}
		if u.code != "" {
			if first, dup := byCode[u.code]; dup {
				c.fail("code", "Mã đơn vị %s đã có ở dòng %d.", u.code, first.n)
				continue
			}
			byCode[u.code] = u
		}
		rows = append(rows, u)
	}
	codes := make([]string, 0, len(byCode))
	for code, u := range byCode {
		codes = append(codes, code)
		if u.parent != "" {
			codes = append(codes, u.parent)
		}
	}
	stored := map[string]*ent.Unit{}
	for _, chunk := range chunks(codes) {
		us, err := client.Unit.Query().Where(unit.CodeIn(chunk...)).WithParent().All(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			stored[u.Code] = u
		}
	}
	for _, u := range rows {
		c := rowCheck{kind: Units, t: t, r: row{n: u.n}, problems: &res.Problems}
		if e := stored[u.code]; e != nil {
			u.existing = e
			if e.Edges.Parent != nil {
				u.existingParent = e.Edges.Parent.Code
			}
		}
		switch {
		case u.typ == domain.UnitTypeCity && u.parent != "":
			c.fail("parent", "Thành phố không có đơn vị cấp trên.")
		case u.typ != domain.UnitTypeCity && u.typ != "" && u.parent == "":
			c.fail("parent", "Bắt buộc với mọi đơn vị trừ Thành phố.")
		case u.parent == u.code && u.code != "":
			c.fail("parent", "Đơn vị không thể là cấp trên của chính nó.")
		case u.parent != "" && stored[u.parent] == nil && byCode[u.parent] == nil:
			c.fail("parent", "Không có đơn vị mã %s trong hệ thống hay trong tệp.", u.parent)
		}
	}
	order, cycle := parentsFirst(rows, byCode)
	if cycle != nil {
		res.Problems = append(res.Problems, Problem{Row: cycle.n, Column: header(Units, "parent"),
			Message: fmt.Sprintf("Quan hệ cấp trên của đơn vị %s tạo thành vòng lặp.", cycle.code)})
	}
	if !res.OK() {
		return nil
	}
	ids := map[string]int{}
	for code, u := range stored {
		ids[code] = u.ID
	}
	for _, u := range order {
		e := u.existing
		if e == nil {
			res.outcome(true, false)
			if !write {
				continue
			}
			created, err := client.Unit.Create().SetCode(u.code).SetName(u.name).SetType(u.typ).
				SetNillableParentID(idOf(ids, u.parent)).SetNillableValidFrom(u.from).SetNillableValidTo(u.to).Save(ctx)
			if err != nil {
				return rowError(u.n, err)
			}
			ids[u.code] = created.ID
			continue
		}
		changed := e.Name != u.name || e.Type != u.typ || u.existingParent != u.parent ||
			!sameDay(e.ValidFrom, u.from) || !sameDay(e.ValidTo, u.to)
		res.outcome(false, changed)
		if !changed || !write {
			continue
		}
		upd := client.Unit.UpdateOne(e).SetName(u.name).SetType(u.typ).SetNillableValidFrom(u.from).SetNillableValidTo(u.to)
		if u.from == nil {
			upd.ClearValidFrom()
		}
		if u.to == nil {
			upd.ClearValidTo()
		}
		if u.existingParent != u.parent {
			if p := idOf(ids, u.parent); p != nil {
				upd.SetParentID(*p)
			} else {
				upd.ClearParent()
			}
		}
		if err := upd.Exec(ctx); err != nil {
			return rowError(u.n, err)
		}
	}
	return nil
}

// parentsFirst orders the rows so that a unit comes after its parent when
// both are in the file; it returns a row of a cycle when there is one.
func parentsFirst(rows []*unitRow, byCode map[string]*unitRow) ([]*unitRow, *unitRow) {
	state := map[*unitRow]int{} // 1 visiting, 2 done
	var out []*unitRow
	var visit func(u *unitRow) *unitRow
	visit = func(u *unitRow) *unitRow {
		switch state[u] {
		case 1:
			return u
		case 2:
			return nil
		}
		state[u] = 1
		if p := byCode[u.parent]; p != nil && p != u {
			if c := visit(p); c != nil {
				return c
			}
		}
		state[u] = 2
		out = append(out, u)
		return nil
	}
	for _, u := range rows {
		if c := visit(u); c != nil {
			return nil, c
		}
	}
	return out, nil
}

func idOf(ids map[string]int, code string) *int {
	if id, ok := ids[code]; ok && code != "" {
		return &id
	}
	return nil
}

// chunkSize keeps IN lists small enough for every dialect.
const chunkSize = 500

// chunks splits keys for IN lists.
func chunks[K any](keys []K) [][]K {
	var out [][]K
	for len(keys) > chunkSize {
		out = append(out, keys[:chunkSize])
		keys = keys[chunkSize:]
	}
	if len(keys) > 0 {
		out = append(out, keys)
	}
	return out
}

// rowError ties a write's failure to its row: a rule of the store (a hook
// or a constraint) may still refuse what the checks let through.
// The whole import is rolled back, and the error names the row.
func rowError(n int, err error) error {
	if p, ok := problem.As(err); ok {
		return problem.Wrap(err, p.Code, "Dòng %d: %s Không có dòng nào được ghi.", n, p.Message)
	}
	return fmt.Errorf("import, row %d: %w", n, err)
}
