// Package seed generates the demo data: the real structure of Ho Chi Minh
// City's units (data/units.tsv, with the reorganisation of 1 July 2025) and
// synthetic people, plans, reports, participation, ideas, adoptions,
// nominations and awards over 2022–2026. The same seed gives the same data.
// Every person is invented: names are drawn at random from common parts.
package seed

import (
	"fmt"
	"time"
)

// Scale is the size of the demo data.
type Scale struct {
	Name   string
	People int // people employed across the city at any time
	Ideas  int
	Awards int // awards decided, about
}

// Scales: small for tests (seconds), city for the city's real order of
// magnitude, stress for ten times that.
var Scales = map[string]Scale{
	"small":  {Name: "small", People: 3000, Ideas: 600, Awards: 150},
	"city":   {Name: "city", People: 300_000, Ideas: 30_000, Awards: 10_000},
	"stress": {Name: "stress", People: 3_000_000, Ideas: 300_000, Awards: 100_000},
}

// ParseScale names a scale.
func ParseScale(name string) (Scale, error) {
	s, ok := Scales[name]
	if !ok {
		return Scale{}, fmt.Errorf("scale %q: want small, city or stress", name)
	}
	return s, nil
}

// AsOf is the demo data's "today": nothing in it happens later, so the data
// does not depend on the day it is generated.
var AsOf = day(2026, 11, 1)

// horizon is the first day of the data.
var horizon = day(2022, 1, 1)

// Years are the movement's years the data covers.
var Years = []int{2022, 2023, 2024, 2025, 2026}

// day is a civil date, stored as midnight UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
