package etl

import (
	"testing"
	"time"
)

func TestFingerprintOrderFree(t *testing.T) {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	rows := [][]any{
		{uint16(2025), "a", uint64(1), day, []string{"x"}},
		{uint16(2025), "b", uint64(2), &day, []uint64{1, 2}},
		{uint16(2025), "b", uint64(2), (*time.Time)(nil), []uint64{}},
		{uint16(2025), "c", uint64(3), day, []string{}},
	}
	key := []byte("0123456789abcdef0123456789abcdef")
	digest := func(key []byte, rows ...[]any) string {
		f := newFingerprint(key)
		for _, r := range rows {
			f.add(r)
		}
		return f.sum()
	}
	want := digest(key, rows...)
	if got := digest(key, rows[3], rows[1], rows[0], rows[2]); got != want {
		t.Errorf("another order gave another digest")
	}
	a, b := newFingerprint(key), newFingerprint(key)
	a.add(rows[0])
	a.add(rows[2])
	b.add(rows[3])
	b.add(rows[1])
	a.merge(b)
	if a.sum() != want {
		t.Errorf("merged halves gave another digest")
	}
	// A row twice is not the row once, nor nothing (XOR would cancel it).
	if digest(key, rows[0], rows[0]) == digest(key) || digest(key, rows[0], rows[0]) == digest(key, rows[0]) {
		t.Errorf("a repeated row went unnoticed")
	}
	if digest(key, rows[:3]...) == want {
		t.Errorf("a missing row went unnoticed")
	}
	if digest([]byte("another key, just as long as it!"), rows...) == want {
		t.Errorf("the key does not enter the digest")
	}
	// A value moved to the next column is another row.
	if digest(key, []any{"ab", ""}) == digest(key, []any{"a", "b"}) {
		t.Errorf("the columns' boundaries do not enter the digest")
	}
}
