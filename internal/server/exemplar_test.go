package server_test

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// TestTheRegisterOfExemplars — §II.2.2 “tuyên truyền nhân rộng những mô
// hình hay, cách làm mới của tập thể, cá nhân tiêu biểu, xuất sắc” and
// §II.2.5 “nhân rộng những mô hình mới, giải pháp thí điểm, đổi mới, sáng
// tạo có hiệu quả”: the board enters a model resting on an effective idea
// and an exemplary person; an idea not yet effective cannot back an entry;
// a person entry names its person, a model none; a unit's officer reads the
// register but cannot write it.
func TestTheRegisterOfExemplars(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unitCode = "PX-BEN-THANH"
		member := memberOf(t, e, unitCode)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		officer := e.token(t, "officer", "QGV", access.UnitAdmin)
		unit := unitID(t, e, board, unitCode)
		effective := newIdea(t, e, member, unitCode, "YT-GDH-1-"+strings.ToUpper(e.store.Dialect))
		for _, a := range []domain.IdeaAction{"SUBMIT", "START_REVIEW", "APPROVE_IMPLEMENTATION", "START_IMPLEMENTATION", "EVALUATE_EFFECTIVE"} {
			mustAct(t, e, board, a, &effective)
		}
		draft := newIdea(t, e, member, unitCode, "YT-GDH-2-"+strings.ToUpper(e.store.Dialect))
		var person struct {
			People struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.do(t, board, `query($c: String!) { people(where: {code: $c}) { edges { node { id } } } }`, map[string]any{"c": member}).decode(t, &person)
		pid := person.People.Edges[0].Node.ID

		create := `mutation($in: CreateExemplarInput!) { createExemplar(input: $in) { id kind title ideas { id } person { id } } }`
		model := map[string]any{"kind": "MODEL", "title": "Một cửa liên thông hồ sơ đất đai", "year": 2026,
			"recognizedOn": "2026-11-20", "unitID": unit, "ideaIDs": []string{effective.ID}}
		var made struct {
			CreateExemplar struct {
				ID    string
				Ideas []struct{ ID string }
			}
		}
		e.do(t, board, create, map[string]any{"in": model}).decode(t, &made)
		if len(made.CreateExemplar.Ideas) != 1 {
			t.Fatalf("the model's ideas: %+v", made.CreateExemplar)
		}
		model["ideaIDs"] = []string{draft.ID}
		if res := e.do(t, board, create, map[string]any{"in": model}); res.code() != "VALIDATION" {
			t.Errorf("a model resting on a draft: %q", res.code())
		}
		delete(model, "ideaIDs")
		model["personID"] = pid
		if res := e.do(t, board, create, map[string]any{"in": model}); res.code() != "VALIDATION" {
			t.Errorf("a model naming a person: %q", res.code())
		}
		individual := map[string]any{"kind": "INDIVIDUAL", "title": "Cán bộ dám nghĩ, dám làm", "year": 2026,
			"recognizedOn": "2026-11-20", "unitID": unit}
		if res := e.do(t, board, create, map[string]any{"in": individual}); res.code() != "VALIDATION" {
			t.Errorf("an exemplary person without the person: %q", res.code())
		}
		individual["personID"] = pid
		e.do(t, board, create, map[string]any{"in": individual}).decode(t, &struct{}{})

		// Every signed-in viewer reads the register; a unit's officer does not write it.
		var read struct{ Exemplars struct{ TotalCount int } }
		e.do(t, officer, `{ exemplars(where: {year: 2026}) { totalCount } }`, nil).decode(t, &read)
		if read.Exemplars.TotalCount < 2 {
			t.Errorf("another district's officer reads %d entries", read.Exemplars.TotalCount)
		}
		if res := e.do(t, officer, create, map[string]any{"in": individual}); res.code() != "FORBIDDEN" {
			t.Errorf("a unit's officer writing the register: %q", res.code())
		}
	})
}
