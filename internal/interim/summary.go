// Package interim computes the interim summary (sơ kết) of a phase from
// the warehouse, so that leaders read the numbers analysts get: plans and
// reports, participation, ideas, adoptions and awards, for the city or a
// unit's subtree, each fact counted in the unit where it happened and,
// restated, in the unit it belongs to today. The GraphQL field, the HTML
// page and the workbook are all built on Summary.
package interim

import (
	"fmt"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Phase is the stretch of years a summary covers.
type Phase struct {
	Name       string // "2022-2025"
	Start, End int
}

// ParsePhase reads a phase's name, "2022-2025".
func ParsePhase(name string) (Phase, error) {
	var p Phase
	if _, err := fmt.Sscanf(name, "%d-%d", &p.Start, &p.End); err != nil || p.Start < 2000 || p.End < p.Start ||
		p.End-p.Start > 10 || fmt.Sprintf("%d-%d", p.Start, p.End) != name {
		return Phase{}, fmt.Errorf("phase %q: want YYYY-YYYY, such as 2022-2025", name)
	}
	p.Name = name
	return p, nil
}

// Years lists the phase's years.
func (p Phase) Years() []int {
	var out []int
	for y := p.Start; y <= p.End; y++ {
		out = append(out, y)
	}
	return out
}

// Summary is what the interim review shows. Counts are ints so that the
// GraphQL layer binds them as they are.
type Summary struct {
	Phase Phase
	Scope string // the unit path it covers: "/HCM/" for the city
	// RefreshedAt is the store's moment the warehouse holds (the latest
	// successful ETL run's snapshot), in Asia/Ho_Chi_Minh.
	RefreshedAt time.Time
	RunID       string

	Overview            Overview
	Plans               []PlanRow
	Reports             []ReportRow
	Participation       []ParticipationRow
	ParticipationByType []ParticipationRow
	Ideas               []IdeaRow
	IdeasByField        []IdeaRow
	IdeasByType         []IdeaRow
	Milestones          []Milestone
	Adoptions           []AdoptionRow
	TopIdeas            []TopIdea
	Awards              []AwardRow
	AwardsOnIdeas       []AwardsOnIdeasRow
	AwardsByType        []AwardsOnIdeasRow
	Units               []UnitRow // as they were
	Restated            []UnitRow // on today's units
	StandoutUnits       []UnitRow
	StandoutPeople      []Person
	LaggingUnits        []Lagging

	FollowUpIdeas []FollowUpIdea // at most maxFollowUpIdeas; the overview counts them all
	Nominations   []NominationRow
	Eligible      []EligibleRow
	Problems      []ProblemRow
	Exemplars     []Exemplar

	// Proposals is the list proposed for awards (proposals.go), at most
	// maxProposals lines drawn from the criteria and the standouts;
	// ProposalCounts count every recipient the criteria made eligible.
	Proposals      []Proposal
	ProposalCounts []ProposalCount
	// ProposalsOmitUnitLevel: the list (the city's) leaves out those
	// whose highest level is a unit head's certificate; the counts do not.
	ProposalsOmitUnitLevel bool
}

// Empty reports whether the scope has no fact at all in the phase: a
// summary of zeros would look like a fact, so it is shown as "no data".
func (s Summary) Empty() bool {
	return len(s.Reports) == 0 && len(s.Participation) == 0 && len(s.Ideas) == 0 &&
		len(s.Adoptions) == 0 && len(s.Awards) == 0 && s.Overview.PlansIssued == 0
}

// Overview is the phase at a glance.
type Overview struct {
	Units          int // units (not the city) that existed at some time in the phase
	CurrentUnits   int // today's units the scope restates onto
	PlansIssued    int
	PlansSent      int
	ReportsDue     int
	ReportsSent    int
	ReportsLate    int
	Individuals    int // distinct people who took part at some time in the phase
	Ideas          int
	IdeasEffective int
	IdeasCityWide  int
	Adoptions      int
	IdeasSpread    int // ideas adopted by two units or more in the phase
	Awards         int // standing awards
	AwardsOnIdeas  int

	IdeasAwaitingCity     int // referred or proposed to the city, not yet decided
	IdeasHalted           int // halted for correction at the refresh
	PilotsIneffective     int // piloted, and the latest evaluation found them not effective
	NominationsInProgress int // drafted, submitted, approved by the council or forwarded, not yet decided
	EligibleNotNominated  int // recipient-years the criteria make eligible that no nomination or award names
	// UnitYearsWithoutProblem counts, year by year, the units that existed
	// and recorded no chosen problem.
	UnitYearsWithoutProblem int
	Exemplars               int
}

// PlanRow: the units of a type that were to carry out the movement in the
// phase (that existed at some time in it), and how many issued, launched
// and sent their plan, and tied it to Directive 05.
type PlanRow struct {
	UnitType                                 domain.UnitType
	Units, Issued, Launched, Sent, Directive int
}

// Missing is the units of the row without an issued plan.
func (p PlanRow) Missing() int { return p.Units - p.Issued }

// ReportRow: the reports of a year and kind: due, sent, sent late, not sent.
type ReportRow struct {
	Year                    int
	Kind                    domain.ReportKind
	Due, Sent, Late, Unsent int
}

// ParticipationRow: participants of a year (and unit type, by type).
// Individuals are distinct people; Headcount sums the units that still
// existed at the end of the year (a unit dissolved in a reorganisation
// and its successor report the same people); Rate is individuals over
// headcount, nil without a headcount.
type ParticipationRow struct {
	Year                                int
	UnitType                            domain.UnitType
	Individuals, Collectives, Headcount int
	Rate                                *float64
}

// IdeaRow: ideas proposed in a year (or of a field, over the phase; or of
// a unit type, in a year) and how far they went.
type IdeaRow struct {
	Year                                              int
	Field                                             domain.IdeaField
	UnitType                                          domain.UnitType
	Proposed, Approved, Piloted, Effective            int
	AppliedInUnit, AppliedCityWide, RatedByMinistries int
}

// Milestone: of the phase's ideas that reached a step, how many and the
// median of days from proposal to it (the mean of the two middle values
// for an even count).
type Milestone struct {
	Step       string // APPROVED, STARTED, EVALUATED, APPLIED_IN_UNIT, APPLIED_CITY_WIDE, RATED_BY_MINISTRIES
	Ideas      int
	MedianDays *float64
}

// AdoptionRow: the adoptions of a year, the ideas adopted, and those
// adopted by two units or more that year.
type AdoptionRow struct {
	Year                     int
	Adoptions, Ideas, Spread int
}

// TopIdea: one of the ideas most adopted in the phase by units of the
// scope; Title comes from the store when the server has one.
type TopIdea struct {
	Code, Title            string
	Field                  domain.IdeaField
	OriginCode, OriginName string
	Adoptions, Adopters    int
}

// AwardRow: standing awards (not revoked by a later decision) of a year,
// level and recipient kind.
type AwardRow struct {
	Year   int
	Level  domain.AwardLevel
	Kind   domain.RecipientKind
	Awards int
}

// AwardsOnIdeasRow: standing awards of a year (and unit type, by type),
// and those resting on ideas.
type AwardsOnIdeasRow struct {
	UnitType              domain.UnitType
	Year, Awards, OnIdeas int
}

// UnitRow is a unit's phase: as it was (Units = 1), or restated on a
// unit of today with every unit that rolls up to it.
type UnitRow struct {
	Code, Name                            string
	Type                                  domain.UnitType
	Current                               bool
	Units                                 int // units counted in the row
	PlansIssued, PlansLaunched, PlansSent int
	ReportsDue, ReportsSent, ReportsLate  int
	// Individual participations and headcounts summed over the years;
	// restated, only the headcounts of units that still existed at the end
	// of each year count.
	Participations, Collectives, Headcount int
	Rate                                   *float64
	Ideas, Effective, AppliedCityWide      int
	Adoptions, Awards                      int
	Problems                               int // problems chosen to pilot, one a year at most per unit

	heldAtYearEnd int
}

// ReportsUnsent is the row's due reports not sent.
func (u UnitRow) ReportsUnsent() int { return u.ReportsDue - u.ReportsSent }

// Person: someone who stands out, by standing individual awards and then
// ideas proposed. Key is the warehouse's pseudonym; Name and UnitName
// are filled by the server from the store for viewers who may read them.
type Person struct {
	Key            string
	Name, UnitName string
	Awards, Ideas  int
}

// Lagging: a unit of today (restated) that has not issued a plan for the
// phase, has no idea proposed in it, or has a due report not sent.
type Lagging struct {
	Code, Name               string
	Type                     domain.UnitType
	NoPlan, NoIdea, NoReport bool
	NoProblem                bool // no problem chosen to pilot in any year of the phase
}
