package seed

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
)

// candidate is someone (a person, or a unit as a collective) an award for
// a year may go to, at the level their achievement reaches.
type candidate struct {
	Year   int
	Level  domain.AwardLevel
	Person int // -1 for a collective
	Unit   *unitRow
	Ideas  []int
}

// levelFor is the level an idea's furthest status reaches (§III.3).
func (g *generator) levelFor(s domain.IdeaStatus) domain.AwardLevel {
	switch s {
	case domain.IdeaStatusRatedByMinistries:
		if g.rng.IntN(100) < 30 {
			return domain.AwardLevelLaborOrderThirdClass
		}
		return domain.AwardLevelPrimeMinisterCertificate
	case domain.IdeaStatusAppliedCityWide:
		return domain.AwardLevelCityChairmanCertificate
	}
	return domain.AwardLevelUnitHeadCertificate
}

// decisionDay is when an award for the year is decided: the unit head's
// in December, the city's in the spring, the central ones later.
func (g *generator) decisionDay(level domain.AwardLevel, year int) time.Time {
	switch level {
	case domain.AwardLevelUnitHeadCertificate:
		return day(year, 12, 10+g.rng.IntN(20))
	case domain.AwardLevelCityChairmanCertificate:
		return between(g.rng, day(year+1, 1, 10), day(year+1, 4, 30))
	case domain.AwardLevelPrimeMinisterCertificate:
		return between(g.rng, day(year+1, 4, 1), day(year+1, 8, 31))
	}
	return between(g.rng, day(year+1, 6, 1), day(year+1, 12, 20))
}

func (g *generator) decisionNumber(level domain.AwardLevel, u *unitRow) string {
	n := 1 + g.rng.IntN(4000)
	switch level {
	case domain.AwardLevelLaborOrderThirdClass:
		return fmt.Sprintf("%d/QĐ-CTN", n)
	case domain.AwardLevelPrimeMinisterCertificate:
		return fmt.Sprintf("%d/QĐ-TTg", n)
	case domain.AwardLevelCityChairmanCertificate:
		return fmt.Sprintf("%d/QĐ-UBND", n)
	}
	return fmt.Sprintf("%d/QĐ-%s", n%400+1, u.Code)
}

// candidates: the proposers of every idea evaluated effective, and their
// unit as a collective, at the level the idea's furthest step reaches and
// in the year that step was decided ("thành tích tới đâu khen thưởng đến
// đó"); a unit head's certificate in the year an idea was evaluated
// effective, when it went no further that year.
func (g *generator) candidates() []candidate {
	var out []candidate
	for k, rec := range g.ideas {
		if !rec.Status.EffectiveOrBeyond() || rec.Effective == nil {
			continue
		}
		level := g.levelFor(rec.Status)
		year := rec.Effective.Year()
		switch {
		case rec.Rated != nil && central(level):
			year = rec.Rated.Year()
		case rec.CityWide != nil && level == domain.AwardLevelCityChairmanCertificate:
			year = rec.CityWide.Year()
		}
		for _, p := range rec.Proposers {
			out = append(out, candidate{Year: year, Level: level, Person: p, Unit: rec.Unit, Ideas: []int{k}})
		}
		if g.rng.IntN(100) < 25 {
			out = append(out, candidate{Year: year, Level: level, Person: -1, Unit: rec.Unit, Ideas: []int{k}})
		}
		if level != domain.AwardLevelUnitHeadCertificate && year != rec.Effective.Year() {
			for _, p := range rec.Proposers {
				out = append(out, candidate{Year: rec.Effective.Year(), Level: domain.AwardLevelUnitHeadCertificate, Person: p, Unit: rec.Unit, Ideas: []int{k}})
			}
		}
	}
	// Higher levels first, so that the cap on awards never cuts the rare ones.
	slices.SortStableFunc(out, func(a, b candidate) int { return levelRank(a.Level) - levelRank(b.Level) })
	return out
}

func levelRank(l domain.AwardLevel) int {
	return slices.Index(domain.AwardLevel("").Values(), string(l))
}

// insertAwards writes integrity flags, then for each candidate a
// nomination with its dossier, carried through the nomination workflow as
// the board would: submitted (the criteria checked against the store, as
// for the API), voted on by the council, forwarded for levels 1–2, and
// decided where the decision day has come; a few are voted down.
func (g *generator) insertAwards(ctx context.Context, tx *ent.Tx) error {
	flagged, err := g.insertFlags(ctx, tx)
	if err != nil {
		return err
	}
	ctx, client := board(ctx), tx.Client()
	city := g.byCode["HCM"]
	g.indexIdeas()
	seen := map[string]bool{}
	for _, c := range g.candidates() {
		key := fmt.Sprintf("%d/%d/%s", c.Year, c.Person, c.Unit.Code)
		// One standing award per recipient, level and year (§III.4): a
		// person with ideas in two units is nominated once.
		once := fmt.Sprintf("%d/%d/%s", c.Year, c.Person, c.Level)
		if c.Person < 0 {
			once = key
		}
		if seen[key] || seen[once] || g.stats.Awards >= g.scale.Awards {
			continue
		}
		// A nomination the criteria do not support is never drafted: the
		// demo holds no dossier the board would have to override. What the
		// plan leaves to the council, the council judges when it votes.
		if !g.employed(c) || !eligibility.Nominable(eligibility.Evaluate(g.facts(c, flagged), c.Level)) {
			continue
		}
		seen[key], seen[once] = true, true
		kind := domain.RecipientKindIndividual
		if c.Person < 0 {
			kind = domain.RecipientKindCollective
		}
		proposer := c.Unit
		if central(c.Level) {
			proposer = city // levels 1–2 are proposed by the city
		}
		decided := g.decisionDay(c.Level, c.Year)
		status := domain.NominationStatusAwarded
		switch {
		case g.rng.IntN(100) < 4:
			status = domain.NominationStatusRejected
		case !decided.Before(AsOf):
			status = []domain.NominationStatus{domain.NominationStatusDraft, domain.NominationStatusSubmitted,
				domain.NominationStatusCouncilApproved}[g.rng.IntN(3)]
			if central(c.Level) {
				status = domain.NominationStatusForwarded
			}
		}
		n := client.Nomination.Create().SetUnitID(proposer.ID).SetRecipientKind(kind).SetLevel(c.Level).SetYear(c.Year)
		if kind == domain.RecipientKindIndividual {
			n.SetRecipientPersonID(g.people[c.Person].ID)
		} else {
			n.SetRecipientUnitID(c.Unit.ID)
		}
		for _, k := range c.Ideas {
			n.AddIdeaIDs(g.ideas[k].ID)
		}
		nom, err := n.Save(ctx)
		if err != nil {
			return err
		}
		g.stats.Nominations++
		if err := g.dossier(ctx, client, nom.ID, proposer, c, decided); err != nil {
			return err
		}
		awarded, err := g.carry(ctx, client, nom, status, c, decided)
		if err != nil {
			return fmt.Errorf("seed: nomination %d (%s, %d): %w", nom.ID, c.Level, c.Year, err)
		}
		if awarded {
			g.stats.Awards++
		}
	}
	return nil
}

// central: levels 1–2, proposed and forwarded by the city.
func central(l domain.AwardLevel) bool {
	return l == domain.AwardLevelLaborOrderThirdClass || l == domain.AwardLevelPrimeMinisterCertificate
}

// carry takes a draft through the workflow's steps up to status, on the
// days each step happened: submission two to three months before the
// decision, the council twenty days later, forwarding after five weeks.
func (g *generator) carry(ctx context.Context, client *ent.Client, nom *ent.Nomination, status domain.NominationStatus, c candidate, decided time.Time) (bool, error) {
	if status == domain.NominationStatusDraft {
		return false, nil
	}
	// Every step is dated, and a step's day has come: the demo's "today"
	// is AsOf, and a nomination stops at the first step still ahead of it.
	ctx = clock.With(ctx, clock.Fixed(AsOf.Add(12*time.Hour)))
	ahead := func(d time.Time) bool { return d.After(AsOf) }
	submitted := decided.AddDate(0, 0, -60-g.rng.IntN(30))
	if ahead(submitted) {
		return false, nil
	}
	nom, err := nominationflow.Submit(clock.With(ctx, clock.Fixed(submitted.Add(9*time.Hour))), client, nom.ID, nom.Version, nil)
	if err != nil || status == domain.NominationStatusSubmitted {
		return false, err
	}
	members := 9 + g.rng.IntN(8)
	present := members - g.rng.IntN(members/3+1)
	yes := max(members/2+1, present-g.rng.IntN(3))
	if status == domain.NominationStatusRejected {
		yes = g.rng.IntN(members/2 + 1)
	}
	if ahead(submitted.AddDate(0, 0, 20)) {
		return false, nil
	}
	abstain := min(g.rng.IntN(2), present-yes)
	nom, err = nominationflow.Vote(ctx, client, nom.ID, nom.Version, nominationflow.Council{
		On: submitted.AddDate(0, 0, 20), Members: members, For: yes, Against: present - yes - abstain, Abstain: abstain,
		Judgements: g.judgements(c, yes*2 > members)})
	if err != nil || nom.Status != domain.NominationStatusCouncilApproved || status == domain.NominationStatusCouncilApproved {
		return false, err
	}
	if central(c.Level) {
		if ahead(submitted.AddDate(0, 0, 35)) {
			return false, nil
		}
		if nom, err = nominationflow.Forward(ctx, client, nom.ID, nom.Version, submitted.AddDate(0, 0, 35)); err != nil || status == domain.NominationStatusForwarded {
			return false, err
		}
	}
	if ahead(decided) {
		return false, nil
	}
	_, err = nominationflow.Decide(ctx, client, nom.ID, nom.Version, nominationflow.Decision{
		Number: g.decisionNumber(c.Level, c.Unit), Date: decided, Issuer: decisionIssuers[string(c.Level)]})
	return err == nil, err
}

// judgements are the council's on the criteria the plan leaves to it: met,
// with the reason the minutes give, when the vote passes.
func (g *generator) judgements(c candidate, passes bool) []nominationflow.Judgement {
	if c.Person < 0 || c.Level != domain.AwardLevelCityChairmanCertificate {
		return nil
	}
	reason := pick(g.rng, excellenceReasons)
	if !passes {
		reason = "Chưa thể hiện rõ vai trò chỉ đạo, tham mưu trong năm."
	}
	return []nominationflow.Judgement{{Code: domain.CriterionExcellentInDirection, Met: passes, Reason: reason}}
}

// excellenceReasons are made-up minutes' words for the level 3 judgement.
var excellenceReasons = []string{
	"Tham mưu hiệu quả việc tuyên truyền, hướng dẫn cán bộ đề xuất ý tưởng; kiểm tra, hỗ trợ thí điểm đúng tiến độ.",
	"Chỉ đạo sát sao việc triển khai, giám sát và tạo điều kiện để cán bộ thực hiện giải pháp mới.",
	"Tổ chức tốt công tác tuyên truyền, giáo dục và hỗ trợ cán bộ dám nghĩ, dám làm trong đơn vị.",
}

// dossier: the submission letter, the council's minutes and the achievement
// summary (§III.5.2), and the tax confirmation for an enterprise — before
// submission, which checks them.
func (g *generator) dossier(ctx context.Context, client *ent.Client, nomID int, proposer *unitRow, c candidate, decided time.Time) error {
	filed := decided.AddDate(0, 0, -20-g.rng.IntN(40))
	kinds := []domain.DocumentKind{domain.DocumentKindSubmissionLetter, domain.DocumentKindCouncilMinutes, domain.DocumentKindAchievementSummary}
	if c.Person < 0 && c.Unit.Type == domain.UnitTypeStateEnterprise {
		kinds = append(kinds, domain.DocumentKindTaxConfirmation)
	}
	docs := make([]*ent.DossierDocumentCreate, 0, len(kinds))
	for i, k := range kinds {
		docs = append(docs, client.DossierDocument.Create().SetNominationID(nomID).SetKind(k).
			SetTitle(k.Label()+" – "+proposer.Name).
			SetDocumentNumber(fmt.Sprintf("%d/%s-%s", 1+g.rng.IntN(900), [...]string{"TTr", "BB", "BC", "XN"}[i%4], proposer.Code)).
			SetIssuedOn(filed).SetFileName(fmt.Sprintf("ho-so-%d-%d.pdf", nomID, i+1)).
			SetContentType("application/pdf").SetSizeBytes(int64(80_000+g.rng.IntN(900_000))))
	}
	g.stats.Documents += len(docs)
	return client.DossierDocument.CreateBulk(docs...).Exec(ctx)
}

// flagKey is a person's flag of a year, or a collective's (p < 0).
func flagKey(year, p int, u *unitRow) string {
	if p >= 0 {
		return fmt.Sprintf("%d/%d", year, p)
	}
	return fmt.Sprintf("%d/%s", year, u.Code)
}

// insertFlags: a few people and collectives are disciplined in a year,
// which disqualifies them from that year's awards.
func (g *generator) insertFlags(ctx context.Context, tx *ent.Tx) (map[string]bool, error) {
	flagged := map[string]bool{}
	b := newBulk(9, func(ctx context.Context, bs []*ent.IntegrityFlagCreate) error {
		return tx.IntegrityFlag.CreateBulk(bs...).Exec(ctx)
	})
	n := max(5, len(g.members)/800)
	for i := 0; i < n; i++ {
		m := &g.members[g.rng.IntN(len(g.members))]
		y := Years[g.rng.IntN(len(Years))]
		if !m.activeOn(day(y, 6, 1)) {
			continue
		}
		kind := domain.FlagKindDiscipline
		if g.rng.IntN(100) < 20 {
			kind = domain.FlagKindIntegrity
		}
		c := tx.IntegrityFlag.Create().SetUnitID(m.Unit.ID).SetYear(y).SetKind(kind).
			SetDecisionNumber(fmt.Sprintf("%d/QĐ-KL", 1+g.rng.IntN(300))).SetDecisionDate(day(y, time.Month(3+g.rng.IntN(9)), 1+g.rng.IntN(27))).
			SetForm(pick(g.rng, disciplineForms)).SetNote(pick(g.rng, integrityNotes))
		p := m.Person
		if g.rng.IntN(100) < 10 {
			p = -1 // the collective
		} else {
			c.SetPersonID(g.people[p].ID)
		}
		flagged[flagKey(y, p, m.Unit)] = true
		if err := b.add(ctx, c); err != nil {
			return nil, err
		}
	}
	g.stats.Flags = b.n + len(b.items)
	return flagged, b.flush(ctx)
}

// indexIdeas lists each person's and each unit's ideas, for the facts.
func (g *generator) indexIdeas() {
	g.personIdeas, g.unitIdeas = map[int][]int{}, map[*unitRow][]int{}
	for k, rec := range g.ideas {
		for _, p := range rec.Proposers {
			g.personIdeas[p] = append(g.personIdeas[p], k)
		}
		g.unitIdeas[rec.Unit] = append(g.unitIdeas[rec.Unit], k)
	}
}

// employed: an individual is a recipient only in a year they worked in a
// unit (§III.1 "đang công tác"); one who left before the idea was rated is
// not nominated for it.
func (g *generator) employed(c candidate) bool {
	if c.Person < 0 {
		return true
	}
	for _, i := range g.personMembers[c.Person] {
		if g.members[i].overlapsYear(c.Year) {
			return true
		}
	}
	return false
}

// facts are what eligibility.Load would read of a candidate in the store,
// from what the generator wrote.
func (g *generator) facts(c candidate, flagged map[string]bool) eligibility.Facts {
	f := eligibility.Facts{Year: c.Year, Level4: domain.DefaultLevel4Criteria, Phase: "2022-2025"}
	if c.Year > 2025 {
		f.Phase = "2026-2030"
	}
	unit, ideas := c.Unit, g.unitIdeas[c.Unit]
	if c.Person >= 0 {
		f.Kind, ideas = domain.RecipientKindIndividual, g.personIdeas[c.Person]
		f.Register = g.registered[regKey{person: c.Person, year: c.Year}]
		var last *member
		led := map[*unitRow]bool{}
		for _, i := range g.personMembers[c.Person] {
			m := &g.members[i]
			if m.overlapsYear(c.Year) {
				if (m.Role == domain.MemberRoleHead || m.Role == domain.MemberRoleDeputyHead) && !led[m.Unit] {
					led[m.Unit] = true
					f.Led = append(f.Led, eligibility.LedUnit{Name: m.Unit.Name, Plan: g.plans[planKey{m.Unit, f.Phase}]})
				}
				if last == nil || m.From.After(last.From) {
					last = m
				}
			}
		}
		if last != nil {
			unit = last.Unit
		}
	} else {
		f.Kind = domain.RecipientKindCollective
		f.Register = g.registered[regKey{person: -1, unit: c.Unit, year: c.Year}]
	}
	if flagged[flagKey(c.Year, c.Person, c.Unit)] {
		f.Flags = []string{"kỷ luật"}
	}
	f.Plan = g.plans[planKey{unit, f.Phase}]
	for _, k := range ideas {
		rec := &g.ideas[k]
		f.Ideas = append(f.Ideas, eligibility.Achievement{Idea: k, Effective: rec.Effective, CityWide: rec.CityWide, Rated: rec.Rated})
	}
	return f
}
