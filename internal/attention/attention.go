// Package attention lists what waits on a viewer (Kế hoạch 1821, mục V.4:
// "theo dõi, đôn đốc"): for the board, units late with plans or reports,
// ideas proposed to the city and nominations at the city's steps; for a
// unit head, ideas and nominations waiting for their decision, pilots past
// their planned end, reports due soon; for a unit's officer, its reports and
// plans; for a member, their own ideas' next steps. Each kind is one query
// (with its unit loaded alongside), so the statements a list costs do not
// grow with its items.
package attention

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/phase"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/planning"
)

// Kind is what an item waits for.
type Kind string

// The kinds of item.
const (
	LatePlan             Kind = "LATE_PLAN"
	LateReport           Kind = "LATE_REPORT"
	ReportDueSoon        Kind = "REPORT_DUE_SOON"
	IdeaAwaitingCity     Kind = "IDEA_AWAITING_CITY"
	IdeaAwaitingDecision Kind = "IDEA_AWAITING_DECISION"
	PilotOverdue         Kind = "PILOT_OVERDUE"
	VoteToRecord         Kind = "VOTE_TO_RECORD"
	NominationToForward  Kind = "NOMINATION_TO_FORWARD"
	NominationToDecide   Kind = "NOMINATION_TO_DECIDE"
	IdeaNextStep         Kind = "IDEA_NEXT_STEP"
)

// Kinds in the order a list shows them.
var Kinds = []Kind{LatePlan, LateReport, ReportDueSoon, IdeaAwaitingCity, IdeaAwaitingDecision, PilotOverdue,
	VoteToRecord, NominationToForward, NominationToDecide, IdeaNextStep}

// Item is one thing waiting on the viewer.
type Item struct {
	Kind    Kind
	Title   string     // Vietnamese, ready to show
	DueOn   *time.Time // the day it was or is due, when there is one
	Unit    *ent.Unit
	Subject ent.Noder // the record it concerns
}

// MaxWithinDays bounds how far ahead "due soon" looks.
const MaxWithinDays = 366

// MaxPerKind bounds each kind's items: a list is a reminder, not a report;
// the counts say how many there are.
const MaxPerKind = 200

// List is the viewer's list and the count of each kind.
type List struct {
	Items  []Item
	Counts map[Kind]int
}

// For lists what waits on the viewer in ctx, reading through the viewer's
// privacy rules; withinDays is how far ahead "due soon" looks.
func For(ctx context.Context, client *ent.Client, withinDays int) (List, error) {
	v := access.FromContext(ctx)
	today := clock.Today(ctx)
	soon := today.AddDate(0, 0, min(max(withinDays, 0), MaxWithinDays))
	l := List{Counts: map[Kind]int{}}
	var steps []func() error
	add := func(f func() error) { steps = append(steps, f) }
	board := v.Has(access.CityAdmin)
	head := v.Scoped() && v.Has(access.UnitHead)
	officer := v.Scoped() && v.Has(access.UnitAdmin)
	if board {
		add(func() error { return l.latePlans(ctx, client, today) })
		add(func() error { return l.reports(ctx, client, LateReport, today) })
		add(func() error {
			return l.ideas(ctx, client, IdeaAwaitingCity, idea.StatusIn(domain.AwaitingCity()...))
		})
		add(func() error {
			return l.nominations(ctx, client, VoteToRecord, nomination.StatusEQ(domain.NominationStatusSubmitted),
				nomination.LevelNEQ(domain.AwardLevelUnitHeadCertificate))
		})
		add(func() error {
			return l.nominations(ctx, client, NominationToForward, nomination.StatusEQ(domain.NominationStatusCouncilApproved),
				nomination.LevelIn(domain.AwardLevelLaborOrderThirdClass, domain.AwardLevelPrimeMinisterCertificate))
		})
		add(func() error {
			return l.nominations(ctx, client, NominationToDecide, nomination.Or(
				nomination.And(nomination.StatusEQ(domain.NominationStatusCouncilApproved), nomination.LevelEQ(domain.AwardLevelCityChairmanCertificate)),
				nomination.StatusEQ(domain.NominationStatusForwarded)))
		})
	}
	if head && !board {
		add(func() error {
			return l.ideas(ctx, client, IdeaAwaitingDecision, idea.StatusIn(domain.IdeaStatusSubmitted, domain.IdeaStatusUnderReview))
		})
		add(func() error {
			return l.ideas(ctx, client, PilotOverdue, idea.StatusEQ(domain.IdeaStatusPiloting), idea.PilotPlannedEndLT(today))
		})
		add(func() error {
			return l.nominations(ctx, client, VoteToRecord, nomination.StatusEQ(domain.NominationStatusSubmitted),
				nomination.LevelEQ(domain.AwardLevelUnitHeadCertificate))
		})
		add(func() error {
			return l.nominations(ctx, client, NominationToDecide, nomination.StatusEQ(domain.NominationStatusCouncilApproved),
				nomination.LevelEQ(domain.AwardLevelUnitHeadCertificate))
		})
	}
	if (head || officer) && !board {
		add(func() error { return l.reports(ctx, client, ReportDueSoon, soon.AddDate(0, 0, 1)) })
		add(func() error { return l.latePlans(ctx, client, today) })
	}
	if v.Scoped() && v.Has(access.Member) && v.Sub != "" {
		add(func() error {
			return l.ideas(ctx, client, IdeaNextStep, idea.StatusIn(domain.IdeaStatusDraft, domain.IdeaStatusHaltedForCorrection),
				idea.HasProposersWith(person.Code(v.Sub)))
		})
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return List{}, err
		}
	}
	order := map[Kind]int{}
	for i, k := range Kinds {
		order[k] = i
	}
	sort.SliceStable(l.Items, func(i, j int) bool { return order[l.Items[i].Kind] < order[l.Items[j].Kind] })
	return l, nil
}

func (l *List) push(it Item) { l.Items = append(l.Items, it) }

// latePlans: for each phase under way (or just over), the units that did
// not send their plan by its due day.
func (l *List) latePlans(ctx context.Context, client *ent.Client, today time.Time) error {
	phases, err := client.Phase.Query().Where(phase.PlansDueOnNotNil(), phase.PlansDueOnLT(today),
		phase.EndYearGTE(today.Year()-1)).All(ctx)
	if err != nil {
		return err
	}
	for _, p := range phases {
		q := client.Unit.Query().Where(planning.WithLatePlan(ctx, p, today)...)
		n, err := q.Clone().Count(ctx)
		if err != nil {
			return err
		}
		l.Counts[LatePlan] += n
		us, err := q.Order(ent.Asc(unit.FieldCode)).Limit(MaxPerKind).All(ctx)
		if err != nil {
			return err
		}
		for _, u := range us {
			l.push(Item{Kind: LatePlan, Unit: u, Subject: u, DueOn: p.PlansDueOn,
				Title: fmt.Sprintf("%s chưa gửi kế hoạch giai đoạn %s (hạn %s)", u.Name, p.Name, p.PlansDueOn.Format("02/01/2006"))})
		}
	}
	return nil
}

// reports: unsent reports due before until — overdue ones for the board,
// those due within the horizon (overdue included) for a unit.
func (l *List) reports(ctx context.Context, client *ent.Client, k Kind, until time.Time) error {
	q := client.UnitReport.Query().Where(unitreport.SentOnIsNil(), unitreport.DueOnNotNil(), unitreport.DueOnLT(until))
	n, err := q.Clone().Count(ctx)
	if err != nil {
		return err
	}
	l.Counts[k] += n
	rs, err := q.WithUnit().Order(ent.Asc(unitreport.FieldDueOn), ent.Asc(unitreport.FieldID)).Limit(MaxPerKind).All(ctx)
	if err != nil {
		return err
	}
	for _, r := range rs {
		title := fmt.Sprintf("%s: %s năm %d, hạn %s", r.Edges.Unit.Name, r.Kind.Label(), r.Year, r.DueOn.Format("02/01/2006"))
		if k == LateReport {
			title = fmt.Sprintf("%s chưa gửi %s năm %d (quá hạn %s)", r.Edges.Unit.Name, r.Kind.Label(), r.Year, r.DueOn.Format("02/01/2006"))
		}
		l.push(Item{Kind: k, Unit: r.Edges.Unit, Subject: r, DueOn: r.DueOn, Title: title})
	}
	return nil
}

var ideaTitles = map[Kind]string{
	IdeaAwaitingCity:     "Ý tưởng “%s” của %s đã được trình, đề xuất lên Thành phố, chờ Thành phố quyết định",
	IdeaAwaitingDecision: "Ý tưởng “%s” của %s chờ người đứng đầu xem xét, quyết định",
	PilotOverdue:         "Thí điểm ý tưởng “%s” của %s đã quá thời hạn dự kiến, chưa đánh giá kết quả",
	IdeaNextStep:         "Ý tưởng “%s” của bạn (%s) đang chờ bạn hoàn thiện, báo cáo",
}

func (l *List) ideas(ctx context.Context, client *ent.Client, k Kind, where ...predicate.Idea) error {
	q := client.Idea.Query().Where(where...)
	n, err := q.Clone().Count(ctx)
	if err != nil {
		return err
	}
	l.Counts[k] += n
	is, err := q.WithUnit().Order(ent.Asc(idea.FieldProposedOn), ent.Asc(idea.FieldID)).Limit(MaxPerKind).All(ctx)
	if err != nil {
		return err
	}
	for _, i := range is {
		it := Item{Kind: k, Unit: i.Edges.Unit, Subject: i, Title: fmt.Sprintf(ideaTitles[k], i.Title, i.Edges.Unit.Name)}
		if k == PilotOverdue {
			it.DueOn = i.PilotPlannedEnd
		}
		l.push(it)
	}
	return nil
}

var nominationTitles = map[Kind]string{
	VoteToRecord:        "Hồ sơ đề nghị %s năm %d của %s chờ Hội đồng Thi đua – Khen thưởng xét",
	NominationToForward: "Hồ sơ đề nghị %s năm %d của %s đã được Hội đồng thông qua, chờ trình Trung ương",
	NominationToDecide:  "Hồ sơ đề nghị %s năm %d của %s chờ quyết định khen thưởng",
}

func (l *List) nominations(ctx context.Context, client *ent.Client, k Kind, where ...predicate.Nomination) error {
	q := client.Nomination.Query().Where(where...)
	n, err := q.Clone().Count(ctx)
	if err != nil {
		return err
	}
	l.Counts[k] += n
	ns, err := q.WithUnit().Order(ent.Asc(nomination.FieldID)).Limit(MaxPerKind).All(ctx)
	if err != nil {
		return err
	}
	for _, x := range ns {
		l.push(Item{Kind: k, Unit: x.Edges.Unit, Subject: x,
			Title: fmt.Sprintf(nominationTitles[k], x.Level.Label(), x.Year, x.Edges.Unit.Name)})
	}
	return nil
}

// MarshalGQL writes the kind's code.
func (k Kind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a kind's code.
func (k *Kind) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	for _, x := range Kinds {
		if string(x) == s {
			*k = x
			return nil
		}
	}
	return fmt.Errorf("%q is not an attention kind", s)
}
