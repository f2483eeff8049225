package reorg

import (
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// civilDate is the day t falls on in Asia/Ho_Chi_Minh, as the store keeps
// dates (midnight UTC). A date already at midnight UTC, as the GraphQL
// Date scalar gives it, keeps its day: the city is ahead of UTC.
func civilDate(t time.Time) time.Time {
	l := t.In(domain.Zone)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// shown is a date as users read it.
func shown(t time.Time) string { return t.Format("02/01/2006") }

// existsOn reports whether a unit exists on the day (validity is
// [valid_from, valid_to)).
func existsOn(u *ent.Unit, day time.Time) bool {
	return (u.ValidFrom == nil || !day.Before(*u.ValidFrom)) && !endedBy(u, day)
}

// endedBy reports whether a unit no longer exists on the day.
func endedBy(u *ent.Unit, day time.Time) bool {
	return u.ValidTo != nil && !u.ValidTo.After(day)
}
