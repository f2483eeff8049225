package server_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/auditevent"
	"github.com/hcmc-thidua/thidua/ent/dossierdocument"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/ideaflow"
)

// ideaNow reads the idea as the board sees it.
func ideaNow(t *testing.T, e *env, id string) ideaState {
	t.Helper()
	var got struct{ Node ideaState }
	e.do(t, e.token(t, "board", "HCM", access.CityAdmin), `query($id: ID!) { node(id: $id) { ... on Idea { `+ideaFields+` } } }`,
		map[string]any{"id": id}).decode(t, &got)
	return got.Node
}

// checkHistory fails unless the idea's events run 0…version without a gap
// or a repeat, each audited once, and the last one names the action taken.
func checkHistory(t *testing.T, e *env, st ideaState, last domain.IdeaAction) {
	t.Helper()
	if st.Events.TotalCount != st.Version+1 {
		t.Errorf("version %d with %d events", st.Version, st.Events.TotalCount)
	}
	for i, ev := range st.Events.Edges {
		if ev.Node.Seq != i {
			t.Fatalf("events out of sequence: %+v", st.Events.Edges)
		}
	}
	if n := len(st.Events.Edges); n == 0 || st.Events.Edges[n-1].Node.Action != string(last) {
		t.Errorf("last event: %+v, want %s", st.Events.Edges, last)
	}
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	events := e.store.Client.IdeaEvent.Query().Where(ideaevent.IdeaID(atoi(t, st.ID))).IDsX(ctx)
	audited := e.store.Client.AuditEvent.Query().Where(auditevent.EntityType("IdeaEvent"), auditevent.EntityIDIn(events...)).CountX(ctx)
	if audited != len(events) {
		t.Errorf("%d events, %d audit rows of them", len(events), audited)
	}
}

// TestConflictingActionsOnOneIdea: an idea under review, and at once the
// head approving it for implementation, the head approving a pilot, the
// board rejecting it and its proposer withdrawing it, eight clients each,
// all from the version they saw. One action wins; every other client gets
// CONFLICT — never a server error, a second status change or a
// duplicated event.
func TestConflictingActionsOnOneIdea(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unit = "PX-SAI-GON"
		member := memberOf(t, e, unit)
		proposer := e.token(t, member, unit, access.Member)
		head := e.token(t, "head", unit, access.UnitHead)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		st := newIdea(t, e, member, unit, "YT-CONFLICT-"+strings.ToUpper(e.store.Dialect))
		mustAct(t, e, proposer, "SUBMIT", &st)
		mustAct(t, e, head, "START_REVIEW", &st)
		contenders := []struct {
			tok string
			a   domain.IdeaAction
		}{{head, "APPROVE_IMPLEMENTATION"}, {head, "APPROVE_PILOT"}, {board, "REJECT"}, {proposer, "WITHDRAW"}}
		var (
			mu        sync.Mutex
			won       []domain.IdeaAction
			conflicts int
			wg        sync.WaitGroup
		)
		start := make(chan struct{})
		for i := range 32 {
			c := contenders[i%len(contenders)]
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				res := act(t, e, c.tok, c.a, st.ID, st.Version)
				mu.Lock()
				defer mu.Unlock()
				switch res.code() {
				case "":
					won = append(won, c.a)
				case "CONFLICT":
					conflicts++
				default:
					t.Errorf("%s: %q (status %d): %+v", c.a, res.code(), res.Status, res.Errors)
				}
			}()
		}
		close(start)
		wg.Wait()
		if len(won) != 1 || conflicts != 31 {
			t.Fatalf("won %v, %d conflicts; want one winner and 31", won, conflicts)
		}
		after := ideaNow(t, e, st.ID)
		want, _ := ideaflow.Next(won[0], ideaflow.State{Status: domain.IdeaStatusUnderReview})
		if after.Version != st.Version+1 || after.Status != string(want) {
			t.Fatalf("after %s won: %s at version %d, want %s at %d", won[0], after.Status, after.Version, want, st.Version+1)
		}
		checkHistory(t, e, after, won[0])
	})
}

// TestActionsRaceThroughTheLifecycle: eight clients push one idea from
// review to city-wide application at once, each reading the idea, taking
// the next step from what it read and reading again on CONFLICT. Every
// step is taken exactly once, in order, however the clients interleave.
func TestActionsRaceThroughTheLifecycle(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unit = "PX-TAN-DINH"
		member := memberOf(t, e, unit)
		board := e.token(t, "board", "HCM", access.CityAdmin)
		st := newIdea(t, e, member, unit, "YT-STAMPEDE-"+strings.ToUpper(e.store.Dialect))
		mustAct(t, e, e.token(t, member, unit, access.Member), "SUBMIT", &st)
		next := map[string]domain.IdeaAction{
			"SUBMITTED": "START_REVIEW", "UNDER_REVIEW": "APPROVE_IMPLEMENTATION", "APPROVED_FOR_IMPLEMENTATION": "START_IMPLEMENTATION",
			"IMPLEMENTING": "EVALUATE_EFFECTIVE", "EVALUATED_EFFECTIVE": "APPLY_IN_UNIT", "APPLIED_IN_UNIT": "PROPOSE_TO_CITY", "PROPOSED_TO_CITY": "APPLY_CITY_WIDE",
		}
		var (
			mu        sync.Mutex
			taken     = map[domain.IdeaAction]int{}
			conflicts int
			wg        sync.WaitGroup
		)
		start := make(chan struct{})
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for seen := st; ; seen = ideaNow(t, e, st.ID) {
					a, ok := next[seen.Status]
					if !ok {
						return
					}
					res := act(t, e, board, a, seen.ID, seen.Version)
					mu.Lock()
					switch res.code() {
					case "":
						taken[a]++
					case "CONFLICT":
						conflicts++
					default:
						t.Errorf("%s from %s: %q (status %d): %+v", a, seen.Status, res.code(), res.Status, res.Errors)
						mu.Unlock()
						return
					}
					mu.Unlock()
				}
			}()
		}
		close(start)
		wg.Wait()
		for _, a := range next {
			if taken[a] != 1 {
				t.Errorf("%s taken %d times", a, taken[a])
			}
		}
		after := ideaNow(t, e, st.ID)
		if after.Status != "APPLIED_CITY_WIDE" || after.Version != st.Version+len(next) {
			t.Fatalf("after the race: %s at version %d, want APPLIED_CITY_WIDE at %d", after.Status, after.Version, st.Version+len(next))
		}
		checkHistory(t, e, after, "APPLY_CITY_WIDE")
		t.Logf("%d steps, %d conflicts on the way", len(next), conflicts)
	})
}

// TestUploadsRaceTheSubmission: a unit's officer uploads eight documents
// while the board submits the nomination. Each upload is stored or refused
// as too late, the submission goes through, and the dossier holds exactly
// the documents whose upload succeeded, all written before the
// submission: no deadlock or server error from the uploads' lock on the
// nomination, and no document slipped in after it.
func TestUploadsRaceTheSubmission(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		const unitCode = "PX-AN-KHANH"
		board := e.token(t, "board", "HCM", access.CityAdmin)
		officer := e.token(t, "officer", unitCode, access.UnitAdmin)
		uid := mustUnit(t, e, unitCode)
		var created struct{ CreateNomination nominationState }
		e.do(t, board, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`,
			map[string]any{"in": map[string]any{"unitID": uid, "recipientKind": "COLLECTIVE", "recipientUnitID": uid,
				"level": "UNIT_HEAD_CERTIFICATE", "year": 2026}}).decode(t, &created)
		n := created.CreateNomination
		var (
			mu              sync.Mutex
			stored, refused int
			wg              sync.WaitGroup
		)
		start := make(chan struct{})
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				res := e.upload(t, officer, n.ID, "OTHER", append(bytes.Clone(pdf), byte(i)))
				mu.Lock()
				defer mu.Unlock()
				switch res.code() {
				case "":
					stored++
				case "INVALID_TRANSITION":
					refused++
				default:
					t.Errorf("upload: %q (status %d) %+v", res.code(), res.Status, res.Errors)
				}
			}()
		}
		close(start)
		res := e.do(t, board, `mutation($in: SubmitNominationInput!) { submitNomination(input: $in) { status } }`,
			map[string]any{"in": map[string]any{"id": n.ID, "version": n.Version,
				"overrideJustification": "Thử nghiệm trình hồ sơ trong lúc đơn vị đang bổ sung tài liệu."}})
		wg.Wait()
		if res.code() != "" {
			t.Fatalf("submission: %q %+v", res.code(), res.Errors)
		}
		var got struct {
			Node struct {
				Status    string
				Documents struct{ TotalCount int }
			}
		}
		e.do(t, board, `query($id: ID!) { node(id: $id) { ... on Nomination { status documents { totalCount } } } }`,
			map[string]any{"id": n.ID}).decode(t, &got)
		if got.Node.Status != "SUBMITTED" || got.Node.Documents.TotalCount != stored {
			t.Fatalf("%s with %d documents; %d uploads stored, %d refused", got.Node.Status, got.Node.Documents.TotalCount, stored, refused)
		}
		// Every document was written before the submission: its audit row
		// precedes the submission's.
		ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
		nid := atoi(t, n.ID)
		submitted := e.store.Client.AuditEvent.Query().Where(auditevent.EntityType("Nomination"), auditevent.EntityID(nid),
			auditevent.OperationEQ(domain.AuditOperationUpdate)).OnlyIDX(ctx)
		docs := e.store.Client.DossierDocument.Query().Where(dossierdocument.NominationID(nid)).IDsX(ctx)
		late := e.store.Client.AuditEvent.Query().Where(auditevent.EntityType("DossierDocument"), auditevent.EntityIDIn(docs...),
			auditevent.IDGT(submitted)).CountX(ctx)
		if late > 0 {
			t.Errorf("%d documents added after the submission", late)
		}
		t.Logf("%d uploads stored before the submission, %d refused after it", stored, refused)
	})
}
