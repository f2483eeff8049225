package importer

import (
	"context"
	"fmt"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/integrityflag"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// integrityColumns: a disciplinary measure or an integrity finding, with
// the decision that imposed it and, when lifted, the one that lifted it.
var integrityColumns = []Column{
	{Key: "unit", Header: "Mã đơn vị", Aliases: []string{"unit", "unit code"}, Required: true, Help: "Tập thể bị xử lý, hoặc đơn vị công tác của cá nhân trong năm áp dụng.", Example: "PX-MINH-HOA"},
	{Key: "person", Header: "Mã cán bộ", Aliases: []string{"person", "person code"}, Help: "Để trống khi hồ sơ là của tập thể.", Example: "CB9000001"},
	{Key: "year", Header: "Năm áp dụng", Aliases: []string{"năm", "year"}, Required: true, Help: "Năm mà việc xử lý làm mất điều kiện khen thưởng.", Example: "2025"},
	{Key: "kind", Header: "Loại", Aliases: []string{"kind"}, Required: true, Help: "Kỷ luật hoặc Vi phạm liêm chính (hoặc mã DISCIPLINE, INTEGRITY).", Example: "Kỷ luật"},
	{Key: "decision_number", Header: "Số quyết định", Aliases: []string{"decision number"}, Required: true, Help: "Số, ký hiệu của quyết định xử lý hoặc kết luận.", Example: "12/QĐ-UBND"},
	{Key: "decision_date", Header: "Ngày quyết định", Aliases: []string{"decision date"}, Required: true, Help: "dd/mm/yyyy; trong hoặc sau năm áp dụng.", Example: "03/04/2025"},
	{Key: "form", Header: "Hình thức", Aliases: []string{"form"}, Help: "Hình thức kỷ luật ghi trong quyết định.", Example: "Khiển trách"},
	{Key: "note", Header: "Ghi chú", Aliases: []string{"note"}, Help: "Nội dung vi phạm (chỉ Ban Thi đua – Khen thưởng và Thủ trưởng đơn vị xem được).", Example: ""},
	{Key: "lifted_on", Header: "Ngày chấm dứt hiệu lực", Aliases: []string{"lifted on"}, Help: "Ngày quyết định xóa kỷ luật hoặc hủy kết luận có hiệu lực; để trống nếu còn hiệu lực.", Example: ""},
	{Key: "lift_decision_number", Header: "Số quyết định chấm dứt", Aliases: []string{"lift decision number"}, Help: "Bắt buộc khi có ngày chấm dứt hiệu lực.", Example: ""},
}

// importIntegrity records discipline and integrity records through the
// same rules as createIntegrityFlag (the IntegrityFlag hook: the decision,
// the person of the unit that year). A record is known by its unit, its
// person and its decision's number; a row again updates it.
func importIntegrity(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	type rec struct {
		n                                      int
		unit, person, number, form, note, lift string
		year                                   int
		kind                                   domain.FlagKind
		date, lifted                           *time.Time
	}
	type key struct{ unit, person, number string }
	var rows []rec
	seen := map[key]int{}
	units, people := map[string]bool{}, map[string]bool{}
	for _, r := range t.rows {
		c := rowCheck{kind: IntegrityRecords, t: t, r: r, problems: &res.Problems}
		x := rec{n: r.n, unit: c.code("unit", true, 64), person: c.code("person", false, 64),
			number: c.text("decision_number", true, 64), form: c.text("form", false, 128), note: c.text("note", false, 2000),
			lift: c.text("lift_decision_number", false, 64)}
		y, okY := c.integer("year", true, 2000, 2100)
		x.year, x.kind = y, enum[domain.FlagKind](c, "kind", true)
		x.date, x.lifted = c.date("decision_date", true), c.date("lifted_on", false)
		if x.unit == "" || !okY || x.kind == "" || x.number == "" || x.date == nil {
			continue
		}
		k := key{x.unit, x.person, x.number}
		if first, dup := seen[k]; dup {
			c.fail("decision_number", "Quyết định %s của %s đã có ở dòng %d.", x.number, x.unit, first)
			continue
		}
		seen[k] = r.n
		units[x.unit] = true
		if x.person != "" {
			people[x.person] = true
		}
		rows = append(rows, x)
	}
	unitIDs, err := unitIDs(ctx, client, units)
	if err != nil {
		return err
	}
	personIDs := map[string]int{}
	for _, chunk := range chunks(keys(people)) {
		ps, err := client.Person.Query().Where(person.CodeIn(chunk...)).Select(person.FieldID, person.FieldCode).All(ctx)
		if err != nil {
			return err
		}
		for _, p := range ps {
			personIDs[p.Code] = p.ID
		}
	}
	worked, err := workedIn(ctx, client, personIDs)
	if err != nil {
		return err
	}
	for _, x := range rows {
		fail := func(col, msg string) {
			res.Problems = append(res.Problems, Problem{Row: x.n, Column: header(IntegrityRecords, col), Message: msg})
		}
		// The rules of the IntegrityFlag hook, row by row, so a dry run
		// refuses what the write would, and every bad row is named at once.
		if why := domain.IntegrityDecision(x.year, x.number, x.date, x.lifted, x.lift); why != "" {
			col := "decision_date"
			if x.lifted != nil || x.lift != "" {
				col = "lifted_on"
			}
			fail(col, why)
		}
		if pid, ok := personIDs[x.person]; ok && unitIDs[x.unit] != 0 && !worked(pid, unitIDs[x.unit], x.year) {
			fail("person", fmt.Sprintf("Cán bộ %s không công tác tại đơn vị %s trong năm %d.", x.person, x.unit, x.year))
		}
		if _, ok := unitIDs[x.unit]; !ok {
			res.Problems = append(res.Problems, Problem{Row: x.n, Column: header(IntegrityRecords, "unit"),
				Message: "Không có đơn vị mã " + x.unit + " trong hệ thống."})
		}
		if _, ok := personIDs[x.person]; x.person != "" && !ok {
			res.Problems = append(res.Problems, Problem{Row: x.n, Column: header(IntegrityRecords, "person"),
				Message: "Không có cán bộ mã " + x.person + " trong hệ thống; hãy nhập danh sách cán bộ trước."})
		}
	}
	if !res.OK() {
		return nil
	}
	for _, x := range rows {
		q := client.IntegrityFlag.Query().Where(integrityflag.UnitID(unitIDs[x.unit]), integrityflag.DecisionNumber(x.number))
		if x.person == "" {
			q.Where(integrityflag.PersonIDIsNil())
		} else {
			q.Where(integrityflag.PersonID(personIDs[x.person]))
		}
		old, err := q.First(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return err
		}
		changed := old != nil && (old.Year != x.year || old.Kind != x.kind || !sameDay(old.DecisionDate, x.date) ||
			old.Form != x.form || old.Note != x.note || !sameDay(old.LiftedOn, x.lifted) || old.LiftDecisionNumber != x.lift)
		res.outcome(old == nil, changed)
		if !write {
			continue
		}
		switch {
		case old == nil:
			c := client.IntegrityFlag.Create().SetUnitID(unitIDs[x.unit]).SetYear(x.year).SetKind(x.kind).
				SetDecisionNumber(x.number).SetDecisionDate(*x.date).SetForm(x.form).SetNote(x.note).
				SetNillableLiftedOn(x.lifted).SetLiftDecisionNumber(x.lift)
			if x.person != "" {
				c.SetPersonID(personIDs[x.person])
			}
			err = c.Exec(ctx)
		case changed:
			u := client.IntegrityFlag.UpdateOne(old).SetYear(x.year).SetKind(x.kind).SetDecisionDate(*x.date).
				SetForm(x.form).SetNote(x.note).SetLiftDecisionNumber(x.lift)
			if x.lifted != nil {
				u.SetLiftedOn(*x.lifted)
			} else {
				u.ClearLiftedOn()
			}
			err = u.Exec(ctx)
		}
		if err != nil {
			return rowError(x.n, err)
		}
	}
	return nil
}

// workedIn reads the memberships of the file's people once and answers
// whether a person worked in a unit during a year (the hook's rule).
func workedIn(ctx context.Context, client *ent.Client, people map[string]int) (func(person, unit, year int) bool, error) {
	ids := make([]int, 0, len(people))
	for _, id := range people {
		ids = append(ids, id)
	}
	type span struct {
		unit     int
		from, to time.Time // to is zero while the membership lasts
	}
	spans := map[int][]span{}
	for len(ids) > 0 {
		n := min(len(ids), chunkSize)
		ms, err := client.Membership.Query().Where(membership.PersonIDIn(ids[:n]...)).
			Select(membership.FieldPersonID, membership.FieldUnitID, membership.FieldValidFrom, membership.FieldValidTo).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			s := span{unit: m.UnitID, from: m.ValidFrom}
			if m.ValidTo != nil {
				s.to = *m.ValidTo
			}
			spans[m.PersonID] = append(spans[m.PersonID], s)
		}
		ids = ids[n:]
	}
	return func(person, unit, year int) bool {
		from, to := domain.IntegrityYear(year)
		for _, s := range spans[person] {
			if s.unit == unit && s.from.Before(to) && (s.to.IsZero() || s.to.After(from)) {
				return true
			}
		}
		return false
	}, nil
}
