package reorg_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/hook"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/reorg"
)

// ward is a valid new successor.
var ward = []reorg.NewUnit{{Code: "P-MOI", Name: "Phường Mới", Type: domain.UnitTypeWard}}

// TestRefused: every invalid plan is refused with a Vietnamese message
// naming what is wrong, and leaves the store exactly as it was.
func TestRefused(t *testing.T) {
	t.Parallel()
	on := reformDay
	cases := []struct {
		name string
		plan reorg.Plan
		want []string // parts of the message
	}{
		{"UnknownKind", reorg.Plan{Kind: "FUSE", EffectiveOn: on, Units: []string{"Q1"}}, []string{`"FUSE"`, "MERGE"}},
		{"NoUnits", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Successors: ward}, []string{"ít nhất 2 đơn vị (Units), có 0"}},
		{"NoDate", reorg.Plan{Kind: reorg.Merge, Units: []string{"Q1", "Q3"}, Successors: ward}, []string{"EffectiveOn"}},
		{"MergeOneUnit", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q1"}, Successors: ward}, []string{"ít nhất 2 đơn vị (Units), có 1"}},
		{"MergeTwoSuccessors", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q1", "Q3"}, Successors: ward, SuccessorCodes: []string{"SO-TC"}}, []string{"đúng 1 đơn vị kế thừa", "có 2"}},
		{"SplitOneSuccessor", reorg.Plan{Kind: reorg.Split, EffectiveOn: on, Units: []string{"Q1"}, Successors: ward}, []string{"ít nhất 2 đơn vị kế thừa"}},
		{"SplitTwoUnits", reorg.Plan{Kind: reorg.Split, EffectiveOn: on, Units: []string{"Q1", "Q3"}, Successors: append(ward, reorg.NewUnit{Code: "P-MOI-2", Name: "Phường Mới 2"})}, []string{"Chia tách (SPLIT) cần đúng 1 đơn vị (Units), có 2"}},
		{"RenameIntoExisting", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"SO-NV"}, SuccessorCodes: []string{"SO-TC"}}, []string{"Đổi tên (RENAME)", "MERGE"}},
		{"DissolveIntoNew", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"Q1"}, Successors: ward}, []string{"Giải thể (DISSOLVE) không tạo đơn vị mới"}},
		{"MoveWithoutParent", reorg.Plan{Kind: reorg.Move, EffectiveOn: on, Units: []string{"P-BEN-NGHE"}}, []string{"ParentCode"}},
		{"MoveWithSuccessor", reorg.Plan{Kind: reorg.Move, EffectiveOn: on, Units: []string{"P-BEN-NGHE"}, ParentCode: "Q3", Successors: ward}, []string{"không có đơn vị kế thừa"}},
		{"UnknownUnit", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q1", "Q99"}, Successors: ward}, []string{`"Q99"`, "Units"}},
		{"EndedBefore", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"P-CU", "P-BEN-NGHE"}, Successors: ward}, []string{"P-CU đã kết thúc hoạt động từ ngày 01/01/2024"}},
		{"EndedOnTheDate", reorg.Plan{Kind: reorg.Rename, EffectiveOn: day(2024, 1, 1), Units: []string{"P-CU"}, Successors: ward}, []string{"P-CU đã kết thúc"}},
		{"BeforeStart", reorg.Plan{Kind: reorg.Rename, EffectiveOn: day(2019, 6, 1), Units: []string{"Q1"}, Successors: ward}, []string{"phải sau ngày đơn vị Q1 bắt đầu hoạt động (01/01/2020)"}},
		{"OnStart", reorg.Plan{Kind: reorg.Rename, EffectiveOn: day(2020, 1, 1), Units: []string{"Q1"}, Successors: ward}, []string{"Q1 bắt đầu hoạt động"}},
		{"City", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"HCM"}, Successors: ward}, []string{"Thành phố (HCM)"}},
		{"CodeTaken", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q1", "Q3"}, Successors: []reorg.NewUnit{{Code: "P-CU", Name: "Phường", Type: domain.UnitTypeWard}}}, []string{"Mã đơn vị P-CU đã được dùng"}},
		{"CodeOfOldUnit", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"SO-NV"}, Successors: []reorg.NewUnit{{Code: "SO-NV", Name: "Sở"}}}, []string{"SO-NV được nêu nhiều lần"}},
		{"CodeMalformed", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"SO-NV"}, Successors: []reorg.NewUnit{{Code: "so-nv-moi", Name: "Sở"}}}, []string{`"so-nv-moi" không hợp lệ`}},
		{"NameMissing", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"SO-NV"}, Successors: []reorg.NewUnit{{Code: "SO-MOI", Name: "  "}}}, []string{"SO-MOI cần tên (Name)"}},
		{"TypeBad", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"SO-NV"}, Successors: []reorg.NewUnit{{Code: "SO-MOI", Name: "Sở", Type: "MINISTRY"}}}, []string{`"MINISTRY"`}},
		{"TypesDiffer", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q3", "SO-TC"}, Successors: []reorg.NewUnit{{Code: "DV-MOI", Name: "Đơn vị"}}}, []string{"khác loại nhau", "Type", "DV-MOI"}},
		{"NewCity", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"SO-NV"}, Successors: []reorg.NewUnit{{Code: "TP-MOI", Name: "Thành phố", Type: domain.UnitTypeCity}}}, []string{"TP-MOI không thể là cấp Thành phố"}},
		{"Nested", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q1", "P-BEN-NGHE"}, Successors: ward}, []string{"P-BEN-NGHE nằm trong đơn vị Q1"}},
		{"NestedInnerFirst", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"KP-BN-1", "Q1"}, Successors: ward}, []string{"KP-BN-1 nằm trong đơn vị Q1"}},
		{"Duplicate", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q1", "Q1"}, Successors: ward}, []string{"Q1 được nêu nhiều lần"}},
		{"CarryToStranger", reorg.Plan{Kind: reorg.Split, EffectiveOn: on, Units: []string{"Q1"}, Successors: append(ward, reorg.NewUnit{Code: "P-MOI-2", Name: "Phường Mới 2"}), CarryTo: "Q3"}, []string{`"Q3" (CarryTo)`, "P-MOI, P-MOI-2"}},
		{"CarryToWithoutSuccessor", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"SO-TC"}, CarryTo: "SO-NV"}, []string{"CarryTo"}},
		{"ParentUnknown", reorg.Plan{Kind: reorg.Merge, EffectiveOn: on, Units: []string{"Q1", "Q3"}, Successors: ward, ParentCode: "XX"}, []string{`"XX" (ParentCode)`}},
		{"ParentEnded", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"P-BEN-NGHE"}, Successors: ward, ParentCode: "P-CU"}, []string{"cấp trên P-CU không hoạt động vào ngày 01/07/2025"}},
		{"ParentInside", reorg.Plan{Kind: reorg.Rename, EffectiveOn: on, Units: []string{"Q1"}, Successors: ward, ParentCode: "P-BEN-NGHE"}, []string{"cấp trên P-BEN-NGHE nằm trong đơn vị Q1"}},
		{"ParentForExisting", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"Q3"}, SuccessorCodes: []string{"Q1"}, ParentCode: "HCM"}, []string{"ParentCode"}},
		{"SuccessorUnknown", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"Q3"}, SuccessorCodes: []string{"Q9"}}, []string{`"Q9" (SuccessorCodes)`}},
		{"SuccessorInside", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"Q1"}, SuccessorCodes: []string{"P-BEN-NGHE"}}, []string{"kế thừa P-BEN-NGHE nằm trong đơn vị Q1"}},
		{"SuccessorEnded", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"Q3"}, SuccessorCodes: []string{"P-CU"}}, []string{"kế thừa P-CU không hoạt động"}},
		{"SuccessorCity", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"Q3"}, SuccessorCodes: []string{"HCM"}}, []string{"Thành phố (HCM) không nhận chuyển giao"}},
		{"MoveUnderItself", reorg.Plan{Kind: reorg.Move, EffectiveOn: on, Units: []string{"Q1"}, ParentCode: "KP-BN-1"}, []string{"Không thể chuyển đơn vị Q1 vào chính nó hoặc đơn vị cấp dưới của nó (KP-BN-1)"}},
		{"MoveToSameParent", reorg.Plan{Kind: reorg.Move, EffectiveOn: on, Units: []string{"P-BEN-NGHE"}, ParentCode: "Q1"}, []string{"P-BEN-NGHE đã trực thuộc Q1"}},
		{"MoveEnded", reorg.Plan{Kind: reorg.Move, EffectiveOn: on, Units: []string{"P-CU"}, ParentCode: "Q3"}, []string{"P-CU không hoạt động vào ngày 01/07/2025"}},
		{"MoveCity", reorg.Plan{Kind: reorg.Move, EffectiveOn: on, Units: []string{"HCM"}, ParentCode: "Q3"}, []string{"Thành phố (HCM)"}},
		{"DissolveWithWorkLeft", reorg.Plan{Kind: reorg.Dissolve, EffectiveOn: on, Units: []string{"Q1"}}, []string{"Không thể giải thể Q1", "1 đơn vị trực thuộc đang hoạt động (P-BEN-NGHE)", "1 ý tưởng chưa kết thúc", "1 hồ sơ đề nghị khen thưởng chưa kết thúc"}},
	}
	eachDialect(t, func(t *testing.T, f *fixture) {
		before := snapshot(t, f.st.DB)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := reorg.Apply(as(board), f.st.Client, c.plan)
				p, ok := problem.As(err)
				if !ok || p.Code != problem.Validation {
					t.Fatalf("got %v, want VALIDATION", err)
				}
				for _, part := range c.want {
					if !strings.Contains(p.Message, part) {
						t.Errorf("message %q lacks %q", p.Message, part)
					}
				}
				sameStore(t, before, snapshot(t, f.st.DB))
			})
		}
	})
}

// TestOnlyTheBoard: nobody but CITY_ADMIN reorganises units.
func TestOnlyTheBoard(t *testing.T) {
	t.Parallel()
	f := open(t, "sqlite")
	before := snapshot(t, f.st.DB)
	plan := reorg.Plan{Kind: reorg.Rename, EffectiveOn: reformDay, Units: []string{"P-BEN-NGHE"}, Successors: ward}
	for _, v := range []*access.Viewer{
		{Sub: "cb-q1", Roles: []access.Role{access.UnitAdmin, access.UnitHead}, UnitCode: "Q1", UnitPath: "/HCM/Q1/"},
		{Sub: "lanh-dao", Roles: []access.Role{access.Leader, access.Analyst}},
		nil,
	} {
		_, err := reorg.Apply(access.NewContext(context.Background(), v), f.st.Client, plan)
		want := problem.Forbidden
		if v == nil {
			want = problem.Unauthenticated
		}
		if p, ok := problem.As(err); !ok || p.Code != want || p.Message == "" {
			t.Errorf("viewer %+v: %v, want %s", v, err, want)
		}
	}
	sameStore(t, before, snapshot(t, f.st.DB))
}

// TestCallerTransaction: inside a GraphQL mutation Apply joins the
// transaction the caller opened, however the caller hands it over, and
// the caller's rollback undoes it all. On SQLite's single connection a
// second transaction would never start: this would hang.
func TestCallerTransaction(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {
		before := snapshot(t, f.st.DB)
		plan := reorg.Plan{Kind: reorg.Merge, EffectiveOn: reformDay, Units: []string{"Q1", "Q3"}, Successors: ward}
		for _, how := range []string{"context", "client"} {
			ctx, cancel := context.WithTimeout(as(board), 20*time.Second)
			tx, err := f.st.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			client := f.st.Client
			if how == "context" { // as entgql.Transactioner does
				ctx = ent.NewContext(ent.NewTxContext(ctx, tx), tx.Client())
			} else {
				client = tx.Client()
			}
			if _, err := reorg.Apply(ctx, client, plan); err != nil {
				t.Fatalf("%s: %v", how, err)
			}
			if n, err := tx.Unit.Query().Count(ctx); err != nil || n != 11 {
				t.Errorf("%s: %d units in the transaction, %v", how, n, err)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			cancel()
			sameStore(t, before, snapshot(t, f.st.DB))
		}
	})
}

// TestAllOrNothing: a failure after the first writes leaves nothing behind.
func TestAllOrNothing(t *testing.T) {
	t.Parallel()
	f := open(t, "sqlite")
	before := snapshot(t, f.st.DB)
	boom := errors.New("disk full")
	// The reopened memberships are written after the successor, the
	// closed districts and the moved wards.
	f.st.Client.Membership.Use(hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) { return nil, boom })
	}, ent.OpCreate))
	_, err := reorg.Apply(as(board), f.st.Client, reorg.Plan{Kind: reorg.Merge, EffectiveOn: reformDay, Units: []string{"Q1", "Q3"}, Successors: ward})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the failure", err)
	}
	sameStore(t, before, snapshot(t, f.st.DB))
}
