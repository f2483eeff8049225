package eligibility

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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

// TestClauseTableNamesRealTests: each test docs/workflows.md's clause table
// names exists, and each TestCriteria case it names is a case of that test,
// so the table cannot cite a test that was renamed or never written.
func TestClauseTableNamesRealTests(t *testing.T) {
	body, err := os.ReadFile("../../docs/workflows.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(body)
	i := strings.Index(doc, "## Plan 1821, clause by clause")
	if i < 0 {
		t.Fatal("docs/workflows.md lacks the clause table")
	}
	table := doc[i:]
	table = table[:strings.Index(table[3:], "\n## ")+3]
	var sources strings.Builder
	err = filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, "_test.go") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sources.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src := sources.String()
	named := regexp.MustCompile("`(Test[A-Za-z0-9]+)(/[^`]+)?`").FindAllStringSubmatch(table, -1)
	if len(named) < 20 {
		t.Fatalf("the clause table names %d tests", len(named))
	}
	for _, m := range named {
		if !strings.Contains(src, "func "+m[1]+"(") {
			t.Errorf("the clause table names %s, which does not exist", m[1])
		}
		if m[2] != "" && !strings.Contains(src, `"`+strings.ReplaceAll(m[2][1:], "_", " ")+`"`) {
			t.Errorf("the clause table names the case %s%s, which does not exist", m[1], m[2])
		}
	}
}
