package etl

import "time"

// boxes hold a stream's repeated values already converted to any: putting
// a string, a year or a day into a row's []any allocates each time, and a
// year of participation repeats a handful of them 180 k times.
type boxes struct {
	strs  map[string]any
	years map[int]any
	bands map[int]any
	days  map[time.Time]any
}

func newBoxes() *boxes {
	return &boxes{strs: map[string]any{}, years: map[int]any{}, bands: map[int]any{}, days: map[time.Time]any{}}
}

// str is s as any; meant for a column of few distinct values.
func (b *boxes) str(s string) any {
	v, ok := b.strs[s]
	if !ok {
		v = s
		b.strs[s] = v
	}
	return v
}

// year is the year as the warehouse's UInt16.
func (b *boxes) year(y int) any {
	v, ok := b.years[y]
	if !ok {
		v = uint16(y)
		b.years[y] = v
	}
	return v
}

// band is the birth year's decade (BirthBand); a negative year is none.
func (b *boxes) band(birth int) any {
	v, ok := b.bands[birth]
	if !ok {
		var by *int
		if birth >= 0 {
			by = &birth
		}
		v = BirthBand(by)
		b.bands[birth] = v
	}
	return v
}

// day is a day (midnight UTC) as any.
func (b *boxes) day(d time.Time) any {
	v, ok := b.days[d]
	if !ok {
		v = d
		b.days[d] = v
	}
	return v
}
