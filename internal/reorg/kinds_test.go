package reorg_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/reorg"
)

// TestSplit: Q1 splits into two wards; the second takes what still runs.
func TestSplit(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {
		r, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{
			Kind: reorg.Split, EffectiveOn: reformDay, Units: []string{"Q1"},
			Successors: []reorg.NewUnit{
				{Code: "P-DONG", Name: "Phường Đông", Type: domain.UnitTypeWard},
				{Code: "P-TAY", Name: "Phường Tây"}, // type defaults to the old unit's
			},
			CarryTo: "P-TAY",
		})
		if err != nil {
			t.Fatal(err)
		}
		want := reorg.Result{Closed: []string{"Q1"}, Created: []string{"P-DONG", "P-TAY"}, Moved: []string{"P-BEN-NGHE"},
			MembershipsMoved: 1, IdeasCarried: 1, NominationsCarried: 1, ChildrenMoved: 1}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("result %+v, want %+v", r, want)
		}
		if s := f.successorsOf(t, "Q1"); !slices.Equal(s, []string{"P-DONG", "P-TAY"}) {
			t.Errorf("Q1 successors %v", s)
		}
		if u := f.unit(t, "P-TAY"); u.Type != domain.UnitTypeDistrict || u.Path != "/HCM/P-TAY/" {
			t.Errorf("P-TAY %s %s", u.Type, u.Path)
		}
		if p := f.unit(t, "KP-BN-1").Path; p != "/HCM/P-TAY/P-BEN-NGHE/KP-BN-1/" {
			t.Errorf("KP-BN-1 path %s", p)
		}
		if got := f.ideaUnit(t, "YT-Q1-NHAP"); got != "P-TAY" {
			t.Errorf("open idea in %s", got)
		}
		if ms := f.membershipsOf(t, "CB-A"); len(ms) != 2 || ms[1].Unit != "P-TAY" {
			t.Errorf("CB-A memberships %+v", ms)
		}
		// Q3 is untouched.
		if u := f.unit(t, "Q3"); u.ValidTo != nil {
			t.Errorf("Q3 closed: %v", u.ValidTo)
		}
	})
}

// TestRename: a department continues under a new code and name.
func TestRename(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {
		r, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{
			Kind: reorg.Rename, EffectiveOn: day(2025, 3, 1), Units: []string{"SO-NV"},
			Successors: []reorg.NewUnit{{Code: "SO-NOI-VU", Name: "Sở Nội vụ Thành phố Hồ Chí Minh"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := reorg.Result{Closed: []string{"SO-NV"}, Created: []string{"SO-NOI-VU"}, Moved: []string{"PHONG-TDKT"},
			MembershipsMoved: 1, ChildrenMoved: 1}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("result %+v, want %+v", r, want)
		}
		u := f.unit(t, "SO-NOI-VU")
		if u.Type != domain.UnitTypeDepartment || u.Edges.Parent.Code != "HCM" || u.Level4Criteria == nil || u.Level4Criteria.MinEffectiveIdeas != 2 {
			t.Errorf("renamed unit %+v", u)
		}
		if p := f.unit(t, "PHONG-TDKT").Path; p != "/HCM/SO-NOI-VU/PHONG-TDKT/" {
			t.Errorf("section path %s", p)
		}
		if s := f.successorsOf(t, "SO-NV"); !slices.Equal(s, []string{"SO-NOI-VU"}) {
			t.Errorf("successors %v", s)
		}
		want2 := []membership{{"SO-NV", "EMULATION_OFFICER", "", "2022-01-01", "2025-03-01"}, {"SO-NOI-VU", "EMULATION_OFFICER", "", "2025-03-01", ""}}
		if got := f.membershipsOf(t, "CB-E"); !slices.Equal(got, want2) {
			t.Errorf("CB-E %+v", got)
		}
	})
}

// TestDissolve: into an existing unit, refused while something still
// runs, and with nothing left.
func TestDissolve(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {

		before := snapshot(t, f.st.DB)
		_, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: reformDay, Units: []string{"Q3"}})
		p, ok := problem.As(err)
		if !ok || p.Code != problem.Validation {
			t.Fatalf("dissolving Q3 with work left: %v", err)
		}
		for _, part := range []string{"Không thể giải thể Q3", "1 đơn vị trực thuộc đang hoạt động (P-VTS)", "1 ý tưởng chưa kết thúc",
			"1 quá trình công tác bắt đầu từ ngày 01/07/2025", "SuccessorCodes"} {
			if !strings.Contains(p.Message, part) {
				t.Errorf("message %q lacks %q", p.Message, part)
			}
		}
		sameStore(t, before, snapshot(t, f.st.DB))

		r, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: reformDay,
			Units: []string{"Q3"}, SuccessorCodes: []string{"Q1"}})
		if err != nil {
			t.Fatal(err)
		}
		want := reorg.Result{Closed: []string{"Q3"}, Moved: []string{"P-VTS"}, MembershipsMoved: 2, IdeasCarried: 1, ChildrenMoved: 1}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("result %+v, want %+v", r, want)
		}
		if s := f.successorsOf(t, "Q3"); !slices.Equal(s, []string{"Q1"}) {
			t.Errorf("Q3 successors %v", s)
		}
		if q1 := f.unit(t, "Q1"); q1.ValidTo != nil || q1.ValidFrom == nil {
			t.Errorf("the existing successor's validity changed: %v–%v", q1.ValidFrom, q1.ValidTo)
		}
		if p := f.unit(t, "P-VTS").Path; p != "/HCM/Q1/P-VTS/" {
			t.Errorf("P-VTS path %s", p)
		}
		if got := f.ideaUnit(t, "YT-Q3-THIDIEM"); got != "Q1" {
			t.Errorf("open idea in %s", got)
		}

		// SO-TC has only a running membership: it ends with the unit.
		r, err = reorg.Apply(as(board), f.st.Client, reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: reformDay, Units: []string{"SO-TC"}})
		if err != nil {
			t.Fatal(err)
		}
		if want := (reorg.Result{Closed: []string{"SO-TC"}, MembershipsClosed: 1}); !reflect.DeepEqual(r, want) {
			t.Errorf("result %+v, want %+v", r, want)
		}
		if got := f.membershipsOf(t, "CB-F"); !slices.Equal(got, []membership{{"SO-TC", "STAFF", "", "2022-01-01", "2025-07-01"}}) {
			t.Errorf("CB-F %+v", got)
		}
		if s := f.successorsOf(t, "SO-TC"); len(s) != 0 {
			t.Errorf("SO-TC successors %v", s)
		}
	})
}

// TestMove: a ward goes under the other district with its subtree;
// nothing ends and nothing else moves.
func TestMove(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {
		r, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{Kind: reorg.Move, EffectiveOn: reformDay,
			Units: []string{"P-BEN-NGHE"}, ParentCode: "Q3", Note: "điều chỉnh địa giới"})
		if err != nil {
			t.Fatal(err)
		}
		if want := (reorg.Result{Moved: []string{"P-BEN-NGHE"}}); !reflect.DeepEqual(r, want) {
			t.Errorf("result %+v, want %+v", r, want)
		}
		u := f.unit(t, "P-BEN-NGHE")
		if u.Edges.Parent.Code != "Q3" || u.Path != "/HCM/Q3/P-BEN-NGHE/" || u.ValidTo != nil || u.ValidFrom != nil {
			t.Errorf("moved unit %+v", u)
		}
		if p := f.unit(t, "KP-BN-1").Path; p != "/HCM/Q3/P-BEN-NGHE/KP-BN-1/" {
			t.Errorf("subtree path %s", p)
		}
		got := auditCounts(t, f.st.DB)
		if got["Unit UPDATE"] != 1 || got["Reorganization UPDATE"] != 1 || got["Unit CREATE"] != 0 {
			t.Errorf("audit %v", got)
		}
	})
}

// TestSplitIntoExisting: part of Q1 becomes a new ward, the rest goes to
// the existing Q3, which takes what still runs.
func TestSplitIntoExisting(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {
		r, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{
			Kind: reorg.Split, EffectiveOn: reformDay, Units: []string{"Q1"},
			Successors: ward, SuccessorCodes: []string{"Q3"}, CarryTo: "Q3",
		})
		if err != nil {
			t.Fatal(err)
		}
		want := reorg.Result{Closed: []string{"Q1"}, Created: []string{"P-MOI"}, Moved: []string{"P-BEN-NGHE"},
			MembershipsMoved: 1, IdeasCarried: 1, NominationsCarried: 1, ChildrenMoved: 1}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("result %+v, want %+v", r, want)
		}
		if s := f.successorsOf(t, "Q1"); !slices.Equal(s, []string{"P-MOI", "Q3"}) {
			t.Errorf("Q1 successors %v", s)
		}
		if p := f.unit(t, "KP-BN-1").Path; p != "/HCM/Q3/P-BEN-NGHE/KP-BN-1/" {
			t.Errorf("KP-BN-1 path %s", p)
		}
		if n := f.nomination(t, "NOM-Q1"); n.Edges.Unit.Code != "Q3" {
			t.Errorf("open nomination in %s", n.Edges.Unit.Code)
		}
	})
}
