package importer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/vntext"
)

// batch is how many records one INSERT carries.
const batch = 500

// peopleBatch is batch for a staff list, whose hundreds of thousands of
// rows made the round trips cost more than the rows: under load each one
// waits for the server's turn on the CPU. Its INSERTs bind ten values a
// row, well inside both dialects' limits.
const peopleBatch = 2000

type personRow struct {
	n                        int
	code, name, email, phone string
	gender                   domain.Gender
	birth                    *int
	unit, position           string
	confirmed                bool // the row confirms a new person who looks like one recorded
	category                 domain.PersonCategory
	role                     domain.MemberRole
	from, to                 *time.Time
}

type memberKey struct {
	person, unit string
	from         string
}

func importPeople(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	var rows []*personRow
	first := map[string]*personRow{} // a person's first row: later rows must agree with it
	seen := map[memberKey]int{}
	units := map[string]bool{}
	names := newUnitNames(People, "unit")
	var all []*personRow
	for _, r := range t.rows {
		c := rowCheck{kind: People, t: t, r: r, problems: &res.Problems}
		p := &personRow{n: r.n, code: c.code("code", true, 32), name: c.name("full_name", true, 255),
			gender: enum[domain.Gender](c, "gender", true), email: c.email("email"), phone: c.phone("phone"), confirmed: c.yes("confirm"),
			category: enum[domain.PersonCategory](c, "category", true),
			role:     enum[domain.MemberRole](c, "role", false), position: c.text("position", false, 255),
			from: c.date("from", true), to: c.date("to", false)}
		names.read(c, true, &p.unit)
		if y, ok := c.integer("birth_year", false, 1930, 2015); ok {
			p.birth = &y
		}
		if p.role == "" {
			p.role = domain.MemberRoleStaff
		}
		if p.from != nil && p.to != nil && !p.to.After(*p.from) {
			c.fail("to", "Ngày thôi công tác (%s) phải sau ngày bắt đầu (%s).", dayText(p.to), dayText(p.from))
		}
		all = append(all, p)
	}
	if err := names.resolve(ctx, client, t, res); err != nil {
		return err
	}
	for _, p := range all {
		c := rowCheck{kind: People, t: t, r: row{n: p.n}, problems: &res.Problems}
		if p.code == "" || p.from == nil || p.unit == "" {
			continue
		}
		if f := first[p.code]; f == nil {
			first[p.code] = p
		} else if diff := personDiff(f, p); diff != "" {
			c.fail("code", "Thông tin cá nhân của %s khác với dòng %d: %s (mọi dòng của một người phải ghi giống nhau).", p.code, f.n, diff)
		}
		k := memberKey{p.code, p.unit, dayText(p.from)}
		if n, dup := seen[k]; dup {
			c.fail("from", "Quá trình công tác của %s tại %s từ %s đã có ở dòng %d.", p.code, p.unit, dayText(p.from), n)
			continue
		}
		seen[k] = p.n
		units[p.unit] = true
		rows = append(rows, p)
	}
	unitID, unitPath, life, err := unitLives(ctx, client, units)
	if err != nil {
		return err
	}
	for _, p := range rows {
		if _, ok := unitID[p.unit]; !ok && p.unit != "" {
			res.Problems = append(res.Problems, Problem{Row: p.n, Column: header(People, "unit"),
				Message: "Không có đơn vị mã " + p.unit + " trong hệ thống; hãy nhập danh mục đơn vị trước."})
			continue
		}
		if msg := life[p.unit].outside(p.from); msg != "" {
			res.Problems = append(res.Problems, Problem{Row: p.n, Column: header(People, "from"), Message: msg})
		}
	}
	people, err := existingPeople(ctx, client, first)
	if err != nil {
		return err
	}
	if err := likelyDuplicates(ctx, client, rows, first, people, res); err != nil {
		return err
	}
	if !res.OK() {
		return nil
	}
	members, err := existingMemberships(ctx, client, people)
	if err != nil {
		return err
	}
	return writePeople(ctx, client, rows, first, people, members, unitID, unitPath, res, write)
}

func existingPeople(ctx context.Context, client *ent.Client, first map[string]*personRow) (map[string]*ent.Person, error) {
	codes := make([]string, 0, len(first))
	for code := range first {
		codes = append(codes, code)
	}
	out := map[string]*ent.Person{}
	for chunk := range slices.Chunk(codes, peopleBatch) {
		ps, err := client.Person.Query().Where(person.CodeIn(chunk...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			out[p.Code] = p
		}
	}
	return out, nil
}

func existingMemberships(ctx context.Context, client *ent.Client, people map[string]*ent.Person) (map[memberKey]*ent.Membership, error) {
	code := map[int]string{}
	var ids []int
	for c, p := range people {
		code[p.ID] = c
		ids = append(ids, p.ID)
	}
	out := map[memberKey]*ent.Membership{}
	for pids := range slices.Chunk(ids, peopleBatch) {
		ms, err := client.Membership.Query().Where(membership.PersonIDIn(pids...)).WithUnit().All(ctx)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			out[memberKey{code[m.PersonID], m.Edges.Unit.Code, dayText(&m.ValidFrom)}] = m
		}
	}
	return out, nil
}

// writePeople creates and updates people, then their memberships, a batch
// of INSERTs at a time: a city's staff list is hundreds of thousands of rows.
func writePeople(ctx context.Context, client *ent.Client, rows []*personRow, first map[string]*personRow,
	people map[string]*ent.Person, members map[memberKey]*ent.Membership, unitID map[string]int, unitPath map[int]string,
	res *Result, write bool) error {
	personID := map[string]int{}
	for code, p := range people {
		personID[code] = p.ID
	}
	var newPeople []*personRow // in the file's order, so that ids follow it
	personChanged := map[string]bool{}
	for _, r := range rows {
		p := first[r.code]
		if p != r {
			continue
		}
		e := people[p.code]
		if e == nil {
			newPeople = append(newPeople, p)
			continue
		}
		if vntext.Key(e.FullName) == vntext.Key(p.name) && e.Gender == p.gender && strings.EqualFold(e.Email, p.email) && e.Phone == p.phone && sameInt(e.BirthYear, p.birth) {
			continue
		}
		personChanged[p.code] = true
		if write {
			upd := client.Person.UpdateOne(e).SetFullName(p.name).SetGender(p.gender).SetEmail(p.email).SetNillableBirthYear(p.birth)
			if p.birth == nil {
				upd.ClearBirthYear()
			}
			if p.phone == "" {
				upd.ClearPhone()
			} else {
				upd.SetPhone(p.phone)
			}
			if err := upd.Exec(ctx); err != nil {
				return rowError(p.n, err)
			}
		}
	}
	if write {
		for part := range slices.Chunk(newPeople, peopleBatch) {
			if err := createPeople(ctx, client, part, personID); err != nil {
				return err
			}
		}
	}
	var pending []*personRow
	for _, p := range rows {
		m := members[memberKey{p.code, p.unit, dayText(p.from)}]
		changed := m != nil && (m.Category != p.category || m.Role != p.role || m.PositionTitle != p.position || !sameDay(m.ValidTo, p.to))
		_, known := personID[p.code]
		res.outcome(m == nil || !known, changed || personChanged[p.code])
		if !write {
			continue
		}
		if m == nil {
			if pending = append(pending, p); len(pending) == peopleBatch {
				if err := createMemberships(ctx, client, pending, personID, unitID, unitPath); err != nil {
					return err
				}
				pending = pending[:0]
			}
			continue
		}
		if changed {
			upd := client.Membership.UpdateOne(m).SetCategory(p.category).SetRole(p.role).SetPositionTitle(p.position).SetNillableValidTo(p.to)
			if p.to == nil {
				upd.ClearValidTo()
			}
			if err := upd.Exec(ctx); err != nil {
				return rowError(p.n, err)
			}
		}
	}
	if len(pending) > 0 {
		return createMemberships(ctx, client, pending, personID, unitID, unitPath)
	}
	return nil
}

// createPeople inserts a batch of people with the row-by-row audit hook
// off, and audits them in a batch: the same audit rows, a fraction of the
// round trips. The builders are made a batch at a time: a staff list's
// worth of them would hold a gigabyte.
func createPeople(ctx context.Context, client *ent.Client, rows []*personRow, personID map[string]int) error {
	creates := make([]*ent.PersonCreate, len(rows))
	for i, p := range rows {
		creates[i] = client.Person.Create().SetCode(p.code).SetFullName(p.name).SetGender(p.gender).
			SetNillableBirthYear(p.birth).SetEmail(p.email)
		if p.phone != "" {
			creates[i].SetPhone(p.phone)
		}
	}
	created, err := client.Person.CreateBulk(creates...).Save(audit.Suppress(ctx))
	if err != nil {
		return rowError(rows[0].n, err)
	}
	records := make([]audit.Created, len(created))
	for j, p := range created {
		personID[p.Code] = p.ID
		records[j] = audit.Created{ID: p.ID, Fields: map[string]any{"created_at": p.CreatedAt, "updated_at": p.UpdatedAt,
			"code": p.Code, "full_name": p.FullName, "gender": p.Gender, "birth_year": p.BirthYear, "email": p.Email, "phone": p.Phone}}
	}
	return audit.RecordCreated(ctx, client, "Person", records)
}

// createMemberships inserts and audits a batch of memberships, as createPeople.
func createMemberships(ctx context.Context, client *ent.Client, rows []*personRow, personID, unitID map[string]int, unitPath map[int]string) error {
	creates := make([]*ent.MembershipCreate, len(rows))
	for i, p := range rows {
		creates[i] = client.Membership.Create().SetPersonID(personID[p.code]).SetUnitID(unitID[p.unit]).
			SetCategory(p.category).SetRole(p.role).SetPositionTitle(p.position).SetValidFrom(*p.from).SetNillableValidTo(p.to)
	}
	created, err := client.Membership.CreateBulk(creates...).Save(audit.Suppress(ctx))
	if err != nil {
		return rowError(rows[0].n, fmt.Errorf("memberships: %w", err))
	}
	records := make([]audit.Created, len(created))
	for j, m := range created {
		records[j] = audit.MembershipCreated(m, unitPath[m.UnitID])
	}
	return audit.RecordCreated(ctx, client, "Membership", records)
}

func sameInt(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
