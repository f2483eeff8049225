package reorg

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// checked is a plan found valid against the store, with what Apply needs
// of it loaded.
type checked struct {
	Plan
	on       time.Time
	old      []*ent.Unit // the units reorganised; MOVE's unit
	parent   *ent.Unit   // the new successors' parent, MOVE's new parent; nil when neither
	create   []NewUnit   // the successors to create, their types filled in
	existing []*ent.Unit // the existing successors
	carry    string      // the successor that takes over; "" when there is none
}

// check validates the plan against the store and writes nothing, so a
// refused plan leaves the store (and the caller's transaction) as it was.
func check(ctx context.Context, c *ent.Client, p Plan) (*checked, error) {
	p = normalized(p)
	if !slices.Contains(kinds, p.Kind) {
		return nil, problem.New(problem.Validation, "Loại tổ chức lại %q không hợp lệ (MERGE, SPLIT, RENAME, DISSOLVE hoặc MOVE).", p.Kind)
	}
	ck := &checked{Plan: p, on: civilDate(p.EffectiveOn)}
	var is issues
	checkShape(&is, p)
	dated := !p.EffectiveOn.IsZero()

	known := slices.Concat(p.Units, p.SuccessorCodes)
	if p.ParentCode != "" {
		known = append(known, p.ParentCode)
	}
	units, err := c.Unit.Query().Where(unit.CodeIn(known...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]*ent.Unit, len(units))
	for _, u := range units {
		byCode[u.Code] = u
	}

	for _, code := range p.Units {
		u, ok := byCode[code]
		if !ok {
			if code != "" {
				is.add("Không tìm thấy đơn vị có mã %q (Units).", code)
			}
			continue
		}
		ck.old = append(ck.old, u)
		switch {
		case u.Type == domain.UnitTypeCity:
			is.add("Không thể tổ chức lại cấp Thành phố (%s).", u.Code)
		case !dated:
		case p.Kind == Move && !existsOn(u, ck.on):
			is.add("Đơn vị %s không hoạt động vào ngày %s.", u.Code, shown(ck.on))
		case p.Kind != Move && endedBy(u, ck.on):
			is.add("Đơn vị %s đã kết thúc hoạt động từ ngày %s, không thể tổ chức lại từ ngày %s.", u.Code, shown(*u.ValidTo), shown(ck.on))
		case p.Kind != Move && u.ValidFrom != nil && !ck.on.After(*u.ValidFrom):
			is.add("Ngày hiệu lực %s phải sau ngày đơn vị %s bắt đầu hoạt động (%s).", shown(ck.on), u.Code, shown(*u.ValidFrom))
		}
	}
	for _, a := range ck.old {
		for _, b := range ck.old {
			if a.ID != b.ID && strings.HasPrefix(a.Path, b.Path) {
				is.add("Đơn vị %s nằm trong đơn vị %s cũng đang được tổ chức lại; hãy tổ chức lại từng cấp một.", a.Code, b.Code)
			}
		}
	}

	checkNewSuccessors(&is, ck)
	if err := checkCodesFree(ctx, c, &is, p); err != nil {
		return nil, err
	}
	checkExistingSuccessors(&is, ck, byCode)
	if err := checkParent(ctx, c, &is, ck, byCode); err != nil {
		return nil, err
	}
	checkCarry(&is, ck)
	if err := is.err(); err != nil {
		return nil, err
	}
	if p.Kind == Dissolve && ck.carry == "" {
		if err := checkNothingLeft(ctx, c, ck); err != nil {
			return nil, err
		}
	}
	return ck, nil
}

// containing is the reorganised unit whose subtree holds u (u itself
// included), or nil.
func containing(old []*ent.Unit, u *ent.Unit) *ent.Unit {
	for _, o := range old {
		if strings.HasPrefix(u.Path, o.Path) {
			return o
		}
	}
	return nil
}

// checkNewSuccessors fills in the new successors' types: given, or the
// type the old units share (a renamed or split unit keeps its kind).
func checkNewSuccessors(is *issues, ck *checked) {
	var shared domain.UnitType
	for i, o := range ck.old {
		if i == 0 {
			shared = o.Type
		} else if o.Type != shared {
			shared = ""
		}
	}
	for _, n := range ck.Successors {
		if n.Type == "" {
			n.Type = shared
		}
		switch {
		case n.Type == "" && len(ck.old) > 0 && len(ck.old) == len(ck.Units):
			is.add("Các đơn vị %s khác loại nhau; cần nêu loại (Type) của đơn vị mới %s.", strings.Join(ck.Units, ", "), n.Code)
		case n.Type == domain.UnitTypeCity:
			is.add("Đơn vị mới %s không thể là cấp Thành phố (CITY).", n.Code)
		}
		ck.create = append(ck.create, n)
	}
}

// checkCodesFree refuses new codes already used by any unit, current or
// ended: codes are immutable and identify a unit for good.
func checkCodesFree(ctx context.Context, c *ent.Client, is *issues, p Plan) error {
	codes := newCodes(p)
	if len(codes) == 0 {
		return nil
	}
	taken, err := c.Unit.Query().Where(unit.CodeIn(codes...)).Select(unit.FieldCode).Strings(ctx)
	if err != nil {
		return err
	}
	slices.Sort(taken)
	for _, code := range taken {
		is.add("Mã đơn vị %s đã được dùng; đơn vị mới cần mã chưa dùng (Successors).", code)
	}
	return nil
}

// checkExistingSuccessors: an existing successor must exist on the date
// and stand outside the units it succeeds, whose open sub-units it takes.
func checkExistingSuccessors(is *issues, ck *checked, byCode map[string]*ent.Unit) {
	for _, code := range ck.SuccessorCodes {
		u, ok := byCode[code]
		switch {
		case code == "":
			continue
		case !ok:
			is.add("Không tìm thấy đơn vị kế thừa có mã %q (SuccessorCodes).", code)
			continue
		case slices.Contains(ck.Units, code):
			continue // named twice: checkShape says so
		case u.Type == domain.UnitTypeCity:
			is.add("Thành phố (%s) không nhận chuyển giao từ đơn vị bị tổ chức lại; hãy chọn một cơ quan, đơn vị (SuccessorCodes).", code)
		case !ck.EffectiveOn.IsZero() && !existsOn(u, ck.on):
			is.add("Đơn vị kế thừa %s không hoạt động vào ngày %s.", code, shown(ck.on))
		}
		if o := containing(ck.old, u); o != nil {
			is.add("Đơn vị kế thừa %s nằm trong đơn vị %s đang được tổ chức lại.", code, o.Code)
		}
		ck.existing = append(ck.existing, u)
	}
}

// checkParent finds and checks the new successors' parent (by default the
// first old unit's), or MOVE's new parent.
func checkParent(ctx context.Context, c *ent.Client, is *issues, ck *checked, byCode map[string]*ent.Unit) error {
	if ck.Kind != Move && len(ck.Successors) == 0 {
		if ck.ParentCode != "" {
			is.add("Đơn vị cấp trên (ParentCode) chỉ dùng cho đơn vị mới (Successors) hoặc khi chuyển đơn vị (MOVE); đơn vị kế thừa sẵn có giữ nguyên cấp trên.")
		}
		return nil
	}
	switch {
	case ck.ParentCode != "":
		p, ok := byCode[ck.ParentCode]
		if !ok {
			is.add("Không tìm thấy đơn vị cấp trên có mã %q (ParentCode).", ck.ParentCode)
			return nil
		}
		ck.parent = p
	case ck.Kind == Move || len(ck.old) == 0:
		return nil // said already: MOVE needs ParentCode; the units are unknown
	case ck.old[0].ParentID == nil:
		is.add("Đơn vị %s không có đơn vị cấp trên; cần nêu đơn vị cấp trên của đơn vị mới (ParentCode).", ck.old[0].Code)
		return nil
	default:
		p, err := c.Unit.Get(ctx, *ck.old[0].ParentID)
		if err != nil {
			return err
		}
		ck.parent = p
	}
	p := ck.parent
	if !ck.EffectiveOn.IsZero() && !existsOn(p, ck.on) {
		is.add("Đơn vị cấp trên %s không hoạt động vào ngày %s; hãy chọn đơn vị cấp trên khác (ParentCode).", p.Code, shown(ck.on))
	}
	o := containing(ck.old, p)
	switch {
	case ck.Kind == Move && o != nil:
		is.add("Không thể chuyển đơn vị %s vào chính nó hoặc đơn vị cấp dưới của nó (%s).", o.Code, p.Code)
	case ck.Kind == Move && len(ck.old) == 1 && ck.old[0].ParentID != nil && *ck.old[0].ParentID == p.ID:
		is.add("Đơn vị %s đã trực thuộc %s.", ck.old[0].Code, p.Code)
	case o != nil:
		is.add("Đơn vị cấp trên %s nằm trong đơn vị %s đang được tổ chức lại; hãy chọn đơn vị cấp trên khác (ParentCode).", p.Code, o.Code)
	}
	return nil
}

// checkCarry settles which successor takes over: CarryTo when it names a
// successor, the first successor otherwise.
func checkCarry(is *issues, ck *checked) {
	all := successorCodes(ck.Plan)
	switch {
	case len(all) == 0:
		if ck.CarryTo != "" {
			is.add("Đơn vị nhận chuyển giao (CarryTo) chỉ dùng khi có đơn vị kế thừa.")
		}
	case ck.CarryTo == "":
		ck.carry = all[0]
	case !slices.Contains(all, ck.CarryTo):
		is.add("Đơn vị nhận chuyển giao %q (CarryTo) phải là một trong các đơn vị kế thừa: %s.", ck.CarryTo, strings.Join(all, ", "))
	default:
		ck.carry = ck.CarryTo
	}
}
