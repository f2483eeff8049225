package vntext

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

var validSyllables = strings.Fields(`
nghiêng khuỷu quyền giữa gì oải thuở ươn
nguyễn văn an trần thị bình hồng hông hoàng hoà hòa thuỷ thủy khoẻ khỏe
được trương phạm đỗ thúy quốc khánh huỳnh ngọc nghiệp giếng gìn giỏi giường
người rượu tuổi khuya ngoèo xoong boong chuyện khuếch huých quýt quỵu quý
yêu yến ý ở ăn ấm ắt ích ước oanh loằng việt nam hà nội hải phòng sóc trăng
lạng sơn tiếng xã phường huyện tỉnh cửu gửi mừng chích kìa kinh ghế nghĩ
ưu uống thuê huế quở ngoại ngoáy khuây tuần
`)

var invalidSyllables = strings.Fields(`
nguyôn vaên nguyeãn hòà àc ac bàt hỏc mẽp tiêt
gìa ngiêng kan ka ghang ghu cem ngé qúy quoa qu
nguyờịn v¨n tr¢n bçnh hoàngg ươ ă â aì hoaì muà
tròòn đđ uyênh aă xyz ǹ thuơu
`)

func TestValidSyllable(t *testing.T) {
	if len(validSyllables) < 60 || len(invalidSyllables) < 30 {
		t.Fatalf("only %d valid and %d invalid cases", len(validSyllables), len(invalidSyllables))
	}
	for _, w := range validSyllables {
		for _, form := range []string{w, strings.ToUpper(w), capitalized(w), norm.NFD.String(w), norm.NFD.String(strings.ToUpper(w))} {
			if !ValidSyllable(form) {
				t.Errorf("ValidSyllable(%q) = false, want true", form)
			}
		}
	}
	for _, w := range invalidSyllables {
		for _, form := range []string{w, norm.NFD.String(w)} {
			if ValidSyllable(form) {
				t.Errorf("ValidSyllable(%q) = true, want false", form)
			}
		}
	}
}

func TestValidSyllableEdges(t *testing.T) {
	for w, want := range map[string]bool{
		"":              false,
		"Ðỗ":            true, // eth for Đ, as typed with Latin-1 fonts
		"ɖỗ":            true,
		"Nguyễn,":       false, // punctuation is the caller's to split off
		"nghiêngnghi":   false,
		"u\u031b\u0301": true,  // ư with acute, fully decomposed
		"o\u031b\u0302": false, // two vowel marks on one letter
		"Hoàng":         true,
	} {
		if got := ValidSyllable(w); got != want {
			t.Errorf("ValidSyllable(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestEveryRhymeSpellable checks the rhyme table through the public API, so
// a typo in the table shows as an unspellable rhyme: each rhyme, after a
// consonant that may precede it, is a syllable with the tone on some vowel.
func TestEveryRhymeSpellable(t *testing.T) {
	for _, r := range strings.Fields(rhymeList) {
		onset := "m"
		if strings.ContainsRune("ieêy", []rune(r)[0]) {
			onset = "k"
		}
		if !spellableWithSomeTone(onset + r) {
			t.Errorf("rhyme %q: %q not valid with any tone place", r, onset+r)
		}
	}
	for _, r := range strings.Fields(quOnlyRhymes) {
		if !spellableWithSomeTone("qu" + r) {
			t.Errorf("qu-rhyme %q not valid after qu", r)
		}
		if spellableWithSomeTone("m" + r) {
			t.Errorf("qu-rhyme %q valid without qu", r)
		}
	}
}

// spellableWithSomeTone tries the dot below, which every rhyme takes, on
// each letter in turn.
func spellableWithSomeTone(w string) bool {
	rs := []rune(w)
	for i := range rs {
		try := string(rs[:i+1]) + "\u0323" + string(rs[i+1:])
		if ValidSyllable(norm.NFC.String(try)) {
			return true
		}
	}
	return false
}

func capitalized(w string) string {
	r := []rune(w)
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}
