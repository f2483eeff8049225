package server_test

import (
	"context"

	"net/http/httptest"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// emptyCity is a migrated, empty store behind the real handler, whose clock
// the test moves, and the board's token.
type emptyCity struct {
	*env
	now   time.Time
	board string
	units map[string]string // code → id
}

func newEmptyCity(t *testing.T, d string) *emptyCity {
	t.Helper()
	var counter *store.Counter
	url := storetest.URL(t, d)
	st, err := store.Open(context.Background(), url, store.Options{Wrap: func(drv dialect.Driver) dialect.Driver {
		counter = store.NewCounter(drv)
		return counter
	}})
	if err != nil {
		t.Fatal(err)
	}
	signer, err := auth.NewHS256(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	c := &emptyCity{units: map[string]string{}}
	srv := httptest.NewServer(server.New(st, signer, server.Config{FilesDir: t.TempDir(), Links: testLinks(t),
		Now: func() time.Time { return c.now }}))
	t.Cleanup(func() { srv.Close(); st.Close() })
	c.env = &env{url: url, store: st, signer: signer, srv: srv, counter: counter}
	c.board = c.token(t, "board", "", access.CityAdmin)
	return c
}

// at sets the clock to a time of day in Asia/Ho_Chi_Minh.
func (c *emptyCity) at(day string, hour, minute int) {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err)
	}
	c.now = time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, time.FixedZone("ICT", 7*3600))
}

func (c *emptyCity) unit(t *testing.T, code, typ, parent string) string {
	t.Helper()
	in := map[string]any{"code": code, "name": "Đơn vị " + code, "type": typ}
	if parent != "" {
		in["parentID"] = c.units[parent]
	}
	var got struct{ CreateUnit struct{ ID string } }
	c.do(t, c.board, `mutation($in: CreateUnitInput!) { createUnit(input: $in) { id } }`, map[string]any{"in": in}).decode(t, &got)
	c.units[code] = got.CreateUnit.ID
	return got.CreateUnit.ID
}

// TestPhasesAreTheBoards — Kế hoạch 1821, mục V.4: "Giao Ban Thi đua -
// Khen thưởng (Sở Nội vụ) theo dõi, hướng dẫn, đôn đốc việc triển khai
// thực hiện Kế hoạch này"; mục IV sets the phases ("Giai đoạn 2023 - 2025",
// "Giai đoạn 2026 - 2030"): the phase and its milestones are the board's
// facts, written through the API, audited, and validated; no one else
// writes them.
func TestPhasesAreTheBoards(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2026-01-05", 9, 0)
			c.unit(t, "HCM", "CITY", "")
			c.unit(t, "SNV", "DEPARTMENT", "HCM")
			officer := c.token(t, "officer", "SNV", access.UnitAdmin)
			create := `mutation($in: CreatePhaseInput!) { createPhase(input: $in) { id name plansDueOn yearlyReportDue } }`
			in := map[string]any{"name": "2026-2030", "startYear": 2026, "endYear": 2030, "plansDueOn": "2026-03-31",
				"yearlyReportDue": "12-15", "interimReviewDueOn": "2028-09-30", "finalReviewDueOn": "2030-09-30"}
			if res := c.do(t, officer, create, map[string]any{"in": in}); res.code() != "FORBIDDEN" {
				t.Errorf("a unit officer creating a phase: %q", res.code())
			}
			for field, bad := range map[string]any{"name": "2026-2031", "plansDueOn": "2031-01-01", "yearlyReportDue": "02-30",
				"finalReviewDueOn": "2025-12-31"} {
				wrong := map[string]any{}
				for k, v := range in {
					wrong[k] = v
				}
				wrong[field] = bad
				if res := c.do(t, c.board, create, map[string]any{"in": wrong}); res.code() != "VALIDATION" {
					t.Errorf("%s = %v: %q, want VALIDATION", field, bad, res.code())
				}
			}
			var got struct {
				CreatePhase struct{ ID, Name, PlansDueOn, YearlyReportDue string }
			}
			c.do(t, c.board, create, map[string]any{"in": in}).decode(t, &got)
			if got.CreatePhase.PlansDueOn != "2026-03-31" || got.CreatePhase.YearlyReportDue != "12-15" {
				t.Errorf("created %+v", got.CreatePhase)
			}
			update := `mutation($id: ID!, $v: Int!, $in: UpdatePhaseInput!) { updatePhase(id: $id, version: $v, input: $in) { plansDueOn } }`
			if res := c.do(t, officer, update, map[string]any{"id": got.CreatePhase.ID, "v": 0, "in": map[string]any{"plansDueOn": "2026-06-30"}}); res.code() != "FORBIDDEN" {
				t.Errorf("a unit officer moving the plans' due day: %q", res.code())
			}
			c.do(t, c.board, update, map[string]any{"id": got.CreatePhase.ID, "v": c.versionOf(t, got.CreatePhase.ID), "in": map[string]any{"plansDueOn": "2026-04-15"}}).decode(t, &struct{}{})
			if n := sqlCount(t, c.env, `SELECT count(*) FROM audit_events WHERE entity_type = 'Phase'`); n != 2 {
				t.Errorf("%d audit rows of the phase, want its creation and its update", n)
			}
			// The phases import, filled in from the published template, is the
			// board's alone and goes through the same rule: a file with one
			// bad row writes nothing; a good one upserts by name.
			bad := c.fill(t, "phases", [][]string{{"2031-2035", "31/03/2031", "12-15", "", ""}, {"2036-2040", "", "02-30", "", ""}})
			var refused importAnswer
			c.importUpload(t, c.board, "PHASES", "giai-doan.csv", bad, false).decode(t, &refused)
			if got := refused.ImportFile; got.OK || got.Created != 0 || len(got.Problems) != 1 {
				t.Errorf("a file with 02-30: %+v, want refused whole", got)
			}
			good := c.fill(t, "phases", [][]string{{"2031-2035", "31/03/2031", "12-15", "", ""}, {"2026-2030", "30/04/2026", "12-15", "", ""}})
			if res := c.importUpload(t, officer, "PHASES", "giai-doan.csv", good, false); res.code() != "FORBIDDEN" {
				t.Errorf("a unit officer importing phases: %q", res.code())
			}
			var imported importAnswer
			c.importUpload(t, c.board, "PHASES", "giai-doan.csv", good, false).decode(t, &imported)
			if got := imported.ImportFile; !got.OK || got.Created != 1 || got.Updated != 1 {
				t.Errorf("importing phases: %+v, want 2031-2035 created and 2026-2030's milestones updated", got)
			}
			var listed struct {
				Phases struct {
					Edges []struct {
						Node struct{ Name, PlansDueOn string }
					}
				}
			}
			c.do(t, c.board, `{ phases(orderBy: {field: NAME}) { edges { node { name plansDueOn } } } }`, nil).decode(t, &listed)
			if e := listed.Phases.Edges; len(e) != 2 || e[0].Node.PlansDueOn != "2026-04-30" || e[1].Node.PlansDueOn != "2031-03-31" {
				t.Errorf("phases after the import: %+v", e)
			}
		})
	}
}

// TestCallsAndLateness — Kế hoạch 1821, mục V.1: the units "gửi về Ban Thi
// đua - Khen thưởng (Sở Nội vụ) Kế hoạch phát động phong trào thi đua, thực
// hiện báo cáo đánh giá kết quả triển khai thực hiện Phong trào thi đua";
// mục V.4: the board "theo dõi, hướng dẫn, đôn đốc việc triển khai thực
// hiện Kế hoạch này". The board calls for reports with one due day; every
// reached unit owes one; the unit cannot move the day; late is "not sent by
// the end of the due day in Asia/Ho_Chi_Minh", and a reached unit that
// never answered is late too. Plans are late against the phase's plans due
// day the same way.
func TestCallsAndLateness(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2026-01-05", 9, 0)
			c.unit(t, "HCM", "CITY", "")
			c.unit(t, "SYT", "DEPARTMENT", "HCM")
			c.unit(t, "BV1", "PUBLIC_SERVICE_UNIT", "SYT")
			c.unit(t, "Q1", "DISTRICT", "HCM")
			c.unit(t, "PBN", "WARD", "Q1")
			c.unit(t, "PDK", "WARD", "Q1")
			c.do(t, c.board, `mutation { createPhase(input: {name: "2026-2030", startYear: 2026, endYear: 2030, plansDueOn: "2026-03-31"}) { id } }`, nil).decode(t, &struct{}{})

			call := `mutation($in: CallForReportsInput!) { callForReports(input: $in) { call { id dueOn } created attached alreadySent } }`
			type answer struct {
				CallForReports struct {
					Call                           struct{ ID, DueOn string }
					Created, Attached, AlreadySent int
				}
			}
			ward := c.token(t, "ward", "PBN", access.UnitAdmin)
			if res := c.do(t, ward, call, map[string]any{"in": map[string]any{"phase": "2026-2030", "kind": "YEARLY", "year": 2026, "dueOn": "2026-12-15"}}); res.code() != "FORBIDDEN" {
				t.Errorf("a ward calling for reports: %q", res.code())
			}
			// Wards only: two units.
			var wards answer
			c.do(t, c.board, call, map[string]any{"in": map[string]any{"phase": "2026-2030", "kind": "YEARLY", "year": 2026,
				"dueOn": "2026-12-15", "documentNumber": "120/SNV-TĐKT", "reach": map[string]any{"unitType": "WARD"}}}).decode(t, &wards)
			if wards.CallForReports.Created != 2 {
				t.Errorf("a call to wards created %d reports, want 2", wards.CallForReports.Created)
			}
			// Under SYT: SYT and BV1. Then everyone: the wards' reports are
			// attached to the new call, the rest created.
			var syt answer
			c.do(t, c.board, call, map[string]any{"in": map[string]any{"phase": "2026-2030", "kind": "YEARLY", "year": 2026,
				"dueOn": "2026-12-10", "reach": map[string]any{"subtreeID": c.units["SYT"]}}}).decode(t, &syt)
			if syt.CallForReports.Created != 2 {
				t.Errorf("a call to SYT's subtree created %d, want 2", syt.CallForReports.Created)
			}
			var all answer
			c.do(t, c.board, call, map[string]any{"in": map[string]any{"phase": "2026-2030", "kind": "YEARLY", "year": 2026,
				"dueOn": "2026-12-15"}}).decode(t, &all)
			if got := all.CallForReports; got.Created != 1 || got.Attached != 4 || got.AlreadySent != 0 {
				t.Errorf("a city-wide call: %+v, want Q1 created and 4 attached", got)
			}
			if res := c.do(t, c.board, call, map[string]any{"in": map[string]any{"phase": "2026-2030", "kind": "YEARLY", "year": 2031, "dueOn": "2031-12-15"}}); res.code() != "VALIDATION" {
				t.Errorf("a call outside the phase: %q", res.code())
			}
			// The ward's officer cannot move its due day.
			reportOf := func(code string) string {
				var got struct {
					UnitReports struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
				c.do(t, c.board, `query($u: ID!) { unitReports(where: {unitID: $u, year: 2026}) { edges { node { id } } } }`,
					map[string]any{"u": c.units[code]}).decode(t, &got)
				if len(got.UnitReports.Edges) != 1 {
					t.Fatalf("%s owes %d reports", code, len(got.UnitReports.Edges))
				}
				return got.UnitReports.Edges[0].Node.ID
			}
			if res := c.do(t, ward, `mutation($id: ID!) { updateUnitReport(id: $id, version: 0, input: {dueOn: "2027-06-30"}) { id } }`,
				map[string]any{"id": reportOf("PBN")}); res.code() == "" {
				t.Error("a unit moved its own due day")
			}
			send := `mutation($id: ID!) { sendUnitReport(input: {id: $id, documentNumber: "5/BC"}) { sentOn } }`
			// PBN sends at 23:59 on the due day: on time. PDK the next
			// morning: late. BV1 never. Q1 and SYT on time.
			c.at("2026-12-15", 23, 59)
			c.do(t, ward, send, map[string]any{"id": reportOf("PBN")}).decode(t, &struct{}{})
			for _, code := range []string{"Q1", "SYT"} {
				c.do(t, c.token(t, "o-"+code, code, access.UnitAdmin), send, map[string]any{"id": reportOf(code)}).decode(t, &struct{}{})
			}
			late := func() map[string]bool {
				var got struct {
					UnitsWithLateReport struct {
						Edges []struct{ Node struct{ Code string } }
					}
				}
				c.do(t, c.board, `{ unitsWithLateReport(phase: "2026-2030", year: 2026) { edges { node { code } } } }`, nil).decode(t, &got)
				out := map[string]bool{}
				for _, e := range got.UnitsWithLateReport.Edges {
					out[e.Node.Code] = true
				}
				return out
			}
			if l := late(); len(l) != 0 {
				t.Errorf("late before the due day is over: %v", l)
			}
			c.at("2026-12-16", 0, 1)
			c.do(t, c.token(t, "o-PDK", "PDK", access.UnitAdmin), send, map[string]any{"id": reportOf("PDK")}).decode(t, &struct{}{})
			if l := late(); len(l) != 2 || !l["PDK"] || !l["BV1"] {
				t.Errorf("late after the due day: %v, want PDK (sent the next day) and BV1 (never sent)", l)
			}
			// Moving the call's day moves its unsent reports: BV1 is not late
			// any more until the new day is over.
			c.do(t, c.board, `mutation($id: ID!, $v: Int!) { updateReportCall(id: $id, version: $v, input: {dueOn: "2026-12-31"}) { dueOn } }`,
				map[string]any{"id": all.CallForReports.Call.ID, "v": c.versionOf(t, all.CallForReports.Call.ID)}).decode(t, &struct{}{})
			if l := late(); len(l) != 1 || !l["PDK"] {
				t.Errorf("after the board moved the day: %v, want PDK only", l)
			}

			// Plans are due on 31/03/2026.
			plans := func() map[string]bool {
				var got struct {
					UnitsWithLatePlan struct {
						Edges []struct{ Node struct{ Code string } }
					}
				}
				c.do(t, c.board, `{ unitsWithLatePlan(phase: "2026-2030") { edges { node { code } } } }`, nil).decode(t, &got)
				out := map[string]bool{}
				for _, e := range got.UnitsWithLatePlan.Edges {
					out[e.Node.Code] = true
				}
				return out
			}
			if l := plans(); len(l) != 5 {
				t.Errorf("units late with their plan in December: %v, want all five", l)
			}
			// PBN sends at 23:59 on the due day: on time. PDK at midnight,
			// the first minute of the next day: late, though sent.
			sendPlan := func(code, tok string) {
				issue := `mutation($in: IssueUnitPlanInput!) { issueUnitPlan(input: $in) { id } }`
				var p struct{ IssueUnitPlan struct{ ID string } }
				c.do(t, tok, issue, map[string]any{"in": map[string]any{"unitID": c.units[code], "phase": "2026-2030",
					"documentNumber": "1/KH-" + code, "issuedOn": "2026-03-20"}}).decode(t, &p)
				c.do(t, tok, `mutation($id: ID!) { sendUnitPlan(input: {id: $id}) { sentOn } }`, map[string]any{"id": p.IssueUnitPlan.ID}).decode(t, &struct{}{})
			}
			c.at("2026-03-31", 23, 59)
			sendPlan("PBN", ward)
			if l := plans(); len(l) != 0 {
				t.Errorf("late plans on the due day itself: %v", l)
			}
			c.at("2026-04-01", 0, 0)
			sendPlan("PDK", c.token(t, "o-PDK", "PDK", access.UnitAdmin))
			if l := plans(); len(l) != 4 || l["PBN"] || !l["PDK"] {
				t.Errorf("late plans the day after: %v, want PDK (sent that day) and the three that did not send", l)
			}
		})
	}
}
