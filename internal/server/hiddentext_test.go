package server_test

import (
	"fmt"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestHiddenTextRefused: a NUL, another control character or a bidi
// override in any string argument — a variable, an inline literal, a
// filter, an input's field — is a VALIDATION error naming the argument,
// not an INTERNAL one (PostgreSQL cannot store NUL); tabs and line breaks
// pass.
func TestHiddenTextRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		for i, c := range []struct {
			name, query string
			vars        map[string]any
			want, field string
		}{
			{"NUL in a filter's variable", `query($t: String) { ideas(first: 5, where: {titleContains: $t}) { totalCount } }`,
				map[string]any{"t": "a\u0000b"}, "VALIDATION", "where.titleContains"},
			{"NUL in an input", `mutation($in: CreatePersonInput!) { createPerson(input: $in) { id } }`,
				map[string]any{"in": map[string]any{"code": "CB-NUL", "fullName": "Nguyễn\u0000Văn", "gender": "MALE"}}, "VALIDATION", "input.fullName"},
			{"a bidi override inline", `mutation { createPerson(input: {code: "CB-BIDI", fullName: "Trần \u202EThị", gender: FEMALE}) { id } }`,
				nil, "VALIDATION", "input.fullName"},
			{"an escape character", `query($t: String) { people(first: 1, where: {fullNameContains: $t}) { totalCount } }`,
				map[string]any{"t": "\u001b[31m"}, "VALIDATION", "where.fullNameContains"},
			{"tabs and line breaks pass", `query($t: String) { ideas(first: 5, where: {titleContains: $t}) { totalCount } }`,
				map[string]any{"t": "a\tb\r\nc"}, "", ""},
		} {
			res := e.do(t, board, c.query, c.vars)
			if res.code() != c.want {
				t.Errorf("%d %s: code %q, want %q: %+v", i, c.name, res.code(), c.want, res.Errors)
				continue
			}
			if c.want != "" && fmt.Sprint(res.Errors[0].Extensions["field"]) != c.field {
				t.Errorf("%s: field %v, want %s", c.name, res.Errors[0].Extensions["field"], c.field)
			}
		}
	})
}
