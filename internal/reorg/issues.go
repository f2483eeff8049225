package reorg

import (
	"fmt"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// issues collects what is wrong with a plan, so that the board learns
// everything to correct at once rather than one mistake per attempt.
type issues []string

func (is *issues) add(format string, args ...any) { *is = append(*is, fmt.Sprintf(format, args...)) }

// err is the VALIDATION problem naming every issue, or nil.
func (is issues) err() error {
	if len(is) == 0 {
		return nil
	}
	return problem.New(problem.Validation, "%s", strings.Join(is, " "))
}
