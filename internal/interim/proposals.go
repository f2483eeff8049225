package interim

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// The list a review proposes for awards (Kế hoạch 1821 §IV.1b: "tiến hành
// khen thưởng theo thẩm quyền và đề nghị Ủy ban nhân dân Thành phố khen
// thưởng"; §III.2: "Thành tích tới đâu khen thưởng đến đó"). It is drawn
// from the warehouse like every other figure of the review: each collective
// and individual the criteria made eligible in a year of the phase
// (fact_eligibility), at the highest level of any of those years, and the
// units and people who stand out although no criterion is met yet, for the
// author to weigh. The author confirms every line; the list proposes, it
// does not decide.

// Proposal is one line of the list.
type Proposal struct {
	Kind domain.RecipientKind
	Key  string // the individual's pseudonym; empty for a collective
	// The collective, or the individual's unit: where they work now (their
	// latest membership, from the store), or else where they ended their
	// latest eligible year.
	UnitID             int
	UnitCode, UnitName string
	// EligibleIn is the unit an individual was in at the end of their
	// latest eligible year, when that is not UnitName.
	EligibleIn string
	// Name is the person's, filled from the store (Labels); a
	// collective's is its unit's.
	Name string
	// Level is the highest level the criteria allow in a year of the
	// phase; empty when the line is there only because it stands out.
	Level     domain.AwardLevel
	Years     []int // the years the criteria were met
	Nominated bool  // a nomination names it in one of those years
	Awarded   bool  // a standing award of one of those years names it
	Standout  bool  // among the review's standout units or people
	Awards    int   // a standout's standing awards in the phase
	Ideas     []ProposalIdea
	MoreIdeas int // ideas with a milestone beyond those listed
}

// ProposalIdea is an achievement of a line: an idea and the days it
// reached each step, as decided (the warehouse's dates).
type ProposalIdea struct {
	ID                                   int
	Code, Title                          string
	Year                                 int
	Approved, Effective, CityWide, Rated *time.Time
}

// ProposalCount: how many recipients of a kind the list proposes at a
// level, all of them (the list itself is bounded).
type ProposalCount struct {
	Level      domain.AwardLevel
	Kind       domain.RecipientKind
	Recipients int
}

const (
	// maxProposals bounds the list a review carries; the counts are whole.
	maxProposals = 1000
	// maxProposalIdeas is how many achievements a line names.
	maxProposalIdeas = 5
)

// recipientKey groups fact_eligibility's rows by recipient: an individual
// by pseudonym across the units they worked in, a collective by unit.
const recipientKey = `if(recipient_kind = 'COLLECTIVE', toString(unit_id), person_key)`

// proposalSteps read the list and its counts. The city's list leaves out
// the recipients whose highest level is a unit head's certificate (giấy
// khen): the plan leaves those to each unit (§III.3.3: "Do các cơ quan,
// đơn vị, địa phương thuộc Thành phố quy định theo thẩm quyền"), whose own
// report lists them; the city's counts them. At city scale they were
// 9 in 10 of the eligible.
func (s *Summary) proposalSteps() []step {
	listed := ""
	if strings.Count(s.Scope, "/") <= 2 {
		s.ProposalsOmitUnitLevel = true
		unitLevel := proposalRank(domain.AwardLevelUnitHeadCertificate) + 1 // the enum's value
		listed = " HAVING min(CAST(level AS Int8)) < " + strconv.Itoa(unitLevel)
	}
	return []step{
		{`SELECT toString(recipient_kind), any(person_key), argMax(unit_id, year), toInt64(min(CAST(level AS Int8))),
				arraySort(groupUniqArray(year)), max(nominated), max(awarded)
			FROM $db.fact_eligibility WHERE $years AND $fact_scope
			GROUP BY recipient_kind, ` + recipientKey + listed + `
			ORDER BY min(CAST(level AS Int8)), recipient_kind DESC, ` + recipientKey + `
			LIMIT ` + strconv.Itoa(maxProposals),
			func(r driver.Rows) error {
				var p Proposal
				var kind string
				var unit uint64
				var level int64
				var years []uint16
				var nominated, awarded uint8
				if err := r.Scan(&kind, &p.Key, &unit, &level, &years, &nominated, &awarded); err != nil {
					return err
				}
				p.Kind, p.Level, p.UnitID = domain.RecipientKind(kind), levelAt(level), int(unit)
				for _, y := range years {
					p.Years = append(p.Years, int(y))
				}
				p.Nominated, p.Awarded = nominated == 1, awarded == 1
				s.Proposals = append(s.Proposals, p)
				return nil
			}},
		{`SELECT toInt64(level), kind, count() FROM (
				SELECT min(CAST(level AS Int8)) AS level, toString(any(recipient_kind)) AS kind
				FROM $db.fact_eligibility WHERE $years AND $fact_scope
				GROUP BY recipient_kind, ` + recipientKey + `)
			GROUP BY level, kind ORDER BY level, kind`,
			func(r driver.Rows) error {
				var c ProposalCount
				var level int64
				var kind string
				var n uint64
				if err := r.Scan(&level, &kind, &n); err != nil {
					return err
				}
				c.Level, c.Kind, c.Recipients = levelAt(level), domain.RecipientKind(kind), int(n)
				s.ProposalCounts = append(s.ProposalCounts, c)
				return nil
			}},
	}
}

// levelAt is the level of the warehouse's enum value (1 is the highest).
func levelAt(v int64) domain.AwardLevel {
	levels := domain.AwardLevel("").Values()
	if v < 1 || int(v) > len(levels) {
		return ""
	}
	return domain.AwardLevel(levels[v-1])
}

// finishProposals names the lines' units and adds the standouts no
// criterion put on the list: the review names them, so the author decides
// whether to propose them.
func (s *Summary) finishProposals(l *loader) {
	byCode := map[string]*dimUnit{}
	for _, u := range l.units {
		byCode[u.code] = u
	}
	listed := map[string]bool{}
	for i := range s.Proposals {
		p := &s.Proposals[i]
		if u := l.units[uint64(p.UnitID)]; u != nil {
			p.UnitCode, p.UnitName = u.code, u.name
		}
		if p.Kind == domain.RecipientKindCollective {
			p.Name = p.UnitName
			listed["u"+p.UnitCode] = true
		} else {
			listed["p"+p.Key] = true
		}
	}
	for _, u := range s.StandoutUnits {
		if at := slices.IndexFunc(s.Proposals, func(p Proposal) bool {
			return p.Kind == domain.RecipientKindCollective && p.UnitCode == u.Code
		}); at >= 0 {
			s.Proposals[at].Standout, s.Proposals[at].Awards = true, u.Awards
			continue
		}
		if listed["u"+u.Code] {
			continue
		}
		p := Proposal{Kind: domain.RecipientKindCollective, UnitCode: u.Code, UnitName: u.Name, Name: u.Name, Standout: true, Awards: u.Awards}
		if d := byCode[u.Code]; d != nil {
			p.UnitID = int(d.id)
		}
		s.Proposals = append(s.Proposals, p)
	}
	for _, sp := range s.StandoutPeople {
		if at := slices.IndexFunc(s.Proposals, func(p Proposal) bool { return p.Key == sp.Key }); at >= 0 {
			s.Proposals[at].Standout, s.Proposals[at].Awards = true, sp.Awards
			continue
		}
		s.Proposals = append(s.Proposals, Proposal{Kind: domain.RecipientKindIndividual, Key: sp.Key, Standout: true, Awards: sp.Awards})
	}
	slices.SortStableFunc(s.Proposals, func(a, b Proposal) int {
		return cmp.Or(proposalRank(a.Level)-proposalRank(b.Level), cmp.Compare(a.Kind, b.Kind))
	})
}

// proposalRank orders the list by level, highest first, and the lines
// only standing out last.
func proposalRank(l domain.AwardLevel) int {
	if l == "" {
		return len(l.Values())
	}
	return slices.Index(l.Values(), string(l))
}

// proposalIdeas reads the lines' achievements: for an individual the
// ideas they proposed, for a collective its unit's, up to the phase's end,
// that reached approval at least; the most advanced first.
func (s *Summary) proposalIdeas(ctx context.Context, q query) error {
	var keys, units []string
	quote := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	for _, p := range s.Proposals {
		if p.Kind == domain.RecipientKindCollective && p.UnitID > 0 {
			units = append(units, strconv.Itoa(p.UnitID))
		} else if p.Key != "" {
			keys = append(keys, "'"+quote.Replace(p.Key)+"'")
		}
	}
	if len(keys)+len(units) == 0 {
		return nil
	}
	var cond []string
	if len(units) > 0 {
		cond = append(cond, "unit_id IN ("+strings.Join(units, ", ")+")")
	}
	if len(keys) > 0 {
		cond = append(cond, "hasAny(proposer_keys, ["+strings.Join(keys, ", ")+"])")
	}
	byUnit := map[int][]ProposalIdea{}
	byKey := map[string][]ProposalIdea{}
	err := q.each(ctx, `SELECT idea_id, code, year, unit_id, proposer_keys, approved_on, if(ifNull(effective, 0) = 1, evaluated_on, NULL),
			applied_city_wide_on, rated_by_ministries_on
		FROM $db.fact_idea WHERE year <= `+strconv.Itoa(s.Phase.End)+` AND isNotNull(approved_on) AND (`+strings.Join(cond, " OR ")+`)
		ORDER BY isNull(rated_by_ministries_on), isNull(applied_city_wide_on), ifNull(effective, 0) = 0, approved_on, idea_id`,
		func(r driver.Rows) error {
			var i ProposalIdea
			var id, unit uint64
			var y uint16
			var proposers []string
			if err := r.Scan(&id, &i.Code, &y, &unit, &proposers, &i.Approved, &i.Effective, &i.CityWide, &i.Rated); err != nil {
				return err
			}
			i.ID, i.Year = int(id), int(y)
			for _, d := range []**time.Time{&i.Approved, &i.Effective, &i.CityWide, &i.Rated} {
				if *d != nil {
					day := time.Date((*d).Year(), (*d).Month(), (*d).Day(), 0, 0, 0, 0, time.UTC)
					*d = &day
				}
			}
			byUnit[int(unit)] = append(byUnit[int(unit)], i)
			for _, k := range proposers {
				byKey[k] = append(byKey[k], i)
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("award list: achievements: %w", err)
	}
	for i := range s.Proposals {
		p := &s.Proposals[i]
		ideas := byKey[p.Key]
		if p.Kind == domain.RecipientKindCollective {
			ideas = byUnit[p.UnitID]
		}
		p.Ideas = ideas[:min(len(ideas), maxProposalIdeas)]
		p.MoreIdeas = len(ideas) - len(p.Ideas)
	}
	// A line that is there only for standing out, with no award and no
	// idea that went as far as approval, proposes nothing to weigh.
	s.Proposals = slices.DeleteFunc(s.Proposals, func(p Proposal) bool {
		return p.Level == "" && p.Awards == 0 && len(p.Ideas) == 0
	})
	return nil
}
