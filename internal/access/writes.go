package access

// writers says which scoped roles may change each kind of record inside
// their subtree. CITY_ADMIN changes everything; LEADER and ANALYST nothing.
// Kinds not listed (phases, idea events, the audit log) are changed only by
// CITY_ADMIN or by the server's own workflows.
var writers = map[string][]Role{
	"Unit":            {UnitAdmin},
	"Person":          {UnitAdmin},
	"Membership":      {UnitAdmin},
	"Headcount":       {UnitAdmin},
	"UnitPlan":        {UnitAdmin, UnitHead},
	"ChosenProblem":   {UnitAdmin, UnitHead},
	"UnitReport":      {UnitAdmin, UnitHead},
	"Participation":   {UnitAdmin},
	"Idea":            {UnitAdmin, UnitHead, Member},
	"Adoption":        {UnitAdmin, UnitHead},
	"Nomination":      {UnitAdmin, UnitHead},
	"DossierDocument": {UnitAdmin, UnitHead},
	"Award":           {UnitAdmin},
	// Discipline and integrity records: the person's unit head (and the
	// board), never the unit's officers (issue 15).
	"IntegrityFlag": {UnitHead},
}

// MayWrite reports whether the viewer may change records of a kind at all;
// whether a particular record lies in the viewer's subtree is checked apart.
func (v *Viewer) MayWrite(kind string) bool {
	if v.Has(CityAdmin) {
		return true
	}
	if !v.Scoped() {
		return false
	}
	return v.HasAny(writers[kind]...)
}
