package domain

import "time"

// Judgement is the emulation council's judgement of a criterion the plan
// leaves to people ("Có thành tích xuất sắc trong chỉ đạo, tham mưu…",
// §III.3.2.b; a unit's own wording for its certificate, §III.3.3): who
// recorded it, on the council's day, met or not, and why.
type Judgement struct {
	Code     string    `json:"code"`
	Met      bool      `json:"met"`
	Reason   string    `json:"reason"`
	JudgedBy string    `json:"judgedBy"`
	JudgedOn time.Time `json:"judgedOn"`
}

// JudgedCriteria are the codes of the criteria only a council can judge.
var JudgedCriteria = []string{CriterionExcellentInDirection, CriterionUnitOwn}

// The judged criteria's codes.
const (
	CriterionExcellentInDirection = "EXCELLENT_IN_DIRECTION"
	CriterionUnitOwn              = "UNIT_OWN"
)
