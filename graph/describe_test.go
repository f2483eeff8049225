package graph

import (
	"sort"
	"strings"
	"testing"
)

// knownUndescribed is how many elements of the served schema may carry
// no description a person could use (none, or only their own name): none,
// so an element added without one fails here.
const knownUndescribed = 0

// TestSchemaDescribesItself (issue 17: 57 of 202 types, 399 of 586 output
// fields, 1,748 of 2,046 input fields and 164 of 176 enum values had no
// description; enum values read "IdeaStatus is enum for the field
// status"): every element of the served schema is counted.
func TestSchemaDescribesItself(t *testing.T) {
	s := ServedSchema()
	var missing []string
	total := 0
	check := func(where, name, desc string) {
		total++
		d := strings.TrimSuffix(strings.TrimSpace(desc), ".")
		if d == "" || strings.EqualFold(d, name) || strings.Contains(desc, " is enum for the field ") {
			missing = append(missing, where)
		}
	}
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		check(name, name, def.Description)
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			check(name+"."+f.Name, f.Name, f.Description)
			for _, a := range f.Arguments {
				check(name+"."+f.Name+"("+a.Name+")", a.Name, a.Description)
			}
		}
		for _, v := range def.EnumValues {
			check(name+"."+v.Name, v.Name, v.Description)
		}
	}
	sort.Strings(missing)
	t.Logf("%d of %d schema elements undescribed", len(missing), total)
	if len(missing) > knownUndescribed {
		t.Errorf("%d undescribed, more than the %d known: %s", len(missing), knownUndescribed, strings.Join(missing, ", "))
	}
	if testing.Verbose() {
		for _, m := range missing {
			t.Log(m)
		}
	}
}
