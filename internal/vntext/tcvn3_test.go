package vntext

import (
	"bytes"
	"os/exec"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFromLegacyTCVN3(t *testing.T) {
	for in, want := range map[string]string{
		"NguyÔn V¨n An":                         "Nguyễn Văn An",
		"TrÇn ThÞ B×nh":                         "Trần Thị Bình",
		"§ç ThÞ Thóy":                           "Đỗ Thị Thúy",
		"Tr\u00ad\u00acng Qu\u00e8c Kh\u00b8nh": "Trương Quốc Khánh", // ư is 0xAD, a soft hyphen in Latin-1
		"CB0001":                                "CB0001",
	} {
		if got := FromLegacy(TCVN3, in); got != want {
			t.Errorf("FromLegacy(TCVN3, %q) = %q, want %q", in, got, want)
		}
	}
}

// TestTCVN3TableMatchesIconv holds the generated table to glibc, byte by
// byte: a base letter before a tone byte would let iconv compose, so each
// byte is converted alone.
func TestTCVN3TableMatchesIconv(t *testing.T) {
	iconv, err := exec.LookPath("iconv")
	if err != nil {
		t.Skip("iconv not installed")
	}
	for b := 0xA1; b <= 0xFF; b++ {
		cmd := exec.Command(iconv, "-f", "TCVN5712-1", "-t", "UTF-8")
		cmd.Stdin = bytes.NewReader([]byte{byte(b)})
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("iconv %#x: %v", b, err)
		}
		want := norm.NFC.String(string(out))
		if got := FromLegacy(TCVN3, string(rune(b))); got != want {
			t.Errorf("byte %#x: FromLegacy = %q, iconv = %q", b, got, want)
		}
	}
}

func TestTCVN3KeepsOtherRunes(t *testing.T) {
	for _, r := range []rune{'a', 0x80, 0xA0, 'Ă', 'ễ', '€'} {
		if got := FromLegacy(TCVN3, string(r)); got != string(r) {
			t.Errorf("FromLegacy(TCVN3, %q) = %q, want it kept", r, got)
		}
	}
	if !utf8.ValidString(FromLegacy(TCVN3, "\u00b3")) {
		t.Error("a lone tone byte gave invalid UTF-8")
	}
}
