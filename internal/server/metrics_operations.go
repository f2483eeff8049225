package server

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Operation names are chosen by clients, and each name is a counter and a
// histogram of 14 series: the operation label takes a name only from a
// list the operator controls, or else from the first few names a process
// sees.
//
//   - With an allowlist of names (Config.MetricsOperations) or of documents
//     (Limits.Persisted), or both, a name is its own label when it is in
//     the list or names an operation of an allowlisted document; any other
//     is "other". Under persisted queries no other document runs anyway.
//   - With neither, the first maxOperationNames well-formed names a process
//     sees are their own label, every later one "other".
//
// An operation without a name is "anonymous"; a name that is not
// [A-Za-z_][A-Za-z0-9_]{0,63} is "other".
const maxOperationNames = 100

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

type operationNames struct {
	allowed map[string]bool // nil: first come, up to maxOperationNames

	mu   sync.Mutex
	seen map[string]bool
}

func newOperationNames(persisted map[string]string, listed []string) *operationNames {
	if persisted == nil && len(listed) == 0 {
		return &operationNames{seen: map[string]bool{}}
	}
	allowed := map[string]bool{}
	for _, n := range listed {
		allowed[n] = true
	}
	for _, doc := range persisted {
		// A document that does not parse is refused when it is sent; it
		// names nothing.
		q, err := parser.ParseQuery(&ast.Source{Input: doc})
		if err != nil {
			continue
		}
		for _, op := range q.Operations {
			if operationName.MatchString(op.Name) {
				allowed[op.Name] = true
			}
		}
	}
	return &operationNames{allowed: allowed}
}

// label is the operation label of a name.
func (o *operationNames) label(name string) string {
	switch {
	case name == "":
		return "anonymous"
	case !operationName.MatchString(name):
		return "other"
	case o.allowed != nil:
		if o.allowed[name] {
			return name
		}
		return "other"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.seen[name] {
		if len(o.seen) >= maxOperationNames {
			return "other"
		}
		o.seen[name] = true
	}
	return name
}

// ParseOperationNames reads THIDUA_METRICS_OPERATIONS: names separated by
// commas, or, when the value holds a "/" or a "." (which no name can), the
// path of a file of names separated by commas, spaces or lines, with "#"
// starting a comment. A malformed name is an error, not a silent "other".
func ParseOperationNames(value string) ([]string, error) {
	text := value
	if strings.ContainsAny(value, "/.") {
		b, err := os.ReadFile(value)
		if err != nil {
			return nil, fmt.Errorf("metrics operations: %w", err)
		}
		var lines []string
		for l := range strings.Lines(string(b)) {
			l, _, _ = strings.Cut(l, "#")
			lines = append(lines, l)
		}
		text = strings.Join(lines, "\n")
	}
	set := map[string]bool{}
	for _, n := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		if !operationName.MatchString(n) {
			return nil, fmt.Errorf("metrics operations: %q is not an operation name", n)
		}
		set[n] = true
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}
