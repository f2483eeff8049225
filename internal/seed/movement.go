package seed

import (
	"context"
	"fmt"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
)

// insertPhases writes the two phases of the movement.
func (g *generator) insertPhases(ctx context.Context, tx *ent.Tx) error {
	for _, p := range []struct {
		name     string
		from, to int
	}{{"2022-2025", 2022, 2025}, {"2026-2030", 2026, 2030}} {
		ph, err := tx.Phase.Create().SetName(p.name).SetStartYear(p.from).SetEndYear(p.to).Save(ctx)
		if err != nil {
			return err
		}
		g.phases[p.name] = ph.ID
	}
	return nil
}

// insertPlans: most units issue their plan for 2022–2025 in mid-2023 (the
// plan is of May 2023), fewer launch and send it; the units of the 2025
// reorganisation start on their 2026–2030 plans.
func (g *generator) insertPlans(ctx context.Context, tx *ent.Tx) error {
	b := newBulk(10, func(ctx context.Context, bs []*ent.UnitPlanCreate) error {
		return tx.UnitPlan.CreateBulk(bs...).Exec(ctx)
	})
	type round struct {
		phase        string
		on           string
		start, until int // months after January of the year
		year, share  int
	}
	for _, r := range []round{{"2022-2025", "2023-06-01", 4, 8, 2023, 88}, {"2026-2030", "2026-01-15", 0, 6, 2026, 55}} {
		on := mustDay(r.on)
		for _, u := range g.units {
			if u.Type == domain.UnitTypeCity || !u.activeOn(on) || g.rng.IntN(100) >= r.share {
				continue
			}
			issued := between(g.rng, day(r.year, 1, 1).AddDate(0, r.start, 10), day(r.year, 1, 1).AddDate(0, r.until, 0))
			c := tx.UnitPlan.Create().SetUnitID(u.ID).SetPhaseID(g.phases[r.phase]).
				SetDocumentNumber(fmt.Sprintf("%d/KH-%s", 10+g.rng.IntN(390), u.Code)).
				SetIssuedOn(issued)
			directive := g.rng.IntN(100) < 60
			c.SetLinkedToDirective05(directive)
			facts := eligibility.PlanFacts{Issued: true, Directive05: directive}
			if g.rng.IntN(100) < 85 {
				launched := issued.AddDate(0, 0, 5+g.rng.IntN(25))
				if launched.Before(AsOf) {
					facts.Launched = true
					c.SetLaunchedOn(launched)
					if sent := launched.AddDate(0, 0, 3+g.rng.IntN(20)); g.rng.IntN(100) < 90 && sent.Before(AsOf) {
						c.SetSentOn(sent)
					}
				}
			}
			g.plans[planKey{u, r.phase}] = facts
			if err := b.add(ctx, c); err != nil {
				return err
			}
		}
	}
	g.stats.Plans = b.n + len(b.items)
	return b.flush(ctx)
}

// insertReports: yearly reports due on 15 December, and the interim report
// of 2022–2025 due on 30 September 2025; some are late, some never sent.
func (g *generator) insertReports(ctx context.Context, tx *ent.Tx) error {
	b := newBulk(10, func(ctx context.Context, bs []*ent.UnitReportCreate) error {
		return tx.UnitReport.CreateBulk(bs...).Exec(ctx)
	})
	type due struct {
		kind domain.ReportKind
		year int
		on   string
		sent int
	}
	for _, d := range []due{
		{domain.ReportKindYearly, 2023, "2023-12-15", 90},
		{domain.ReportKindYearly, 2024, "2024-12-15", 88},
		{domain.ReportKindInterim, 2025, "2025-09-30", 78},
		{domain.ReportKindYearly, 2025, "2025-12-15", 85},
	} {
		on := mustDay(d.on)
		for _, u := range g.units {
			if u.Type == domain.UnitTypeCity || !u.activeOn(on) {
				continue
			}
			c := tx.UnitReport.Create().SetUnitID(u.ID).SetPhaseID(g.phases["2022-2025"]).
				SetKind(d.kind).SetYear(d.year).SetDueOn(on)
			if g.rng.IntN(100) < d.sent {
				sent := on.AddDate(0, 0, -25+g.rng.IntN(45)) // about one in three after the due day
				if sent.Before(AsOf) {
					c.SetSentOn(sent).SetDocumentNumber(fmt.Sprintf("%d/BC-%s", 100+g.rng.IntN(800), u.Code))
				}
			}
			if err := b.add(ctx, c); err != nil {
				return err
			}
		}
	}
	g.stats.Reports = b.n + len(b.items)
	return b.flush(ctx)
}

// insertHeadcounts: a unit's headcount in a year is the number of people
// who worked there during the year.
func (g *generator) insertHeadcounts(ctx context.Context, tx *ent.Tx) error {
	b := newBulk(6, func(ctx context.Context, bs []*ent.HeadcountCreate) error {
		return tx.Headcount.CreateBulk(bs...).Exec(ctx)
	})
	for _, u := range g.units {
		for _, y := range Years {
			n := 0
			for _, i := range u.Members {
				if g.members[i].overlapsYear(y) {
					n++
				}
			}
			if n == 0 {
				continue
			}
			if err := b.add(ctx, tx.Headcount.Create().SetUnitID(u.ID).SetYear(y).SetHeadcount(n)); err != nil {
				return err
			}
		}
	}
	g.stats.Headcounts = b.n + len(b.items)
	return b.flush(ctx)
}

// insertParticipation registers individuals and collectives per year: each
// unit has its own propensity; a person registers where they work on the
// registration day.
func (g *generator) insertParticipation(ctx context.Context, tx *ent.Tx) error {
	b := newBulk(7, func(ctx context.Context, bs []*ent.ParticipationCreate) error {
		return tx.Participation.CreateBulk(bs...).Exec(ctx)
	})
	for _, u := range g.units {
		if u.Type == domain.UnitTypeCity {
			continue
		}
		rate := 45 + g.rng.IntN(50)
		for _, y := range Years {
			reg := day(y, 2, 15)
			if s := u.start(); s.After(reg) {
				reg = s.AddDate(0, 0, 30)
			}
			if !u.activeOn(reg) || !reg.Before(AsOf) {
				continue
			}
			// A unit founded after the year cannot take part in it. The
			// random draws stay as they were, so that the rest of the demo
			// data (and the documented examples) does not move.
			inYear := reg.Year() == y
			if g.rng.IntN(100) < 85 && inYear {
				g.registered[regKey{person: -1, unit: u, year: y}] = true
				if err := b.add(ctx, tx.Participation.Create().SetUnitID(u.ID).SetYear(y).
					SetKind(domain.RecipientKindCollective).SetRegisteredOn(reg)); err != nil {
					return err
				}
			}
			for _, i := range u.Members {
				m := &g.members[i]
				if !m.activeOn(reg) || g.rng.IntN(100) >= rate {
					continue
				}
				on := reg.AddDate(0, 0, g.rng.IntN(20))
				if !inYear {
					continue
				}
				g.registered[regKey{person: m.Person, year: y}] = true
				if err := b.add(ctx, tx.Participation.Create().SetUnitID(u.ID).SetYear(y).
					SetKind(domain.RecipientKindIndividual).SetPersonID(g.people[m.Person].ID).
					SetRegisteredOn(on)); err != nil {
					return err
				}
			}
		}
	}
	g.stats.Participations = b.n + len(b.items)
	return b.flush(ctx)
}
