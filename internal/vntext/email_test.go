package vntext

import (
	"strings"
	"testing"
)

func TestValidEmail(t *testing.T) {
	for _, s := range []string{
		"vanphong@hcm.gov.vn",
		"nguyen.van.an@tphcm.gov.vn",
		"a_b+c%d-e@sub-domain.example.com",
		"X@Y.VN",
		"ubnd.q1@gmail.com",
		"ct123@so-noi-vu.hochiminhcity.gov.vn",
	} {
		if !ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = false, want true", s)
		}
	}
	for _, s := range []string{
		"", "không có", "-", "a@b", "x@y.vn; z@w.vn", "x@y.vn,z@w.vn", "x@y.vn z@w.vn",
		"a@@b.vn", "a@b@c.vn", "@b.vn", "a@", ".a@b.vn", "a.@b.vn", "a..b@c.vn",
		"a@-b.vn", "a@b-.vn", "a@b..vn", "a@.b.vn", "a@b.vn.", "a@b.v", "a@b.v1",
		" a@b.vn", "a@b.vn ", "a b@c.vn", "nguyễn@b.vn", "a@bộ.vn", "a@b_c.vn",
		"a(b)@c.vn", strings.Repeat("a", 65) + "@b.vn", "a@" + strings.Repeat("b", 64) + ".vn",
	} {
		if ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = true, want false", s)
		}
	}
}
