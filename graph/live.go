package graph

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/graph/model"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/attention"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// attentionKinds are the records the attention list reads: a commit that
// wrote none of them cannot change it.
var attentionKinds = []string{"Idea", "Nomination", "Phase", "Person", "ReportCall", "Unit", "UnitPlan", "UnitReport"}

// attentionPause is the least time between two looks at one viewer's
// attention list: a burst of commits (an import) costs one look, not one
// per commit.
const attentionPause = 2 * time.Second

// stream is one subscriber's end of the feed, for as long as its
// operation lasts. The viewer in the operation's context is never changed:
// fields of the results are resolved with it while the next commit is
// read. So when the viewer's unit moves in the tree (a reorganisation),
// the stream ends, and the client subscribes again as its new self.
type stream struct {
	sub    *live.Subscription
	client *ent.Client
	viewer *access.Viewer
}

func (r *Resolver) openStream(ctx context.Context) (*stream, error) {
	if r.live == nil {
		return nil, problem.New(problem.Unavailable, "Máy chủ này không gửi cập nhật trực tiếp.")
	}
	return &stream{sub: r.live.Subscribe(), client: r.client, viewer: access.FromContext(ctx)}, nil
}

// next waits for committed changes; false means the stream should end.
func (s *stream) next(ctx context.Context, wake <-chan time.Time) (live.Change, bool) {
	select {
	case <-ctx.Done():
		return live.Change{}, false
	case <-wake:
		return live.Change{}, true
	case <-s.sub.Ready():
	}
	c, ended := s.sub.Take()
	switch {
	case ended:
		return c, false
	case c.Lost:
		slog.InfoContext(ctx, "live: a subscriber may have missed changes; its stream ends so it fetches again")
		return c, false
	case c.Touches("Unit") && s.viewerMoved(ctx):
		return c, false
	}
	return c, true
}

// viewerMoved reports whether the viewer's unit left the place in the tree
// the stream's read rules were checked against.
func (s *stream) viewerMoved(ctx context.Context) bool {
	if s.viewer == nil || s.viewer.UnitID == 0 {
		return false
	}
	u, err := s.client.Unit.Query().Where(unit.ID(s.viewer.UnitID)).Select(unit.FieldPath).
		Only(privacy.DecisionContext(ctx, privacy.Allow))
	return err != nil || u.Path != s.viewer.UnitPath
}

// ideaEvents streams the new events of ideas the viewer reads.
func (r *Resolver) ideaEvents(ctx context.Context, ideaID, unitID *int) (<-chan *ent.IdeaEvent, error) {
	var where []func(*ent.IdeaEventQuery)
	if ideaID != nil {
		if _, err := r.client.Idea.Query().Where(idea.ID(*ideaID)).Only(ctx); err != nil {
			return nil, problem.New(problem.NotFound, "Không tìm thấy sáng kiến này trong phạm vi được xem.").At("ideaID")
		}
		id := *ideaID
		where = append(where, func(q *ent.IdeaEventQuery) { q.Where(ideaevent.IdeaID(id)) })
	}
	if unitID != nil {
		u, err := r.client.Unit.Query().Where(unit.ID(*unitID)).Select(unit.FieldPath).Only(ctx)
		if err != nil {
			return nil, problem.New(problem.NotFound, "Không tìm thấy đơn vị %d.", *unitID).At("unitID")
		}
		path := u.Path
		where = append(where, func(q *ent.IdeaEventQuery) {
			q.Where(ideaevent.HasIdeaWith(idea.HasUnitWith(unit.PathHasPrefix(path))))
		})
	}
	s, err := r.openStream(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan *ent.IdeaEvent)
	go func() {
		defer close(out)
		defer s.sub.Close()
		for {
			c, ok := s.next(ctx, nil)
			if !ok {
				return
			}
			if len(c.IdeaEvents) == 0 {
				continue
			}
			q := r.client.IdeaEvent.Query().Where(ideaevent.IDIn(c.IdeaEvents...)).Order(ent.Asc(ideaevent.FieldID))
			for _, w := range where {
				w(q)
			}
			// The edges the document asks for, loaded with the events: one
			// read per batch, not one per event and edge.
			q, err := q.CollectFields(ctx)
			if err != nil {
				return
			}
			// The viewer's own context: the read rules decide what is sent.
			evs, err := q.All(ctx)
			if err != nil {
				if ctx.Err() == nil {
					slog.WarnContext(ctx, "live: reading committed idea events failed; the stream ends", "err", err)
				}
				return
			}
			for _, e := range evs {
				select {
				case out <- e:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}

// attentionStream sends the viewer's attention list now, then each time
// it changes.
func (r *Resolver) attentionStream(ctx context.Context, withinDays *int) (<-chan *model.Attention, error) {
	within, err := attentionDays(withinDays)
	if err != nil {
		return nil, err
	}
	first, err := r.attentionOf(ctx, within)
	if err != nil {
		return nil, err
	}
	s, err := r.openStream(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan *model.Attention, 1)
	out <- first
	go func() {
		defer close(out)
		defer s.sub.Close()
		last := attentionPrint(first)
		midnight := time.NewTimer(untilMidnight(ctx))
		defer midnight.Stop()
		for {
			c, ok := s.next(ctx, midnight.C)
			if !ok {
				return
			}
			if len(c.Kinds) == 0 { // the day turned
				midnight.Reset(untilMidnight(ctx))
			} else if !c.Touches(attentionKinds...) {
				continue
			}
			now, err := r.attentionOf(ctx, within)
			if err != nil {
				if ctx.Err() == nil {
					slog.WarnContext(ctx, "live: reading the attention list failed; the stream ends", "err", err)
				}
				return
			}
			if p := attentionPrint(now); p != last {
				select {
				case out <- now:
				case <-ctx.Done():
					return
				}
				last = p
			}
			select {
			case <-time.After(attentionPause):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

func attentionDays(withinDays *int) (int, error) {
	within := 7
	if withinDays != nil {
		within = *withinDays
	}
	if within < 0 || within > attention.MaxWithinDays {
		return 0, problem.New(problem.Validation, "Số ngày (withinDays) phải từ 0 đến %d.", attention.MaxWithinDays).At("withinDays")
	}
	return within, nil
}

func (r *Resolver) attentionOf(ctx context.Context, within int) (*model.Attention, error) {
	l, err := attention.For(ctx, r.client, within)
	if err != nil {
		return nil, err
	}
	out := &model.Attention{Items: []*attention.Item{}, Counts: []*model.AttentionCount{}}
	for i := range l.Items {
		out.Items = append(out.Items, &l.Items[i])
	}
	for _, k := range attention.Kinds {
		if n, ok := l.Counts[k]; ok {
			out.Counts = append(out.Counts, &model.AttentionCount{Kind: k, Count: n})
		}
	}
	return out, nil
}

// untilMidnight is the time to the next day in Ho Chi Minh City, when
// reports fall due and pilots run late without any commit.
func untilMidnight(ctx context.Context) time.Duration {
	now := clock.Now(ctx)
	return clock.Day(now).AddDate(0, 0, 1).Sub(now) + time.Second
}

// attentionPrint is what a viewer sees change in the list: its items (kind,
// title, due day, unit, record) and its counts.
func attentionPrint(a *model.Attention) string {
	var b strings.Builder
	for _, it := range a.Items {
		fmt.Fprintf(&b, "%s|%s|", it.Kind, it.Title)
		if it.DueOn != nil {
			b.WriteString(it.DueOn.Format(time.DateOnly))
		}
		if it.Unit != nil {
			fmt.Fprintf(&b, "|u%d", it.Unit.ID)
		}
		if it.Subject != nil {
			fmt.Fprintf(&b, "|%T%d", it.Subject, nodeID(it.Subject))
		}
		b.WriteByte('\n')
	}
	for _, c := range a.Counts {
		fmt.Fprintf(&b, "%s=%d\n", c.Kind, c.Count)
	}
	return b.String()
}

// nodeID is the id of any ent record.
func nodeID(n ent.Noder) int64 {
	v := reflect.ValueOf(n)
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		if f := v.Elem().FieldByName("ID"); f.IsValid() && f.CanInt() {
			return f.Int()
		}
	}
	return 0
}
