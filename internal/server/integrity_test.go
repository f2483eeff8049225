package server_test

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// TestIntegrityRecordsStayWithTheirReaders — Kế hoạch 1821, mục III (điều
// kiện khen thưởng): the person or collective must "gương mẫu chấp hành …,
// không bị xử lý kỷ luật". A discipline record is written with the decision
// that imposed it, by the board or the person's unit head, and read by them
// alone: the unit's officer, a member, a leader, an analyst and another
// unit's head see no record, not even by filtering. The criterion reads it
// and names the decision to those who may read it; a lifted record no
// longer disqualifies.
func TestIntegrityRecordsStayWithTheirReaders(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2025-01-10", 9, 0)
			c.unit(t, "HCM", "CITY", "")
			c.unit(t, "SYT", "DEPARTMENT", "HCM")
			c.unit(t, "BV1", "PUBLIC_SERVICE_UNIT", "SYT")
			c.unit(t, "Q1", "DISTRICT", "HCM")
			c.do(t, c.board, `mutation { createPhase(input: {name: "2022-2025", startYear: 2022, endYear: 2025}) { id } }`, nil).decode(t, &struct{}{})
			var p struct{ CreatePerson struct{ ID string } }
			c.do(t, c.board, `mutation { createPerson(input: {code: "CB1", fullName: "Nguyễn Văn Thử", gender: MALE}) { id } }`, nil).decode(t, &p)
			person := p.CreatePerson.ID
			c.do(t, c.board, `mutation($p: ID!, $u: ID!) { createMembership(input: {personID: $p, unitID: $u, category: PUBLIC_EMPLOYEE, validFrom: "2022-01-01"}) { id } }`,
				map[string]any{"p": person, "u": c.units["BV1"]}).decode(t, &struct{}{})

			head := c.token(t, "head-syt", "SYT", access.UnitHead)
			others := map[string]string{
				"the unit's officer":  c.token(t, "officer-bv1", "BV1", access.UnitAdmin),
				"a member":            c.token(t, "member-bv1", "BV1", access.Member),
				"a leader":            c.token(t, "leader", "HCM", access.Leader),
				"an analyst":          c.token(t, "analyst", "HCM", access.Analyst),
				"another unit's head": c.token(t, "head-q1", "Q1", access.UnitHead),
			}
			create := `mutation($in: CreateIntegrityFlagInput!) { createIntegrityFlag(input: $in) { id } }`
			in := map[string]any{"unitID": c.units["BV1"], "personID": person, "year": 2024, "kind": "DISCIPLINE",
				"decisionNumber": "7/QĐ-SYT", "decisionDate": "2024-05-02", "form": "Khiển trách", "note": "Vi phạm quy chế"}
			for who, tok := range others {
				if res := c.do(t, tok, create, map[string]any{"in": in}); res.code() != "FORBIDDEN" && res.code() != "NOT_FOUND" {
					t.Errorf("%s recording discipline: %q", who, res.code())
				}
			}
			noDate := map[string]any{}
			for k, v := range in {
				noDate[k] = v
			}
			delete(noDate, "decisionDate")
			if res := c.do(t, head, create, map[string]any{"in": noDate}); res.code() != "VALIDATION" {
				t.Errorf("a record without its decision's date: %q", res.code())
			}
			var made struct{ CreateIntegrityFlag struct{ ID string } }
			c.do(t, head, create, map[string]any{"in": in}).decode(t, &made)

			count := func(tok, q string) int {
				var got map[string]struct{ TotalCount int }
				c.do(t, tok, q, nil).decode(t, &got)
				return got["x"].TotalCount
			}
			queries := []string{
				`{ x: integrityFlags { totalCount } }`,
				`{ x: people(where: {hasIntegrityFlags: true}) { totalCount } }`,
				`{ x: units(where: {hasIntegrityFlagsWith: {kind: DISCIPLINE}}) { totalCount } }`,
			}
			for _, q := range queries {
				if n := count(c.board, q); n != 1 {
					t.Errorf("the board, %s: %d", q, n)
				}
				if n := count(head, q); n != 1 {
					t.Errorf("the person's unit head, %s: %d", q, n)
				}
				for who, tok := range others {
					if n := count(tok, q); n != 0 {
						t.Errorf("%s, %s: %d, want 0", who, q, n)
					}
				}
			}
			if res := c.do(t, others["the unit's officer"], `mutation($id: ID!) { updateIntegrityFlag(id: $id, version: 0, input: {note: "x"}) { id } }`,
				map[string]any{"id": made.CreateIntegrityFlag.ID}); res.code() != "FORBIDDEN" && res.code() != "NOT_FOUND" {
				t.Errorf("the unit's officer correcting the record: %q", res.code())
			}

			// Refused as a record that does not exist: FORBIDDEN would tell
			// another unit's head that someone there has a record.
			for who, tok := range others {
				for _, id := range []string{made.CreateIntegrityFlag.ID, "2147480000"} {
					res := c.do(t, tok, `mutation($id: ID!) { updateIntegrityFlag(id: $id, version: 0, input: {note: "x"}) { id } }`, map[string]any{"id": id})
					if who != "a leader" && who != "an analyst" && res.code() != "NOT_FOUND" {
						t.Errorf("%s correcting record %s: %q, want NOT_FOUND", who, id, res.code())
					}
				}
			}

			eligibility := func(tok string) (bool, string) {
				var got struct {
					AwardEligibility struct {
						Criteria []struct {
							Code, Reason string
							Met          bool
						}
					}
				}
				c.do(t, tok, `query($p: ID!) { awardEligibility(recipient: $p, level: UNIT_HEAD_CERTIFICATE, year: 2024) { criteria { code met reason } } }`,
					map[string]any{"p": person}).decode(t, &got)
				for _, cr := range got.AwardEligibility.Criteria {
					if cr.Code == "NO_INTEGRITY_FLAG" {
						return cr.Met, cr.Reason
					}
				}
				t.Fatal("no integrity criterion")
				return false, ""
			}
			if met, why := eligibility(head); met || !strings.Contains(why, "Quyết định số 7/QĐ-SYT ngày 02/05/2024") || !strings.Contains(why, "khiển trách") {
				t.Errorf("the head's refusal: met=%v %q, want the decision named", met, why)
			}
			if met, why := eligibility(others["the unit's officer"]); met || strings.Contains(why, "7/QĐ-SYT") || strings.Contains(why, "Vi phạm") {
				t.Errorf("the officer's refusal: met=%v %q, want refused without the record", met, why)
			}
			lift := `mutation($id: ID!) { liftIntegrityFlag(input: {id: $id, liftedOn: "2025-01-20", liftDecisionNumber: "2/QĐ-SYT"}) { liftedOn } }`
			if res := c.do(t, others["the unit's officer"], lift, map[string]any{"id": made.CreateIntegrityFlag.ID}); res.code() == "" {
				t.Error("the unit's officer lifted the record")
			}
			c.do(t, head, lift, map[string]any{"id": made.CreateIntegrityFlag.ID}).decode(t, &struct{}{})
			if met, why := eligibility(head); met {
				t.Errorf("lifted on 20/01/2025, on the 10th: %q, want still refused", why)
			}
			c.at("2025-01-20", 8, 0)
			if met, why := eligibility(head); !met {
				t.Errorf("lifted today: %q, want met", why)
			}
		})
	}
}
