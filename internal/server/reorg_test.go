package server_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
)

// TestTwoDistrictsMerge: two districts merge into a new ward on a date.
// The API lists both before the date and the ward from it; their staff
// carry over; the warehouse keeps each fact in the district where it
// happened and restates it on the ward, and so does the interim summary.
func TestTwoDistrictsMerge(t *testing.T) {
	srv := chtest.Shared(t)
	e := newEnv(t, "sqlite")
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	city := e.store.Client.Unit.Query().Where(unit.TypeEQ(domain.UnitTypeCity), unit.Not(unit.HasParent())).OnlyX(sys)
	since := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var districts []*ent.Unit
	for i, name := range []string{"Quận Thử Nhất", "Quận Thử Hai"} {
		d := e.store.Client.Unit.Create().SetCode(fmt.Sprintf("QT-%d", i+1)).SetName(name).SetType(domain.UnitTypeDistrict).
			SetParent(city).SetValidFrom(since).SaveX(sys)
		districts = append(districts, d)
		// Facts of 2023 and 2024 in each district: headcounts and the
		// participation of its staff.
		for y := 2023; y <= 2024; y++ {
			e.store.Client.Headcount.Create().SetUnit(d).SetYear(y).SetHeadcount(10 * (i + 1)).ExecX(sys)
		}
		for j := range 3 {
			p := e.store.Client.Person.Create().SetCode(fmt.Sprintf("CBQT%d%03d", i+1, j)).SetFullName("Người Thử " + name).
				SetGender(domain.GenderFemale).SaveX(sys)
			e.store.Client.Membership.Create().SetPerson(p).SetUnit(d).SetCategory(domain.PersonCategoryCivilServant).
				SetValidFrom(since).ExecX(sys)
			for y := 2023; y <= 2024; y++ {
				e.store.Client.Participation.Create().SetUnit(d).SetPerson(p).SetYear(y).SetKind(domain.RecipientKindIndividual).ExecX(sys)
			}
		}
	}
	board := e.token(t, "board", "HCM", access.CityAdmin)
	var merged struct {
		ReorganizeUnits struct {
			Closed           []string
			Created          []struct{ Code, Name, Type, ValidFrom string }
			MembershipsMoved int
		}
	}
	e.do(t, board, `mutation($in: ReorganizeUnitsInput!) { reorganizeUnits(input: $in) {
		closed created { code name type validFrom } membershipsMoved } }`, map[string]any{"in": map[string]any{
		"kind": "MERGE", "effectiveOn": "2025-07-01", "units": []string{"QT-1", "QT-2"},
		"successors": []map[string]any{{"code": "PX-THU-HOP", "name": "Phường Thử Hợp", "type": "WARD"}},
		"note":       "Nghị quyết thử nghiệm",
	}}).decode(t, &merged)
	r := merged.ReorganizeUnits
	if !slices.Equal(r.Closed, []string{"QT-1", "QT-2"}) || len(r.Created) != 1 || r.Created[0].ValidFrom != "2025-07-01" || r.MembershipsMoved != 6 {
		t.Fatalf("merge: %+v", r)
	}

	on := func(day string) []string {
		var a struct {
			UnitsOn struct {
				Edges []struct{ Node struct{ Code string } }
			}
		}
		e.do(t, board, `query($d: Date!) { unitsOn(date: $d, first: 50, where: {codeIn: ["QT-1", "QT-2", "PX-THU-HOP"]}, orderBy: {field: CODE}) {
			edges { node { code } } } }`, map[string]any{"d": day}).decode(t, &a)
		var codes []string
		for _, e := range a.UnitsOn.Edges {
			codes = append(codes, e.Node.Code)
		}
		return codes
	}
	if got := on("2025-06-30"); !slices.Equal(got, []string{"QT-1", "QT-2"}) {
		t.Errorf("units on 30/06/2025: %v", got)
	}
	if got := on("2025-07-01"); !slices.Equal(got, []string{"PX-THU-HOP"}) {
		t.Errorf("units on 01/07/2025: %v", got)
	}

	// The warehouse: facts where they happened, restated on the ward.
	db := srv.Database(t)
	if _, err := etl.Run(context.Background(), etl.Config{Store: e.url, Warehouse: srv.URL(db), PseudonymKey: interimKey}); err != nil {
		t.Fatal(err)
	}
	conn, err := srv.Open("default")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(context.Background(), "SELECT unit_code, rollup_code, toUInt64(count()), toUInt64(sum(headcount)) FROM `"+db+
		"`.fact_headcount WHERE unit_code IN ('QT-1', 'QT-2') GROUP BY unit_code, rollup_code ORDER BY unit_code")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var u, r string
		var n, sum uint64
		if err := rows.Scan(&u, &r, &n, &sum); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s→%s %d %d", u, r, n, sum))
	}
	rows.Close()
	if want := []string{"QT-1→PX-THU-HOP 2 20", "QT-2→PX-THU-HOP 2 40"}; !slices.Equal(got, want) {
		t.Errorf("headcounts in the warehouse: %v, want %v", got, want)
	}
	phase, _ := interim.ParsePhase("2022-2025")
	s, err := interim.Load(context.Background(), conn, db, phase, "/HCM/", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var ward *interim.UnitRow
	for i := range s.Restated {
		if s.Restated[i].Code == "PX-THU-HOP" {
			ward = &s.Restated[i]
		}
	}
	if ward == nil || ward.Units != 3 || ward.Participations != 12 || ward.Headcount != 60 {
		t.Errorf("the ward restated: %+v", ward)
	}
	for _, u := range s.Units {
		if (u.Code == "QT-1" || u.Code == "QT-2") && u.Participations != 6 {
			t.Errorf("%s as it was: %+v", u.Code, u)
		}
	}
}
