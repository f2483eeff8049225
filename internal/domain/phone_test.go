package domain

import "testing"

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"0903 123 456": "0903123456", "(028) 3829.1234": "02838291234", "+84 903-123-456": "+84903123456", " 0903123456 ": "0903123456",
	} {
		if got, ok := NormalizePhone(in); !ok || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"không có", "0903 123 456 - 0283 829 1234", "0903123456; 0283829123", "12345", "84+903123456", "0903123456789012"} {
		if got, ok := NormalizePhone(in); ok {
			t.Errorf("NormalizePhone(%q) = %q, accepted", in, got)
		}
	}
}
