package reorg_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/migrate"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// day is a civil date as the store keeps it.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// reformDay is the day the districts were dissolved.
var reformDay = day(2025, 7, 1)

// board is the emulation board's officer, who reorganises units.
var board = &access.Viewer{Sub: "ban-tdkt-01", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM", UnitPath: "/HCM/"}

func as(v *access.Viewer) context.Context { return access.NewContext(context.Background(), v) }

// fixture is a small city: two districts with wards, a department with a
// section, and the people, ideas, nominations and history of them.
//
//	HCM (CITY)
//	├── Q1 (DISTRICT, from 2020-01-01)
//	│   ├── P-BEN-NGHE (WARD)
//	│   │   └── KP-BN-1 (OTHER)
//	│   └── P-CU (WARD, ended 2024-01-01)
//	├── Q3 (DISTRICT)
//	│   └── P-VTS (WARD, until 2030-01-01)
//	├── SO-NV (DEPARTMENT)
//	│   └── PHONG-TDKT (OTHER)
//	└── SO-TC (DEPARTMENT)
type fixture struct {
	st     *store.Store
	units  map[string]int // by code
	people map[string]int // by code
	noms   map[string]int // NOM-Q1 (draft), NOM-Q3 (awarded)
}

// open gives the test its own store of the dialect with the fixture in it.
// eachDialect runs the test on a fresh fixture of each store dialect.
func eachDialect(t *testing.T, test func(t *testing.T, f *fixture)) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { test(t, open(t, d)) })
	}
}

func open(t *testing.T, dialect string) *fixture {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.URL(t, dialect), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, units: map[string]int{}, people: map[string]int{}, noms: map[string]int{}}
	// The fixture is not what the tests audit: its rows are written
	// unaudited, as a bulk load, so audit_events holds Apply's alone.
	if err := f.build(fixtureCtx(), st.Client); err != nil {
		t.Fatal(err)
	}
	return f
}

// fixtureCtx writes the fixture: unaudited, statuses set directly.
func fixtureCtx() context.Context {
	return access.AllowStatusChange(audit.Suppress(privacy.DecisionContext(as(board), privacy.Allow)))
}

func (f *fixture) build(ctx context.Context, c *ent.Client) error {
	type u struct {
		code, name, parent string
		typ                domain.UnitType
		from, to           *time.Time
	}
	d := func(y int, m time.Month, dd int) *time.Time { t := day(y, m, dd); return &t }
	for _, x := range []u{
		{"HCM", "Thành phố Hồ Chí Minh", "", domain.UnitTypeCity, nil, nil},
		{"Q1", "Quận 1", "HCM", domain.UnitTypeDistrict, d(2020, 1, 1), nil},
		{"P-BEN-NGHE", "Phường Bến Nghé", "Q1", domain.UnitTypeWard, nil, nil},
		{"KP-BN-1", "Khu phố 1", "P-BEN-NGHE", domain.UnitTypeOther, nil, nil},
		{"P-CU", "Phường Cũ", "Q1", domain.UnitTypeWard, nil, d(2024, 1, 1)},
		{"Q3", "Quận 3", "HCM", domain.UnitTypeDistrict, nil, nil},
		{"P-VTS", "Phường Võ Thị Sáu", "Q3", domain.UnitTypeWard, nil, d(2030, 1, 1)},
		{"SO-NV", "Sở Nội vụ", "HCM", domain.UnitTypeDepartment, nil, nil},
		{"PHONG-TDKT", "Phòng Thi đua – Khen thưởng", "SO-NV", domain.UnitTypeOther, nil, nil},
		{"SO-TC", "Sở Tài chính", "HCM", domain.UnitTypeDepartment, nil, nil},
	} {
		b := c.Unit.Create().SetCode(x.code).SetName(x.name).SetType(x.typ).SetNillableValidFrom(x.from).SetNillableValidTo(x.to)
		if x.parent != "" {
			b.SetParentID(f.units[x.parent])
		}
		if x.code == "SO-NV" {
			b.SetLevel4Criteria(&domain.Level4Criteria{MinEffectiveIdeas: 2, Note: "tiêu chí riêng"})
		}
		saved, err := b.Save(ctx)
		if err != nil {
			return fmt.Errorf("unit %s: %w", x.code, err)
		}
		f.units[x.code] = saved.ID
	}
	type m struct {
		person, unit string
		role         domain.MemberRole
		title        string
		from         time.Time
		to           *time.Time
	}
	for _, x := range []m{
		{"CB-A", "Q1", domain.MemberRoleHead, "Chủ tịch UBND Quận 1", day(2023, 1, 1), nil},
		{"CB-B", "Q1", domain.MemberRoleStaff, "", day(2022, 1, 1), d(2024, 12, 31)},
		{"CB-C", "Q3", domain.MemberRoleStaff, "Chuyên viên", day(2024, 1, 1), d(2026, 1, 1)},
		{"CB-D", "Q3", domain.MemberRoleStaff, "", day(2025, 9, 1), nil},
		{"CB-E", "SO-NV", domain.MemberRoleEmulationOfficer, "", day(2022, 1, 1), nil},
		{"CB-F", "SO-TC", domain.MemberRoleStaff, "", day(2022, 1, 1), nil},
	} {
		p, err := c.Person.Create().SetCode(x.person).SetFullName("Nguyễn Văn " + x.person[3:]).SetGender(domain.GenderMale).Save(ctx)
		if err != nil {
			return err
		}
		f.people[x.person] = p.ID
		if err := c.Membership.Create().SetPersonID(p.ID).SetUnitID(f.units[x.unit]).SetCategory(domain.PersonCategoryCivilServant).
			SetRole(x.role).SetPositionTitle(x.title).SetValidFrom(x.from).SetNillableValidTo(x.to).Exec(ctx); err != nil {
			return err
		}
	}
	for _, x := range []struct {
		code, unit string
		status     domain.IdeaStatus
	}{
		{"YT-Q1-NHAP", "Q1", domain.IdeaStatusDraft},
		{"YT-Q1-TUCHOI", "Q1", domain.IdeaStatusRejected},
		{"YT-Q1-BO", "Q1", domain.IdeaStatusRatedByMinistries},
		{"YT-Q1-HIEUQUA", "Q1", domain.IdeaStatusEvaluatedEffective},
		{"YT-Q3-THIDIEM", "Q3", domain.IdeaStatusPiloting},
	} {
		if err := c.Idea.Create().SetCode(x.code).SetTitle("Ý tưởng " + x.code).SetField(domain.IdeaFieldAdministrativeReform).
			SetKind(domain.IdeaKindIdea).SetUnitID(f.units[x.unit]).SetProposedOn(day(2024, 3, 1)).SetStatus(x.status).Exec(ctx); err != nil {
			return err
		}
	}
	draft, err := c.Nomination.Create().SetUnitID(f.units["Q1"]).SetRecipientKind(domain.RecipientKindCollective).
		SetRecipientUnitID(f.units["P-BEN-NGHE"]).SetLevel(domain.AwardLevelCityChairmanCertificate).SetYear(2025).Save(ctx)
	if err != nil {
		return err
	}
	awarded, err := c.Nomination.Create().SetUnitID(f.units["Q3"]).SetRecipientKind(domain.RecipientKindIndividual).
		SetRecipientPersonID(f.people["CB-C"]).SetLevel(domain.AwardLevelCityChairmanCertificate).SetYear(2024).
		SetStatus(domain.NominationStatusAwarded).Save(ctx)
	if err != nil {
		return err
	}
	f.noms["NOM-Q1"], f.noms["NOM-Q3"] = draft.ID, awarded.ID
	if err := c.Award.Create().SetUnitID(f.units["Q3"]).SetRecipientKind(domain.RecipientKindIndividual).
		SetRecipientPersonID(f.people["CB-C"]).SetLevel(domain.AwardLevelCityChairmanCertificate).SetYear(2024).
		SetDecisionNumber("123/QĐ-UBND").SetDecisionDate(day(2024, 12, 1)).SetIssuer("UBND Thành phố").
		SetNominationID(awarded.ID).Exec(ctx); err != nil {
		return err
	}
	if err := c.Participation.Create().SetUnitID(f.units["Q1"]).SetYear(2024).SetKind(domain.RecipientKindIndividual).
		SetPersonID(f.people["CB-A"]).Exec(ctx); err != nil {
		return err
	}
	return c.Headcount.Create().SetUnitID(f.units["Q1"]).SetYear(2024).SetHeadcount(120).Exec(ctx)
}

// unit reads a unit by code, with its successors.
func (f *fixture) unit(t *testing.T, code string) *ent.Unit {
	t.Helper()
	u, err := f.st.Client.Unit.Query().Where(unit.Code(code)).WithSuccessors().WithParent().Only(as(board))
	if err != nil {
		t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

// successorsOf lists the codes of a unit's successors.
func (f *fixture) successorsOf(t *testing.T, code string) []string {
	t.Helper()
	var codes []string
	for _, s := range f.unit(t, code).Edges.Successors {
		codes = append(codes, s.Code)
	}
	slices.Sort(codes)
	return codes
}

// membership is one row of a person's memberships, as a test reads it.
type membership struct {
	Unit, Role, Title, From, To string
}

// membershipsOf lists a person's memberships, oldest first.
func (f *fixture) membershipsOf(t *testing.T, person string) []membership {
	t.Helper()
	p, err := f.st.Client.Person.Get(as(board), f.people[person])
	if err != nil {
		t.Fatal(err)
	}
	ms, err := p.QueryMemberships().WithUnit().All(as(board))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]membership, len(ms))
	for i, m := range ms {
		out[i] = membership{Unit: m.Edges.Unit.Code, Role: string(m.Role), Title: m.PositionTitle, From: m.ValidFrom.Format(time.DateOnly)}
		if m.ValidTo != nil {
			out[i].To = m.ValidTo.Format(time.DateOnly)
		}
	}
	slices.SortFunc(out, func(a, b membership) int { return strings.Compare(a.From+a.Unit, b.From+b.Unit) })
	return out
}

// ideaUnit is the code of an idea's unit.
func (f *fixture) ideaUnit(t *testing.T, code string) string {
	t.Helper()
	i, err := f.st.Client.Idea.Query().Where(idea.Code(code)).WithUnit().Only(as(board))
	if err != nil {
		t.Fatal(err)
	}
	return i.Edges.Unit.Code
}

// nomination reads a nomination with its proposing unit.
func (f *fixture) nomination(t *testing.T, name string) *ent.Nomination {
	t.Helper()
	n, err := f.st.Client.Nomination.Query().Where(nomination.ID(f.noms[name])).WithUnit().Only(as(board))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// snapshot is the whole content of every table, to prove a refused plan
// changed nothing.
func snapshot(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tbl := range migrate.Tables {
		rows, err := db.Query("SELECT * FROM " + tbl.Name)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, v := range vals {
				if x, ok := v.([]byte); ok {
					v = string(x)
				}
				fmt.Fprintf(&b, "%v\x1f", v)
			}
			out[tbl.Name] = append(out[tbl.Name], b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(out[tbl.Name])
	}
	return out
}

// sameStore fails the test when the store differs from the snapshot.
func sameStore(t *testing.T, before, after map[string][]string) {
	t.Helper()
	for tbl, rows := range before {
		if !slices.Equal(rows, after[tbl]) {
			t.Errorf("table %s changed: %d rows before, %d after", tbl, len(rows), len(after[tbl]))
		}
	}
}

// auditCounts counts the audit events by entity type and operation, and
// fails on any not attributed to the board's officer.
func auditCounts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query(`SELECT entity_type, operation, entity_id, actor_sub, actor_roles FROM audit_events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var kind, op, sub string
		var id int
		var roles sql.NullString
		if err := rows.Scan(&kind, &op, &id, &sub, &roles); err != nil {
			t.Fatal(err)
		}
		if sub != board.Sub || !strings.Contains(roles.String, "CITY_ADMIN") {
			t.Errorf("audit event %s %s #%d by %q %s, want the board's officer", kind, op, id, sub, roles.String)
		}
		bulk := ""
		if id == 0 {
			bulk = " bulk"
		}
		out[kind+" "+op+bulk]++
	}
	return out
}
