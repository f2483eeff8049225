package domain

import (
	"errors"
	"strings"
)

// NormalizePhone reads a phone number as units write it ("0903 123 456",
// "(028) 3829.1234", "+84 903-123-456") into its stored form: the digits,
// with a leading + kept. ok is false for anything that is not one number
// of 8 to 15 digits ("không có", two numbers in one cell).
func NormalizePhone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '\u00a0':
		default:
			return "", false
		}
	}
	out := b.String()
	return out, CheckPhone(out) == nil
}

// CheckPhone is the stored form's rule, for the schema.
func CheckPhone(s string) error {
	digits := strings.TrimPrefix(s, "+")
	if len(digits) < 8 || len(digits) > 15 || strings.Trim(digits, "0123456789") != "" {
		return errors.New("số điện thoại gồm 8 đến 15 chữ số, có thể có dấu + ở đầu")
	}
	return nil
}
