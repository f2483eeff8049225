// Package access says who is asking: the viewer of a request, taken from
// its token, and what each role may do. The rules that apply it to data are
// in internal/policy; this package depends on nothing but the standard library.
package access

import "fmt"

// Role is one of the six roles of the design.
type Role string

// The roles.
const (
	CityAdmin Role = "CITY_ADMIN" // the emulation board: everything, city-wide
	UnitAdmin Role = "UNIT_ADMIN" // a unit's emulation officer: the unit's subtree
	UnitHead  Role = "UNIT_HEAD"  // head of a unit: decisions within the subtree
	Member    Role = "MEMBER"     // a public servant: own ideas, reads own unit
	Leader    Role = "LEADER"     // city leadership: reads everything
	Analyst   Role = "ANALYST"    // reads everything, reports and warehouse status
)

// Roles lists every role.
var Roles = []Role{CityAdmin, UnitAdmin, UnitHead, Member, Leader, Analyst}

// ParseRole accepts a role's name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("vai trò %q không tồn tại", s)
}

// scoped reports whether a role works inside its unit's subtree.
func (r Role) scoped() bool { return r == UnitAdmin || r == UnitHead || r == Member }
