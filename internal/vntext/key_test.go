package vntext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestKeySame(t *testing.T) {
	for _, pair := range [][2]string{
		{"Thuỷ", "Thủy"},
		{"Hoà", "Hòa"},
		{"Khoẻ", "Khỏe"},
		{"Nguyễn Thị Thuỷ", norm.NFD.String("nguyễn thị thủy")},
		{"  Nguyễn\u00a0 Văn\tAn ", "nguyễn văn an"},
		{"Ðỗ Văn Hoà", "Đỗ Văn Hòa"},
		{"ɖỗ", "Đỗ"},
		{"Ɖỗ", "ðỗ"},
		{"HOÀ BÌNH", "hòa bình"},
		{"Phường Hoà Thuận, Q.1", "phường hòa thuận, q.1"},
	} {
		if a, b := Key(pair[0]), Key(pair[1]); a != b {
			t.Errorf("Key(%q) = %q, Key(%q) = %q; want equal", pair[0], a, pair[1], b)
		}
	}
}

func TestKeyDifferent(t *testing.T) {
	keys := map[string]string{}
	for _, s := range []string{"Hồng", "Hông", "Hoàng", "Hoang", "Hòng", "Thúy", "Thùy", "Đức", "Dức"} {
		k := Key(s)
		if prev, ok := keys[k]; ok {
			t.Errorf("Key(%q) = Key(%q) = %q", s, prev, k)
		}
		keys[k] = s
	}
}

func TestKeyValue(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn  Văn\u200bAn": "nguyễn văn an",
		"Hòa":                 "hoà",
		"Thủy":                "thuỷ",
		"Smith, John":         "smith, john",
		"":                    "",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
		if !norm.NFC.IsNormalString(Key(in)) {
			t.Errorf("Key(%q) not NFC", in)
		}
	}
}

func TestDecisionKey(t *testing.T) {
	want := "152/QD-UBND"
	for _, s := range []string{"152/QĐ-UBND", "152/QÐ-UBND", "152 / QD-UBND", "152/qđ-ubnd", " 152/QĐ - UBND ", norm.NFD.String("152/Qđ-UBND")} {
		if got := DecisionKey(s); got != want {
			t.Errorf("DecisionKey(%q) = %q, want %q", s, got, want)
		}
	}
	if got := DecisionKey("Số 15/2023/NĐ-CP"); got != "SO15/2023/ND-CP" {
		t.Errorf("DecisionKey drops marks and spaces: got %q", got)
	}
	if DecisionKey("152/QĐ-UBND") == DecisionKey("153/QĐ-UBND") {
		t.Error("different numbers share a key")
	}
}

func TestCollapseSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"":                               "",
		"   ":                            "",
		"a":                              "a",
		" Nguyễn  Văn   An ":             "Nguyễn Văn An",
		"Nguyễn\u00a0Văn\tAn":            "Nguyễn Văn An",
		"Nguyễn\r\nVăn\nAn":              "Nguyễn Văn An",
		"Nguyễn\u200bVăn\u200b \u200bAn": "Nguyễn Văn An",
		"\u3000a\u2003b\ufeff":           "a b",
	} {
		if got := CollapseSpaces(in); got != want {
			t.Errorf("CollapseSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}
