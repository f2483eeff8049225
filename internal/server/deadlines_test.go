package server_test

import (
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestCallsReachTheUnitsOpenOnTheDay — Kế hoạch 1821, mục V.4: "Giao Ban
// Thi đua - Khen thưởng (Sở Nội vụ) theo dõi, hướng dẫn, đôn đốc việc triển
// khai thực hiện Kế hoạch này"; mục IV.1.b: in 2025 "các cơ quan, đơn vị,
// địa phương thuộc Thành phố thực hiện báo cáo, tổ chức sơ kết". Across the
// 2025 reorganisation (a district closed on 1 July, a ward opened that day)
// a call reaches the units open on its due day, or on the day it names, by
// type and subtree as well; a tổng kết is the phase's last year's; a plan is
// owed by the units open on the plans' due day.
func TestCallsReachTheUnitsOpenOnTheDay(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2025-11-03", 9, 0)
			c.unit(t, "HCM", "CITY", "")
			c.unit(t, "SYT", "DEPARTMENT", "HCM")
			c.unit(t, "BV1", "PUBLIC_SERVICE_UNIT", "SYT")
			for code, in := range map[string]map[string]any{
				"Q1":  {"type": "DISTRICT", "validTo": "2025-07-01"},
				"PBN": {"type": "WARD", "validFrom": "2025-07-01"},
			} {
				in["code"], in["name"], in["parentID"] = code, "Đơn vị "+code, c.units["HCM"]
				var got struct{ CreateUnit struct{ ID string } }
				c.do(t, c.board, `mutation($in: CreateUnitInput!) { createUnit(input: $in) { id } }`, map[string]any{"in": in}).decode(t, &got)
				c.units[code] = got.CreateUnit.ID
			}
			var phases struct{ A, B struct{ ID string } }
			c.do(t, c.board, `mutation {
				a: createPhase(input: {name: "2022-2025", startYear: 2022, endYear: 2025, plansDueOn: "2023-06-30"}) { id }
				b: createPhase(input: {name: "2026-2030", startYear: 2026, endYear: 2030}) { id } }`, nil).decode(t, &phases)

			call := func(in map[string]any) (created, attached int, code string) {
				t.Helper()
				var got struct {
					CallForReports struct{ Created, Attached int }
				}
				res := c.do(t, c.board, `mutation($in: CallForReportsInput!) { callForReports(input: $in) { created attached } }`,
					map[string]any{"in": in})
				if res.code() != "" {
					return 0, 0, res.code()
				}
				res.decode(t, &got)
				return got.CallForReports.Created, got.CallForReports.Attached, ""
			}
			type owed struct{ ID, DueOn string }
			owes := func(kind string, year int) map[string]owed {
				t.Helper()
				var got struct {
					UnitReports struct {
						Edges []struct {
							Node struct {
								ID, DueOn string
								Unit      struct{ Code string }
							}
						}
					}
				}
				c.do(t, c.board, `query($k: ReportKind!, $y: Int!) { unitReports(where: {kind: $k, year: $y}) {
					edges { node { id dueOn unit { code } } } } }`, map[string]any{"k": kind, "y": year}).decode(t, &got)
				out := map[string]owed{}
				for _, e := range got.UnitReports.Edges {
					out[e.Node.Unit.Code] = owed{e.Node.ID, e.Node.DueOn}
				}
				return out
			}
			same := func(got map[string]owed, want ...string) bool {
				if len(got) != len(want) {
					return false
				}
				for _, w := range want {
					if _, ok := got[w]; !ok {
						return false
					}
				}
				return true
			}

			// No reach: every unit but the city open on the due day — not Q1,
			// closed since July.
			if n, _, code := call(map[string]any{"phase": "2022-2025", "kind": "INTERIM", "year": 2025, "dueOn": "2025-09-30"}); n != 3 || code != "" {
				t.Errorf("the sơ kết call created %d (%s), want 3", n, code)
			}
			if got := owes("INTERIM", 2025); !same(got, "SYT", "BV1", "PBN") {
				t.Errorf("owing the sơ kết: %v, want SYT, BV1, PBN", got)
			}
			// openOn names another day: the units of January 2025, Q1 among
			// them and PBN not yet.
			if n, _, code := call(map[string]any{"phase": "2022-2025", "kind": "YEARLY", "year": 2025, "dueOn": "2026-01-15",
				"reach": map[string]any{"openOn": "2025-01-15"}}); n != 3 || code != "" {
				t.Errorf("a call to the units open on 15/01/2025 created %d (%s), want 3", n, code)
			}
			if got := owes("YEARLY", 2025); !same(got, "Q1", "SYT", "BV1") {
				t.Errorf("owing the 2025 report: %v, want Q1, SYT, BV1", got)
			}
			// The same report called again for the units open on its due day:
			// SYT's and BV1's attached, PBN's created, Q1's left to the first
			// call.
			if n, a, code := call(map[string]any{"phase": "2022-2025", "kind": "YEARLY", "year": 2025, "dueOn": "2026-01-20"}); n != 1 || a != 2 || code != "" {
				t.Errorf("calling the 2025 report again created %d and attached %d (%s), want 1 and 2", n, a, code)
			}
			if got := owes("YEARLY", 2025); !same(got, "Q1", "SYT", "BV1", "PBN") || got["Q1"].DueOn != "2026-01-15" ||
				got["SYT"].DueOn != "2026-01-20" || got["PBN"].DueOn != "2026-01-20" {
				t.Errorf("owing the 2025 report: %v, want Q1 by 15/01, SYT, BV1, PBN by 20/01", got)
			}
			// Every part narrows: open on 15/12/2024, under SYT, public service
			// units — BV1 alone.
			if n, _, code := call(map[string]any{"phase": "2022-2025", "kind": "YEARLY", "year": 2024, "dueOn": "2024-12-15",
				"reach": map[string]any{"openOn": "2024-12-15", "subtreeID": c.units["SYT"], "unitType": "PUBLIC_SERVICE_UNIT"}}); n != 1 || code != "" {
				t.Errorf("a narrowed call created %d (%s), want 1", n, code)
			}
			if got := owes("YEARLY", 2024); !same(got, "BV1") {
				t.Errorf("owing the 2024 report: %v, want BV1", got)
			}
			// A tổng kết is the phase's last year's.
			if _, _, code := call(map[string]any{"phase": "2022-2025", "kind": "FINAL", "year": 2024, "dueOn": "2025-03-31"}); code != "VALIDATION" {
				t.Errorf("a tổng kết of 2024 in 2022-2025: %q, want VALIDATION", code)
			}
			if n, _, code := call(map[string]any{"phase": "2022-2025", "kind": "FINAL", "year": 2025, "dueOn": "2026-03-31"}); n != 3 || code != "" {
				t.Errorf("the tổng kết call created %d (%s), want 3", n, code)
			}

			// What a call asked stays asked: neither the ward nor the board
			// moves a called report to another year or phase; its note is
			// the unit's to write.
			ward := c.token(t, "ward", "PBN", access.UnitAdmin)
			interim := owes("INTERIM", 2025)["PBN"].ID
			update := `mutation($id: ID!, $v: Int!, $in: UpdateUnitReportInput!) { updateUnitReport(id: $id, version: $v, input: $in) { id } }`
			for _, tc := range []struct {
				who, tok string
				in       map[string]any
			}{
				{"the ward", ward, map[string]any{"year": 2024}},
				{"the ward", ward, map[string]any{"kind": "YEARLY"}},
				{"the ward", ward, map[string]any{"phaseID": phases.B.ID}},
				{"the board", c.board, map[string]any{"year": 2023}},
			} {
				if res := c.do(t, tc.tok, update, map[string]any{"id": interim, "v": c.versionOf(t, interim), "in": tc.in}); res.code() != "VALIDATION" {
					t.Errorf("%s moving a called report %v: %q, want VALIDATION", tc.who, tc.in, res.code())
				}
			}
			c.do(t, ward, update, map[string]any{"id": interim, "v": c.versionOf(t, interim), "in": map[string]any{"year": 2025, "note": "Đã tổng hợp số liệu"}}).decode(t, &struct{}{})
			// The ward sends it today; only the board writes another day.
			send := `mutation($id: ID!, $on: Date) { sendUnitReport(input: {id: $id, documentNumber: "7/BC-PBN", sentOn: $on}) { sentOn } }`
			if res := c.do(t, ward, send, map[string]any{"id": interim, "on": "2025-09-30"}); res.code() != "VALIDATION" {
				t.Errorf("the ward backdating its report: %q, want VALIDATION", res.code())
			}
			var sent struct{ SendUnitReport struct{ SentOn string } }
			c.do(t, ward, send, map[string]any{"id": interim, "on": "2025-11-03"}).decode(t, &sent)
			if sent.SendUnitReport.SentOn != "2025-11-03" {
				t.Errorf("sent on %q", sent.SendUnitReport.SentOn)
			}
			if res := c.do(t, ward, update, map[string]any{"id": interim, "v": c.versionOf(t, interim), "in": map[string]any{"year": 2024}}); res.code() != "VALIDATION" {
				t.Errorf("moving a sent report: %q, want VALIDATION", res.code())
			}
			// A report no call asked for and not sent is the unit's to correct.
			var own struct{ CreateUnitReport struct{ ID string } }
			c.do(t, ward, `mutation($in: CreateUnitReportInput!) { createUnitReport(input: $in) { id } }`, map[string]any{"in": map[string]any{
				"unitID": c.units["PBN"], "phaseID": phases.B.ID, "kind": "YEARLY", "year": 2027}}).decode(t, &own)
			c.do(t, ward, update, map[string]any{"id": own.CreateUnitReport.ID, "v": c.versionOf(t, own.CreateUnitReport.ID), "in": map[string]any{"year": 2026}}).decode(t, &struct{}{})

			// Plans were due on 30/06/2023: Q1, SYT and BV1 were open that day
			// and sent none; PBN, opened in 2025, owed none by it.
			late := func() map[string]owed {
				var got struct {
					UnitsWithLatePlan struct {
						Edges []struct{ Node struct{ ID, Code string } }
					}
				}
				c.do(t, c.board, `{ unitsWithLatePlan(phase: "2022-2025") { edges { node { id code } } } }`, nil).decode(t, &got)
				out := map[string]owed{}
				for _, e := range got.UnitsWithLatePlan.Edges {
					out[e.Node.Code] = owed{ID: e.Node.ID}
				}
				return out
			}
			if got := late(); !same(got, "Q1", "SYT", "BV1") {
				t.Errorf("late plans: %v, want Q1, SYT, BV1", got)
			}
			// A sent plan keeps its phase: it cannot become 2026-2030's plan.
			var plan struct{ IssueUnitPlan struct{ ID string } }
			c.do(t, ward, `mutation($u: ID!) { issueUnitPlan(input: {unitID: $u, phase: "2022-2025", documentNumber: "3/KH-PBN", issuedOn: "2025-07-15"}) { id } }`,
				map[string]any{"u": c.units["PBN"]}).decode(t, &plan)
			c.do(t, ward, `mutation($id: ID!) { sendUnitPlan(input: {id: $id}) { sentOn } }`, map[string]any{"id": plan.IssueUnitPlan.ID}).decode(t, &struct{}{})
			if res := c.do(t, ward, `mutation($id: ID!, $v: Int!, $p: ID!) { updateUnitPlan(id: $id, version: $v, input: {phaseID: $p}) { id } }`,
				map[string]any{"id": plan.IssueUnitPlan.ID, "v": c.versionOf(t, plan.IssueUnitPlan.ID), "p": phases.B.ID}); res.code() != "VALIDATION" {
				t.Errorf("moving a sent plan to another phase: %q, want VALIDATION", res.code())
			}
			if got := late(); !same(got, "Q1", "SYT", "BV1") {
				t.Errorf("late plans after PBN sent its own: %v, want Q1, SYT, BV1", got)
			}
		})
	}
}
