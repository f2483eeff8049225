package reorg

import (
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Kind is what a reorganisation does to its units.
type Kind string

// The kinds of reorganisation.
const (
	Merge    Kind = "MERGE"    // ≥ 2 units become one successor (new, or an existing unit)
	Split    Kind = "SPLIT"    // 1 unit becomes ≥ 2 successors
	Rename   Kind = "RENAME"   // 1 unit continues under a new code and name (codes are immutable)
	Dissolve Kind = "DISSOLVE" // 1 unit ends, its work handed to an existing unit or to none
	Move     Kind = "MOVE"     // 1 unit goes under another parent; nothing ends
)

// kinds lists every kind, in the order messages name them.
var kinds = []Kind{Merge, Split, Rename, Dissolve, Move}

// label is the kind's Vietnamese name, for messages.
func (k Kind) label() string {
	switch k {
	case Merge:
		return "Hợp nhất (MERGE)"
	case Split:
		return "Chia tách (SPLIT)"
	case Rename:
		return "Đổi tên (RENAME)"
	case Dissolve:
		return "Giải thể (DISSOLVE)"
	case Move:
		return "Chuyển đơn vị (MOVE)"
	}
	return string(k)
}

// NewUnit is a successor the reorganisation creates. An empty Type takes
// the type the old units share (RENAME and SPLIT always can).
type NewUnit struct {
	Code, Name string
	Type       domain.UnitType
}

// Plan is one reorganisation, as decided by the competent authority.
type Plan struct {
	Kind Kind
	// EffectiveOn is a civil date in Asia/Ho_Chi_Minh, required for every
	// kind: the old units end on it (valid_to, exclusive) and the new ones
	// start on it. For MOVE it only checks that both units exist on that
	// day and is recorded with the reorganisation: the store keeps a unit's
	// current parent, not the history of its parents.
	EffectiveOn time.Time
	// Units are the codes of the units reorganised: MERGE ≥ 2, others 1.
	Units []string
	// Successors are created by the reorganisation: MERGE 1 (or none with
	// an existing successor), SPLIT any number (≥ 2 successors in all),
	// RENAME exactly 1, DISSOLVE and MOVE none.
	Successors []NewUnit
	// SuccessorCodes are existing units that succeed: MERGE into an
	// existing unit (1, and then no new one), SPLIT partly into existing
	// units, DISSOLVE with the work handed to one existing unit.
	SuccessorCodes []string
	// ParentCode is the parent of the new successors (default: the parent
	// of the first old unit); for MOVE, the new parent. Existing
	// successors keep their parent: move them with a MOVE.
	ParentCode string
	// CarryTo is the successor that takes the open memberships, ideas,
	// nominations and sub-units: SPLIT's choice (default: the first
	// successor, new ones before existing ones); the single successor
	// otherwise.
	CarryTo string
	// Note is kept in the audit log with the reorganisation.
	Note string
}

// Result says what Apply did.
type Result struct {
	Closed  []string `json:"closed,omitempty"`  // codes of the units that ended on the date
	Created []string `json:"created,omitempty"` // codes of the successors created
	// Moved are the codes of the units given a new parent: the old units'
	// open sub-units, or MOVE's unit (whose subtree follows it).
	Moved []string `json:"moved,omitempty"`
	// MembershipsMoved counts memberships continued in the successor:
	// closed at the date and reopened there, or, when they had not begun
	// by the date, moved there whole.
	MembershipsMoved int `json:"memberships_moved"`
	// MembershipsClosed counts memberships ended at the date with no
	// successor to continue in (DISSOLVE without a successor).
	MembershipsClosed  int `json:"memberships_closed"`
	IdeasCarried       int `json:"ideas_carried"`
	NominationsCarried int `json:"nominations_carried"`
	ChildrenMoved      int `json:"children_moved"`
}
