package seed

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// checkText fails the test if s is not clean, single-line, precomposed text.
func checkText(t *testing.T, where, s string) {
	t.Helper()
	switch {
	case s == "":
		t.Errorf("%s: empty string", where)
		return
	case !utf8.ValidString(s):
		t.Errorf("%s: invalid UTF-8: %q", where, s)
		return
	case strings.TrimSpace(s) != s:
		t.Errorf("%s: leading or trailing space: %q", where, s)
	case strings.Contains(s, "  "):
		t.Errorf("%s: double space: %q", where, s)
	case strings.Contains(s, " - "):
		t.Errorf("%s: ASCII hyphen used as a dash, want \"–\": %q", where, s)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			t.Errorf("%s: control character %U: %q", where, r, s)
		}
		// Vietnamese letters all have precomposed forms, so NFC text never
		// carries a combining mark; one here means decomposed (NFD) input.
		if unicode.Is(unicode.Mn, r) {
			t.Errorf("%s: combining mark %U (text not NFC): %q", where, r, s)
		}
	}
}

// checkList checks every element of list and that no element repeats.
func checkList(t *testing.T, where string, list []string) {
	t.Helper()
	if len(list) == 0 {
		t.Errorf("%s: empty", where)
	}
	seen := map[string]bool{}
	for i, s := range list {
		checkText(t, where, s)
		if seen[s] {
			t.Errorf("%s[%d]: duplicate %q", where, i, s)
		}
		seen[s] = true
	}
}

// checkCodes checks that m has exactly the given keys and clean values.
func checkCodes(t *testing.T, where string, m map[string]string, codes ...string) {
	t.Helper()
	got := slices.Sorted(maps.Keys(m))
	want := slices.Sorted(slices.Values(codes))
	if !slices.Equal(got, want) {
		t.Errorf("%s: keys %v, want %v", where, got, want)
	}
	for k, v := range m {
		checkText(t, where+"["+k+"]", v)
	}
	values := slices.Collect(maps.Values(m))
	slices.Sort(values)
	if len(slices.Compact(values)) != len(m) {
		t.Errorf("%s: duplicate labels", where)
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func TestFamilyNames(t *testing.T) {
	if len(familyNames) < 20 {
		t.Errorf("familyNames: %d entries, want at least 20", len(familyNames))
	}
	var values []string
	for _, w := range familyNames {
		if w.Weight <= 0 {
			t.Errorf("familyNames: %q has weight %d, want > 0", w.Value, w.Weight)
		}
		values = append(values, w.Value)
	}
	checkList(t, "familyNames", values)
	if familyNames[0].Value != "Nguyễn" {
		t.Errorf("familyNames: first is %q, want Nguyễn", familyNames[0].Value)
	}
	for _, w := range familyNames[1:] {
		if w.Weight >= familyNames[0].Weight {
			t.Errorf("familyNames: %q weighs %d, not less than Nguyễn", w.Value, w.Weight)
		}
	}
}

func TestPersonNames(t *testing.T) {
	family := map[string]bool{}
	for _, w := range familyNames {
		family[w.Value] = true
	}
	for _, g := range []struct {
		sex            string
		middle, given  []string
		minMid, minGiv int
	}{
		{"Male", middleNamesMale, givenNamesMale, 12, 50},
		{"Female", middleNamesFemale, givenNamesFemale, 12, 50},
	} {
		checkList(t, "middleNames"+g.sex, g.middle)
		checkList(t, "givenNames"+g.sex, g.given)
		if len(g.middle) < g.minMid || len(g.given) < g.minGiv {
			t.Errorf("%s: %d middle and %d given names, want at least %d and %d",
				g.sex, len(g.middle), len(g.given), g.minMid, g.minGiv)
		}
		for _, name := range append(slices.Clone(g.middle), g.given...) {
			if strings.ContainsRune(name, ' ') || !unicode.IsUpper(firstRune(name)) {
				t.Errorf("%s: %q is not one capitalised syllable", g.sex, name)
			}
		}
		// A middle name shared with the given or family pool could yield
		// "Nguyễn Minh Minh" or "Hoàng Hoàng Nam".
		for _, m := range g.middle {
			if slices.Contains(g.given, m) {
				t.Errorf("%s: %q is both a middle and a given name", g.sex, m)
			}
			if family[m] {
				t.Errorf("%s: %q is both a middle and a family name", g.sex, m)
			}
		}
	}
}

func TestIdeaFields(t *testing.T) {
	codes := []string{
		"ADMINISTRATIVE_REFORM", "INVESTMENT_ENVIRONMENT", "BUSINESS_SUPPORT",
		"PARTY_BUILDING", "GOVERNMENT_BUILDING", "SOCIO_ECONOMIC_DEVELOPMENT",
		"DEFENSE_SECURITY", "DECENTRALIZATION", "THU_DUC_INSTITUTIONS",
		"LAND_AND_BACKLOGGED_PROJECTS", "OTHER",
	}
	got := slices.Sorted(maps.Keys(ideaFields))
	if want := slices.Sorted(slices.Values(codes)); !slices.Equal(got, want) {
		t.Fatalf("ideaFields: keys %v, want %v", got, want)
	}
	labels := map[string]string{}
	for _, code := range codes {
		v := ideaFields[code]
		// The labels users read are the domain's, one source for the API and the demo.
		label := domain.IdeaField(code).Label()
		checkText(t, code+".Label", label)
		if other, dup := labels[label]; dup {
			t.Errorf("%s: label %q also used by %s", code, label, other)
		}
		labels[label] = code
		checkList(t, code+".Openers", v.Openers)
		checkList(t, code+".Subjects", v.Subjects)
		checkList(t, code+".Outcomes", v.Outcomes)
		if len(v.Openers) < 5 || len(v.Subjects) < 10 || len(v.Outcomes) < 5 {
			t.Errorf("%s: %d openers, %d subjects, %d outcomes; want at least 5, 10, 5",
				code, len(v.Openers), len(v.Subjects), len(v.Outcomes))
		}
		checkGrammar(t, code, v)
	}
}

// checkGrammar enforces the shape that makes every Opener + Subject
// (+ " nhằm " + Outcome) combination read correctly: capitalised openers,
// lower-case subjects and outcomes, no stray "nhằm" or final punctuation,
// and no opener whose words are repeated by a subject ("Mô hình ... mô hình").
func checkGrammar(t *testing.T, code string, v ideaVocab) {
	t.Helper()
	words := func(s string) string {
		return " " + strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(s), ",", " ")), " ") + " "
	}
	for _, o := range v.Openers {
		if !unicode.IsUpper(firstRune(o)) {
			t.Errorf("%s: opener %q must start with a capital", code, o)
		}
		if strings.Contains(words(o), " nhằm ") {
			t.Errorf("%s: opener %q contains \"nhằm\"", code, o)
		}
	}
	for _, part := range [][]string{v.Subjects, v.Outcomes} {
		for _, s := range part {
			if !unicode.IsLower(firstRune(s)) {
				t.Errorf("%s: %q must start in lower case", code, s)
			}
			if strings.Contains(words(s), " nhằm ") {
				t.Errorf("%s: %q contains \"nhằm\"", code, s)
			}
			if strings.ContainsAny(s[len(s)-1:], ".;:") {
				t.Errorf("%s: %q ends in punctuation", code, s)
			}
		}
	}
	for _, o := range v.Openers {
		syl := strings.Fields(strings.ToLower(o))
		syl = slices.DeleteFunc(syl, func(w string) bool { return w == "để" })
		for i := 0; i+1 < len(syl); i++ {
			pair := " " + syl[i] + " " + syl[i+1] + " "
			for _, s := range v.Subjects {
				if strings.Contains(words(s), pair) {
					t.Errorf("%s: opener %q and subject %q repeat %q", code, o, s, strings.TrimSpace(pair))
				}
			}
		}
	}
}

// domainLabels is code → Vietnamese label of a domain enumeration.
func domainLabels[T interface {
	~string
	Label() string
}](codes []string) map[string]string {
	out := map[string]string{}
	for _, c := range codes {
		out[c] = T(c).Label()
	}
	return out
}

func TestCodeMaps(t *testing.T) {
	checkCodes(t, "ideaKinds", domainLabels[domain.IdeaKind](domain.IdeaKind("").Values()),
		"IDEA", "INITIATIVE", "CREATIVE_SOLUTION", "BREAKTHROUGH_APPROACH")
	checkCodes(t, "personCategories", domainLabels[domain.PersonCategory](domain.PersonCategory("").Values()),
		"CADRE", "CIVIL_SERVANT", "PUBLIC_EMPLOYEE", "ARMED_FORCES", "WORKER", "OTHER")
	awards := []string{
		"LABOR_ORDER_THIRD_CLASS", "PRIME_MINISTER_CERTIFICATE",
		"CITY_CHAIRMAN_CERTIFICATE", "UNIT_HEAD_CERTIFICATE",
	}
	checkCodes(t, "decisionIssuers", decisionIssuers, awards...)
	checkCodes(t, "awardLevelLabels", domainLabels[domain.AwardLevel](domain.AwardLevel("").Values()), awards...)
}

func TestLists(t *testing.T) {
	for _, l := range []struct {
		name string
		list []string
		min  int
	}{
		{"positionTitles", positionTitles, 12},
		{"pilotScopes", pilotScopes, 8},
		{"evaluationAuthorities", evaluationAuthorities, 6},
		{"integrityNotes", integrityNotes, 4},
	} {
		checkList(t, l.name, l.list)
		if len(l.list) < l.min {
			t.Errorf("%s: %d entries, want at least %d", l.name, len(l.list), l.min)
		}
	}
}
