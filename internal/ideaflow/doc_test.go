package ideaflow

import (
	"os"
	"strings"
	"testing"
)

// TestWorkflowsDocMatchesCode: docs/workflows.md shows the diagram and the
// table as the code implements them.
func TestWorkflowsDocMatchesCode(t *testing.T) {
	body, err := os.ReadFile("../../docs/workflows.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(body)
	for name, want := range map[string]string{"idea-diagram": "```mermaid\n" + Diagram() + "```\n", "idea-actions": Table()} {
		begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			t.Fatalf("docs/workflows.md lacks the %s markers", name)
		}
		if got := doc[i+len(begin) : j]; got != want {
			t.Errorf("docs/workflows.md %s differs from the code; it should read:\n%s", name, want)
		}
	}
}
