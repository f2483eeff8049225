package importer

import (
	"context"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/headcount"
	"github.com/hcmc-thidua/thidua/ent/unit"
)

func importHeadcounts(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	type hc struct {
		n, year, count int
		unit           string
	}
	type key struct {
		unit string
		year int
	}
	var rows []hc
	seen := map[key]int{}
	units := map[string]bool{}
	for _, r := range t.rows {
		c := rowCheck{kind: Headcounts, t: t, r: r, problems: &res.Problems}
		h := hc{n: r.n, unit: c.code("unit", true, 64)}
		y, okY := c.integer("year", true, 2000, 2100)
		n, okN := c.integer("headcount", true, 0, 10_000_000)
		if h.unit == "" || !okY || !okN {
			continue
		}
		h.year, h.count = y, n
		if first, dup := seen[key{h.unit, y}]; dup {
			c.fail("year", "Biên chế năm %d của đơn vị %s đã có ở dòng %d.", y, h.unit, first)
			continue
		}
		seen[key{h.unit, y}] = r.n
		units[h.unit] = true
		rows = append(rows, h)
	}
	ids, err := unitIDs(ctx, client, units)
	if err != nil {
		return err
	}
	existing := map[key]*ent.Headcount{}
	for _, chunk := range chunks(keys(units)) {
		hs, err := client.Headcount.Query().Where(headcount.HasUnitWith(unit.CodeIn(chunk...))).WithUnit().All(ctx)
		if err != nil {
			return err
		}
		for _, h := range hs {
			existing[key{h.Edges.Unit.Code, h.Year}] = h
		}
	}
	for _, h := range rows {
		if _, ok := ids[h.unit]; !ok {
			res.Problems = append(res.Problems, Problem{Row: h.n, Column: header(Headcounts, "unit"),
				Message: "Không có đơn vị mã " + h.unit + " trong hệ thống; hãy nhập danh mục đơn vị trước."})
		}
	}
	if !res.OK() {
		return nil
	}
	for _, h := range rows {
		e := existing[key{h.unit, h.year}]
		changed := e != nil && e.Headcount != h.count
		res.outcome(e == nil, changed)
		if !write {
			continue
		}
		switch {
		case e == nil:
			err = client.Headcount.Create().SetUnitID(ids[h.unit]).SetYear(h.year).SetHeadcount(h.count).Exec(ctx)
		case changed:
			err = client.Headcount.UpdateOne(e).SetHeadcount(h.count).Exec(ctx)
		}
		if err != nil {
			return rowError(h.n, err)
		}
	}
	return nil
}

// unitIDs looks units up by code.
func unitIDs(ctx context.Context, client *ent.Client, codes map[string]bool) (map[string]int, error) {
	ids, _, err := unitRefs(ctx, client, codes)
	return ids, err
}

// unitRefs looks units up by code: their ids, and their paths by id (the
// audit rows of bulk creations are filed under them).
func unitRefs(ctx context.Context, client *ent.Client, codes map[string]bool) (map[string]int, map[int]string, error) {
	ids, paths := map[string]int{}, map[int]string{}
	for _, chunk := range chunks(keys(codes)) {
		us, err := client.Unit.Query().Where(unit.CodeIn(chunk...)).Select(unit.FieldID, unit.FieldCode, unit.FieldPath).All(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, u := range us {
			ids[u.Code], paths[u.ID] = u.ID, u.Path
		}
	}
	return ids, paths, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
