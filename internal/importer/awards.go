package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/vntext"
)

type awardRow struct {
	n                      int
	decision, issuer, note string
	date                   *time.Time
	year                   int
	level                  domain.AwardLevel
	kind                   domain.RecipientKind
	unit, person           string
}

type awardKey struct{ decision, unit, person string }

// standingKey is what one standing award may exist for: a recipient, a
// level and a year (§III.4 "khen thưởng thường xuyên hằng năm").
type standingKey struct {
	recipient string
	level     domain.AwardLevel
	year      int
}

func standingOf(a *awardRow) standingKey {
	r := "unit:" + a.unit
	if a.kind == domain.RecipientKindIndividual {
		r = "person:" + a.person
	}
	return standingKey{r, a.level, a.year}
}

// importAwards records past award decisions. A decided award is never
// edited (a correcting decision replaces it), so a row that names an
// award already recorded must say the same as the record.
func importAwards(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	var rows []*awardRow
	seen := map[awardKey]int{}
	spelled := map[string]string{} // decision key → the number as the file first wrote it
	units, people := map[string]bool{}, map[string]bool{}
	for _, r := range t.rows {
		c := rowCheck{kind: Awards, t: t, r: r, problems: &res.Problems}
		a := &awardRow{n: r.n, decision: c.text("decision", true, 64), date: c.date("date", true),
			issuer: c.text("issuer", true, 255), level: enum[domain.AwardLevel](c, "level", true),
			kind: enum[domain.RecipientKind](c, "recipient_kind", true), unit: c.code("unit", true, 64),
			person: c.code("person", false, 32), note: c.text("note", false, 2000)}
		if y, ok := c.integer("year", true, 2000, 2100); ok {
			a.year = y
		}
		switch {
		case a.kind == domain.RecipientKindIndividual && a.person == "":
			c.fail("person", "Bắt buộc khi khen cá nhân.")
		case a.kind == domain.RecipientKindCollective && a.person != "":
			c.fail("person", "Để trống khi khen tập thể (tập thể là đơn vị ở cột %s).", header(Awards, "unit"))
		}
		if a.date != nil && a.year != 0 && a.date.Year() < a.year {
			c.fail("date", "Quyết định ngày %s không thể khen thành tích năm %d.", dayText(a.date), a.year)
		}
		if today := clock.Today(ctx); a.date != nil && a.date.After(today) {
			c.fail("date", "Ngày quyết định %s chưa đến: hôm nay là %s.", dayText(a.date), dayText(&today))
		}
		if a.decision != "" {
			a.decision = sameDecision(c, spelled, a.decision)
		}
		k := awardKey{vntext.DecisionKey(a.decision), a.unit, a.person}
		if n, dup := seen[k]; dup && a.decision != "" {
			c.fail("decision", "Khen thưởng này (quyết định %s, %s) đã có ở dòng %d.", a.decision, recipient(a), n)
			continue
		}
		seen[k] = r.n
		units[a.unit] = true
		if a.person != "" {
			people[a.person] = true
		}
		rows = append(rows, a)
	}
	unitID, unitPath, err := unitRefs(ctx, client, units)
	if err != nil {
		return err
	}
	personID := map[string]int{}
	for _, chunk := range chunks(keys(people)) {
		ps, err := client.Person.Query().Where(person.CodeIn(chunk...)).Select(person.FieldID, person.FieldCode).All(ctx)
		if err != nil {
			return err
		}
		for _, p := range ps {
			personID[p.Code] = p.ID
		}
	}
	for _, a := range rows {
		c := rowCheck{kind: Awards, t: t, r: row{n: a.n}, problems: &res.Problems}
		if _, ok := unitID[a.unit]; !ok && a.unit != "" {
			c.fail("unit", "Không có đơn vị mã %s trong hệ thống; hãy nhập danh mục đơn vị trước.", a.unit)
		}
		if _, ok := personID[a.person]; !ok && a.person != "" {
			c.fail("person", "Không có cán bộ mã %s trong hệ thống; hãy nhập danh sách cán bộ trước.", a.person)
		}
	}
	if err := workedThere(ctx, client, t, rows, personID, unitID, unitPath, res); err != nil {
		return err
	}
	// The checks against the store go on whatever the rows' own problems,
	// so that one run reports everything; only the writing stops.
	existing, spelled, err := recordedDecisions(ctx, client, rows)
	if err != nil {
		return err
	}
	// A decision already recorded keeps its recorded spelling, for the
	// awards the file adds to it too: one decision, one number.
	for _, a := range rows {
		if number, ok := spelled[vntext.DecisionKey(a.decision)]; ok && number != a.decision {
			t.notices = append(t.notices, Problem{Row: a.n, Column: header(Awards, "decision"), Message: fmt.Sprintf(
				"Số quyết định “%s” được coi là quyết định “%s” đã có trong hệ thống (chỉ khác chữ hoa, chữ thường, cách gõ chữ Đ, dấu hoặc khoảng trắng) và được ghi như trong hệ thống.", a.decision, number)})
			a.decision = number
		}
	}
	// One standing award per recipient, level and year: in the file, and
	// against the store (the hook checks it again as each is written, but a
	// bulk write cannot see its own rows, and a dry run writes nothing).
	held := map[standingKey]string{}
	codeOfPerson, codeOfUnit := map[int]string{}, map[int]string{}
	for code, id := range personID {
		codeOfPerson[id] = code
	}
	for code, id := range unitID {
		codeOfUnit[id] = code
	}
	for _, chunk := range chunks(values(personID)) {
		as, err := client.Award.Query().Where(award.RecipientPersonIDIn(chunk...), award.Not(award.HasRevokedBy())).All(ctx)
		if err != nil {
			return err
		}
		for _, e := range as {
			held[standingKey{"person:" + codeOfPerson[*e.RecipientPersonID], e.Level, e.Year}] = e.DecisionNumber
		}
	}
	for _, chunk := range chunks(values(unitID)) {
		as, err := client.Award.Query().Where(award.UnitIDIn(chunk...), award.RecipientKindEQ(domain.RecipientKindCollective),
			award.Not(award.HasRevokedBy())).All(ctx)
		if err != nil {
			return err
		}
		for _, e := range as {
			held[standingKey{"unit:" + codeOfUnit[e.UnitID], e.Level, e.Year}] = e.DecisionNumber
		}
	}
	standing := map[standingKey]int{}
	for _, a := range rows {
		if existing[awardKey{vntext.DecisionKey(a.decision), a.unit, a.person}] != nil || a.level == "" || a.year == 0 || a.unit == "" {
			continue
		}
		k := standingOf(a)
		if n, dup := standing[k]; dup {
			res.Problems = append(res.Problems, Problem{Row: a.n, Column: header(Awards, "level"),
				Message: fmt.Sprintf("%s đã được %s năm %d ở dòng %d; mỗi mức chỉ khen một lần trong năm.", recipient(a), a.level.Label(), a.year, n)})
			continue
		}
		standing[k] = a.n
		if number, ok := held[k]; ok {
			res.Problems = append(res.Problems, Problem{Row: a.n, Column: header(Awards, "level"),
				Message: fmt.Sprintf("%s đã được %s năm %d theo Quyết định số %s; mỗi mức chỉ khen một lần trong năm, hãy nhập quyết định đính chính nếu cần.",
					recipient(a), a.level.Label(), a.year, number)})
		}
	}
	if !res.OK() {
		return nil
	}
	var creates []*ent.AwardCreate
	var createRows []*awardRow
	for _, a := range rows {
		e := existing[awardKey{vntext.DecisionKey(a.decision), a.unit, a.person}]
		if e != nil {
			if e.Level != a.level || e.Year != a.year || e.Issuer != a.issuer || e.RecipientKind != a.kind || !sameDay(&e.DecisionDate, a.date) {
				res.Problems = append(res.Problems, Problem{Row: a.n, Column: header(Awards, "decision"),
					Message: "Khen thưởng theo quyết định " + a.decision + " cho " + recipient(a) +
						" đã có trong hệ thống với nội dung khác; khen thưởng đã quyết định không sửa được, hãy nhập quyết định đính chính."})
			}
			continue
		}
		creates = append(creates, client.Award.Create().SetDecisionNumber(a.decision).SetDecisionDate(*a.date).SetIssuer(a.issuer).
			SetYear(a.year).SetLevel(a.level).SetRecipientKind(a.kind).SetUnitID(unitID[a.unit]).
			SetNillableRecipientPersonID(idOf(personID, a.person)).SetNote(a.note))
		createRows = append(createRows, a)
	}
	if !res.OK() {
		return nil
	}
	res.Created, res.Unchanged = len(creates), len(rows)-len(creates)
	if !write {
		return nil
	}
	bulk := audit.Suppress(ctx)
	for i := 0; i < len(creates); i += batch {
		created, err := client.Award.CreateBulk(creates[i:min(i+batch, len(creates))]...).Save(bulk)
		if err != nil {
			return rowError(createRows[i].n, err)
		}
		records := make([]audit.Created, len(created))
		for j, a := range created {
			records[j] = audit.Created{ID: a.ID, UnitPath: unitPath[a.UnitID], Fields: map[string]any{
				"created_at": a.CreatedAt, "updated_at": a.UpdatedAt, "unit_id": a.UnitID, "recipient_kind": a.RecipientKind,
				"recipient_person_id": a.RecipientPersonID, "level": a.Level, "year": a.Year, "decision_number": a.DecisionNumber,
				"decision_date": a.DecisionDate, "issuer": a.Issuer, "note": a.Note}}
		}
		if err := audit.RecordCreated(ctx, client, "Award", records); err != nil {
			return err
		}
	}
	return nil
}

// values are a map's values, for chunked IN queries.
func values(m map[string]int) []int {
	out := make([]int, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func recipient(a *awardRow) string {
	if a.person != "" {
		return "cán bộ " + a.person
	}
	return "tập thể " + a.unit
}

// sameDecision is a row's decision number as the file first wrote that
// decision: "152/QĐ-UBND", "152/QÐ-UBND" (Ð is U+00D0, the Icelandic
// eth, which looks the same) and "152/QD-UBND" are one decision, noted on
// the rows that wrote it another way.
func sameDecision(c rowCheck, spelled map[string]string, number string) string {
	k := vntext.DecisionKey(number)
	first, ok := spelled[k]
	if !ok {
		spelled[k] = number
		return number
	}
	if first != number {
		c.notice("decision", "Số quyết định “%s” được coi là “%s” ở dòng trên (chỉ khác chữ hoa, chữ thường, cách gõ chữ Đ, dấu hoặc khoảng trắng).", number, first)
	}
	return first
}

// recordedDecisions are the awards already recorded under the file's
// decisions, by decision key: looked up by the decisions' dates, since a
// look-alike number is not found by equality.
func recordedDecisions(ctx context.Context, client *ent.Client, rows []*awardRow) (map[awardKey]*ent.Award, map[string]string, error) {
	var lo, hi time.Time
	for _, a := range rows {
		if a.date == nil {
			continue
		}
		if lo.IsZero() || a.date.Before(lo) {
			lo = *a.date
		}
		if hi.IsZero() || a.date.After(hi) {
			hi = *a.date
		}
	}
	existing := map[awardKey]*ent.Award{}
	if lo.IsZero() {
		return existing, nil, nil
	}
	wanted := map[string]bool{}
	for _, a := range rows {
		wanted[vntext.DecisionKey(a.decision)] = true
	}
	// A day either side: a decision recorded through the API is an instant
	// at the start of its day in Ho Chi Minh City, an imported one at UTC's.
	as, err := client.Award.Query().Where(award.DecisionDateGTE(lo.AddDate(0, 0, -1)), award.DecisionDateLTE(hi.AddDate(0, 0, 1))).
		WithUnit().WithRecipientPerson().All(ctx)
	if err != nil {
		return nil, nil, err
	}
	// And by the numbers as written, for a recorded award whose date the
	// file gives wrongly: it must be found to be refused as different.
	numbers := map[string]bool{}
	for _, a := range rows {
		numbers[a.decision] = true
	}
	for _, chunk := range chunks(keys(numbers)) {
		more, err := client.Award.Query().Where(award.DecisionNumberIn(chunk...)).WithUnit().WithRecipientPerson().All(ctx)
		if err != nil {
			return nil, nil, err
		}
		as = append(as, more...)
	}
	spelled, firstID := map[string]string{}, map[string]int{}
	for _, e := range as {
		k := awardKey{vntext.DecisionKey(e.DecisionNumber), e.Edges.Unit.Code, ""}
		if !wanted[k.decision] {
			continue
		}
		if e.Edges.RecipientPerson != nil {
			k.person = e.Edges.RecipientPerson.Code
		}
		existing[k] = e
		// The first recorded spelling, should a store hold two already.
		if id, ok := firstID[k.decision]; !ok || e.ID < id {
			firstID[k.decision], spelled[k.decision] = e.ID, e.DecisionNumber
		}
	}
	return existing, spelled, nil
}

// workedThere refuses an individual award whose unit is not one the person
// worked in (or above one they worked in) in the year it rewards or on the
// decision's day: the column is "đơn vị của cá nhân được khen", and an
// award filed under another unit would count for that unit's figures.
func workedThere(ctx context.Context, client *ent.Client, t *table, rows []*awardRow, personID, unitID map[string]int,
	unitPath map[int]string, res *Result) error {
	var ids []int
	seen := map[int]bool{}
	for _, a := range rows {
		if id, ok := personID[a.person]; ok && a.kind == domain.RecipientKindIndividual && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	periods := map[int][]*ent.Membership{}
	for _, chunk := range chunkInts(ids) {
		ms, err := client.Membership.Query().Where(membership.PersonIDIn(chunk...)).WithUnit().All(ctx)
		if err != nil {
			return err
		}
		for _, m := range ms {
			periods[m.PersonID] = append(periods[m.PersonID], m)
		}
	}
	for _, a := range rows {
		pid, ok := personID[a.person]
		uid, uok := unitID[a.unit]
		if !ok || !uok || a.kind != domain.RecipientKindIndividual || a.year == 0 {
			continue
		}
		from := time.Date(a.year, 1, 1, 0, 0, 0, 0, time.UTC)
		to := time.Date(a.year+1, 1, 1, 0, 0, 0, 0, time.UTC)
		if a.date != nil && a.date.After(to) {
			to = a.date.AddDate(0, 0, 1)
		}
		var where []string
		found := false
		for _, m := range periods[pid] {
			path := m.Edges.Unit.Path
			where = append(where, m.Edges.Unit.Code+" từ "+civil(m.ValidFrom))
			if !strings.HasPrefix(path, unitPath[uid]) {
				continue
			}
			if m.ValidFrom.Before(to) && (m.ValidTo == nil || m.ValidTo.After(from)) {
				found = true
			}
		}
		if !found {
			had := "chưa có quá trình công tác nào trong hệ thống"
			if len(where) > 0 {
				had = "quá trình công tác đã có: " + strings.Join(where, "; ")
			}
			res.Problems = append(res.Problems, Problem{Row: a.n, Column: header(Awards, "unit"), Message: fmt.Sprintf(
				"Cán bộ %s không công tác tại đơn vị %s (hay đơn vị trực thuộc) trong năm %d (%s); hãy ghi đơn vị nơi người này công tác khi đạt thành tích, hoặc nhập quá trình công tác trước.",
				a.person, a.unit, a.year, had)})
		}
	}
	return nil
}

func chunkInts(ids []int) [][]int {
	var out [][]int
	for i := 0; i < len(ids); i += 500 {
		out = append(out, ids[i:min(i+500, len(ids))])
	}
	return out
}
