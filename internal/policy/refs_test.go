package policy_test

import (
	"testing"

	"entgo.io/ent/entc/load"

	"github.com/hcmc-thidua/thidua/internal/policy"
)

// notWritten are the kinds no API writes through policy.Write: phases and
// report calls (the board's, SystemOnly), idea events, the audit log and the
// digest's deliveries (Ledger).
var notWritten = map[string]bool{"Phase": true, "ReportCall": true, "IdeaEvent": true, "AuditEvent": true, "DigestDelivery": true}

// TestReferencesCoverEveryEdge reads the ent schema itself: every edge of
// every kind the API writes has a rule in policy.References, so an edge
// added tomorrow is refused to scoped writers until someone says what it
// may name (the runtime fails closed; this says so at review time).
func TestReferencesCoverEveryEdge(t *testing.T) {
	spec, err := (&load.Config{Path: "../../ent/schema"}).Load()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, s := range spec.Schemas {
		if notWritten[s.Name] {
			continue
		}
		rules, ok := policy.References[s.Name]
		if !ok {
			t.Errorf("%s is written through the API and has no entry in policy.References", s.Name)
			continue
		}
		for _, e := range s.Edges {
			names := []string{e.Name}
			if e.Ref != nil {
				names = append(names, e.Ref.Name) // edge.To(…).From(…): both ends on this kind
			}
			for _, n := range names {
				seen++
				if _, ok := rules[n]; !ok {
					t.Errorf("edge %s.%s has no rule in policy.References", s.Name, n)
				}
			}
		}
		for n := range rules {
			if !hasEdge(s, n) {
				t.Errorf("policy.References names %s.%s, which the schema does not have", s.Name, n)
			}
		}
	}
	if seen < 40 {
		t.Fatalf("only %d edges read from the schema: the loader found less than the model has", seen)
	}
}

func hasEdge(s *load.Schema, name string) bool {
	for _, e := range s.Edges {
		if e.Name == name || (e.Ref != nil && e.Ref.Name == name) {
			return true
		}
	}
	return false
}
