package importer

import (
	"context"

	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/reorg"
)

func init() {
	Columns[Reorgs] = []Column{
		{Key: "kind", Header: "Hình thức", Aliases: []string{"kind"}, Required: true, Help: "Hợp nhất (sáp nhập), Chia tách, Đổi tên, Giải thể hoặc Chuyển đơn vị (hoặc MERGE, SPLIT, RENAME, DISSOLVE, MOVE).", Example: "Hợp nhất"},
		{Key: "date", Header: "Ngày hiệu lực", Aliases: []string{"effective on"}, Required: true, Help: "Đơn vị cũ thôi hoạt động từ ngày này, đơn vị mới bắt đầu từ ngày này.", Example: "01/07/2025"},
		{Key: "units", Header: "Mã đơn vị được sắp xếp", Aliases: []string{"mã đơn vị", "units"}, Required: true, Help: "Mã các đơn vị cũ, cách nhau bởi dấu chấm phẩy; hợp nhất từ hai đơn vị trở lên, các hình thức khác một đơn vị.", Example: "Q-THU-A; Q-THU-B"},
		{Key: "new_codes", Header: "Mã đơn vị mới", Aliases: []string{"new codes"}, Help: "Mã các đơn vị mới lập, cách nhau bởi dấu chấm phẩy (hợp nhất, đổi tên: một; chia tách: nhiều).", Example: "PX-THU-HOP"},
		{Key: "new_names", Header: "Tên đơn vị mới", Aliases: []string{"new names"}, Help: "Tên các đơn vị mới, theo đúng thứ tự mã, cách nhau bởi dấu chấm phẩy.", Example: "Phường Thử Hợp"},
		{Key: "new_type", Header: "Loại đơn vị mới", Aliases: []string{"new type"}, Help: "Loại của các đơn vị mới; để trống nếu cùng loại với đơn vị cũ.", Example: "Phường"},
		{Key: "successors", Header: "Mã đơn vị kế thừa có sẵn", Aliases: []string{"successor codes"}, Help: "Đơn vị đã có nhận lại nhiệm vụ (hợp nhất vào đơn vị có sẵn, giải thể có đơn vị tiếp nhận), cách nhau bởi dấu chấm phẩy.", Example: ""},
		{Key: "parent", Header: "Mã đơn vị cấp trên", Aliases: []string{"parent", "parent code"}, Help: "Cấp trên của đơn vị mới (mặc định: cấp trên của đơn vị cũ đầu tiên); với Chuyển đơn vị là cấp trên mới.", Example: "HCM"},
		{Key: "carry_to", Header: "Đơn vị tiếp nhận", Aliases: []string{"carry to"}, Help: "Khi chia tách: đơn vị nhận cán bộ, ý tưởng và hồ sơ đang xử lý (mặc định: đơn vị mới đầu tiên).", Example: ""},
		{Key: "note", Header: "Căn cứ", Aliases: []string{"ghi chú", "note"}, Help: "Văn bản quyết định việc sắp xếp.", Example: "Nghị quyết số 1/NQ-UBTVQH15"},
	}
}

var reorgKinds = map[string]reorg.Kind{
	"hợp nhất": reorg.Merge, "sáp nhập": reorg.Merge, "merge": reorg.Merge,
	"chia tách": reorg.Split, "chia": reorg.Split, "split": reorg.Split,
	"đổi tên": reorg.Rename, "rename": reorg.Rename,
	"giải thể": reorg.Dissolve, "dissolve": reorg.Dissolve,
	"chuyển đơn vị": reorg.Move, "điều chuyển": reorg.Move, "move": reorg.Move,
}

// importReorgs carries out a file of reorganisations, one plan a row in
// the file's order (a later row may build on an earlier one's units). A
// row whose plan is already recorded — its units ended on its date, with
// its successors — is left as it is, so a file imports once.
func importReorgs(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error {
	type planRow struct {
		n int
		p reorg.Plan
	}
	var plans []planRow
	for _, r := range t.rows {
		c := rowCheck{kind: Reorgs, t: t, r: r, problems: &res.Problems}
		kind, ok := reorgKinds[strings.ToLower(c.text("kind", true, 40))]
		if !ok && c.t.get(r, "kind") != "" {
			c.fail("kind", "Hình thức %q không có; chọn Hợp nhất, Chia tách, Đổi tên, Giải thể hoặc Chuyển đơn vị.", c.t.get(r, "kind"))
		}
		p := reorg.Plan{Kind: kind, Units: codeList(c, "units", 64), SuccessorCodes: codeList(c, "successors", 64),
			ParentCode: c.code("parent", false, 64), CarryTo: c.code("carry_to", false, 64), Note: c.text("note", false, 2000)}
		if d := c.date("date", true); d != nil {
			p.EffectiveOn = *d
		}
		if len(p.Units) == 0 && c.t.get(r, "units") == "" {
			c.fail("units", "Bắt buộc, không được để trống.")
		}
		codes, names := codeList(c, "new_codes", 64), strings.Split(c.text("new_names", false, 4000), ";")
		typ := enum[domain.UnitType](c, "new_type", false)
		if len(codes) > 0 && len(names) != len(codes) {
			c.fail("new_names", "Có %d mã đơn vị mới nhưng %d tên; ghi tên theo đúng thứ tự mã.", len(codes), len(names))
		}
		for i, code := range codes {
			if i < len(names) {
				p.Successors = append(p.Successors, reorg.NewUnit{Code: code, Name: strings.TrimSpace(names[i]), Type: typ})
			}
		}
		plans = append(plans, planRow{r.n, p})
	}
	if !res.OK() {
		return nil
	}
	for _, pr := range plans {
		done, err := recorded(ctx, client, pr.p)
		if err != nil {
			return err
		}
		res.outcome(!done, false)
		if done {
			continue
		}
		// Checked by carrying it out: a later row may rest on this one,
		// and the caller undoes everything when any row has a problem.
		if _, err := reorg.Apply(ctx, client, pr.p); err != nil {
			p, ok := problem.As(err)
			if !ok || p.Code == problem.Internal {
				return rowError(pr.n, err)
			}
			res.Problems = append(res.Problems, Problem{Row: pr.n, Column: header(Reorgs, "units"), Message: p.Message})
		}
	}
	return nil
}

// recorded reports whether a plan is already in the store: every old unit
// ended on its date (for MOVE: under its new parent already), with its
// new and existing successors linked.
func recorded(ctx context.Context, client *ent.Client, p reorg.Plan) (bool, error) {
	olds, err := client.Unit.Query().Where(unit.CodeIn(p.Units...)).WithSuccessors().WithParent().All(ctx)
	if err != nil || len(olds) != len(p.Units) || len(p.Units) == 0 {
		return false, err
	}
	day := p.EffectiveOn.Format(time.DateOnly)
	for _, u := range olds {
		if p.Kind == reorg.Move {
			if u.Edges.Parent == nil || u.Edges.Parent.Code != p.ParentCode {
				return false, nil
			}
			continue
		}
		if u.ValidTo == nil || u.ValidTo.Format(time.DateOnly) != day {
			return false, nil
		}
		var succ []string
		for _, s := range u.Edges.Successors {
			succ = append(succ, s.Code)
		}
		for _, n := range p.Successors {
			if !slices.Contains(succ, n.Code) {
				return false, nil
			}
		}
		for _, code := range p.SuccessorCodes {
			if !slices.Contains(succ, code) {
				return false, nil
			}
		}
	}
	return true, nil
}
