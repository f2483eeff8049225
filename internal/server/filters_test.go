package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"entgo.io/ent/entql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// Every edge filter of every where input in the schema (has<E>: true,
// has<E>: false, has<E>With), and every filter on a restricted field behind
// an edge (people's birth years and e-mails, ideas' titles and statuses,
// integrity flags' kinds and notes), asked by scoped viewers of every scoped
// role at a district and at a ward: the API's totalCount must equal the
// count, made apart with entql on the store, of the rows the viewer reads
// that have a linked row the viewer reads (matching the field filter).
// The filters are read from the schema, so a new edge is checked the day it
// appears; a new kind fails until filterKinds knows how to query it.
func TestEveryFilterAnswersFromReadableRowsOnly(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		s := readFilterSchema(t, e, board)
		ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
		hcm := e.store.Client.Unit.Query().Where(unit.Code("HCM")).OnlyX(ctx)
		cells, leaky := 0, 0
		// One viewer per scoped role; the two units are a dissolved district
		// (its history) and a ward of today.
		for _, vw := range []struct {
			role access.Role
			at   string
		}{{access.UnitAdmin, "Q1"}, {access.UnitHead, "PX-CAU-ONG-LANH"}, {access.Member, "Q1"}} {
			role, at := vw.role, vw.at
			u := e.store.Client.Unit.Query().Where(unit.Code(at)).OnlyX(ctx)
			v := &access.Viewer{Sub: "CB9999999", Roles: []access.Role{role}, UnitCode: at, UnitID: u.ID, UnitPath: u.Path}
			tok := e.token(t, v.Sub, at, role)
			o := newFilterOracle(t, e.store.Client, v)
			for _, c := range s.cells() {
				want, naive := o.count(c.on, nil, c.edge, c.target, c.has, c.field, role == access.Member)
				got := filterTotal(t, e, tok, fmt.Sprintf(`{ x: %s(first: 0, where: {%s}) { totalCount } }`, s.lists[c.on], c.where), nil)
				if got != want {
					t.Errorf("%s at %s: %s(where: {%s}) counts %d, want %d", role, at, s.lists[c.on], c.where, got, want)
				}
				cells++
				if naive >= 0 && naive != want {
					leaky++
				}
				if c.on != "Unit" {
					continue
				}
				// The same filter one level down, where entgql eager-loads it.
				var nested struct {
					Units struct {
						Edges []struct {
							Node struct{ X struct{ TotalCount int } }
						}
					}
				}
				e.do(t, tok, fmt.Sprintf(`{ units(where: {code: "HCM"}) { edges { node { x: children(first: 0, where: {%s}) { totalCount } } } } }`, c.where), nil).decode(t, &nested)
				want, _ = o.count("Unit", entql.HasEdgeWith("parent", entql.FieldEQ("id", hcm.ID)), c.edge, c.target, c.has, c.field, false)
				if got := nested.Units.Edges[0].Node.X.TotalCount; got != want {
					t.Errorf("%s at %s: HCM's children(where: {%s}) counts %d, want %d", role, at, c.where, got, want)
				}
				cells++
			}
		}
		t.Logf("%d filter×viewer cells; %d of the member's would differ if traversals ignored the read rules", cells, leaky)
		if leaky == 0 {
			t.Error("no cell tells a walled filter from an open one: the test proves nothing")
		}
	})
}

// filterSchema is what the API's schema says about filters.
type filterSchema struct {
	lists map[string]string         // kind → its top-level list ("Idea" → "ideas")
	edges map[string][]filterEdge   // kind → its where input's edge filters
	kinds map[string]map[string]int // kind → its where input's fields (to check restricted ones exist)
}

type filterEdge struct {
	field  string // "hasProposers"
	target string // "Person"
}

// filterCell is one filter to check.
type filterCell struct {
	on, edge, target string
	has              bool    // has<E>: true, or has<E>With (the target filtered by field); false: has<E>: false
	field            entql.P // the target's filter, for the oracle
	where            string  // the same, as GraphQL
}

// restrictedFields: filters on fields a viewer may read only on rows it
// reads, behind every edge into their kind.
var restrictedFields = map[string][]struct {
	where string
	p     entql.P
}{
	"Person": {
		{`birthYearNotNil: true`, entql.FieldNotNil("birth_year")},
		{`birthYearGTE: 1980`, entql.FieldGTE("birth_year", 1980)},
		{`emailContains: "@"`, entql.FieldContains("email", "@")},
	},
	"Idea": {
		{`status: DRAFT`, entql.FieldEQ("status", "DRAFT")},
		{`titleContains: "a"`, entql.FieldContains("title", "a")},
	},
	"IntegrityFlag": {
		{`kind: DISCIPLINE`, entql.FieldEQ("kind", "DISCIPLINE")},
		{`noteContains: "a"`, entql.FieldContains("note", "a")},
	},
}

func (s filterSchema) cells() []filterCell {
	var cells []filterCell
	for on, edges := range s.edges {
		for _, ed := range edges {
			edge := snake(strings.TrimPrefix(ed.field, "has"))
			all := entql.FieldGT("id", 0)
			cells = append(cells,
				filterCell{on, edge, ed.target, true, all, ed.field + `: true`},
				filterCell{on, edge, ed.target, false, all, ed.field + `: false`},
				filterCell{on, edge, ed.target, true, all, ed.field + `With: {idGT: 0}`},
			)
			for _, f := range restrictedFields[ed.target] {
				cells = append(cells, filterCell{on, edge, ed.target, true, f.p, ed.field + `With: {` + f.where + `}`})
			}
		}
	}
	return cells
}

// snake turns a GraphQL edge name into ent's: IntegrityFlags → integrity_flags.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// readFilterSchema reads the where inputs, their edge filters and the lists
// that take them from the API's own introspection.
func readFilterSchema(t *testing.T, e *env, tok string) filterSchema {
	t.Helper()
	type typeRef struct {
		Kind   string
		Name   string
		OfType *typeRef
	}
	named := func(r *typeRef) string {
		for r != nil && r.Name == "" {
			r = r.OfType
		}
		if r == nil {
			return ""
		}
		return r.Name
	}
	var got struct {
		Schema struct {
			QueryType struct {
				Fields []struct {
					Name string
					Type typeRef
					Args []struct {
						Name string
						Type typeRef
					}
				}
			}
			Types []struct {
				Name        string
				Kind        string
				InputFields []struct {
					Name string
					Type typeRef
				}
			}
		} `json:"__schema"`
	}
	lim := graph.DefaultLimits()
	lim.Introspection = true
	e.serve(t, server.Config{Limits: lim, FilesDir: t.TempDir()}).do(t, tok, `{ __schema { queryType { fields { name type { ...T } args { name type { ...T } } } }
		types { name kind inputFields { name type { ...T } } } } }
		fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`, nil).decode(t, &got)
	s := filterSchema{lists: map[string]string{}, edges: map[string][]filterEdge{}, kinds: map[string]map[string]int{}}
	for _, ty := range got.Schema.Types {
		kind, ok := strings.CutSuffix(ty.Name, "WhereInput")
		if !ok || ty.Kind != "INPUT_OBJECT" {
			continue
		}
		fields := map[string]int{}
		for _, f := range ty.InputFields {
			fields[f.Name]++
		}
		s.kinds[kind] = fields
		for _, f := range ty.InputFields {
			edge, ok := strings.CutSuffix(f.Name, "With")
			if !ok || !strings.HasPrefix(edge, "has") {
				continue
			}
			target, ok := strings.CutSuffix(named(&f.Type), "WhereInput")
			if !ok || fields[edge] == 0 {
				t.Fatalf("%s.%s is an edge filter of a shape the test does not know", ty.Name, f.Name)
			}
			s.edges[kind] = append(s.edges[kind], filterEdge{edge, target})
		}
	}
	for _, f := range got.Schema.QueryType.Fields {
		kind, ok := strings.CutSuffix(named(&f.Type), "Connection")
		if !ok {
			continue
		}
		required := false
		for _, a := range f.Args {
			required = required || a.Type.Kind == "NON_NULL"
		}
		if _, seen := s.lists[kind]; !seen && !required {
			s.lists[kind] = f.Name
		}
	}
	for kind, edges := range s.edges {
		if s.lists[kind] == "" {
			t.Fatalf("no list of %s to check its filters on", kind)
		}
		for _, ed := range edges {
			if filterKinds[ed.target] == nil {
				t.Fatalf("%sWhereInput.%sWith leads to %s, which filterKinds does not know", kind, ed.field, ed.target)
			}
		}
	}
	for kind, fs := range restrictedFields {
		for _, f := range fs {
			if name := strings.SplitN(f.where, ":", 2)[0]; s.kinds[kind][name] == 0 {
				t.Fatalf("%sWhereInput has no %s any more: update restrictedFields", kind, name)
			}
		}
	}
	return s
}

// filterKinds query a kind for the oracle: the query, and entql's filter on it.
var filterKinds = map[string]func(c *ent.Client) (filterQuery, privacy.Filter){
	"Adoption":   func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Adoption.Query(); return q, q.Filter() },
	"AuditEvent": func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.AuditEvent.Query(); return q, q.Filter() },
	"Award":      func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Award.Query(); return q, q.Filter() },
	"DossierDocument": func(c *ent.Client) (filterQuery, privacy.Filter) {
		q := c.DossierDocument.Query()
		return q, q.Filter()
	},
	"Headcount":     func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Headcount.Query(); return q, q.Filter() },
	"Idea":          func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Idea.Query(); return q, q.Filter() },
	"IdeaEvent":     func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.IdeaEvent.Query(); return q, q.Filter() },
	"IntegrityFlag": func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.IntegrityFlag.Query(); return q, q.Filter() },
	"Membership":    func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Membership.Query(); return q, q.Filter() },
	"Nomination":    func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Nomination.Query(); return q, q.Filter() },
	"Participation": func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Participation.Query(); return q, q.Filter() },
	"Person":        func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Person.Query(); return q, q.Filter() },
	"Phase":         func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Phase.Query(); return q, q.Filter() },
	"ReportCall":    func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.ReportCall.Query(); return q, q.Filter() },
	"Unit":          func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Unit.Query(); return q, q.Filter() },
	"UnitPlan":      func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.UnitPlan.Query(); return q, q.Filter() },
	"ChosenProblem": func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.ChosenProblem.Query(); return q, q.Filter() },
	"Exemplar":      func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.Exemplar.Query(); return q, q.Filter() },
	"UnitReport":    func(c *ent.Client) (filterQuery, privacy.Filter) { q := c.UnitReport.Query(); return q, q.Filter() },
}

type filterQuery interface {
	IDs(context.Context) ([]int, error)
	Count(context.Context) (int, error)
}

// filterOracle counts what a viewer's filter should count, apart from the
// API and its where inputs: entql's edges between the rows the viewer reads
// (its privacy policy, as the lists show them).
type filterOracle struct {
	t        *testing.T
	c        *ent.Client
	viewer   context.Context
	system   context.Context
	readable map[string]entql.P // kind → the ids the viewer reads
}

func newFilterOracle(t *testing.T, c *ent.Client, v *access.Viewer) *filterOracle {
	return &filterOracle{t: t, c: c, viewer: access.NewContext(context.Background(), v),
		system: privacy.DecisionContext(context.Background(), privacy.Allow), readable: map[string]entql.P{}}
}

// rows are the rows of kind the viewer reads, by id, or nil when it reads
// them all.
func (o *filterOracle) rows(kind string) entql.P {
	if p, ok := o.readable[kind]; ok {
		return p
	}
	q, _ := filterKinds[kind](o.c)
	ids, err := q.IDs(o.viewer)
	if err != nil {
		o.t.Fatalf("%s as the viewer: %v", kind, err)
	}
	all, _ := filterKinds[kind](o.c)
	var p entql.P
	switch n, err := all.Count(o.system); {
	case err != nil:
		o.t.Fatal(err)
	case len(ids) == n:
	case len(ids) == 0:
		p = entql.FieldLT("id", 0) // none: entql writes an empty IN as "IN ()"
	default:
		vs := make([]any, len(ids))
		for i, id := range ids {
			vs[i] = id
		}
		p = entql.FieldIn("id", vs...)
	}
	o.readable[kind] = p
	return p
}

// count is how many rows of kind on the viewer reads (and onRows keeps,
// when given) that have (has) or
// have not a readable row of target through edge matching field; naive is
// the same count with the target's rows unrestricted, the answer of a
// filter that sees through walls (-1 unless asked for: it costs a count).
func (o *filterOracle) count(on string, onRows entql.P, edge, target string, has bool, field entql.P, withNaive bool) (want, naive int) {
	o.t.Helper()
	run := func(targetRows entql.P) int {
		link := entql.HasEdgeWith(edge, targetRows)
		if !has {
			link = entql.Not(link)
		}
		if onRows != nil {
			link = entql.And(link, onRows)
		}
		// As the viewer: its privacy policy keeps the rows of on it reads.
		q, f := filterKinds[on](o.c)
		f.Where(link)
		n, err := q.Count(o.viewer)
		if err != nil {
			o.t.Fatalf("counting %s by %s: %v", on, edge, err)
		}
		return n
	}
	readable := field
	if rows := o.rows(target); rows != nil {
		readable = entql.And(rows, field)
	}
	want, naive = run(readable), -1
	if withNaive {
		naive = run(field)
	}
	return want, naive
}
