package eligibility

import (
	"os"
	"strings"
	"testing"
)

// TestWorkflowsDocMatchesCriteria: docs/workflows.md shows the criteria as
// the code evaluates them.
func TestWorkflowsDocMatchesCriteria(t *testing.T) {
	body, err := os.ReadFile("../../docs/workflows.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(body)
	begin, end := "<!-- award-criteria:begin -->\n", "<!-- award-criteria:end -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatal("docs/workflows.md lacks the award-criteria markers")
	}
	if got, want := doc[i+len(begin):j], Table(); got != want {
		t.Errorf("docs/workflows.md award criteria differ from the code; they should read:\n%s", want)
	}
}
