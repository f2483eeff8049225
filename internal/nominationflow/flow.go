// Package nominationflow carries a nomination for an award (§III.5) from
// draft to decision: the dossier, submission checked against the dossier's
// completeness and the award criteria, the emulation council's vote,
// forwarding of levels 1–2 to the Prime Minister or the President, the
// decision that creates the award, and corrections that revoke an award
// by a new decision. Every step is one transaction, checked and audited.
package nominationflow

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/dossierdocument"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// central reports whether a level is decided above the city (levels 1–2):
// the city forwards it to the Prime Minister or the President.
func central(l domain.AwardLevel) bool {
	return l == domain.AwardLevelLaborOrderThirdClass || l == domain.AwardLevelPrimeMinisterCertificate
}

// cityDecides reports whether the city's council votes and the city's
// side records the decision (levels 1–3); the unit's own for level 4.
func cityDecides(l domain.AwardLevel) bool { return l != domain.AwardLevelUnitHeadCertificate }

func sys(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// load reads a nomination with its proposing unit and checks the status
// and the version the client saw.
func load(ctx context.Context, client *ent.Client, id, version int, want ...domain.NominationStatus) (*ent.Nomination, error) {
	n, err := client.Nomination.Query().Where(nomination.ID(id)).WithUnit().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy hồ sơ đề nghị khen thưởng.")
	}
	if err != nil {
		return nil, err
	}
	// Who may act comes before what state the dossier is in: a LEADER or the
	// recipient's unit learns nothing of a draft's gaps (or the discipline
	// notes the criteria quote) from a refusal.
	if v := access.FromContext(ctx); !v.Has(access.CityAdmin) && !(v.MayWrite("Nomination") && v.Covers(n.Edges.Unit.Path)) {
		return nil, problem.New(problem.Forbidden, "Chỉ đơn vị đề nghị hoặc Ban Thi đua – Khen thưởng được thao tác trên hồ sơ này.")
	}
	if n.Version != version {
		return nil, problem.New(problem.Conflict, "Hồ sơ vừa được người khác cập nhật (phiên bản hiện tại %d); hãy tải lại.", n.Version)
	}
	if !slices.Contains(want, n.Status) {
		return nil, problem.New(problem.InvalidTransition, "Hồ sơ đang ở trạng thái “%s”, không thể thực hiện thao tác này.", n.Status.Label())
	}
	return n, nil
}

// decider checks who may take a council or decision step: the board for
// levels decided by the city, the proposing unit's head for level 4.
func decider(ctx context.Context, n *ent.Nomination) error {
	v := access.FromContext(ctx)
	if v.Has(access.CityAdmin) {
		return nil
	}
	if !cityDecides(n.Level) && v.Has(access.UnitHead) && v.Covers(n.Edges.Unit.Path) {
		return nil
	}
	return problem.New(problem.Forbidden, "Bước này do %s thực hiện.", map[bool]string{
		true: "Ban Thi đua – Khen thưởng Thành phố", false: "người đứng đầu đơn vị đề nghị"}[cityDecides(n.Level)])
}

// move writes the next status and bumps the version, only from the version read.
func move(ctx context.Context, client *ent.Client, n *ent.Nomination, to domain.NominationStatus) *ent.NominationUpdateOne {
	return client.Nomination.UpdateOneID(n.ID).Where(nomination.Version(n.Version)).SetStatus(to).AddVersion(1)
}

func save(ctx context.Context, u *ent.NominationUpdateOne) (*ent.Nomination, error) {
	n, err := u.Save(access.AllowStatusChange(ctx))
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.Conflict, "Hồ sơ vừa được người khác cập nhật; hãy tải lại.")
	}
	return n, err
}

// requiredDocuments are the dossier's documents (§III.5.2); an enterprise
// collective also needs the tax authority's confirmation.
func requiredDocuments(ctx context.Context, n *ent.Nomination) ([]domain.DocumentKind, error) {
	kinds := []domain.DocumentKind{domain.DocumentKindSubmissionLetter, domain.DocumentKindCouncilMinutes, domain.DocumentKindAchievementSummary}
	if n.RecipientUnitID != nil {
		u, err := n.QueryRecipientUnit().Only(sys(ctx))
		if err != nil {
			return nil, err
		}
		if u.Type == domain.UnitTypeStateEnterprise {
			kinds = append(kinds, domain.DocumentKindTaxConfirmation)
		}
	}
	return kinds, nil
}

// Submit sends a draft for the council's review. It is refused while the
// dossier lacks a document or the criteria of the level are not met
// ("thành tích tới đâu khen thưởng đến đó"), unless CITY_ADMIN gives a
// written justification, which the audit log keeps.
func Submit(ctx context.Context, client *ent.Client, id, version int, justification *string) (*ent.Nomination, error) {
	n, err := load(ctx, client, id, version, domain.NominationStatusDraft)
	if err != nil {
		return nil, err
	}
	var gaps []string
	kinds, err := requiredDocuments(ctx, n)
	if err != nil {
		return nil, err
	}
	for _, k := range kinds {
		ok, err := client.DossierDocument.Query().Where(dossierdocument.NominationID(n.ID), dossierdocument.KindEQ(k)).Exist(sys(ctx))
		if err != nil {
			return nil, err
		}
		if !ok {
			gaps = append(gaps, "thiếu "+strings.ToLower(k.Label()))
		}
	}
	recipient := n.RecipientUnitID
	if n.RecipientPersonID != nil {
		recipient = n.RecipientPersonID
	}
	if recipient == nil {
		return nil, problem.New(problem.Validation, "Hồ sơ chưa có người hoặc tập thể được đề nghị.")
	}
	facts, err := eligibility.Load(sys(ctx), client, *recipient, n.Year)
	if err != nil {
		return nil, err
	}
	// A judged criterion not yet judged waits for the council: it is the
	// council's to judge when it votes, not the proposer's to prove.
	for _, c := range eligibility.Evaluate(facts, n.Level) {
		if !c.Met && !c.Pending {
			gaps = append(gaps, c.Label+": "+c.Reason)
		}
	}
	upd := move(ctx, client, n, domain.NominationStatusSubmitted).SetSubmittedAt(clock.Now(ctx))
	if len(gaps) > 0 {
		v := access.FromContext(ctx)
		if justification == nil || strings.TrimSpace(*justification) == "" || !v.Has(access.CityAdmin) {
			return nil, problem.New(problem.Validation, "Chưa thể trình hồ sơ đề nghị %s: %s.", n.Level.Label(), strings.Join(gaps, "; "))
		}
		upd.SetOverrideJustification(strings.TrimSpace(*justification))
	}
	return save(ctx, upd)
}

// Council is the emulation council's meeting on a nomination.
type Council struct {
	On                             time.Time
	Members, For, Against, Abstain int
	Judgements                     []Judgement
}

// Judgement is the council's word on a criterion the plan leaves to it.
type Judgement struct {
	Code   string
	Met    bool
	Reason string
}

// Vote records the emulation council's vote: valid with two thirds of its
// members present; passed with the votes of more than half of its members.
// With it the council judges the criteria the plan leaves to people
// (eligibility.Criterion.Judged): a vote passes only when each is judged met.
func Vote(ctx context.Context, client *ent.Client, id, version int, c Council) (*ent.Nomination, error) {
	n, err := load(ctx, client, id, version, domain.NominationStatusSubmitted)
	if err != nil {
		return nil, err
	}
	if err := decider(ctx, n); err != nil {
		return nil, err
	}
	members, yes, no, abstain := c.Members, c.For, c.Against, c.Abstain
	present := yes + no + abstain
	switch {
	case members <= 0 || yes < 0 || no < 0 || abstain < 0:
		return nil, problem.New(problem.Validation, "Số thành viên và số phiếu phải là số không âm, số thành viên lớn hơn 0.")
	case present > members:
		return nil, problem.New(problem.Validation, "Tổng số phiếu (%d) vượt số thành viên Hội đồng (%d).", present, members)
	case present*3 < members*2:
		return nil, problem.New(problem.Validation, "Cuộc họp không đủ số lượng: %d/%d thành viên, cần ít nhất hai phần ba.", present, members)
	}
	if n.SubmittedAt == nil {
		return nil, problem.New(problem.InvalidTransition, "Hồ sơ chưa được trình.")
	}
	if err := stepDay(ctx, "họp Hội đồng", c.On, clock.Day(*n.SubmittedAt), "ngày trình hồ sơ"); err != nil {
		return nil, err
	}
	passes := yes*2 > members
	judged, err := judge(ctx, client, n, c, passes)
	if err != nil {
		return nil, err
	}
	to := domain.NominationStatusRejected
	if passes {
		to = domain.NominationStatusCouncilApproved
	}
	upd := move(ctx, client, n, to).SetCouncilDate(c.On).SetCouncilMembers(members).
		SetVotesFor(yes).SetVotesAgainst(no).SetVotesAbstain(abstain)
	if len(judged) > 0 {
		upd.SetJudgements(judged)
	}
	return save(ctx, upd)
}

// judge checks the council's judgements against the level's judged
// criteria: each named once, with a reason; a passing vote judges every
// one of them met.
func judge(ctx context.Context, client *ent.Client, n *ent.Nomination, c Council, passes bool) ([]domain.Judgement, error) {
	recipient := n.RecipientUnitID
	if n.RecipientPersonID != nil {
		recipient = n.RecipientPersonID
	}
	facts, err := eligibility.Load(sys(ctx), client, *recipient, n.Year)
	if err != nil {
		return nil, err
	}
	facts.Judgements = nil // this council judges afresh
	want := map[string]string{}
	var order []string
	for _, cr := range eligibility.Evaluate(facts, n.Level) {
		if cr.Judged {
			want[cr.Code] = cr.Label
			order = append(order, cr.Code)
		}
	}
	got := map[string]domain.Judgement{}
	var out []domain.Judgement
	for _, j := range c.Judgements {
		code := strings.TrimSpace(j.Code)
		reason := strings.TrimSpace(j.Reason)
		switch _, ok := want[code]; {
		case !ok:
			return nil, problem.New(problem.Validation, "Tiêu chí “%s” không phải tiêu chí Hội đồng đánh giá ở mức %s.", code, n.Level.Label())
		case got[code].Code != "":
			return nil, problem.New(problem.Validation, "Tiêu chí “%s” được đánh giá hai lần.", want[code])
		case reason == "":
			return nil, problem.New(problem.Validation, "Đánh giá tiêu chí “%s” cần ghi rõ lý do.", want[code])
		case len([]rune(reason)) > 2000:
			return nil, problem.New(problem.Validation, "Lý do đánh giá tiêu chí “%s” dài quá 2000 ký tự.", want[code])
		}
		d := domain.Judgement{Code: code, Met: j.Met, Reason: reason, JudgedBy: access.FromContext(ctx).Sub, JudgedOn: c.On}
		got[code] = d
		out = append(out, d)
	}
	if passes {
		var missing, unmet []string
		for _, code := range order {
			j, ok := got[code]
			switch {
			case !ok:
				missing = append(missing, want[code])
			case !j.Met:
				unmet = append(unmet, want[code])
			}
		}
		if len(missing) > 0 {
			return nil, problem.New(problem.Validation, "Hội đồng chưa đánh giá tiêu chí: %s.", strings.Join(missing, "; "))
		}
		if len(unmet) > 0 {
			return nil, problem.New(problem.Validation, "Hội đồng đánh giá không đạt tiêu chí: %s; hồ sơ không thể được thông qua.", strings.Join(unmet, "; "))
		}
	}
	return out, nil
}

// stepDay: a step's day is a decision's day, so it has happened (not
// after today in Asia/Ho_Chi_Minh) and follows the step before it.
func stepDay(ctx context.Context, what string, on, after time.Time, afterWhat string) error {
	if on.IsZero() {
		return problem.New(problem.Validation, "Thiếu ngày %s.", what)
	}
	if today := clock.Today(ctx); on.After(today) {
		return problem.New(problem.Validation, "Ngày %s (%s) chưa đến: hôm nay là %s.", what, on.Format("02/01/2006"), today.Format("02/01/2006"))
	}
	if on.Before(after) {
		return problem.New(problem.Validation, "Ngày %s (%s) trước %s (%s).", what, on.Format("02/01/2006"), afterWhat, after.Format("02/01/2006"))
	}
	return nil
}

// Forward records that the city sent a level 1–2 nomination to the Prime
// Minister (or, for the Labour Order, through him to the President).
func Forward(ctx context.Context, client *ent.Client, id, version int, on time.Time) (*ent.Nomination, error) {
	n, err := load(ctx, client, id, version, domain.NominationStatusCouncilApproved)
	if err != nil {
		return nil, err
	}
	if !central(n.Level) {
		return nil, problem.New(problem.InvalidTransition, "Chỉ hồ sơ Huân chương Lao động hạng Ba và Bằng khen của Thủ tướng Chính phủ được trình Trung ương.")
	}
	if !access.FromContext(ctx).Has(access.CityAdmin) {
		return nil, problem.New(problem.Forbidden, "Việc trình Trung ương do Ban Thi đua – Khen thưởng Thành phố thực hiện.")
	}
	if err := stepDay(ctx, "trình Trung ương", on, *n.CouncilDate, "ngày họp Hội đồng"); err != nil {
		return nil, err
	}
	to := "Thủ tướng Chính phủ"
	if n.Level == domain.AwardLevelLaborOrderThirdClass {
		to = "Chủ tịch nước (qua Thủ tướng Chính phủ)"
	}
	return save(ctx, move(ctx, client, n, domain.NominationStatusForwarded).SetForwardedOn(on).SetForwardedTo(to))
}

// Decision is the decision that grants an award.
type Decision struct {
	Number string
	Date   time.Time
	Issuer string
	Note   *string
}

func (d Decision) check() error {
	var missing []string
	if strings.TrimSpace(d.Number) == "" {
		missing = append(missing, "số quyết định")
	}
	if d.Date.IsZero() {
		missing = append(missing, "ngày quyết định")
	}
	if strings.TrimSpace(d.Issuer) == "" {
		missing = append(missing, "cấp ban hành")
	}
	if len(missing) > 0 {
		return problem.New(problem.Validation, "Quyết định khen thưởng còn thiếu: %s.", strings.Join(missing, ", "))
	}
	return nil
}

// Decide records the decision and creates the award: levels 3–4 after the
// council's approval, levels 1–2 once forwarded.
func Decide(ctx context.Context, client *ent.Client, id, version int, d Decision) (*ent.Award, error) {
	n, err := load(ctx, client, id, version, domain.NominationStatusCouncilApproved, domain.NominationStatusForwarded)
	if err != nil {
		return nil, err
	}
	if central(n.Level) && n.Status != domain.NominationStatusForwarded {
		return nil, problem.New(problem.InvalidTransition, "Hồ sơ %s phải được trình Trung ương trước khi ghi nhận quyết định.", n.Level.Label())
	}
	if err := decider(ctx, n); err != nil {
		return nil, err
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	prev, prevWhat := *n.CouncilDate, "ngày họp Hội đồng"
	if n.ForwardedOn != nil {
		prev, prevWhat = *n.ForwardedOn, "ngày trình Trung ương"
	}
	if err := stepDay(ctx, "quyết định khen thưởng", d.Date, prev, prevWhat); err != nil {
		return nil, err
	}
	unitID, err := recipientUnit(ctx, client, n)
	if err != nil {
		return nil, err
	}
	// A unit head's certificate lands in the head's own subtree: a person
	// who has since moved elsewhere is awarded by the board.
	if v := access.FromContext(ctx); !v.Has(access.CityAdmin) {
		u, err := client.Unit.Get(sys(ctx), unitID)
		if err != nil {
			return nil, err
		}
		if !v.Covers(u.Path) {
			return nil, problem.New(problem.Forbidden, "Người được đề nghị nay thuộc đơn vị ngoài phạm vi của bạn; quyết định do Ban Thi đua – Khen thưởng ghi nhận.")
		}
	}
	ideas, err := n.QueryIdeas().IDs(sys(ctx))
	if err != nil {
		return nil, err
	}
	if _, err := save(ctx, move(ctx, client, n, domain.NominationStatusAwarded)); err != nil {
		return nil, err
	}
	return client.Award.Create().SetUnitID(unitID).SetRecipientKind(n.RecipientKind).
		SetNillableRecipientPersonID(n.RecipientPersonID).SetLevel(n.Level).SetYear(n.Year).
		SetDecisionNumber(strings.TrimSpace(d.Number)).SetDecisionDate(d.Date).SetIssuer(strings.TrimSpace(d.Issuer)).
		SetNominationID(n.ID).AddIdeaIDs(ideas...).SetNillableNote(d.Note).Save(sys(ctx))
}

// recipientUnit is the collective itself, or the unit the person worked in
// at the end of the award's year.
func recipientUnit(ctx context.Context, client *ent.Client, n *ent.Nomination) (int, error) {
	if n.RecipientUnitID != nil {
		return *n.RecipientUnitID, nil
	}
	end := time.Date(n.Year+1, 1, 1, 0, 0, 0, 0, time.UTC) // stored days are civil days
	m, err := client.Membership.Query().Where(membership.PersonID(*n.RecipientPersonID), membership.ValidFromLT(end)).
		Order(ent.Desc(membership.FieldValidFrom)).First(sys(ctx))
	if err != nil {
		return 0, fmt.Errorf("recipient's unit: %w", err)
	}
	return m.UnitID, nil
}

// Correct revokes an award by a new decision, which may change the level;
// the old award stays as it was, marked revoked by the new one.
func Correct(ctx context.Context, client *ent.Client, awardID int, level *domain.AwardLevel, d Decision) (*ent.Award, error) {
	if !access.FromContext(ctx).Has(access.CityAdmin) {
		return nil, problem.New(problem.Forbidden, "Việc đính chính quyết định khen thưởng do Ban Thi đua – Khen thưởng Thành phố thực hiện.")
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	old, err := client.Award.Query().Where(award.ID(awardID)).WithRevokedBy().Only(sys(ctx))
	if ent.IsNotFound(err) {
		return nil, problem.New(problem.NotFound, "Không tìm thấy khen thưởng cần đính chính.")
	}
	if err != nil {
		return nil, err
	}
	if old.Edges.RevokedBy != nil {
		return nil, problem.New(problem.Conflict, "Khen thưởng này đã được đính chính bởi quyết định %s.", old.Edges.RevokedBy.DecisionNumber)
	}
	if err := stepDay(ctx, "quyết định đính chính", d.Date, old.DecisionDate, "ngày quyết định được đính chính"); err != nil {
		return nil, err
	}
	ideas, err := old.QueryIdeas().IDs(sys(ctx))
	if err != nil {
		return nil, err
	}
	l := old.Level
	if level != nil {
		l = *level
	}
	created, err := client.Award.Create().SetUnitID(old.UnitID).SetRecipientKind(old.RecipientKind).
		SetNillableRecipientPersonID(old.RecipientPersonID).SetLevel(l).SetYear(old.Year).
		SetDecisionNumber(strings.TrimSpace(d.Number)).SetDecisionDate(d.Date).SetIssuer(strings.TrimSpace(d.Issuer)).
		SetNillableNominationID(nil).AddIdeaIDs(ideas...).SetRevokesID(old.ID).SetNillableNote(d.Note).Save(sys(ctx))
	if ent.IsConstraintError(err) {
		return nil, problem.New(problem.Conflict, "Khen thưởng này vừa được đính chính.")
	}
	return created, err
}

// Withdraw takes back a nomination that no council has voted on yet.
func Withdraw(ctx context.Context, client *ent.Client, id, version int) (*ent.Nomination, error) {
	n, err := load(ctx, client, id, version, domain.NominationStatusDraft, domain.NominationStatusSubmitted)
	if err != nil {
		return nil, err
	}
	return save(ctx, move(ctx, client, n, domain.NominationStatusWithdrawn))
}
