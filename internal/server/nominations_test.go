package server_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// pdf is the smallest file the dossier accepts: its type is sniffed.
var pdf = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

// upload sends addDossierDocument as a GraphQL multipart request.
func (e *env) upload(t *testing.T, tok string, nominationID, kind string, file []byte) response {
	t.Helper()
	return e.multipart(t, tok, map[string]any{
		"query": `mutation($in: AddDossierDocumentInput!) { addDossierDocument(input: $in) { id kind sha256 sizeBytes downloadURL } }`,
		"variables": map[string]any{"in": map[string]any{"nominationID": nominationID, "kind": kind,
			"title": "Tài liệu " + kind, "file": nil}},
	}, "variables.in.file", strings.ToLower(kind)+".pdf", file)
}

type nominationState struct {
	ID, Status               string
	Version                  int
	OverrideJustification    *string
	VotesFor, CouncilMembers *int
}

const nominationFields = `id status version overrideJustification votesFor councilMembers`

// TestIndividualNominatedVotedDecided: a member whose idea the city applied
// city-wide is nominated for the City Chairman's certificate with a
// complete dossier, voted and decided; the award cannot be edited, only
// corrected by a new decision that revokes it.
func TestIndividualNominatedVotedDecided(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unitCode = "PX-XUAN-HOA"
		member := memberOf(t, e, unitCode)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		officer := e.token(t, "officer", unitCode, access.UnitAdmin)
		st := newIdea(t, e, member, unitCode, "YT-NOM-"+strings.ToUpper(e.store.Dialect))
		for _, a := range []domain.IdeaAction{"SUBMIT", "START_REVIEW", "APPROVE_IMPLEMENTATION", "START_IMPLEMENTATION",
			"EVALUATE_EFFECTIVE", "APPLY_IN_UNIT", "PROPOSE_TO_CITY", "APPLY_CITY_WIDE"} {
			mustAct(t, e, board, a, &st)
		}
		ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
		p := e.store.Client.Person.Query().Where(person.Code(member)).OnlyX(ctx)
		u := e.store.Client.Unit.Query().Where(unit.Code(unitCode)).OnlyX(ctx)
		e.store.Client.Participation.Create().SetUnitID(u.ID).SetYear(2026).SetKind(domain.RecipientKindIndividual).SetPersonID(p.ID).ExecX(ctx)

		var created struct{ CreateNomination nominationState }
		e.do(t, officer, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`,
			map[string]any{"in": map[string]any{"unitID": u.ID, "recipientKind": "INDIVIDUAL", "recipientPersonID": p.ID,
				"level": "CITY_CHAIRMAN_CERTIFICATE", "year": 2026, "ideaIDs": []string{st.ID}}}).decode(t, &created)
		n := created.CreateNomination
		submit := `mutation($in: SubmitNominationInput!) { submitNomination(input: $in) { ` + nominationFields + ` } }`
		res := e.do(t, officer, submit, map[string]any{"in": map[string]any{"id": n.ID, "version": n.Version}})
		if res.code() != "VALIDATION" || !strings.Contains(res.Errors[0].Message, "biên bản họp hội đồng") {
			t.Fatalf("submitting without a dossier: %q %+v", res.code(), res.Errors)
		}
		if res := e.upload(t, officer, n.ID, "SUBMISSION_LETTER", []byte("#!/bin/sh\necho not a dossier\n")); res.code() != "VALIDATION" {
			t.Errorf("a shell script as a document: %q", res.code())
		}
		var doc string
		for _, k := range []string{"SUBMISSION_LETTER", "COUNCIL_MINUTES", "ACHIEVEMENT_SUMMARY"} {
			var got struct {
				AddDossierDocument struct{ ID, Sha256, DownloadURL string }
			}
			e.upload(t, officer, n.ID, k, pdf).decode(t, &got)
			doc = got.AddDossierDocument.DownloadURL
		}
		var submitted struct{ SubmitNomination nominationState }
		e.do(t, officer, submit, map[string]any{"in": map[string]any{"id": n.ID, "version": n.Version}}).decode(t, &submitted)
		n = submitted.SubmitNomination
		if n.Status != "SUBMITTED" || n.OverrideJustification != nil {
			t.Fatalf("submitted: %+v", n)
		}
		if res := e.upload(t, officer, n.ID, "OTHER", pdf); res.code() != "INVALID_TRANSITION" {
			t.Errorf("adding a document after submission: %q", res.code())
		}
		// The shared server runs on the wall clock: each step is dated today,
		// the day of the submission (a step is never dated before the one
		// it follows, nor after today).
		today := time.Now().In(domain.Zone).Format("2006-01-02")
		vote := `mutation($in: RecordCouncilVoteInput!) { recordCouncilVote(input: $in) { ` + nominationFields + ` } }`
		voteIn := map[string]any{"id": n.ID, "version": n.Version, "councilDate": today, "members": 15, "votesFor": 6, "votesAgainst": 2, "votesAbstain": 1}
		if res := e.do(t, board, vote, map[string]any{"in": voteIn}); res.code() != "VALIDATION" {
			t.Errorf("9 of 15 present (below two thirds): %q", res.code())
		}
		if res := e.do(t, officer, vote, map[string]any{"in": voteIn}); res.code() != "FORBIDDEN" {
			t.Errorf("the unit recording the city council's vote: %q", res.code())
		}
		voteIn["votesFor"] = 11
		if res := e.do(t, board, vote, map[string]any{"in": voteIn}); res.code() != "VALIDATION" || !strings.Contains(res.Errors[0].Message, "chưa đánh giá") {
			t.Errorf("passing without judging “thành tích xuất sắc trong chỉ đạo, tham mưu…” (§III.3.2.b): %q %+v", res.code(), res.Errors)
		}
		voteIn["judgements"] = []map[string]any{{"code": "EXCELLENT_IN_DIRECTION", "met": true, "reason": "Tham mưu, hỗ trợ cán bộ triển khai giải pháp."}}
		var voted struct{ RecordCouncilVote nominationState }
		e.do(t, board, vote, map[string]any{"in": voteIn}).decode(t, &voted)
		n = voted.RecordCouncilVote
		if n.Status != "COUNCIL_APPROVED" {
			t.Fatalf("voted: %+v", n)
		}
		if res := e.do(t, board, `mutation($id: ID!, $v: Int!) { forwardNomination(input: {id: $id, version: $v, forwardedOn: "2026-05-20"}) { id } }`,
			map[string]any{"id": n.ID, "v": n.Version}); res.code() != "INVALID_TRANSITION" {
			t.Errorf("forwarding a level-3 nomination: %q", res.code())
		}
		var decided struct {
			DecideNomination struct {
				ID, Level, DecisionNumber string
				Nomination                struct{ Status string }
			}
		}
		e.do(t, board, `mutation($in: DecideNominationInput!) { decideNomination(input: $in) { id level decisionNumber nomination { status } } }`,
			map[string]any{"in": map[string]any{"id": n.ID, "version": n.Version, "decisionNumber": "1234/QĐ-UBND",
				"decisionDate": today, "issuer": "Chủ tịch Ủy ban nhân dân Thành phố"}}).decode(t, &decided)
		a := decided.DecideNomination
		if a.Level != "CITY_CHAIRMAN_CERTIFICATE" || a.Nomination.Status != "AWARDED" {
			t.Fatalf("decided: %+v", a)
		}
		var corrected struct {
			CorrectAward struct {
				Level   string
				Revokes struct{ ID string }
			}
		}
		correct := `mutation($in: CorrectAwardInput!) { correctAward(input: $in) { level revokes { id } } }`
		in := map[string]any{"awardID": a.ID, "level": "UNIT_HEAD_CERTIFICATE", "decisionNumber": "1300/QĐ-UBND", "decisionDate": today, "issuer": "Chủ tịch Ủy ban nhân dân Thành phố"}
		e.do(t, board, correct, map[string]any{"in": in}).decode(t, &corrected)
		if corrected.CorrectAward.Revokes.ID != a.ID || corrected.CorrectAward.Level != "UNIT_HEAD_CERTIFICATE" {
			t.Fatalf("corrected: %+v", corrected)
		}
		if res := e.do(t, board, correct, map[string]any{"in": in}); res.code() != "CONFLICT" {
			t.Errorf("correcting a revoked award again: %q", res.code())
		}
		if err := e.store.Client.Award.UpdateOneID(atoi(t, a.ID)).SetDecisionNumber("sửa tay").Exec(ctx); err == nil {
			t.Error("a decided award was edited")
		}
		// The dossier downloads for the unit's officer, not for another unit's.
		get := func(tok string) (int, []byte) {
			res, b := e.get(t, doc, tok)
			return res.StatusCode, b
		}
		if code, b := get(officer); code != 200 || !bytes.Equal(b, pdf) {
			t.Errorf("download by the unit: %d %q", code, b)
		}
		if code, _ := get(e.token(t, "officer", "QGV", access.UnitAdmin)); code != 404 {
			t.Errorf("download by another unit: %d", code)
		}
	})
}

// TestCollectiveRefusedThenOverridden: a collective nominated for the Prime
// Minister's certificate without the achievements is refused, each gap
// named; CITY_ADMIN may send it on only with a written justification,
// which the audit log keeps.
func TestCollectiveRefusedThenOverridden(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const code = "XA-THANH-AN-CG"
		board := e.token(t, "board", "HCM", access.CityAdmin)
		uid := mustUnit(t, e, code)
		var created struct{ CreateNomination nominationState }
		e.do(t, board, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`,
			map[string]any{"in": map[string]any{"unitID": mustUnit(t, e, "HCM"), "recipientKind": "COLLECTIVE", "recipientUnitID": uid,
				"level": "PRIME_MINISTER_CERTIFICATE", "year": 2026}}).decode(t, &created)
		n := created.CreateNomination
		submit := `mutation($in: SubmitNominationInput!) { submitNomination(input: $in) { ` + nominationFields + ` } }`
		res := e.do(t, board, submit, map[string]any{"in": map[string]any{"id": n.ID, "version": n.Version}})
		if res.code() != "VALIDATION" {
			t.Fatalf("%q %+v", res.code(), res.Errors)
		}
		for _, gap := range []string{"tờ trình", "Hiệu quả của ý tưởng ấy được cấp có thẩm quyền đánh giá", "Ý tưởng ấy được Thành phố công nhận và áp dụng", "Ý tưởng được bộ, ngành Trung ương đánh giá cao trong năm"} {
			if !strings.Contains(res.Errors[0].Message, gap) {
				t.Errorf("the refusal does not name %q: %s", gap, res.Errors[0].Message)
			}
		}
		var got struct{ SubmitNomination nominationState }
		e.do(t, board, submit, map[string]any{"in": map[string]any{"id": n.ID, "version": n.Version,
			"overrideJustification": "Thành tích đặc biệt trong phòng chống thiên tai, Hội đồng Thành phố đề nghị xét đặc cách."}}).decode(t, &got)
		if got.SubmitNomination.Status != "SUBMITTED" || got.SubmitNomination.OverrideJustification == nil {
			t.Fatalf("override: %+v", got.SubmitNomination)
		}
		var audit struct {
			AuditEvents struct {
				Edges []struct {
					Node struct{ Changes map[string]any }
				}
			}
		}
		e.do(t, board, `query($id: Int!) { auditEvents(where: {entityType: "Nomination", entityID: $id, operation: UPDATE}) { edges { node { changes } } } }`,
			map[string]any{"id": atoi(t, n.ID)}).decode(t, &audit)
		found := false
		for _, ev := range audit.AuditEvents.Edges {
			_, found = ev.Node.Changes["override_justification"]
			if found {
				break
			}
		}
		if !found {
			t.Errorf("the override is not in the audit log: %+v", audit)
		}
	})
}
