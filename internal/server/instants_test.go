package server_test

import (
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestInstantsPageAndFilterAsInstants (issue 17: on SQLite, times were
// compared as Go's time.String() text, so a filter written in +07:00 found
// nothing and paging by OCCURRED_AT repeated an event across pages): every
// event exactly once when paged by time in pages that split same-instant
// runs, one instant filtered in any offset finds the same rows, and a
// returned time, fraction included, names exactly the instant stored.
func TestInstantsPageAndFilterAsInstants(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		type page struct {
			IdeaEvents struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Node struct {
						ID         string
						OccurredAt string
					}
				}
			}
		}
		const q = `query($after: Cursor, $dir: OrderDirection!) { ideaEvents(first: 37, after: $after, orderBy: {field: OCCURRED_AT, direction: $dir}) {
			totalCount pageInfo { hasNextPage endCursor } edges { node { id occurredAt } } } }`
		for _, dir := range []string{"ASC", "DESC"} {
			seen := map[string]bool{}
			var after any
			var total, sameInstant int
			var last time.Time
			for {
				var p page
				e.do(t, board, q, map[string]any{"after": after, "dir": dir}).decode(t, &p)
				total = p.IdeaEvents.TotalCount
				for _, ed := range p.IdeaEvents.Edges {
					if seen[ed.Node.ID] {
						t.Fatalf("%s: event %s on two pages", dir, ed.Node.ID)
					}
					seen[ed.Node.ID] = true
					at, err := time.Parse(time.RFC3339Nano, ed.Node.OccurredAt)
					if err != nil {
						t.Fatal(err)
					}
					if !last.IsZero() && (dir == "ASC" && at.Before(last) || dir == "DESC" && at.After(last)) {
						t.Fatalf("%s: %v after %v", dir, at, last)
					}
					if at.Equal(last) {
						sameInstant++
					}
					last = at
				}
				if !p.IdeaEvents.PageInfo.HasNextPage {
					break
				}
				after = p.IdeaEvents.PageInfo.EndCursor
			}
			if len(seen) != total || total == 0 {
				t.Fatalf("%s: paged %d events of %d", dir, len(seen), total)
			}
			if sameInstant == 0 {
				t.Fatalf("%s: no two events at one instant: the tie-break is not exercised", dir)
			}
		}

		// A fresh write: its stamp has a fraction, returned whole.
		var made struct {
			CreatePhase struct{ ID, CreatedAt string }
		}
		e.do(t, board, `mutation { createPhase(input: {name: "2041-2045", startYear: 2041, endYear: 2045}) { id createdAt } }`, nil).decode(t, &made)
		at, err := time.Parse(time.RFC3339Nano, made.CreatePhase.CreatedAt)
		if err != nil {
			t.Fatal(err)
		}
		count := func(op, value string) int {
			var out struct{ Phases struct{ TotalCount int } }
			e.do(t, board, `query($v: Time!) { phases(where: {createdAt`+op+`: $v, startYear: 2041}) { totalCount } }`,
				map[string]any{"v": value}).decode(t, &out)
			return out.Phases.TotalCount
		}
		for _, v := range []string{made.CreatePhase.CreatedAt, at.UTC().Format(time.RFC3339Nano), at.In(time.FixedZone("", -5*3600)).Format(time.RFC3339Nano)} {
			if n := count("", v); n != 1 {
				t.Errorf("createdAt = %s found %d, want the phase", v, n)
			}
			if n := count("GTE", v); n != 1 {
				t.Errorf("createdAtGTE %s found %d, want the phase", v, n)
			}
			if n := count("GT", v); n != 0 {
				t.Errorf("createdAtGT %s found %d, want none", v, n)
			}
		}
	})
}
