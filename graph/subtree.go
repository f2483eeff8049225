package graph

import (
	"reflect"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/adoption"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/chosenproblem"
	"github.com/hcmc-thidua/thidua/ent/headcount"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/integrityflag"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/policy"
)

// unitColumns: the where inputs with a hasUnitWith filter, and the column
// of their row's unit.
var unitColumns = map[reflect.Type]string{
	reflect.TypeFor[ent.AdoptionWhereInput]():      adoption.FieldUnitID,
	reflect.TypeFor[ent.AwardWhereInput]():         award.FieldUnitID,
	reflect.TypeFor[ent.ChosenProblemWhereInput](): chosenproblem.FieldUnitID,
	reflect.TypeFor[ent.HeadcountWhereInput]():     headcount.FieldUnitID,
	reflect.TypeFor[ent.IdeaWhereInput]():          idea.FieldUnitID,
	reflect.TypeFor[ent.IntegrityFlagWhereInput](): integrityflag.FieldUnitID,
	reflect.TypeFor[ent.MembershipWhereInput]():    membership.FieldUnitID,
	reflect.TypeFor[ent.NominationWhereInput]():    nomination.FieldUnitID,
	reflect.TypeFor[ent.ParticipationWhereInput](): participation.FieldUnitID,
	reflect.TypeFor[ent.UnitPlanWhereInput]():      unitplan.FieldUnitID,
	reflect.TypeFor[ent.UnitReportWhereInput]():    unitreport.FieldUnitID,
}

// unitSubtree recognises hasUnitWith: [{pathHasPrefix: P}], the frontends'
// "everything under this unit", and gives P.
func unitSubtree(with []*ent.UnitWhereInput) (string, bool) {
	if len(with) != 1 || with[0] == nil || with[0].PathHasPrefix == nil {
		return "", false
	}
	rest := *with[0]
	rest.PathHasPrefix = nil
	if !reflect.ValueOf(rest).IsZero() {
		return "", false
	}
	return *with[0].PathHasPrefix, true
}

// inSubtree answers a list's unit-subtree filter, at any depth of its
// where (one of unitColumns' types), with policy.InSubtree: the same rows,
// planned as an index scan where ent's EXISTS made PostgreSQL read the
// whole table of a large store (docs/performance.md).
func inSubtree(where any) {
	v := reflect.ValueOf(where)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return
	}
	column, ok := unitColumns[v.Type().Elem()]
	if !ok {
		return
	}
	s := v.Elem()
	with := s.FieldByName("HasUnitWith")
	if p, ok := unitSubtree(with.Interface().([]*ent.UnitWhereInput)); ok {
		with.SetZero()
		add := v.MethodByName("AddPredicates")
		pred := reflect.ValueOf(policy.InSubtree(column, p)).Convert(add.Type().In(0).Elem())
		add.Call([]reflect.Value{pred})
	}
	inSubtree(s.FieldByName("Not").Interface())
	for _, name := range []string{"And", "Or"} {
		list := s.FieldByName(name)
		for i := range list.Len() {
			inSubtree(list.Index(i).Interface())
		}
	}
}
