package domain

// Level4Criteria are a unit's own criteria for the unit head's certificate
// (Giấy khen, level 4): the plan leaves them to each unit (§III.3).
type Level4Criteria struct {
	// RequireRegistration: the recipient registered to take part that year.
	RequireRegistration bool `json:"requireRegistration"`
	// MinEffectiveIdeas: ideas evaluated effective during the year.
	MinEffectiveIdeas int `json:"minEffectiveIdeas"`
	// Note is the unit's own wording of any further criterion, shown with the result.
	Note string `json:"note,omitempty"`
}

// DefaultLevel4Criteria apply until a unit sets its own.
var DefaultLevel4Criteria = Level4Criteria{RequireRegistration: true, MinEffectiveIdeas: 1}
