package graph

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/graph/generated"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

var ward = &access.Viewer{Roles: []access.Role{access.Member}, UnitCode: "W", UnitID: 1, UnitPath: "/HCM/W/"}

// Every where input of the schema has its walled unmarshaler for entgql's
// eager loading, and every edge filter of every one leads to a kind with a
// read rule: a new input or edge without them fails here before it ships.
func TestEveryWhereInputIsWalled(t *testing.T) {
	schema := generated.NewExecutableSchema(*NewSchema(nil, nominationflow.Files{}, nil)).Schema()
	var inSchema []string
	for name, def := range schema.Types {
		if strings.HasSuffix(name, "WhereInput") && def.Kind == "INPUT_OBJECT" {
			inSchema = append(inSchema, name)
		}
	}
	var walledNames []string
	for _, w := range whereInputs {
		name, _ := w(context.Background(), ward)
		walledNames = append(walledNames, name)
	}
	slices.Sort(inSchema)
	slices.Sort(walledNames)
	if !slices.Equal(inSchema, walledNames) {
		t.Fatalf("where inputs in the schema %v, walled for eager loading %v", inSchema, walledNames)
	}
	edges := 0
	for _, name := range walledNames {
		typ := whereInputType(t, name)
		p, err := planOf(typ)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.edges {
			edges++
			w := reflect.New(typ)
			w.Elem().FieldByIndex(e.with).Set(reflect.MakeSlice(w.Elem().FieldByIndex(e.with).Type(), 1, 1))
			w.Elem().FieldByIndex(e.with).Index(0).Set(reflect.New(w.Elem().FieldByIndex(e.with).Type().Elem().Elem()))
			if err := wallWhere(ward, w.Interface()); err != nil {
				t.Errorf("%s.%s: %v", name, e.name, err)
			}
			if e.has == nil {
				t.Errorf("%s.%s has no has… sibling", name, e.name)
			}
		}
	}
	if edges < 57 {
		t.Errorf("%d edge filters found, the schema had 57 when this was written: the walker misses some", edges)
	}
}

// whereInputType finds a where input's Go type by its name.
func whereInputType(t *testing.T, name string) reflect.Type {
	t.Helper()
	for _, typ := range []any{ent.AdoptionWhereInput{}, ent.AuditEventWhereInput{}, ent.AwardWhereInput{}, ent.ChosenProblemWhereInput{}, ent.ExemplarWhereInput{},
		ent.DossierDocumentWhereInput{}, ent.HeadcountWhereInput{}, ent.IdeaWhereInput{}, ent.IdeaEventWhereInput{},
		ent.IntegrityFlagWhereInput{}, ent.MembershipWhereInput{}, ent.NominationWhereInput{}, ent.ParticipationWhereInput{},
		ent.PersonWhereInput{}, ent.PhaseWhereInput{}, ent.ReportCallWhereInput{}, ent.UnitWhereInput{}, ent.UnitPlanWhereInput{}, ent.UnitReportWhereInput{}} {
		if reflect.TypeOf(typ).Name() == name {
			return reflect.TypeOf(typ)
		}
	}
	t.Fatalf("no Go type for %s", name)
	return nil
}

func TestWallRewritesEdgeFilters(t *testing.T) {
	yes, no := true, false
	where := &ent.UnitWhereInput{
		HasIdeas:               &yes,
		HasIntegrityFlags:      &no,
		HasPlansWith:           []*ent.UnitPlanWhereInput{{}},
		HasChildrenWith:        []*ent.UnitWhereInput{{HasMembershipsWith: []*ent.MembershipWhereInput{{}}}},
		Or:                     []*ent.UnitWhereInput{{HasAwards: &yes}},
		HasParent:              &yes,
		HasReceivedNominations: nil,
	}
	if err := wallWhere(ward, where); err != nil {
		t.Fatal(err)
	}
	if where.HasIdeas != nil || len(where.HasIdeasWith) != 1 || len(where.HasIdeasWith[0].Predicates) != 1 {
		t.Errorf("hasIdeas: true not turned into hasIdeasWith [{rule}]: %+v", where.HasIdeasWith)
	}
	if where.HasIntegrityFlags != nil || len(where.And) != 1 || where.And[0].Not == nil ||
		len(where.And[0].Not.HasIntegrityFlagsWith) != 1 || len(where.And[0].Not.HasIntegrityFlagsWith[0].Predicates) != 1 {
		t.Errorf("hasIntegrityFlags: false not turned into not(hasIntegrityFlagsWith [{rule}]): %+v", where.And)
	}
	if len(where.HasPlansWith[0].Predicates) != 1 {
		t.Error("hasPlansWith's element did not get the plans' rule")
	}
	if got := where.HasChildrenWith[0]; len(got.Predicates) != 0 || len(got.HasMembershipsWith[0].Predicates) != 1 {
		t.Error("a public unit got a rule, or the memberships below it none")
	}
	if where.Or[0].HasAwards != nil || len(where.Or[0].HasAwardsWith) != 1 {
		t.Error("hasAwards inside or not walled")
	}
	if where.HasParent == nil || *where.HasParent != true {
		t.Error("hasParent (units are public) changed")
	}
	if _, err := where.P(); err != nil {
		t.Errorf("the walled where no longer compiles: %v", err)
	}
	// The board reads everything: nothing to add.
	board := &access.Viewer{Roles: []access.Role{access.CityAdmin}}
	open := &ent.IdeaWhereInput{HasProposersWith: []*ent.PersonWhereInput{{}}}
	if err := wallWhere(board, open); err != nil || len(open.HasProposersWith[0].Predicates) != 0 {
		t.Errorf("the board's filter changed: %v", err)
	}
}

// A where input leading to a kind without a read rule is refused, not
// let through unwalled.
type strangerWhereInput struct {
	Predicates []func(*sql.Selector)
	Not        *strangerWhereInput
	Or, And    []*strangerWhereInput
}

func (i *strangerWhereInput) AddPredicates(ps ...func(*sql.Selector)) {
	i.Predicates = append(i.Predicates, ps...)
}

type roomWhereInput struct {
	Predicates    []func(*sql.Selector)
	Not           *roomWhereInput
	Or, And       []*roomWhereInput
	HasGuests     *bool
	HasGuestsWith []*strangerWhereInput `json:"hasGuestsWith,omitempty"`
}

func (i *roomWhereInput) AddPredicates(ps ...func(*sql.Selector)) {
	i.Predicates = append(i.Predicates, ps...)
}

func TestWallRefusesAnEdgeWithoutRule(t *testing.T) {
	yes := true
	err := wallWhere(ward, &roomWhereInput{HasGuests: &yes})
	if p, ok := problem.As(err); !ok || p.Code != problem.Forbidden || !strings.Contains(p.Message, "hasGuestsWith") {
		t.Fatalf("an edge to a kind without a rule: %v", err)
	}
}
