package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestStuckStreamEnds — found by an outside review: a client that opens a
// stream and never reads it filled the socket; the write blocked past the
// token's expiry, holding the viewer's stream slots, and when the client
// went away gqlgen's keep-alive wrote on the finished response and the
// panic took the whole process down. Now each write has a deadline, the
// first failure ends the stream, and nothing is written after it ended.
func TestStuckStreamEnds(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	// One stream per process: whether the stuck one still holds its slot
	// is whether another viewer can open one.
	own := e.serve(t, server.Config{FilesDir: t.TempDir(), StreamWriteTimeout: time.Second, MaxStreams: 1})
	tok, err := e.signer.Mint(auth.Identity{Sub: "never-reads", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}, 3*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// Each event carries 16 aliases of a city's first 30 children: tens of
	// kilobytes, so a few hundred fill any socket buffers.
	var aliases []string
	for i := 0; i < 16; i++ {
		aliases = append(aliases, fmt.Sprintf("a%d: children(first: 30) { edges { node { id code name path type createdAt updatedAt } } }", i))
	}
	sub := `subscription { ideaEventAdded { id idea { unit { ` + strings.Join(aliases, " ") + ` } } } }`
	body, _ := json.Marshal(map[string]any{"query": sub})
	host := strings.TrimPrefix(own.srv.URL, "http://")
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 2048) })
	}}
	conn, err := d.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	before := e.store.Live.Made()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n%s",
		host, tok, len(body), body)
	status, _ := bufio.NewReader(conn).ReadString('\n') // and then never read again
	if !strings.Contains(status, "200") {
		t.Fatalf("the stream: %q", status)
	}
	for deadline := time.Now().Add(5 * time.Second); e.store.Live.Made() <= before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the stream's subscription was not made")
		}
	}

	// 300 ideas of the city in one commit: 300 events the client never reads.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	city := e.store.Client.Unit.Query().Where(unit.Code("HCM")).OnlyX(ctx)
	stamp := strings.ToUpper(fmt.Sprint(time.Now().UnixNano() % 1e9))
	bulk := make([]*ent.IdeaCreate, 300)
	for i := range bulk {
		bulk[i] = e.store.Client.Idea.Create().SetCode(fmt.Sprintf("YT-STUCK-%s-%d", stamp, i)).SetTitle("Ý tưởng không ai đọc").
			SetField(domain.IdeaField("ADMINISTRATIVE_REFORM")).SetKind(domain.IdeaKind("IDEA")).SetUnitID(city.ID).
			SetProposedOn(time.Date(2026, 3, 2, 0, 0, 0, 0, domain.Zone))
	}
	tx := e.store.Client.Idea.CreateBulk(bulk...)
	tx.SaveX(ctx)

	// The token expires at 3 s; a blocked write fails within a second of it.
	other := e.token(t, "other-viewer", "HCM", access.CityAdmin)
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		s := own.subscribe(t, other, ideaEventSub, nil)
		if s.status == 200 {
			s.cancel()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("15 s on, a stream nobody reads still holds the process's only slot (HTTP %d; token of 3 s, writes of 1 s)", s.status)
		}
	}
	conn.Close()
	time.Sleep(200 * time.Millisecond) // the keep-alive, had it survived the handler, would write now
	if r := own.do(t, e.token(t, "after", "HCM", access.CityAdmin), `{ viewer { sub } }`, nil); r.Status != 200 || len(r.Errors) > 0 {
		t.Fatalf("the server after a stuck stream: HTTP %d %+v", r.Status, r.Errors)
	}
}

// TestSubscriptionDocumentLimits — found by the same review: a valid
// subscription read hundreds of thousands of rows for every event (one
// cheap write cost seconds of the server's time); two root fields answered
// INTERNAL; some refusals were English.
func TestSubscriptionDocumentLimits(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	tok := e.token(t, "limits", "HCM", access.CityAdmin)
	first := func(q string, vars map[string]any) response {
		var r response
		_ = json.Unmarshal(e.subscribe(t, tok, q, vars).next(t, q), &r)
		return r
	}
	heavy := `subscription { ideaEventAdded { idea { unit { children(first: 1000) { edges { node { id } } } } } } }`
	if r := first(heavy, nil); r.code() != "VALIDATION" || r.Errors[0].Extensions["limit"] != "rows" || r.Errors[0].Extensions["max"] != float64(500) {
		t.Errorf("a subscription of 1000 rows per event: %+v, want VALIDATION rows max 500", r.Errors)
	}
	if r := first(`subscription { a: ideaEventAdded { id } b: ideaEventAdded { id } }`, nil); r.code() != "VALIDATION" {
		t.Errorf("two root fields: %+v, want VALIDATION", r.Errors)
	}
	if r := e.do(t, tok, `query A { viewer { sub } } query B { viewer { sub } }`, nil); r.code() == "" || !strings.Contains(r.Errors[0].Message, "operationName") {
		t.Errorf("two operations without operationName: %+v", r.Errors)
	}
	body, _ := json.Marshal(map[string]any{"query": `query A { viewer { sub } }`, "operationName": "Z"})
	if r := post(t, e.srv.URL, tok, body); r.code() == "" || !strings.Contains(r.Errors[0].Message, `không có thao tác tên "Z"`) {
		t.Errorf("an operationName the document lacks: %+v", r.Errors)
	}
}

// TestCreateRecordsItsCreator — the idea's first step names its creator's
// person, as every later step does (found by the same review).
func TestCreateRecordsItsCreator(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	board := e.token(t, "board", "HCM", access.CityAdmin)
	var people struct {
		People struct {
			Edges []struct {
				Node struct {
					ID, Code    string
					Memberships struct {
						Edges []struct {
							Node struct{ Unit struct{ ID, Code string } }
						}
					}
				}
			}
		}
	}
	e.do(t, board, `{ people(first: 1, where: {hasMembershipsWith: {validToIsNil: true, hasUnitWith: {type: WARD}}}) { edges { node { id code
		memberships(first: 1, where: {validToIsNil: true}) { edges { node { unit { id code } } } } } } } }`, nil).decode(t, &people)
	p := people.People.Edges[0].Node
	u := p.Memberships.Edges[0].Node.Unit
	member := e.token(t, p.Code, u.Code, access.Member)
	var got struct {
		CreateIdea struct {
			Events struct {
				Edges []struct {
					Node struct{ ActorSub, ActorPersonID *string }
				}
			}
		}
	}
	e.do(t, member, `mutation($u: ID!, $p: ID!, $c: String!) { createIdea(input: {code: $c, title: "Người tạo được ghi", field: ADMINISTRATIVE_REFORM,
		kind: IDEA, proposedOn: "2026-03-02", unitID: $u, proposerIDs: [$p]}) { events { edges { node { actorSub actorPersonID } } } } }`,
		map[string]any{"u": u.ID, "p": p.ID, "c": fmt.Sprintf("YT-CREATOR-%d", time.Now().UnixNano()%1e9)}).decode(t, &got)
	ev := got.CreateIdea.Events.Edges
	if len(ev) != 1 || ev[0].Node.ActorPersonID == nil || *ev[0].Node.ActorPersonID != p.ID {
		t.Errorf("the CREATE step by %s: %+v, want actorPersonID %s", p.Code, ev, p.ID)
	}
}
