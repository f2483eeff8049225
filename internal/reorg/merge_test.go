package reorg_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent/auditevent"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/reorg"
)

// TestMerge: the two districts merge into a new ward on 1 July 2025.
func TestMerge(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {
		events, err := f.st.Client.IdeaEvent.Query().Count(as(board))
		if err != nil {
			t.Fatal(err)
		}
		r, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{
			Kind:        reorg.Merge,
			EffectiveOn: time.Date(2025, 7, 1, 8, 30, 0, 0, domain.Zone), // any time of the day
			Units:       []string{"Q1", "Q3"},
			Successors:  []reorg.NewUnit{{Code: "P-SAI-GON", Name: "Phường Sài Gòn", Type: domain.UnitTypeWard}},
			Note:        "Nghị quyết 1685/NQ-UBTVQH15",
		})
		if err != nil {
			t.Fatal(err)
		}
		want := reorg.Result{
			Closed: []string{"Q1", "Q3"}, Created: []string{"P-SAI-GON"}, Moved: []string{"P-BEN-NGHE", "P-VTS"},
			MembershipsMoved: 3, IdeasCarried: 2, NominationsCarried: 1, ChildrenMoved: 2,
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("result %+v, want %+v", r, want)
		}

		// The districts end on the date, the ward begins on it; both name it.
		for _, code := range []string{"Q1", "Q3"} {
			u := f.unit(t, code)
			if u.ValidTo == nil || !u.ValidTo.Equal(reformDay) {
				t.Errorf("%s valid_to %v, want %v", code, u.ValidTo, reformDay)
			}
			if s := f.successorsOf(t, code); !slices.Equal(s, []string{"P-SAI-GON"}) {
				t.Errorf("%s successors %v", code, s)
			}
		}
		ward := f.unit(t, "P-SAI-GON")
		if ward.ValidFrom == nil || !ward.ValidFrom.Equal(reformDay) || ward.ValidTo != nil ||
			ward.Type != domain.UnitTypeWard || ward.Edges.Parent.Code != "HCM" || ward.Path != "/HCM/P-SAI-GON/" {
			t.Errorf("ward %+v", ward)
		}

		// Open sub-units follow, with their subtrees; an ended one stays.
		for code, path := range map[string]string{
			"P-BEN-NGHE": "/HCM/P-SAI-GON/P-BEN-NGHE/",
			"KP-BN-1":    "/HCM/P-SAI-GON/P-BEN-NGHE/KP-BN-1/",
			"P-VTS":      "/HCM/P-SAI-GON/P-VTS/",
			"P-CU":       "/HCM/Q1/P-CU/",
		} {
			if got := f.unit(t, code).Path; got != path {
				t.Errorf("%s path %s, want %s", code, got, path)
			}
		}
		if u := f.unit(t, "P-VTS"); u.ValidTo == nil || !u.ValidTo.Equal(day(2030, 1, 1)) {
			t.Errorf("P-VTS lost its end: %v", u.ValidTo)
		}

		// Memberships running on the date are closed and reopened; one
		// that begins later moves whole; ended and other units' stay.
		for person, want := range map[string][]membership{
			"CB-A": {{"Q1", "HEAD", "Chủ tịch UBND Quận 1", "2023-01-01", "2025-07-01"}, {"P-SAI-GON", "HEAD", "Chủ tịch UBND Quận 1", "2025-07-01", ""}},
			"CB-B": {{"Q1", "STAFF", "", "2022-01-01", "2024-12-31"}},
			"CB-C": {{"Q3", "STAFF", "Chuyên viên", "2024-01-01", "2025-07-01"}, {"P-SAI-GON", "STAFF", "Chuyên viên", "2025-07-01", "2026-01-01"}},
			"CB-D": {{"P-SAI-GON", "STAFF", "", "2025-09-01", ""}},
			"CB-E": {{"SO-NV", "EMULATION_OFFICER", "", "2022-01-01", ""}},
		} {
			if got := f.membershipsOf(t, person); !slices.Equal(got, want) {
				t.Errorf("%s memberships\n got %+v\nwant %+v", person, got, want)
			}
		}

		// Ideas still being worked on and open nominations go to the
		// ward; evaluated and final ones stay: they are the districts'.
		for code, want := range map[string]string{
			"YT-Q1-NHAP": "P-SAI-GON", "YT-Q3-THIDIEM": "P-SAI-GON", "YT-Q1-TUCHOI": "Q1", "YT-Q1-BO": "Q1",
			"YT-Q1-HIEUQUA": "Q1",
		} {
			if got := f.ideaUnit(t, code); got != want {
				t.Errorf("idea %s in %s, want %s", code, got, want)
			}
		}
		if n := f.nomination(t, "NOM-Q1"); n.Edges.Unit.Code != "P-SAI-GON" || n.Version != 1 {
			t.Errorf("open nomination: unit %s version %d", n.Edges.Unit.Code, n.Version)
		}
		if n := f.nomination(t, "NOM-Q3"); n.Edges.Unit.Code != "Q3" || n.Version != 0 {
			t.Errorf("awarded nomination: unit %s version %d", n.Edges.Unit.Code, n.Version)
		}
		if after, _ := f.st.Client.IdeaEvent.Query().Count(as(board)); after != events {
			t.Errorf("idea events %d, want %d: moving an idea is no event of its lifecycle", after, events)
		}

		// History stays where it happened.
		for _, q := range []string{
			`SELECT count(*) FROM awards WHERE unit_id = (SELECT id FROM units WHERE code = 'Q3')`,
			`SELECT count(*) FROM participations WHERE unit_id = (SELECT id FROM units WHERE code = 'Q1')`,
			`SELECT count(*) FROM headcounts WHERE unit_id = (SELECT id FROM units WHERE code = 'Q1')`,
		} {
			var n int
			if err := f.st.DB.QueryRow(q).Scan(&n); err != nil || n != 1 {
				t.Errorf("%s: %d, %v", q, n, err)
			}
		}

		// Every write is audited under the officer's name: the ward
		// created, two districts closed, two wards moved (and their
		// subtrees' paths in a bulk update each), the memberships
		// closed in one bulk update, one moved whole, two reopened,
		// two ideas and a nomination carried, and the plan itself.
		got := auditCounts(t, f.st.DB)
		for k, n := range map[string]int{
			"Unit CREATE": 1, "Unit UPDATE": 4, "Unit UPDATE bulk": 2,
			"Membership UPDATE bulk": 1, "Membership UPDATE": 1, "Membership CREATE": 2,
			"Idea UPDATE": 2, "Nomination UPDATE": 1, "Reorganization UPDATE": 1,
		} {
			if got[k] != n {
				t.Errorf("audit %q: %d events, want %d (all: %v)", k, got[k], n, got)
			}
		}
		e, err := f.st.Client.AuditEvent.Query().Where(auditevent.EntityType(reorg.AuditEntity)).Only(as(board))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(e.Changes["plan"])
		var plan struct {
			Kind        string   `json:"kind"`
			EffectiveOn string   `json:"effective_on"`
			Note        string   `json:"note"`
			Units       []string `json:"units"`
			Successors  []string `json:"successors"`
		}
		_ = json.Unmarshal(raw, &plan)
		if e.EntityID != f.units["Q1"] || plan.Kind != "MERGE" || plan.EffectiveOn != "2025-07-01" || plan.Note != "Nghị quyết 1685/NQ-UBTVQH15" ||
			!slices.Equal(plan.Units, []string{"Q1", "Q3"}) || !slices.Equal(plan.Successors, []string{"P-SAI-GON"}) {
			t.Errorf("reorganisation event %d %s", e.EntityID, raw)
		}
	})
}
