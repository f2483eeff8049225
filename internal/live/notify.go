package live

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channel is the PostgreSQL notification channel the processes share.
const Channel = "thidua_live"

// idsPerNotice keeps a notice's payload under PostgreSQL's 8,000 bytes.
// Ids are global (a type's range of 2^32 each), so an idea event's has 11
// or 12 digits: 700 of them overflowed once a commit carried that many
// (a seed or an import, announced once since live.Bulk). 500 ids of 12
// digits and a comma, with every kind beside them, fit (TestNoticeFits).
const idsPerNotice = 500

// sendQueue bounds the notices waiting to be sent; past it a notice is
// dropped and the next one says changes were lost.
const sendQueue = 1024

type notice struct {
	Origin string   `json:"o"`
	Kinds  []string `json:"k,omitempty"`
	Events []int    `json:"e,omitempty"`
	Lost   bool     `json:"l,omitempty"`
}

// notifier sends this process's commits to the others and, when asked,
// listens for theirs.
type notifier struct {
	feed *Feed
	db   *sql.DB
	dsn  string

	queue   chan notice
	mu      sync.Mutex
	dropped bool
	closed  bool
	done    chan struct{}
	stop    context.CancelFunc // the listener's, when one runs
	stopped chan struct{}
}

// Postgres links the feed to the other processes on the same database:
// commits are announced with pg_notify through db; Listen receives theirs.
func (f *Feed) Postgres(db *sql.DB, dsn string) {
	n := &notifier{feed: f, db: db, dsn: dsn, queue: make(chan notice, sendQueue), done: make(chan struct{})}
	f.remote = n
	go n.sendLoop()
}

func (n *notifier) send(c Change) {
	events := c.IdeaEvents
	for first := true; first || len(events) > 0; first = false {
		part := events[:min(len(events), idsPerNotice)]
		events = events[len(part):]
		n.enqueue(notice{Origin: n.feed.origin, Kinds: c.Kinds, Events: part, Lost: c.Lost})
	}
}

func (n *notifier) enqueue(m notice) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return
	}
	if n.dropped {
		m.Lost = true
	}
	select {
	case n.queue <- m:
		n.dropped = false
	default:
		n.dropped = true
	}
}

func (n *notifier) sendLoop() {
	defer close(n.done)
	for m := range n.queue {
		payload, _ := json.Marshal(m)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := n.db.ExecContext(ctx, `SELECT pg_notify($1, $2)`, Channel, string(payload))
		cancel()
		if err != nil {
			slog.Warn("live: a change was not announced to the other processes", "err", err)
		}
	}
}

// close sends what waits (for at most two seconds: a command that imported
// a file announces it before it exits) and stops listening.
func (n *notifier) close() {
	n.mu.Lock()
	if n.stop != nil {
		n.stop()
	}
	n.closed = true
	close(n.queue)
	n.mu.Unlock()
	select {
	case <-n.done:
	case <-time.After(2 * time.Second):
	}
	if n.stopped != nil {
		<-n.stopped
	}
}

// Listen receives the other processes' commits until the feed closes. It
// returns at once on SQLite, where one process holds the store. A broken
// link is made again, and the subscribers are told they may have missed
// changes.
func (f *Feed) Listen() {
	n := f.remote
	if n == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	n.mu.Lock()
	n.stop, n.stopped = cancel, make(chan struct{})
	n.mu.Unlock()
	go func() {
		defer close(n.stopped)
		wait := time.Second
		for ctx.Err() == nil {
			err := n.listen(ctx)
			if ctx.Err() != nil {
				return
			}
			slog.Warn("live: the link to the other processes broke; making it again", "err", err, "in", wait)
			f.deliver(Change{Lost: true})
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, 30*time.Second)
		}
	}()
}

func (n *notifier) listen(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, n.dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	for {
		msg, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var m notice
		if json.Unmarshal([]byte(msg.Payload), &m) != nil || m.Origin == n.feed.origin {
			continue
		}
		n.feed.deliver(Change{Kinds: m.Kinds, IdeaEvents: m.Events, Lost: m.Lost})
	}
}
