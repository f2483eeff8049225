package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
)

// The streams the subscribers keep open while the clients work: the
// board's full feed of idea events (checked against the store afterwards:
// every event of the load's ideas, once), a unit head's feed, and a unit
// head's attention badge.
const (
	subAllEvents  = `subscription { ideaEventAdded { id seq occurredAt idea { code } } }`
	subUnitEvents = `subscription($u: ID) { ideaEventAdded(unitID: $u) { id seq occurredAt idea { code } } }`
	subAttention  = `subscription { attentionChanged { counts { kind count } } }`
)

// Subscribers are the run's live-update streams and what they received.
type Subscribers struct {
	mu         sync.Mutex
	latencies  []time.Duration  // commit (the event's occurredAt) to receipt
	events     int              // idea events received, all streams
	attention  int              // attention lists received
	endedEarly []string         // streams that ended before the run did
	board      []map[string]int // per board stream: "CODE#seq" → times received
	wg         sync.WaitGroup
	cancel     context.CancelFunc
}

// Subscribe opens n streams (a quarter the board's full feed, half unit
// heads' feeds of their unit, a quarter unit heads' attention badges) and
// returns once every one is open.
func (run *Run) Subscribe(ctx context.Context, n int) (*Subscribers, error) {
	ctx, cancel := context.WithCancel(ctx)
	s := &Subscribers{cancel: cancel}
	// No client timeout: a stream lasts the run.
	hc := &http.Client{Transport: run.GQL.HTTP.Transport}
	opened := make(chan error, n)
	for i := 0; i < n; i++ {
		u := run.Units[i%len(run.Units)]
		sub := fmt.Sprintf("load-watch-%d", i)
		id := auth.Identity{Sub: sub, Roles: []access.Role{access.UnitHead}, UnitCode: u.Code}
		query, vars, board := subUnitEvents, map[string]any{"u": u.ID}, -1
		switch i % 4 {
		case 0:
			id = auth.Identity{Sub: sub, Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM"}
			query, vars = subAllEvents, nil
			s.board = append(s.board, map[string]int{})
			board = len(s.board) - 1
		case 3:
			query, vars = subAttention, nil
		}
		tok, err := run.Signer.Mint(id, 2*time.Hour)
		if err != nil {
			cancel()
			return nil, err
		}
		s.wg.Add(1)
		go s.stream(ctx, hc, run.GQL.URL, tok, query, vars, board, opened)
	}
	for i := 0; i < n; i++ {
		if err := <-opened; err != nil {
			cancel()
			s.wg.Wait()
			return nil, err
		}
	}
	// A stream's headers come just before its resolver subscribes.
	time.Sleep(500 * time.Millisecond)
	return s, nil
}

func (s *Subscribers) stream(ctx context.Context, hc *http.Client, url, tok, query string, vars map[string]any, board int, opened chan<- error) {
	defer s.wg.Done()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := hc.Do(req)
	if err != nil {
		opened <- err
		return
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		opened <- fmt.Errorf("a subscription answered HTTP %d", res.StatusCode)
		return
	}
	opened <- nil
	ReadEvents(res.Body, func(data []byte) { s.receive(data, board) })
	if ctx.Err() == nil {
		s.ended(query)
	}
}

func (s *Subscribers) ended(query string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endedEarly = append(s.endedEarly, strings.Fields(query)[2])
}

func (s *Subscribers) receive(raw []byte, board int) {
	now := time.Now()
	var r struct {
		Data struct {
			IdeaEventAdded *struct {
				Seq        int
				OccurredAt time.Time
				Idea       struct{ Code string }
			}
			AttentionChanged *json.RawMessage
		}
		Errors []GQLError
	}
	_ = json.Unmarshal(raw, &r)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.Data.IdeaEventAdded != nil:
		e := r.Data.IdeaEventAdded
		s.events++
		s.latencies = append(s.latencies, now.Sub(e.OccurredAt))
		if board >= 0 {
			s.board[board][fmt.Sprintf("%s#%d", e.Idea.Code, e.Seq)]++
		}
	case r.Data.AttentionChanged != nil:
		s.attention++
	default:
		s.endedEarly = append(s.endedEarly, fmt.Sprintf("an error result: %s", raw))
	}
}

// Stop closes the streams, after waiting drain for the last commits.
func (s *Subscribers) Stop(drain time.Duration) {
	time.Sleep(drain)
	s.cancel()
	s.wg.Wait()
}

// LiveResult is what the streams received, checked against the store.
type LiveResult struct {
	Streams, BoardStreams int
	Events, Attention     int
	Delivery              Latencies // commit to receipt
	EndedEarly            []string
	Missing, Duplicated   int // over the board's streams, of the load's events
	Expected              int // the load's events each board stream should have
}

// Check compares each board stream with the load's events in the store.
func (s *Subscribers) Check(ideas []IdeaRow, events []EventRow, streams int) LiveResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	codes := map[int]string{}
	for _, i := range ideas {
		if strings.HasPrefix(i.Code, CodePrefix) {
			codes[i.ID] = i.Code
		}
	}
	want := map[string]bool{}
	for _, e := range events {
		if c, ok := codes[e.IdeaID]; ok {
			want[fmt.Sprintf("%s#%d", c, e.Seq)] = true
		}
	}
	r := LiveResult{Streams: streams, BoardStreams: len(s.board), Events: s.events, Attention: s.attention,
		Delivery: Summarize(append([]time.Duration(nil), s.latencies...)), EndedEarly: append([]string(nil), s.endedEarly...),
		Expected: len(want)}
	for _, got := range s.board {
		for k := range want {
			if got[k] == 0 {
				r.Missing++
			}
		}
		for k, n := range got {
			if strings.HasPrefix(k, CodePrefix) && n > 1 {
				r.Duplicated += n - 1
			}
		}
	}
	return r
}
