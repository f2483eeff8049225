package auth

import (
	"encoding/json"
	"testing"
)

func TestClaimAt(t *testing.T) {
	var c map[string]any
	if err := json.Unmarshal([]byte(`{
		"roles": "top",
		"realm_access": {"roles": ["realm"]},
		"resource_access": {"thidua": {"roles": ["client"]}},
		"https://thidua.example/roles": "namespaced",
		"https://x.example/claims": {"roles": "namespaced-nested"},
		"a.b": "literal",
		"a": {"b": "nested"},
		"n": {"leaf": 1}
	}`), &c); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]any{
		"roles":                          "top",
		"realm_access.roles":             []any{"realm"},
		"resource_access.thidua.roles":   []any{"client"},
		"https://thidua.example/roles":   "namespaced",
		"https://x.example/claims.roles": "namespaced-nested",
		"a.b":                            "literal", // the literal key first
		"n.leaf.deeper":                  nil,
		"realm_access.missing":           nil,
		"missing":                        nil,
	} {
		got, ok := claimAt(c, path)
		if want == nil {
			if ok {
				t.Errorf("%s: %v, want none", path, got)
			}
			continue
		}
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(want)
		if !ok || string(gb) != string(wb) {
			t.Errorf("%s: %s %v, want %s", path, gb, ok, wb)
		}
	}
}
