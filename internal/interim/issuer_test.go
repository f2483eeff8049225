package interim

import (
	"reflect"
	"testing"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// TestIssuer: who issues each scope's report, as Nghị định 30/2020/NĐ-CP
// (Phụ lục I, mục II.3) names bodies: a people's committee in its own
// name without a body above it; a department under the city's committee,
// signed by its director; the place is the city's, or a district's or
// ward's own name for it and the units under it.
func TestIssuer(t *testing.T) {
	city := &ent.Unit{ID: 1, Code: "HCM", Name: "Thành phố Hồ Chí Minh", Type: domain.UnitTypeCity}
	dept := &ent.Unit{ID: 2, Code: "SGTVT", Name: "Sở Giao thông vận tải", Type: domain.UnitTypeDepartment}
	district := &ent.Unit{ID: 3, Code: "Q1", Name: "Quận 1", Type: domain.UnitTypeDistrict}
	ward := &ent.Unit{ID: 5, Code: "PX-SAI-GON", Name: "Phường Sài Gòn", Type: domain.UnitTypeWard}
	school := &ent.Unit{ID: 4, Code: "Q1-TH", Name: "Trường Tiểu học Đinh Tiên Hoàng", Type: domain.UnitTypePublicServiceUnit}
	for name, c := range map[string]struct {
		chain                              []*ent.Unit
		symbol, place, authority, position string
		parent, body                       []string
	}{
		"city":       {[]*ent.Unit{city}, "BC-UBND", "Thành phố Hồ Chí Minh", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", nil, []string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"}},
		"department": {[]*ent.Unit{city, dept}, "BC-SGTVT", "Thành phố Hồ Chí Minh", "", "GIÁM ĐỐC", []string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"}, []string{"SỞ GIAO THÔNG VẬN TẢI"}},
		"district":   {[]*ent.Unit{city, district}, "BC-UBND", "Quận 1", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", nil, []string{"ỦY BAN NHÂN DÂN", "QUẬN 1"}},
		"school":     {[]*ent.Unit{city, district, school}, "BC-TTHĐTH", "Quận 1", "", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", []string{"ỦY BAN NHÂN DÂN", "QUẬN 1"}, []string{"TRƯỜNG TIỂU HỌC ĐINH TIÊN HOÀNG"}},
		"ward":       {[]*ent.Unit{city, ward}, "BC-UBND", "Sài Gòn", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", nil, []string{"ỦY BAN NHÂN DÂN", "PHƯỜNG SÀI GÒN"}},
	} {
		is := issuerOf(c.chain)
		if !reflect.DeepEqual(is.Parent, c.parent) || is.Symbol != c.symbol || is.Place != c.place || is.Authority != c.authority ||
			is.Position != c.position || !reflect.DeepEqual(is.Body, c.body) {
			t.Errorf("%s: %+v", name, is)
		}
		if short := map[string]string{"ward": "Ủy ban nhân dân phường Sài Gòn", "district": "Ủy ban nhân dân Quận 1"}[name]; short != "" && is.Short != short {
			t.Errorf("%s: named %q in the text, want %q", name, is.Short, short)
		}
		if last := is.Recipients[len(is.Recipients)-1]; last != "Lưu: VT" {
			t.Errorf("%s: recipients end with %q", name, last)
		}
	}
}
