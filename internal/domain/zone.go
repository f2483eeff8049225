package domain

import "time"

// Zone is the movement's time zone: every date and time users see is in it.
var Zone = loadZone()

func loadZone() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600) // Viet Nam has kept UTC+7 without DST since 1975
	}
	return loc
}
