package search

import (
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Ứng dụng công nghệ số", "ung dung cong nghe so"},
		{"ĐẨY MẠNH   chuyển đổi\tsố", "day manh chuyen doi so"},
		{"  Thủ Đức  ", "thu duc"},
		{"Thuỷ", "thuy"},
		{"Thủy", "thuy"},
		{"hoà", "hoa"},
		{"hòa", "hoa"},
		{"Quận 1, TP.HCM", "quan 1, tp.hcm"},
		{"Nguyễn Thị Ánh Tuyết", "nguyen thi anh tuyet"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := Fold(norm.NFD.String(c.in)); got != c.want {
			t.Errorf("Fold(NFD %q) = %q, want %q", c.in, got, c.want)
		}
	}
	if Fold("Thuỷ lợi hoà bình") != Fold("Thủy lợi hòa bình") {
		t.Error("tone placements fold apart")
	}
}

func TestWords(t *testing.T) {
	got := Words(Fold("Ứng dụng (AI), số hoá: hồ sơ!"))
	want := []string{"ung", "dung", "ai", "so", "hoa", "ho", "so"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestJoin(t *testing.T) {
	if got := Join("Số hoá", "", "Cải cách hành chính"); got != "so hoa | cai cach hanh chinh" {
		t.Errorf("Join = %q", got)
	}
}
