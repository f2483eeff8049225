package eligibility

import (
	"slices"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// TestAscendingWalk: asked in increasing order from any starting point,
// has answers exactly as membership in the ids would.
func TestAscendingWalk(t *testing.T) {
	ids := ascending{2, 3, 5, 8, 13, 21}
	for start := 0; start <= 23; start++ {
		w := ids.from(start)
		for id := start; id <= 23; id++ {
			if got, want := w.has(id), slices.Contains(ids, id); got != want {
				t.Fatalf("from %d, has(%d) = %v, want %v", start, id, got, want)
			}
		}
	}
	var none ascending
	if w := none.from(4); w.has(4) {
		t.Fatal("an empty walk has 4")
	}
}

// TestNotablePeopleNameEveryLookup: a person each looks up only when
// notable, so every person any of the year's maps names must be notable —
// a judgement of a withdrawn nomination too, which no nomination map holds.
func TestNotablePeopleNameEveryLookup(t *testing.T) {
	// Each map names one person of its own, and one it shares.
	y := &yearFacts{
		personFlags: map[int][]string{7: {"kỷ luật"}, 5: {"vi phạm"}},
		unitFlags:   map[int][]string{900: {"vi phạm"}},
		judged:      map[recipient]map[string]domain.Judgement{{person: 11}: {}, {person: 5}: {}, {unit: 901}: {}},
		nominated:   map[recipient]bool{{person: 13}: true, {person: 5}: true, {unit: 902}: true},
		awarded:     map[recipient]bool{{person: 3}: true, {person: 5}: true, {unit: 903}: true},
	}
	sh := &shared{proposed: map[int][]int{9: {1}, 5: {2}}}
	got := y.notablePeople(sh)
	if want := (ascending{3, 5, 7, 9, 11, 13}); !slices.Equal(got, want) {
		t.Fatalf("notable %v, want %v", got, want)
	}
}
