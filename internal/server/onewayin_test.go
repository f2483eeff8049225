package server_test

import (
	"sort"
	"strings"
	"testing"

	"entgo.io/ent/entc/load"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/graph/generated"
	"github.com/hcmc-thidua/thidua/internal/importer"
)

// wayIn is how a deployment writes a kind of record: the GraphQL mutations
// whose answer reaches it, the import kinds that write it, or, for records
// no one writes directly, why they are derived.
type wayIn struct {
	mutations []string
	imports   []importer.Kind
	derived   string
}

// waysIn names every ent type. Issue 15: "no fact the rules read may be
// writable only by the seed"; the seed goes through these same services.
var waysIn = map[string]wayIn{
	"Unit":            {mutations: []string{"createUnit", "updateUnit", "reorganizeUnits", "setLevel4Criteria"}, imports: []importer.Kind{importer.Units, importer.Reorgs}},
	"Person":          {mutations: []string{"createPerson", "updatePerson"}, imports: []importer.Kind{importer.People}},
	"Membership":      {mutations: []string{"createMembership", "updateMembership"}, imports: []importer.Kind{importer.People}},
	"Headcount":       {mutations: []string{"createHeadcount", "updateHeadcount"}, imports: []importer.Kind{importer.Headcounts}},
	"Phase":           {mutations: []string{"createPhase", "updatePhase"}, imports: []importer.Kind{importer.Phases}},
	"ReportCall":      {mutations: []string{"callForReports", "updateReportCall"}},
	"UnitPlan":        {mutations: []string{"issueUnitPlan", "launchUnitPlan", "sendUnitPlan", "createUnitPlan", "updateUnitPlan"}},
	"ChosenProblem":   {mutations: []string{"createChosenProblem", "updateChosenProblem"}},
	"Exemplar":        {mutations: []string{"createExemplar", "updateExemplar"}},
	"UnitReport":      {mutations: []string{"callForReports", "sendUnitReport", "createUnitReport", "updateUnitReport"}},
	"Participation":   {mutations: []string{"createParticipation"}},
	"Idea":            {mutations: []string{"createIdea", "updateIdea", "submitIdea", "approveIdeaPilot", "applyIdeaCityWide"}, imports: []importer.Kind{importer.Ideas}},
	"Adoption":        {mutations: []string{"createAdoption"}},
	"Nomination":      {mutations: []string{"createNomination", "submitNomination", "recordCouncilVote", "forwardNomination", "decideNomination", "withdrawNomination"}},
	"DossierDocument": {mutations: []string{"addDossierDocument"}},
	"Award":           {mutations: []string{"decideNomination", "correctAward"}, imports: []importer.Kind{importer.Awards}},
	"IntegrityFlag":   {mutations: []string{"createIntegrityFlag", "updateIntegrityFlag", "liftIntegrityFlag"}, imports: []importer.Kind{importer.IntegrityRecords}},
	"IdeaEvent":       {derived: "the history of an idea: every idea action appends its event in the action's transaction"},
	"AuditEvent":      {derived: "the audit log: the audit hook writes it in the transaction of every change"},
	"DigestDelivery":  {derived: "the reminder digest's claim of a day and a recipient, written by the scheduler"},
}

// TestEveryFactHasAWayIn reads the ent schema and the served GraphQL schema:
// every record kind is written through a mutation whose answer reaches it
// or an import kind, or is named as derived. A kind added tomorrow that
// only the seed can write fails here.
func TestEveryFactHasAWayIn(t *testing.T) {
	spec, err := (&load.Config{Path: "../../ent/schema"}).Load()
	if err != nil {
		t.Fatal(err)
	}
	gql := generated.NewExecutableSchema(generated.Config{}).Schema()
	kinds := map[string]bool{}
	for _, s := range spec.Schemas {
		kinds[s.Name] = true
		w, ok := waysIn[s.Name]
		if !ok {
			t.Errorf("%s has no way in: name the mutations or import kinds that write it, or why it is derived", s.Name)
			continue
		}
		if w.derived != "" {
			if len(w.mutations)+len(w.imports) > 0 {
				t.Errorf("%s is named derived and written directly too", s.Name)
			}
			if gql.Types["Create"+s.Name+"Input"] != nil {
				t.Errorf("%s is derived but the API offers Create%sInput", s.Name, s.Name)
			}
			continue
		}
		if len(w.mutations)+len(w.imports) == 0 {
			t.Errorf("%s: no mutation and no import kind", s.Name)
		}
		for _, m := range w.mutations {
			f := gql.Mutation.Fields.ForName(m)
			if f == nil {
				t.Errorf("%s: mutation %s is not in the served schema", s.Name, m)
				continue
			}
			if !reaches(gql, f.Type.Name(), s.Name, 3) {
				t.Errorf("%s: mutation %s answers %s, which does not reach a %s", s.Name, m, f.Type.Name(), s.Name)
			}
		}
		for _, k := range w.imports {
			if _, err := importer.ParseKind(string(k)); err != nil {
				t.Errorf("%s: import kind %s: %v", s.Name, k, err)
			}
		}
	}
	var stale []string
	for k := range waysIn {
		if !kinds[k] {
			stale = append(stale, k)
		}
	}
	sort.Strings(stale)
	for _, k := range stale {
		t.Errorf("waysIn names %s, which the ent schema does not have", k)
	}
	if len(kinds) < 15 {
		t.Fatalf("only %d kinds loaded from the ent schema", len(kinds))
	}
}

// reaches says whether an answer of type from holds a want within depth
// fields (a payload's record, a nomination's award, a connection's nodes).
func reaches(s *ast.Schema, from, want string, depth int) bool {
	if node := connectionNode(s, from); node != "" {
		from = node
	}
	if from == want {
		return true
	}
	def := s.Types[from]
	if depth == 0 || def == nil || def.Kind != ast.Object {
		return false
	}
	for _, f := range def.Fields {
		if reaches(s, f.Type.Name(), want, depth-1) {
			return true
		}
	}
	return false
}

// connectionNode is the node type of a Relay connection, or "".
func connectionNode(s *ast.Schema, name string) string {
	def := s.Types[name]
	if def == nil || !strings.HasSuffix(name, "Connection") {
		return ""
	}
	edges := def.Fields.ForName("edges")
	if edges == nil || s.Types[edges.Type.Name()] == nil {
		return ""
	}
	if node := s.Types[edges.Type.Name()].Fields.ForName("node"); node != nil {
		return node.Type.Name()
	}
	return ""
}
