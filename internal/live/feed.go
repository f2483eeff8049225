// Package live tells the API's subscribers what the store committed: the
// kinds of records a transaction changed and the idea events it wrote. A
// write is announced only once its transaction commits, never when it
// rolls back, so a subscriber never sees an event the store does not hold.
// Within one process the feed hands changes over directly; on PostgreSQL
// it also sends them through LISTEN/NOTIFY (notify.go), so the replicas
// behind one load balancer, and the command line's imports, reach every
// subscriber.
package live

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"sync"
)

// Change is what one committed transaction (or one write outside a
// transaction) changed.
type Change struct {
	// Kinds are the ent types written, sorted: "Idea", "IdeaEvent", …
	Kinds []string
	// IdeaEvents are the ids of the idea events created.
	IdeaEvents []int
	// Lost says changes may have been missed (a subscriber fell behind, or
	// the link to the other replicas broke and was made again): what a
	// subscriber holds may be stale.
	Lost bool
}

// Touches reports whether the change wrote one of the kinds.
func (c Change) Touches(kinds ...string) bool {
	for _, k := range kinds {
		if _, ok := slices.BinarySearch(c.Kinds, k); ok {
			return true
		}
	}
	return false
}

// maxPending bounds what a subscriber that does not read may hold: past it
// the subscriber is told it lost changes, and what it held is dropped.
const maxPending = 4096

// Feed fans committed changes out to subscribers.
type Feed struct {
	origin string // this process, so it ignores its own notifications

	mu        sync.Mutex
	subs      map[*Subscription]struct{}
	made      uint64 // subscriptions made since the feed began
	observers []func(Change)
	closed    bool
	once      sync.Once

	remote *notifier // nil on SQLite
}

// New returns a feed with no remote link; Postgres adds one.
func New() *Feed {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return &Feed{origin: hex.EncodeToString(b), subs: map[*Subscription]struct{}{}}
}

// Subscription receives the changes committed after it was made.
type Subscription struct {
	feed  *Feed
	ready chan struct{} // holds a signal while changes wait

	mu     sync.Mutex
	queued Change
	ended  bool
}

// Subscribe starts receiving changes; Close ends it. After the feed is
// closed, Ended reports true at once.
func (f *Feed) Subscribe() *Subscription {
	s := &Subscription{feed: f, ready: make(chan struct{}, 1)}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		s.ended = true
		s.ready <- struct{}{}
		return s
	}
	f.subs[s] = struct{}{}
	f.made++
	return s
}

// Made counts the subscriptions made since the feed began, ended ones
// included. Unlike Subscribers it only grows, so a new stream's
// subscription shows in it even while another stream's ends.
func (f *Feed) Made() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.made
}

// Subscribers counts the open subscriptions.
func (f *Feed) Subscribers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subs)
}

// Ready is signalled when changes wait or the feed ended.
func (s *Subscription) Ready() <-chan struct{} { return s.ready }

// Take returns the changes that waited, merged into one, and whether the
// feed has ended (the server is shutting down).
func (s *Subscription) Take() (Change, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.queued
	s.queued = Change{}
	return c, s.ended
}

// Close stops the subscription.
func (s *Subscription) Close() {
	s.feed.mu.Lock()
	delete(s.feed.subs, s)
	s.feed.mu.Unlock()
}

func (s *Subscription) push(c Change) {
	s.mu.Lock()
	switch {
	case s.queued.Lost:
	case c.Lost || len(s.queued.IdeaEvents)+len(c.IdeaEvents) > maxPending:
		s.queued = Change{Lost: true}
	default:
		s.queued = merge(s.queued, c)
	}
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

func (s *Subscription) end() {
	s.mu.Lock()
	s.ended = true
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// EndSubscriptions ends every subscription and refuses new ones, so
// streams finish before the server waits for its connections to close.
func (f *Feed) EndSubscriptions() {
	f.mu.Lock()
	f.closed = true
	subs := f.subs
	f.subs = map[*Subscription]struct{}{}
	f.mu.Unlock()
	for s := range subs {
		s.end()
	}
}

// Close ends the subscriptions and sends what waits to the other
// processes; later commits are no longer announced. It may be called
// more than once.
func (f *Feed) Close() {
	f.EndSubscriptions()
	f.once.Do(func() {
		if f.remote != nil {
			f.remote.close()
		}
	})
}

// OnChange calls fn with every change this process hears of, on the
// committing goroutine before its Commit returns (or the listener's, for
// another process's), unlike a subscription, which a reader drains later:
// a cache invalidated by fn is invalidated before the writer's caller can
// send its next request. fn must be quick and must not block.
func (f *Feed) OnChange(fn func(Change)) {
	f.mu.Lock()
	f.observers = append(f.observers, fn)
	f.mu.Unlock()
}

// deliver hands a change to this process's subscribers.
func (f *Feed) deliver(c Change) {
	f.mu.Lock()
	subs := make([]*Subscription, 0, len(f.subs))
	for s := range f.subs {
		subs = append(subs, s)
	}
	observers := f.observers
	f.mu.Unlock()
	for _, fn := range observers {
		fn(c)
	}
	for _, s := range subs {
		s.push(c)
	}
}

// publish announces a committed change here and to the other processes.
func (f *Feed) publish(c Change) {
	f.deliver(c)
	if f.remote != nil {
		f.remote.send(c)
	}
}

func merge(a, b Change) Change {
	kinds := append(slices.Clone(a.Kinds), b.Kinds...)
	slices.Sort(kinds)
	return Change{Kinds: slices.Compact(kinds), IdeaEvents: append(a.IdeaEvents, b.IdeaEvents...), Lost: a.Lost || b.Lost}
}
