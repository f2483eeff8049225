package loadtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// CodePrefix starts the code of every idea the load creates, which is how
// the check tells them from the seed's.
const CodePrefix = "YT-LOAD-"

// Run is one load run's shared state.
type Run struct {
	GQL     *GQL
	Signer  *auth.HS256
	Units   []*Unit
	Metrics *Metrics
	Ledger  *Ledger
	Seed    uint64 // makes the clients' choices repeatable
}

// client is one simulated user session: a unit, a person of it as the
// member who proposes, the unit's head and officer who decide, and the
// role its reads are made with.
type client struct {
	run                *Run
	n                  int
	r                  *rand.Rand
	unit               *Unit
	member             Person
	memberTok, headTok string
	adminTok, readTok  string
	created            int
	today              time.Time
}

// Clients runs n clients until the deadline (or ctx ends) and waits for
// them: a client finishes its current step rather than abandoning a
// request, so every write's outcome is known.
func (run *Run) Clients(ctx context.Context, n int, until time.Time) error {
	cs := make([]*client, n)
	for i := range cs {
		c, err := run.newClient(i)
		if err != nil {
			return err
		}
		cs[i] = c
	}
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(until) {
				c.step()
			}
		}()
	}
	wg.Wait()
	return nil
}

func (run *Run) newClient(i int) (*client, error) {
	r := rand.New(rand.NewPCG(run.Seed, uint64(i)))
	u := run.Units[i%len(run.Units)]
	c := &client{run: run, n: i, r: r, unit: u, member: u.Members[r.IntN(len(u.Members))],
		today: time.Now().In(domain.Zone)}
	mint := func(sub string, role access.Role) (string, error) {
		return run.Signer.Mint(auth.Identity{Sub: sub, Roles: []access.Role{role}, UnitCode: u.Code}, 2*time.Hour)
	}
	var err error
	if c.memberTok, err = mint(c.member.Code, access.Member); err != nil {
		return nil, err
	}
	if c.headTok, err = mint(fmt.Sprintf("load-head-%d", i), access.UnitHead); err != nil {
		return nil, err
	}
	if c.adminTok, err = mint(fmt.Sprintf("load-admin-%d", i), access.UnitAdmin); err != nil {
		return nil, err
	}
	c.readTok = []string{c.memberTok, c.headTok, c.adminTok}[i%3]
	return c, nil
}

// step is one user action: 60% reads (the screens of the unit's web app),
// 40% writes (proposing an idea, or a head moving one along).
func (c *client) step() {
	if c.r.IntN(100) < 60 {
		c.read()
		return
	}
	if i := c.unit.anyActive(c.r); i != nil && c.r.IntN(100) < 75 {
		c.advance(i)
		return
	}
	c.propose()
}

func (c *client) read() {
	switch c.r.IntN(4) {
	case 0:
		c.query(Read, c.readTok, qIdeasPage, map[string]any{"path": c.unit.Path})
	case 1:
		if id := c.unit.anyIdeaID(c.r); id != "" {
			c.query(Read, c.readTok, qIdeaDetail, map[string]any{"id": id})
			return
		}
		c.query(Read, c.readTok, qIdeasPage, map[string]any{"path": c.unit.Path})
	case 2:
		c.query(Read, c.readTok, qSubtree, map[string]any{"path": c.unit.Path})
	default:
		c.query(Read, c.readTok, qViewer, map[string]any{"me": c.member.Code})
	}
}

// propose creates an idea as the member, its only proposer.
func (c *client) propose() {
	c.created++
	code := fmt.Sprintf("%s%d-%d", CodePrefix, c.n, c.created)
	fields := domain.IdeaField("").Values()
	in := map[string]any{
		"code":        code,
		"title":       fmt.Sprintf("Ý tưởng kiểm thử tải %d-%d", c.n, c.created),
		"summary":     "Tạo bởi make load.",
		"field":       fields[c.r.IntN(len(fields))],
		"kind":        "IDEA",
		"proposedOn":  c.today.Format(time.DateOnly),
		"unitID":      c.unit.ID,
		"proposerIDs": []string{c.member.ID},
	}
	resp := c.query(Write, c.memberTok, mCreateIdea, map[string]any{"input": in})
	var out struct{ CreateIdea struct{ ID string } }
	switch {
	case resp.OK():
		if err := resp.Decode(&out); err != nil {
			c.run.Metrics.Fail("createIdea: " + err.Error())
			return
		}
		c.run.Ledger.Succeeded(code, -1, string(domain.IdeaActionCreate))
		c.unit.add(&loadIdea{ID: out.CreateIdea.ID, Code: code, Proposer: c.member})
	case unknownOutcome(resp):
		c.run.Ledger.Unknown(code, -1, string(domain.IdeaActionCreate))
	case onlyConflicts(resp):
		// Codes are unique per client: no race explains a CONFLICT here.
		c.run.Metrics.Fail(fmt.Sprintf("createIdea %s: %s", code, resp.Describe()))
	}
}

// advance reads the idea as the head would (its version and buttons) and
// takes one of the available actions; SUBMIT and WITHDRAW are also taken
// by the officer or the proposer, as in the units.
func (c *client) advance(i *loadIdea) {
	resp := c.query(Read, c.headTok, qIdeaState, map[string]any{"id": i.ID})
	var st struct {
		Node struct {
			Version          int
			AvailableActions []domain.IdeaAction
		}
	}
	if resp.Decode(&st) != nil {
		return // already counted by query
	}
	a := pickAction(c.r, st.Node.AvailableActions)
	if a == "" {
		c.unit.retire(i) // a final status, or one only the board may move on
		return
	}
	tok := c.headTok
	if a == domain.IdeaActionSubmit || a == domain.IdeaActionWithdraw {
		switch c.r.IntN(3) {
		case 0:
			tok = c.adminTok
		case 1:
			if i.Proposer == c.member {
				tok = c.memberTok
			}
		}
	}
	doc, vars, err := actionRequest(a, i.ID, st.Node.Version, c.today)
	if err != nil {
		c.run.Metrics.Fail(err.Error())
		return
	}
	resp = c.query(Write, tok, doc, vars)
	switch {
	case resp.OK():
		c.run.Ledger.Succeeded(i.Code, st.Node.Version, string(a))
	case unknownOutcome(resp):
		c.run.Ledger.Unknown(i.Code, st.Node.Version, string(a))
	}
}

// query sends one operation and records it; anything but a success or a
// CONFLICT on a write counts as a failure of the run.
func (c *client) query(k Kind, tok, doc string, vars map[string]any) Response {
	resp := c.run.GQL.Do(context.Background(), tok, doc, vars)
	c.run.Metrics.Observe(k, resp.Latency, resp.Status, resp.Codes())
	if !resp.OK() && !(k == Write && onlyConflicts(resp)) {
		c.run.Metrics.Fail(fmt.Sprintf("client %d (%s): %s", c.n, c.unit.Code, resp.Describe()))
	}
	return resp
}

func onlyConflicts(r Response) bool {
	if r.Err != nil || r.Status != http.StatusOK || len(r.Errors) == 0 {
		return false
	}
	for _, e := range r.Errors {
		if e.Extensions.Code != "CONFLICT" {
			return false
		}
	}
	return true
}

// unknownOutcome tells whether a failed write may still have been
// committed: no answer, a 5xx, or an error raised after the work started.
func unknownOutcome(r Response) bool {
	if r.Err != nil || r.Status >= 500 {
		return true
	}
	for _, e := range r.Errors {
		switch e.Extensions.Code {
		case "TIMEOUT", "INTERNAL", "STORE_UNAVAILABLE":
			return true
		}
	}
	return false
}
