package server_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/graph/generated"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// idField is one place in a mutation's arguments that names a record: an
// ID, or a string that names a unit or a phase by its code.
type idField struct {
	Mutation string
	Path     string // "id", "input.personID"
	List     bool
}

func (f idField) key() string { return f.Mutation + "." + f.Path }

// codeFields are the string arguments that name records by code.
var codeFields = map[string]bool{"units": true, "parentCode": true, "successorCodes": true, "carryTo": true, "phase": true}

// mutationIDFields reads, from the served schema itself, every argument
// and input field of every mutation that names a record, so a field added
// tomorrow is in the matrix without anyone remembering to add it.
func mutationIDFields() (fields []idField, mutations []string) {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	var walk func(m, path string, t *ast.Type, depth int)
	walk = func(m, path string, t *ast.Type, depth int) {
		name := t.Name()
		last := path[strings.LastIndex(path, ".")+1:]
		if name == "ID" || (name == "String" && codeFields[last]) {
			fields = append(fields, idField{Mutation: m, Path: path, List: t.Elem != nil})
			return
		}
		def := s.Types[name]
		if def == nil || def.Kind != ast.InputObject || depth > 4 {
			return
		}
		for _, f := range def.Fields {
			walk(m, path+"."+f.Name, f.Type, depth+1)
		}
	}
	for _, f := range s.Mutation.Fields {
		mutations = append(mutations, f.Name)
		for _, a := range f.Arguments {
			walk(f.Name, a.Name, a.Type, 0)
		}
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i].key() < fields[j].key() })
	sort.Strings(mutations)
	return fields, mutations
}

// scope is where the record a cell names lies, seen from the viewer, whose
// unit is A: A itself, A1 under it, B beside it, the city root.
type scope string

const (
	scopeOwn     scope = "own"
	scopeSubtree scope = "subtree"
	scopeOther   scope = "other"
	scopeRoot    scope = "root"
	// scopeMissing names no record at all (see missingID).
	scopeMissing scope = "missing"
)

var scopes = []scope{scopeOwn, scopeSubtree, scopeOther, scopeRoot}

// outcome of one request, as the matrix judges it.
type outcome struct {
	code    string // extensions.code of the first error, "" on success
	message string
	audited int // audit rows the request added
	// hidden: refused, naming a record the viewer cannot read.
	hidden bool
}

// refused: the request was stopped by who the viewer is or what it may reach.
func (o outcome) refused() bool {
	return o.code == "FORBIDDEN" || o.code == "NOT_FOUND" || o.code == "UNAUTHENTICATED"
}

func (o outcome) String() string {
	if o.code == "" {
		return fmt.Sprintf("accepted (%d audit rows)", o.audited)
	}
	return fmt.Sprintf("%s %q (%d audit rows)", o.code, o.message, o.audited)
}

// TestWriteMatrix: every id a mutation names × every role × where the
// record lies. The board reaches every unit; LEADER and ANALYST write
// nothing; a scoped role (UNIT_ADMIN, UNIT_HEAD, MEMBER) that may take the
// action on its own unit's record may take it on its subtree's, and never
// names another unit's record or the city's (unless the field names a
// public directory entry: a phase, an idea evaluated effective to adopt).
// A refused request writes nothing: no audit row appears. A field or a
// mutation the matrix does not know fails it.
func TestWriteMatrix(t *testing.T) {
	fields, mutations := mutationIDFields()
	for _, m := range mutations {
		if _, ok := bases[m]; !ok && !noIDMutations[m] {
			t.Errorf("mutation %s is not in the write matrix: give it a base request in writematrix_bases_test.go", m)
		}
	}
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel() // a store each: the dialects share nothing
			fx := newMatrixFixture(t, d)
			cells := 0
			for _, f := range fields {
				t.Run(f.key(), func(t *testing.T) {
					cells += checkField(t, fx, f)
				})
			}
			t.Logf("%s: %d id fields of %d mutations, %d cells checked", d, len(fields), len(mutations), cells)
		})
	}
}

// checkField runs one id field for every role and scope.
func checkField(t *testing.T, fx *matrixFixture, f idField) int {
	if _, ok := bases[f.Mutation]; !ok {
		t.Fatalf("%s names a record, and the matrix has no base request for %s", f.key(), f.Mutation)
	}
	cells := 0
	anyScopedOwn := false
	for _, role := range access.Roles {
		got := map[scope]outcome{}
		for _, s := range scopes {
			got[s] = fx.run(t, f, role, s)
			cells++
		}
		if role != access.CityAdmin && !codeFields[f.Path[strings.LastIndex(f.Path, ".")+1:]] {
			// A record the viewer cannot read is answered as one that does
			// not exist: a FORBIDDEN where a missing id gets NOT_FOUND would
			// tell another unit's head that a discipline record is there.
			missing := fx.run(t, f, role, scopeMissing)
			for _, s := range scopes {
				if got[s].hidden && (got[s].code != missing.code || got[s].message != missing.message) {
					t.Errorf("%s as %s, %s record the viewer cannot read: %v; a missing id: %v — want the same answer", f.key(), role, s, got[s], missing)
				}
			}
		}
		switch {
		case role == access.CityAdmin:
			for _, s := range scopes {
				if got[s].refused() {
					t.Errorf("%s as the board, %s record: %v, want not refused", f.key(), s, got[s])
				}
			}
		case role == access.Leader || role == access.Analyst:
			for _, s := range scopes {
				if !got[s].refused() || got[s].audited != 0 {
					t.Errorf("%s as %s, %s record: %v, want FORBIDDEN and nothing written", f.key(), role, s, got[s])
				}
			}
		default:
			own := !got[scopeOwn].refused()
			anyScopedOwn = anyScopedOwn || own
			for _, s := range scopes {
				want := own && (s == scopeOwn || s == scopeSubtree || publicFields[f.key()])
				if got[s].refused() == want || (!want && got[s].audited != 0) {
					t.Errorf("%s as %s, %s record: %v; want allowed=%v (own unit: %v)", f.key(), role, s, got[s], want, got[scopeOwn])
				}
			}
		}
	}
	if !anyScopedOwn && !boardOnly[f.Mutation] && !boardOnly[f.key()] {
		t.Errorf("%s: no scoped role may use it even on its own unit; if that is the rule, list it in boardOnly", f.key())
	}
	return cells
}

// publicFields name records every viewer may point at: phases, and ideas
// evaluated effective, which any unit adopts (§II.2.5: "nhân rộng").
var publicFields = map[string]bool{
	"createUnitPlan.input.phaseID":   true,
	"updateUnitPlan.input.phaseID":   true,
	"createUnitReport.input.phaseID": true,
	"updateUnitReport.input.phaseID": true,
	"issueUnitPlan.input.phase":      true,
	"createAdoption.input.ideaID":    true,
}

// boardOnly are the mutations and fields only the board uses: the city's
// own steps of the idea lifecycle and of awards, reorganisations, and the
// successor links between units, which reorganisation writes.
var boardOnly = map[string]bool{
	"reorganizeUnits": true, "applyIdeaCityWide": true, "rateIdeaByMinistries": true, "declineIdeaByCity": true,
	"createExemplar": true, "updateExemplar": true,
	"forwardNomination": true, "correctAward": true,
	"updatePhase": true, "callForReports": true, "updateReportCall": true,
	"createUnit.input.predecessorIDs": true, "createUnit.input.successorIDs": true,
	"updateUnit.input.addPredecessorIDs": true, "updateUnit.input.removePredecessorIDs": true,
	"updateUnit.input.addSuccessorIDs": true, "updateUnit.input.removeSuccessorIDs": true,
}
