package importer

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/vntext"
)

// personDiff names the personal fields two rows of one person disagree on,
// with both values; "" when they agree. Names agree in either tone
// placement and Unicode form.
func personDiff(a, b *personRow) string {
	var out []string
	if vntext.Key(a.name) != vntext.Key(b.name) {
		out = append(out, fmt.Sprintf("%s “%s” và “%s”", header(People, "full_name"), a.name, b.name))
	}
	if a.gender != b.gender {
		out = append(out, fmt.Sprintf("%s “%s” và “%s”", header(People, "gender"), a.gender.Label(), b.gender.Label()))
	}
	if !sameInt(a.birth, b.birth) {
		out = append(out, fmt.Sprintf("%s %s và %s", header(People, "birth_year"), intText(a.birth), intText(b.birth)))
	}
	if a.phone != b.phone {
		out = append(out, fmt.Sprintf("%s “%s” và “%s”", header(People, "phone"), a.phone, b.phone))
	}
	if !strings.EqualFold(a.email, b.email) {
		out = append(out, fmt.Sprintf("%s “%s” và “%s”", header(People, "email"), a.email, b.email))
	}
	return strings.Join(out, "; ")
}

func intText(p *int) string {
	if p == nil {
		return "(trống)"
	}
	return strconv.Itoa(*p)
}

// yes reads a confirmation cell: "Có", "x", "yes"; anything else is no.
func (c rowCheck) yes(key string) bool {
	switch search := vntext.Key(c.t.get(c.r, key)); search {
	case "có", "co", "x", "yes", "true", "1", "đồng ý":
		return true
	}
	return false
}

// likelyDuplicates refuses a new person (a code not recorded) whose name
// and birth year or e-mail match a person recorded under another code,
// unless the row or the import confirms it: next year's file where Excel
// turned "000123" into 123 would otherwise make the same person twice.
func likelyDuplicates(ctx context.Context, client *ent.Client, rows []*personRow, first map[string]*personRow, people map[string]*ent.Person, res *Result) error {
	confirmAll := optionsFrom(ctx).ConfirmNew
	years, emails := map[int]bool{}, map[string]bool{}
	var fresh []*personRow
	for _, r := range rows {
		p := first[r.code]
		if p != r || people[p.code] != nil || confirmAll || p.confirmed || p.name == "" {
			continue
		}
		fresh = append(fresh, p)
		if p.birth != nil {
			years[*p.birth] = true
		}
		if p.email != "" {
			emails[p.email] = true
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	// Two new codes for one person in the same file (the NFC and NFD
	// spellings of a name, a code typed twice differently).
	inFile := map[string]*personRow{}
	for _, p := range fresh {
		name := vntext.Key(p.name)
		var keys []string
		if p.birth != nil {
			keys = append(keys, name+"|b"+strconv.Itoa(*p.birth))
		}
		if p.email != "" {
			keys = append(keys, name+"|e"+p.email)
		}
		for _, k := range keys {
			if q := inFile[k]; q != nil && q.code != p.code {
				res.Problems = append(res.Problems, Problem{Row: p.n, Column: header(People, "code"), Message: fmt.Sprintf(
					"Có thể trùng người: dòng %d (mã %s) có cùng họ tên “%s” và năm sinh hoặc thư điện tử với dòng này (mã %s). Nếu là một người, hãy dùng một mã; nếu là hai người, ghi “Có” ở cột “%s” của dòng này (hoặc chọn xác nhận người mới khi nhập).",
					q.n, q.code, q.name, p.code, header(People, "confirm"))})
				break
			}
			if inFile[k] == nil {
				inFile[k] = p
			}
		}
	}
	type known struct {
		byBirth map[string][]*ent.Person // name key + birth year
		byEmail map[string][]*ent.Person // name key + e-mail
	}
	k := known{map[string][]*ent.Person{}, map[string][]*ent.Person{}}
	add := func(ps []*ent.Person) {
		for _, e := range ps {
			name := vntext.Key(e.FullName)
			if e.BirthYear != nil {
				k.byBirth[name+"|"+strconv.Itoa(*e.BirthYear)] = append(k.byBirth[name+"|"+strconv.Itoa(*e.BirthYear)], e)
			}
			if e.Email != "" {
				k.byEmail[name+"|"+strings.ToLower(e.Email)] = append(k.byEmail[name+"|"+strings.ToLower(e.Email)], e)
			}
		}
	}
	cols := []string{person.FieldID, person.FieldCode, person.FieldFullName, person.FieldBirthYear, person.FieldEmail}
	yearList := make([]int, 0, len(years))
	for y := range years {
		yearList = append(yearList, y)
	}
	if len(yearList) > 0 {
		ps, err := client.Person.Query().Where(person.BirthYearIn(yearList...)).Select(cols...).All(ctx)
		if err != nil {
			return err
		}
		add(ps)
	}
	for _, chunk := range chunks(keys(emails)) {
		ps, err := client.Person.Query().Where(person.EmailIn(chunk...)).Select(cols...).All(ctx)
		if err != nil {
			return err
		}
		add(ps)
	}
	for _, p := range fresh {
		name := vntext.Key(p.name)
		var match *ent.Person
		if p.birth != nil {
			if ms := k.byBirth[name+"|"+strconv.Itoa(*p.birth)]; len(ms) > 0 {
				match = ms[0]
			}
		}
		if ms := k.byEmail[name+"|"+p.email]; match == nil && p.email != "" && len(ms) > 0 {
			match = ms[0]
		}
		if match == nil || match.Code == p.code {
			continue
		}
		hint := "Nếu đúng là người này, hãy dùng mã " + match.Code + "."
		if strings.TrimLeft(match.Code, "0") == strings.TrimLeft(p.code, "0") {
			if len(p.code) < len(match.Code) {
				hint = "Mã " + p.code + " có lẽ là " + match.Code + " đã bị Excel bỏ mất số 0 ở đầu; hãy định dạng cột mã là Văn bản (Text) và ghi " + match.Code + "."
			} else {
				// The recorded code is the one that lost its zeros, and a
				// code cannot change once made: the record's code stays.
				hint = "Người này đã được ghi với mã " + match.Code + ", có lẽ từ một tệp mà Excel đã bỏ mất số 0 ở đầu của " + p.code + "; mã không đổi được sau khi tạo, nên nếu là cùng một người, hãy ghi mã " + match.Code + " như trong hệ thống."
			}
		}
		same := "năm sinh " + intText(match.BirthYear)
		if p.email != "" && strings.EqualFold(match.Email, p.email) {
			same = "thư điện tử " + match.Email
		}
		res.Problems = append(res.Problems, Problem{Row: p.n, Column: header(People, "code"), Message: fmt.Sprintf(
			"Có thể trùng người: mã %s chưa có, nhưng cán bộ mã %s “%s” đã có trong hệ thống với cùng họ tên và %s. %s Nếu là người khác, ghi “Có” ở cột “%s” của dòng này (hoặc chọn xác nhận người mới khi nhập).",
			p.code, match.Code, match.FullName, same, hint, header(People, "confirm"))})
	}
	return nil
}

// unitLife is when a unit existed: a membership cannot begin before it
// was set up or once it was dissolved.
type unitLife struct {
	code     string
	from, to *time.Time
}

func (l unitLife) outside(d *time.Time) string {
	switch {
	case d == nil || l.code == "":
		return ""
	case l.from != nil && d.Before(*l.from):
		return fmt.Sprintf("Ngày bắt đầu %s trước ngày đơn vị %s bắt đầu hoạt động (%s).", dayText(d), l.code, dayText(l.from))
	case l.to != nil && !d.Before(*l.to):
		return fmt.Sprintf("Ngày bắt đầu %s từ ngày đơn vị %s thôi hoạt động (%s) trở đi.", dayText(d), l.code, dayText(l.to))
	}
	return ""
}

// unitLives is unitRefs with each unit's lifetime, in the same query.
func unitLives(ctx context.Context, client *ent.Client, codes map[string]bool) (map[string]int, map[int]string, map[string]unitLife, error) {
	ids, paths, lives := map[string]int{}, map[int]string{}, map[string]unitLife{}
	for _, chunk := range chunks(keys(codes)) {
		us, err := client.Unit.Query().Where(unit.CodeIn(chunk...)).
			Select(unit.FieldID, unit.FieldCode, unit.FieldPath, unit.FieldValidFrom, unit.FieldValidTo).All(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, u := range us {
			ids[u.Code], paths[u.ID] = u.ID, u.Path
			l := unitLife{code: u.Code}
			if u.ValidFrom != nil {
				d := clock.Day(*u.ValidFrom)
				l.from = &d
			}
			if u.ValidTo != nil {
				d := clock.Day(*u.ValidTo)
				l.to = &d
			}
			lives[u.Code] = l
		}
	}
	return ids, paths, lives, nil
}
