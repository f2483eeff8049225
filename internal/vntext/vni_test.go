package vntext

import "testing"

func TestFromLegacyVNI(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyeãn Vaên An":     "Nguyễn Văn An",
		"Hoàng":               "Hồng",
		"Ñoã Thò Thuùy":       "Đỗ Thị Thúy",
		"Tröông":              "Trương",
		"Phaïm Vaên Ñöôïc":    "Phạm Văn Được",
		"Leâ Thò Hoàng Nhung": "Lê Thị Hồng Nhung",
		"NGUYEÃN VAÊN AN":     "NGUYỄN VĂN AN",
		"NGUYEãN":             "NGUYỄN", // accents accepted in either case
		"thôùi":               "thới",
		"Khuyeân":             "Khuyên",
		"Lyù Ìt Æ Ó Ò Î":      "Lý Ìt Ỉ Ĩ Ị Ỵ",
		"ìt æ ó ò î":          "ìt ỉ ĩ ị ỵ",
		"Quyù":                "Quý",
		"Ñaëng Khaéc Thaéng":  "Đặng Khắc Thắng",
		"Vuõ Thò Hueä":        "Vũ Thị Huệ",
		"CB0001":              "CB0001",
		"ÙÂ":                  "ÙÂ", // accents with no vowel before them stay
		"uâ":                  "uâ", // a circumflex u does not exist
	} {
		if got := FromLegacy(VNI, in); got != want {
			t.Errorf("FromLegacy(VNI, %q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromLegacyUnicode(t *testing.T) {
	s := "Hoa\u0300ng \u00a0x"
	if got := FromLegacy(Unicode, s); got != s {
		t.Errorf("FromLegacy(Unicode) changed %q to %q", s, got)
	}
}

func TestEncodingNames(t *testing.T) {
	for e, want := range map[Encoding]string{Unicode: "Unicode", TCVN3: "TCVN3", VNI: "VNI", 7: "Encoding(7)"} {
		if e.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(e), e.String(), want)
		}
	}
}

func TestFontEncoding(t *testing.T) {
	for _, tc := range []struct {
		font string
		enc  Encoding
		ok   bool
	}{
		{".VnTime", TCVN3, true},
		{".VnTimeH", TCVN3, true},
		{".VnArial", TCVN3, true},
		{".VnCentury Schoolbook", TCVN3, true},
		{".vntime", TCVN3, true},
		{"VNI-Times", VNI, true},
		{"VNI-Helve", VNI, true},
		{"vni-times", VNI, true},
		{"Times New Roman", Unicode, false},
		{"Arial", Unicode, false},
		{"VnTime", Unicode, false},
		{"", Unicode, false},
	} {
		enc, ok := FontEncoding(tc.font)
		if enc != tc.enc || ok != tc.ok {
			t.Errorf("FontEncoding(%q) = %v, %v; want %v, %v", tc.font, enc, ok, tc.enc, tc.ok)
		}
	}
}

// TestNamesRoundTrip checks the test encoders against the decoders before
// the column tests rely on them.
func TestNamesRoundTrip(t *testing.T) {
	for _, n := range names {
		if got := FromLegacy(VNI, toVNI(n)); got != n {
			t.Errorf("VNI %q: %q → %q", n, toVNI(n), got)
		}
		if got := FromLegacy(TCVN3, toTCVN3(n)); got != n {
			t.Errorf("TCVN3 %q: %q → %q", n, toTCVN3(n), got)
		}
	}
	if toVNI("Lê Thị Hồng Nhung") != "Leâ Thò Hoàng Nhung" || toTCVN3("Nguyễn Văn An") != "NguyÔn V¨n An" {
		t.Error("test encoders disagree with the fixed examples")
	}
}
