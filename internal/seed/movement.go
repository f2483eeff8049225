package seed

import (
	"context"
	"fmt"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/eligibility"
	"github.com/hcmc-thidua/thidua/internal/planning"
)

// insertPhases writes the two phases of the movement.
func (g *generator) insertPhases(ctx context.Context, tx *ent.Tx) error {
	for _, p := range []struct {
		name                  string
		from, to              int
		plans, interim, final string
	}{{"2022-2025", 2022, 2025, "2023-07-31", "2025-09-30", "2025-12-31"}, {"2026-2030", 2026, 2030, "2026-03-31", "2028-09-30", "2030-09-30"}} {
		// The same create as createPhase: the Phase hook checks the milestones.
		ph, err := tx.Phase.Create().SetName(p.name).SetStartYear(p.from).SetEndYear(p.to).
			SetPlansDueOn(mustDay(p.plans)).SetYearlyReportDue("12-15").SetInterimReviewDueOn(mustDay(p.interim)).
			SetFinalReviewDueOn(mustDay(p.final)).Save(ctx)
		if err != nil {
			return err
		}
		g.phases[p.name] = ph.ID
	}
	return nil
}

// board is the seed acting as the emulation board: the plans', calls' and
// reports' services check who acts, as they do for the API.
func board(ctx context.Context) context.Context {
	return access.NewContext(ctx, &access.Viewer{Sub: "system:seed", Roles: []access.Role{access.CityAdmin},
		UnitCode: "HCM", UnitPath: "/HCM/"})
}

// insertPlans: most units issue their plan for 2022–2025 in mid-2023 (the
// plan is of May 2023), fewer launch and send it; the units of the 2025
// reorganisation start on their 2026–2030 plans. Through the planning
// service, as a unit's officer would (the board records the days, which
// lie in the past).
func (g *generator) insertPlans(ctx context.Context, tx *ent.Tx) error {
	ctx, client := board(ctx), tx.Client()
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
			number := fmt.Sprintf("%d/KH-%s", 10+g.rng.IntN(390), u.Code)
			directive := g.rng.IntN(100) < 60
			// Most plans name the three texts the leader clause reads; drawn
			// from the plan's number, not the generator, so that the rest of
			// the demo city stays as it was.
			texts := len(number)%5 != 0
			pr := planning.Programmes{Directive05: directive, Conclusion14: texts, Plan124: texts, Plan3815: texts}
			p, err := planning.Issue(ctx, client, u.ID, r.phase, number, issued, pr, nil)
			if err != nil {
				return fmt.Errorf("seed: plan of %s: %w", u.Code, err)
			}
			g.stats.Plans++
			facts := eligibility.PlanFacts{Issued: true, Directive05: directive, Conclusion14: texts, Plan124: texts, Plan3815: texts}
			if g.rng.IntN(100) < 85 {
				launched := issued.AddDate(0, 0, 5+g.rng.IntN(25))
				if launched.Before(AsOf) {
					facts.Launched = true
					if _, err := planning.Launch(ctx, client, p.ID, launched); err != nil {
						return fmt.Errorf("seed: launching the plan of %s: %w", u.Code, err)
					}
					if sent := launched.AddDate(0, 0, 3+g.rng.IntN(20)); g.rng.IntN(100) < 90 && sent.Before(AsOf) {
						if _, err := planning.Send(ctx, client, p.ID, &sent); err != nil {
							return fmt.Errorf("seed: sending the plan of %s: %w", u.Code, err)
						}
					}
				}
			}
			g.plans[planKey{u, r.phase}] = facts
		}
	}
	return nil
}

// insertReports: the board calls for the yearly reports due on 15
// December and the interim report of 2022–2025 due on 30 September 2025;
// each unit open on the due day owes one; some are late, some never sent.
func (g *generator) insertReports(ctx context.Context, tx *ent.Tx) error {
	ctx, client := board(ctx), tx.Client()
	type due struct {
		kind domain.ReportKind
		year int
		on   string
		sent int
	}
	for i, d := range []due{
		{domain.ReportKindYearly, 2023, "2023-12-15", 90},
		{domain.ReportKindYearly, 2024, "2024-12-15", 88},
		{domain.ReportKindInterim, 2025, "2025-09-30", 78},
		{domain.ReportKindYearly, 2025, "2025-12-15", 85},
	} {
		on := mustDay(d.on)
		letter := fmt.Sprintf("%d/SNV-TĐKT", 300+i*41)
		call, err := planning.CallForReports(ctx, client, planning.Call{Phase: "2022-2025", Kind: d.kind, Year: d.year,
			DueOn: on, DocumentNumber: &letter})
		if err != nil {
			return fmt.Errorf("seed: calling for the %s reports of %d: %w", d.kind, d.year, err)
		}
		g.stats.Reports += call.Created
		owed := map[int]int{}
		rs, err := client.UnitReport.Query().Where(unitreport.CallID(call.Call.ID)).All(ctx)
		if err != nil {
			return err
		}
		for _, r := range rs {
			owed[r.UnitID] = r.ID
		}
		for _, u := range g.units {
			if u.Type == domain.UnitTypeCity || !u.activeOn(on) {
				continue
			}
			id, ok := owed[u.ID]
			if !ok {
				return fmt.Errorf("seed: %s open on %s owes no %s report", u.Code, d.on, d.kind)
			}
			if g.rng.IntN(100) < d.sent {
				sent := on.AddDate(0, 0, -25+g.rng.IntN(45)) // about one in three after the due day
				if sent.Before(AsOf) {
					number := fmt.Sprintf("%d/BC-%s", 100+g.rng.IntN(800), u.Code)
					if _, err := planning.SendReport(ctx, client, id, number, &sent); err != nil {
						return fmt.Errorf("seed: report of %s: %w", u.Code, err)
					}
				}
			}
		}
	}
	return nil
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
