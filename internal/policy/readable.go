package policy

import (
	"errors"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent/adoption"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/chosenproblem"
	"github.com/hcmc-thidua/thidua/ent/dossierdocument"
	"github.com/hcmc-thidua/thidua/ent/headcount"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/integrityflag"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// ErrNoReadRule is Readable's answer for a kind it has no rule for: callers
// refuse rather than guess, so a new entity is unreadable until it has one.
var ErrNoReadRule = errors.New("policy: no read rule for this kind")

// publicKinds are read by every signed-in viewer (see Public).
var publicKinds = map[string]bool{"Unit": true, "Phase": true, "ReportCall": true, "Exemplar": true}

// scopedRules say which rows of each kind a scoped viewer reads, as a
// predicate on the kind's own table. They are the one definition behind both
// the privacy policies (read.go) and the walls on where filters
// (graph), so a filter can never reach a row a list would not show.
var scopedRules = map[string]func(v *access.Viewer, in subtree) func(*sql.Selector){
	// People with a membership, past or present, in the subtree.
	"Person": func(_ *access.Viewer, in subtree) func(*sql.Selector) {
		return person.HasMembershipsWith(in.has(membership.FieldUnitID))
	},
	"Membership":    unitColumn(membership.FieldUnitID),
	"Headcount":     unitColumn(headcount.FieldUnitID),
	"UnitPlan":      unitColumn(unitplan.FieldUnitID),
	"ChosenProblem": unitColumn(chosenproblem.FieldUnitID),
	"UnitReport":    unitColumn(unitreport.FieldUnitID),
	"Participation": unitColumn(participation.FieldUnitID),
	"Award":         unitColumn(award.FieldUnitID),
	"Idea": func(_ *access.Viewer, in subtree) func(*sql.Selector) {
		return readableIdea(in)
	},
	// The history of the ideas the viewer reads.
	"IdeaEvent": func(_ *access.Viewer, in subtree) func(*sql.Selector) {
		return ideaevent.HasIdeaWith(readableIdea(in))
	},
	// Adoptions by the subtree, and adoptions of its ideas elsewhere.
	"Adoption": func(_ *access.Viewer, in subtree) func(*sql.Selector) {
		return adoption.Or(in.has(adoption.FieldUnitID), adoption.HasIdeaWith(in.has(idea.FieldUnitID)))
	},
	"Nomination": func(_ *access.Viewer, in subtree) func(*sql.Selector) {
		return nominationOf(in)
	},
	// Documents of the nominations the viewer reads.
	"DossierDocument": func(_ *access.Viewer, in subtree) func(*sql.Selector) {
		return dossierdocument.HasNominationWith(nominationOf(in))
	},
	// Discipline and integrity records: the subtree's heads only (Readable
	// keeps them from every other reader, city-wide ones included).
	"IntegrityFlag": func(v *access.Viewer, in subtree) func(*sql.Selector) {
		if !v.Has(access.UnitHead) {
			return none
		}
		return in.has(integrityflag.FieldUnitID)
	},
}

// unitColumn is the rule of a kind read by the unit its row belongs to.
func unitColumn(column string) func(*access.Viewer, subtree) func(*sql.Selector) {
	return func(_ *access.Viewer, in subtree) func(*sql.Selector) { return in.has(column) }
}

// readableIdea: ideas of units in the subtree, and every idea evaluated
// effective, city-wide: those are the ones other units adopt (§II.2.5).
func readableIdea(in subtree) predicate.Idea {
	return idea.Or(in.has(idea.FieldUnitID), idea.StatusIn(domain.EffectiveStatuses()...))
}

// nominationOf: nominations the subtree proposed or received.
func nominationOf(in subtree) predicate.Nomination {
	return nomination.Or(in.has(nomination.FieldUnitID), in.has(nomination.FieldRecipientUnitID))
}

// none keeps no row.
func none(s *sql.Selector) { s.Where(sql.False()) }

// Readable is the rows of kind (ent's type name: "Idea", "Person"…) that
// the viewer reads, as a predicate on the kind's table, or nil when the
// viewer reads them all. Where the privacy policy refuses the viewer a kind
// outright (the audit log, a scoped role without a unit) it keeps no row:
// a filter is not the place to report that refusal, only to respect it.
func Readable(v *access.Viewer, kind string) (func(*sql.Selector), error) {
	if publicKinds[kind] {
		return nil, nil
	}
	if kind == "AuditEvent" {
		if v.Has(access.CityAdmin) {
			return nil, nil
		}
		return none, nil
	}
	rule, ok := scopedRules[kind]
	if !ok {
		return nil, ErrNoReadRule
	}
	if kind == "IntegrityFlag" && !v.Has(access.CityAdmin) {
		if !v.Scoped() {
			return none, nil // a leader or an analyst reads no discipline record
		}
		return rule(v, subtree(v.UnitPath)), nil
	}
	if v.ReadsCityWide() {
		return nil, nil
	}
	if !v.Scoped() {
		return none, nil
	}
	return rule(v, subtree(v.UnitPath)), nil
}

// ReadsEveryKind reports whether the viewer reads every row of every kind,
// so that nothing it asks for needs narrowing.
func ReadsEveryKind(v *access.Viewer) bool { return v.Has(access.CityAdmin) }
