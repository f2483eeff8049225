package etl

import (
	"slices"
	"time"
)

// Unit is what the roll-up reads of a unit.
type Unit struct {
	ID         int
	Code       string
	ValidTo    *time.Time // exclusive; nil while the unit exists
	Successors []int
}

// Rollups maps every unit to the unit its facts roll up to on the day: the
// unit itself while it exists, else, through its successors, a unit that
// exists then. A unit with several successors rolls up to the one with the
// smallest code, so that every fact lands in exactly one unit and distinct
// people are counted once; a dissolved unit without successors stays itself.
func Rollups(units []Unit, on time.Time) map[int]int {
	byID := make(map[int]Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	exists := func(u Unit) bool { return u.ValidTo == nil || u.ValidTo.After(on) }
	out := make(map[int]int, len(units))
	var resolve func(id int, seen map[int]bool) int
	resolve = func(id int, seen map[int]bool) int {
		if r, ok := out[id]; ok {
			return r
		}
		u := byID[id]
		if exists(u) || len(u.Successors) == 0 || seen[id] {
			return id
		}
		seen[id] = true
		next := slices.Clone(u.Successors)
		slices.SortFunc(next, func(a, b int) int {
			switch ca, cb := byID[a].Code, byID[b].Code; {
			case ca < cb:
				return -1
			case ca > cb:
				return 1
			}
			return 0
		})
		return resolve(next[0], seen)
	}
	for _, u := range units {
		out[u.ID] = resolve(u.ID, map[int]bool{})
	}
	return out
}
