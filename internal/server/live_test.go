package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/loadtest"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// sse is one subscription's stream, read as graphql-sse's distinct
// connections mode delivers it: "next" events with a GraphQL result each,
// then "complete".
type sse struct {
	status int
	events chan json.RawMessage // the results' data (or the whole result when it has errors)
	done   chan struct{}        // closed when the stream ends
	cancel context.CancelFunc
}

func (e *env) subscribe(t *testing.T, tok, query string, vars map[string]any) *sse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	// Made, not Subscribers: a stream ending meanwhile (an expired token's,
	// a test's cleanup) would cancel the new one out in a count of those open.
	before := e.store.Live.Made()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Accept-Encoding", "gzip") // a browser's: the stream must still come event by event
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s := &sse{status: res.StatusCode, events: make(chan json.RawMessage, 100), done: make(chan struct{}), cancel: cancel}
	t.Cleanup(func() { cancel(); <-s.done })
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		var r response
		_ = json.NewDecoder(res.Body).Decode(&r)
		res.Body.Close()
		b, _ := json.Marshal(r)
		s.events <- b
		close(s.done)
		return s
	}
	if res.Header.Get("Content-Encoding") != "" {
		t.Errorf("a stream came with Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
	go func() {
		defer close(s.done)
		defer res.Body.Close()
		loadtest.ReadEvents(res.Body, func(raw []byte) {
			var r struct {
				Data   json.RawMessage `json:"data"`
				Errors []gqlError      `json:"errors"`
			}
			if json.Unmarshal(raw, &r) == nil && len(r.Errors) == 0 {
				raw = r.Data
			}
			s.events <- raw
		})
	}()
	// gqlgen sends the stream's headers just before the resolver
	// subscribes: wait for the subscription (or the stream's answer, when
	// it refuses), so a write made next is seen.
	if strings.HasPrefix(strings.TrimSpace(query), "subscription") {
		for deadline := time.Now().Add(5 * time.Second); e.store.Live.Made() <= before && len(s.events) == 0; time.Sleep(5 * time.Millisecond) {
			select {
			case <-s.done:
				return s
			default:
			}
			if time.Now().After(deadline) {
				t.Fatal("the stream's subscription was not made in 5 s")
			}
		}
	}
	return s
}

// next waits for the stream's next result.
func (s *sse) next(t *testing.T, what string) json.RawMessage {
	t.Helper()
	select {
	case ev := <-s.events:
		return ev
	case <-s.done:
		select {
		case ev := <-s.events:
			return ev
		default:
		}
		t.Fatalf("%s: the stream ended", what)
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: nothing came in 10 s", what)
	}
	return nil
}

// ended waits for the stream to end.
func (s *sse) ended(t *testing.T, what string, within time.Duration) {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(within):
		t.Fatalf("%s: the stream did not end within %s", what, within)
	}
}

const ideaEventSub = `subscription($idea: ID, $unit: ID) { ideaEventAdded(ideaID: $idea, unitID: $unit) { action toStatus seq idea { code } } }`

type ideaEventResult struct {
	IdeaEventAdded struct {
		Action, ToStatus string
		Seq              int
		Idea             struct{ Code string }
	}
}

func (s *sse) ideaEvent(t *testing.T, what string) (code, action string) {
	t.Helper()
	raw := s.next(t, what)
	var r ideaEventResult
	if err := json.Unmarshal(raw, &r); err != nil || r.IdeaEventAdded.Action == "" {
		t.Fatalf("%s: %s", what, raw)
	}
	return r.IdeaEventAdded.Idea.Code, r.IdeaEventAdded.Action
}

// TestLiveUpdates — issue 17, item 7: what the store commits reaches the
// viewers who may read it, over Server-Sent Events (graphql-sse), by the
// same read rules as the queries, and nothing that was rolled back. From an
// empty store, on both stores: a ward's idea in draft reaches the ward's
// head and not another district's; the district's own idea reaches it
// first; a refused action sends nothing; the member's attention list moves
// when their draft is reported.
func TestLiveUpdates(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			c := newEmptyCity(t, d)
			c.at("2026-03-02", 9, 0)
			c.unit(t, "HCM", "CITY", "")
			c.unit(t, "Q1", "DISTRICT", "HCM")
			c.unit(t, "PW00", "WARD", "Q1")
			c.unit(t, "Q2", "DISTRICT", "HCM")
			var p struct{ CreatePerson struct{ ID string } }
			c.do(t, c.board, `mutation { createPerson(input: {code: "CB1", fullName: "Phạm Thị Thử", gender: FEMALE}) { id } }`, nil).decode(t, &p)
			c.do(t, c.board, `mutation($p: ID!, $u: ID!) { createMembership(input: {personID: $p, unitID: $u, category: CIVIL_SERVANT, validFrom: "2026-01-01"}) { id } }`,
				map[string]any{"p": p.CreatePerson.ID, "u": c.units["PW00"]}).decode(t, &struct{}{})

			wardHead := c.token(t, "head-pw00", "PW00", access.UnitHead)
			otherHead := c.token(t, "head-q2", "Q2", access.UnitHead)
			member := c.token(t, "CB1", "PW00", access.Member)
			ward := c.subscribe(t, wardHead, ideaEventSub, nil)
			other := c.subscribe(t, otherHead, ideaEventSub, nil)
			onlyQ2 := c.subscribe(t, c.board, ideaEventSub, map[string]any{"unit": c.units["Q2"]})
			attention := c.subscribe(t, member, `subscription { attentionChanged { counts { kind count } } }`, nil)
			countOf := func(raw json.RawMessage, kind string) int {
				var a struct {
					AttentionChanged struct {
						Counts []struct {
							Kind  string
							Count int
						}
					}
				}
				if err := json.Unmarshal(raw, &a); err != nil {
					t.Fatalf("attention: %s", raw)
				}
				for _, k := range a.AttentionChanged.Counts {
					if k.Kind == kind {
						return k.Count
					}
				}
				return 0
			}
			if n := countOf(attention.next(t, "the attention list as it is"), "IDEA_NEXT_STEP"); n != 0 {
				t.Fatalf("before any idea the member's next steps are %d", n)
			}

			var idea struct{ CreateIdea struct{ ID string } }
			c.do(t, c.board, `mutation($p: ID!, $u: ID!) { createIdea(input: {code: "YT-1", title: "Một cửa số hóa", field: ADMINISTRATIVE_REFORM, kind: IDEA,
				proposedOn: "2026-03-01", unitID: $u, proposerIDs: [$p]}) { id } }`, map[string]any{"p": p.CreatePerson.ID, "u": c.units["PW00"]}).decode(t, &idea)
			if code, action := ward.ideaEvent(t, "the ward's head, the draft's creation"); code != "YT-1" || action != "CREATE" {
				t.Errorf("the ward's head got %s %s, want YT-1 CREATE", code, action)
			}
			if n := countOf(attention.next(t, "the member's list after their draft"), "IDEA_NEXT_STEP"); n != 1 {
				t.Errorf("after the draft the member's next steps are %d, want 1", n)
			}
			// Refused: the draft is not under review. Nothing is committed, nothing sent.
			if r := c.do(t, c.board, `mutation($id: ID!, $v: Int!) { approveIdeaPilot(input: {id: $id, version: $v, decisionNumber: "1/QĐ-UBND",
				decisionDate: "2026-03-02", authorityLevel: UNIT, pilotScope: "Phường", pilotStartOn: "2026-03-02", pilotPlannedEnd: "2026-06-30"}) { id } }`,
				map[string]any{"id": idea.CreateIdea.ID, "v": c.versionOf(t, idea.CreateIdea.ID)}); r.code() != "INVALID_TRANSITION" {
				t.Fatalf("approving a draft's pilot: %s %+v, want INVALID_TRANSITION", r.Data, r.Errors)
			}
			c.do(t, member, `mutation($id: ID!, $v: Int!) { submitIdea(input: {id: $id, version: $v}) { id } }`,
				map[string]any{"id": idea.CreateIdea.ID, "v": c.versionOf(t, idea.CreateIdea.ID)}).decode(t, &struct{}{})
			if code, action := ward.ideaEvent(t, "the ward's head, the report"); code != "YT-1" || action != "SUBMIT" {
				t.Errorf("after the refused approval the ward's head got %s %s, want YT-1 SUBMIT", code, action)
			}
			if n := countOf(attention.next(t, "the member's list after reporting"), "IDEA_NEXT_STEP"); n != 0 {
				t.Errorf("after reporting the member's next steps are %d, want 0", n)
			}

			// Q2's own idea: the first thing Q2's head and the board's Q2
			// stream see, so PW00's draft reached neither.
			c.do(t, c.board, `mutation($u: ID!) { createIdea(input: {code: "YT-2", title: "Bản đồ số điểm nghẽn", field: BUSINESS_SUPPORT, kind: IDEA,
				proposedOn: "2026-03-02", unitID: $u}) { id } }`, map[string]any{"u": c.units["Q2"]}).decode(t, &struct{}{})
			for name, s := range map[string]*sse{"Q2's head": other, "the board's stream of Q2": onlyQ2} {
				if code, _ := s.ideaEvent(t, name); code != "YT-2" {
					t.Errorf("%s first got an event of %s, want YT-2: another unit's draft leaked", name, code)
				}
			}
			select {
			case raw := <-ward.events:
				t.Errorf("the ward's head got an event of Q2's draft: %s", raw)
			case <-time.After(300 * time.Millisecond):
			}
		})
	}
}

// TestLiveStreamsEnd — a stream is not forever: it ends when the viewer's
// token expires, when the server shuts down, and a viewer holds at most
// server.MaxStreamsPerViewer at once; without a token there is none.
func TestLiveStreamsEnd(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	own := e.serve(t, server.Config{FilesDir: t.TempDir()})
	short, err := e.signer.Mint(auth.Identity{Sub: "short-lived", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s := own.subscribe(t, short, ideaEventSub, nil)
	s.ended(t, "a token of 2 s", 8*time.Second)

	if r := own.subscribe(t, "", ideaEventSub, nil); r.status != http.StatusUnauthorized {
		t.Errorf("a stream without a token: HTTP %d, want 401", r.status)
	}

	tok := e.token(t, "many-tabs", "HCM", access.CityAdmin)
	for i := 0; i < server.MaxStreamsPerViewer; i++ {
		if s := own.subscribe(t, tok, ideaEventSub, nil); s.status != http.StatusOK {
			t.Fatalf("stream %d: HTTP %d", i+1, s.status)
		}
	}
	over := own.subscribe(t, tok, ideaEventSub, nil)
	var r response
	_ = json.Unmarshal(over.next(t, "one stream too many"), &r)
	if over.status != http.StatusTooManyRequests || r.code() != "VALIDATION" || r.Errors[0].Extensions["limit"] != "streams" {
		t.Errorf("stream %d: HTTP %d %+v, want 429 VALIDATION limit streams", server.MaxStreamsPerViewer+1, over.status, r.Errors)
	}
	// Nor by dressing the subscription so the server reads it as something
	// else: an extensions.persistedQuery of the wrong JSON type, which the
	// transport ignores (found by an outside review: twelve streams of one
	// token, without write deadlines).
	dressed, _ := json.Marshal(map[string]any{"query": ideaEventSub, "extensions": map[string]any{"persistedQuery": "x"}})
	req, _ := http.NewRequest(http.MethodPost, own.srv.URL+"/graphql", bytes.NewReader(dressed))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Authorization", "Bearer "+tok)
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else {
		res.Body.Close()
		if res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("a subscription with extensions.persistedQuery \"x\" past the limit: HTTP %d, want 429", res.StatusCode)
		}
	}
	// Another viewer is not held back by that one.
	if s := own.subscribe(t, e.token(t, "one-tab", "HCM", access.CityAdmin), ideaEventSub, nil); s.status != http.StatusOK {
		t.Errorf("another viewer's stream: HTTP %d", s.status)
	}

	// A subscription sent as a plain request is refused at once, not held
	// until the request timeout and answered with nothing.
	began := time.Now()
	if r := own.do(t, tok, ideaEventSub, nil); r.code() != "VALIDATION" || !strings.Contains(r.Errors[0].Message, "text/event-stream") || time.Since(began) > 5*time.Second {
		t.Errorf("a subscription over plain POST: HTTP %d %+v after %s, want VALIDATION at once", r.Status, r.Errors, time.Since(began))
	}

	// A process holds at most MaxStreams, whoever asks.
	one := e.serve(t, server.Config{FilesDir: t.TempDir(), MaxStreams: 1})
	if s := one.subscribe(t, e.token(t, "first", "HCM", access.CityAdmin), ideaEventSub, nil); s.status != http.StatusOK {
		t.Fatalf("the first stream of a server of one: HTTP %d", s.status)
	}
	full := one.subscribe(t, e.token(t, "second", "HCM", access.CityAdmin), ideaEventSub, nil)
	_ = json.Unmarshal(full.next(t, "a stream past the server's limit"), &r)
	if full.status != http.StatusServiceUnavailable || r.code() != "VALIDATION" || r.Errors[0].Extensions["limit"] != "streamsTotal" {
		t.Errorf("a stream past the server's limit: HTTP %d %+v, want 503 limit streamsTotal", full.status, r.Errors)
	}

	// A query sent as a stream is answered once, under the request timeout.
	q := own.subscribe(t, tok, `{ viewer { sub } }`, nil)
	if raw := q.next(t, "a query as a stream"); !strings.Contains(string(raw), "many-tabs") {
		t.Errorf("a query as a stream: %s", raw)
	}
	q.ended(t, "a query as a stream", 5*time.Second)
}

// TestLiveAcrossReplicas — two API processes on one PostgreSQL database,
// as behind a load balancer: a commit made through one reaches the
// subscribers of the other (LISTEN/NOTIFY), once, and a refused write
// reaches nobody.
func TestLiveAcrossReplicas(t *testing.T) {
	url := storetest.URL(t, "postgres")
	open := func() (*store.Store, *env) {
		st, err := store.Open(context.Background(), url, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		signer, err := auth.NewHS256(testSecret)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(server.New(st, signer, server.Config{FilesDir: t.TempDir()}))
		t.Cleanup(func() { srv.Close(); st.Close() })
		return st, &env{url: url, store: st, signer: signer, srv: srv}
	}
	stA, a := open()
	_, b := open()
	stA.Live.Listen()
	board := a.token(t, "board", "", access.CityAdmin)
	var u struct{ CreateUnit struct{ ID string } }
	b.do(t, board, `mutation { createUnit(input: {code: "HCM", name: "Thành phố", type: CITY}) { id } }`, nil).decode(t, &u)
	s := a.subscribe(t, board, ideaEventSub, nil)
	// The listener's LISTEN is asynchronous: wait until a commit made
	// through B is heard on A before counting.
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; ; i++ {
		b.do(t, board, `mutation($u: ID!, $c: String!) { createIdea(input: {code: $c, title: "Thử kết nối", field: BUSINESS_SUPPORT, kind: IDEA,
			proposedOn: "2026-03-02", unitID: $u}) { id } }`, map[string]any{"u": u.CreateUnit.ID, "c": fmt.Sprintf("WARM-%d", i)}).decode(t, &struct{}{})
		select {
		case <-s.events:
		case <-time.After(300 * time.Millisecond):
			if time.Now().After(deadline) {
				t.Fatal("no commit made through replica B reached replica A's subscriber in 10 s")
			}
			continue
		}
		break
	}
	// Drain what the warm-up sent late.
	for drained := false; !drained; {
		select {
		case <-s.events:
		case <-time.After(500 * time.Millisecond):
			drained = true
		}
	}
	if r := b.do(t, board, `mutation($u: ID!) { createIdea(input: {code: "WARM-0", title: "Trùng mã", field: BUSINESS_SUPPORT, kind: IDEA,
		proposedOn: "2026-03-02", unitID: $u}) { id } }`, map[string]any{"u": u.CreateUnit.ID}); r.code() != "CONFLICT" {
		t.Fatalf("a duplicate code: %+v, want CONFLICT", r.Errors)
	}
	b.do(t, board, `mutation($u: ID!) { createIdea(input: {code: "YT-B", title: "Qua bản sao B", field: BUSINESS_SUPPORT, kind: IDEA,
		proposedOn: "2026-03-02", unitID: $u}) { id } }`, map[string]any{"u": u.CreateUnit.ID}).decode(t, &struct{}{})
	if code, action := s.ideaEvent(t, "replica A's subscriber"); code != "YT-B" || action != "CREATE" {
		t.Errorf("replica A's subscriber got %s %s, want YT-B CREATE (the refused duplicate sent nothing)", code, action)
	}
	select {
	case raw := <-s.events:
		t.Errorf("a second event for one commit: %s", raw)
	case <-time.After(500 * time.Millisecond):
	}
}
