package reorg

import (
	"regexp"
	"slices"
	"strings"
)

// codePattern is the shape of a unit code (ent/schema: codePattern, at
// most 64 characters); checked here so the message names the field.
var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]*$`)

// normalized trims the spaces a form leaves around codes and names.
func normalized(p Plan) Plan {
	trim := func(codes []string) []string {
		out := make([]string, len(codes))
		for i, c := range codes {
			out[i] = strings.TrimSpace(c)
		}
		return out
	}
	p.Units, p.SuccessorCodes = trim(p.Units), trim(p.SuccessorCodes)
	p.Successors = slices.Clone(p.Successors)
	for i := range p.Successors {
		p.Successors[i].Code = strings.TrimSpace(p.Successors[i].Code)
		p.Successors[i].Name = strings.TrimSpace(p.Successors[i].Name)
	}
	p.ParentCode, p.CarryTo, p.Note = strings.TrimSpace(p.ParentCode), strings.TrimSpace(p.CarryTo), strings.TrimSpace(p.Note)
	return p
}

// checkShape checks what a plan must say for its kind, before the store is
// read: how many units and successors, and the new successors' codes and
// names.
func checkShape(is *issues, p Plan) {
	if p.EffectiveOn.IsZero() {
		is.add("Cần ngày hiệu lực (EffectiveOn).")
	}
	nNew, nOld := len(p.Successors), len(p.SuccessorCodes)
	one := func() {
		if len(p.Units) != 1 {
			is.add("%s cần đúng 1 đơn vị (Units), có %d.", p.Kind.label(), len(p.Units))
		}
	}
	switch p.Kind {
	case Merge:
		if len(p.Units) < 2 {
			is.add("%s cần ít nhất 2 đơn vị (Units), có %d.", p.Kind.label(), len(p.Units))
		}
		if nNew+nOld != 1 {
			is.add("%s cần đúng 1 đơn vị kế thừa: một đơn vị mới (Successors) hoặc một đơn vị sẵn có (SuccessorCodes), có %d.", p.Kind.label(), nNew+nOld)
		}
	case Split:
		one()
		if nNew+nOld < 2 {
			is.add("%s cần ít nhất 2 đơn vị kế thừa (Successors, SuccessorCodes), có %d.", p.Kind.label(), nNew+nOld)
		}
	case Rename:
		one()
		if nNew != 1 || nOld != 0 {
			is.add("%s cần đúng 1 đơn vị mới với mã và tên mới (Successors) và không dùng SuccessorCodes; nhập vào đơn vị sẵn có là hợp nhất (MERGE).", p.Kind.label())
		}
	case Dissolve:
		one()
		if nNew != 0 {
			is.add("%s không tạo đơn vị mới (Successors); đơn vị tiếp nhận phải là đơn vị sẵn có (SuccessorCodes).", p.Kind.label())
		}
		if nOld > 1 {
			is.add("%s có nhiều nhất 1 đơn vị tiếp nhận (SuccessorCodes), có %d.", p.Kind.label(), nOld)
		}
	case Move:
		one()
		if nNew+nOld != 0 {
			is.add("%s không có đơn vị kế thừa (Successors, SuccessorCodes).", p.Kind.label())
		}
		if p.ParentCode == "" {
			is.add("%s cần đơn vị cấp trên mới (ParentCode).", p.Kind.label())
		}
	}
	seen := map[string]bool{}
	for _, g := range []struct {
		field string
		codes []string
	}{{"Units", p.Units}, {"SuccessorCodes", p.SuccessorCodes}, {"Successors", newCodes(p)}} {
		for _, c := range g.codes {
			if c == "" {
				is.add("Mã đơn vị không được để trống (%s).", g.field)
				continue
			}
			if seen[c] {
				is.add("Mã đơn vị %s được nêu nhiều lần trong kế hoạch.", c)
			}
			seen[c] = true
		}
	}
	for _, n := range p.Successors {
		if n.Code != "" && (len(n.Code) > 64 || !codePattern.MatchString(n.Code)) {
			is.add("Mã đơn vị mới %q không hợp lệ: chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang, tối đa 64 ký tự (Successors).", n.Code)
		}
		switch {
		case n.Name == "":
			is.add("Đơn vị mới %s cần tên (Name).", n.Code)
		case len(n.Name) > 255:
			is.add("Tên đơn vị mới %s quá dài (tối đa 255 byte).", n.Code)
		}
		if n.Type != "" && !n.Type.Valid() {
			is.add("Loại đơn vị %q của đơn vị mới %s không hợp lệ.", n.Type, n.Code)
		}
	}
}

// newCodes are the codes of the successors the plan creates.
func newCodes(p Plan) []string {
	codes := make([]string, len(p.Successors))
	for i, n := range p.Successors {
		codes[i] = n.Code
	}
	return codes
}

// successorCodes are all successors, new ones first: the order CarryTo's
// default takes the first of.
func successorCodes(p Plan) []string { return slices.Concat(newCodes(p), p.SuccessorCodes) }
