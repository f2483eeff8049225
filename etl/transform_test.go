package etl

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func TestRollups(t *testing.T) {
	reorg := day(2025, 7, 1)
	units := []Unit{
		{ID: 1, Code: "HCM"},
		{ID: 2, Code: "Q1", ValidTo: reorg, Successors: []int{12, 11}},
		{ID: 3, Code: "Q1-BEN-NGHE", ValidTo: reorg, Successors: []int{12}},
		{ID: 11, Code: "PX-BEN-THANH"},
		{ID: 12, Code: "PX-SAI-GON"},
		{ID: 4, Code: "SKHDT", ValidTo: day(2025, 3, 1), Successors: []int{5}},
		{ID: 5, Code: "STC-OLD", ValidTo: reorg, Successors: []int{6}}, // a chain
		{ID: 6, Code: "STC"},
		{ID: 7, Code: "GONE", ValidTo: reorg},                         // no successor
		{ID: 8, Code: "LOOP-A", ValidTo: reorg, Successors: []int{9}}, // a bad cycle must not hang
		{ID: 9, Code: "LOOP-B", ValidTo: reorg, Successors: []int{8}},
	}
	today := Rollups(units, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	for id, want := range map[int]int{1: 1, 2: 11, 3: 12, 11: 11, 12: 12, 4: 6, 5: 6, 6: 6, 7: 7} {
		if today[id] != want {
			t.Errorf("unit %d rolls up to %d, want %d", id, today[id], want)
		}
	}
	if r := today[8]; r != 8 && r != 9 {
		t.Errorf("cycle: %d", r)
	}
	before := Rollups(units, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	for _, id := range []int{2, 3, 4, 5} {
		if before[id] != id {
			t.Errorf("before the reorganisation unit %d rolls up to %d", id, before[id])
		}
	}
}

func TestPseudonyms(t *testing.T) {
	if _, err := NewPseudonymizer("short"); err == nil {
		t.Error("a short key was accepted")
	}
	a, _ := NewPseudonymizer("key-one-key-one-key-one-key-one-0")
	b, _ := NewPseudonymizer("key-two-key-two-key-two-key-two-0")
	if a.Person("CB0000001") != a.Person("CB0000001") {
		t.Error("not stable")
	}
	if a.Person("CB0000001") == a.Person("CB0000002") || a.Person("CB0000001") == b.Person("CB0000001") {
		t.Error("collides across people or keys")
	}
	if k := a.Person("CB0000001"); len(k) != 32 {
		t.Errorf("key %q", k)
	}
	y := 1987
	if BirthBand(&y) != "1980-1989" || BirthBand(nil) != "" {
		t.Error("birth band")
	}
}

func TestSchedule(t *testing.T) {
	s, err := NewScheduler(Config{}, DefaultSchedule, &Monitor{})
	if err != nil {
		t.Fatal(err)
	}
	// 20:30 UTC is 03:30 in Ho Chi Minh City: the next run is 02:00 the day after.
	next := s.Next(time.Date(2026, 11, 25, 20, 30, 0, 0, time.UTC))
	if want := time.Date(2026, 11, 27, 2, 0, 0, 0, HCM); !next.Equal(want) {
		t.Errorf("next run %v, want %v", next, want)
	}
	for _, bad := range []string{"nightly", "0 2 * *", "CRON_TZ=UTC 0 2 * * *"} {
		if _, err := NewScheduler(Config{}, bad, &Monitor{}); err == nil {
			t.Errorf("schedule %q accepted", bad)
		}
	}
}
