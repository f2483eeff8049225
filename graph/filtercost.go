package graph

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// A filter's cost is not in its text: each nested edge predicate
// (hasParentWith: [{hasChildrenWith: …}]) becomes a correlated subquery
// inside the one above it, so six of them took seconds of a store's time
// and four such queries at once held every reader connection (an outside
// review, with a ward member's token and 205 bytes); a deep and/or/not
// tree overflows SQLite's expression depth. Both come in variables too,
// which the parser's token limit never sees.
const (
	// MaxFilterEdges bounds edge predicates nested in one another: an
	// idea's unit's parent (hasUnitWith, hasParentWith) is two.
	MaxFilterEdges = 3
	// MaxFilterNodes bounds the predicates (input objects) of one filter;
	// a list of values (idIn) is one predicate.
	MaxFilterNodes = 200
)

type filterCost struct {
	edges, nodes int
}

// measure walks an argument's coerced value (maps, lists, scalars).
func (c *filterCost) measure(v any, edges int) {
	switch x := v.(type) {
	case map[string]any:
		c.nodes++
		for k, sub := range x {
			e := edges
			if strings.HasPrefix(k, "has") && strings.HasSuffix(k, "With") {
				e++
				c.edges = max(c.edges, e)
			}
			c.measure(sub, e)
		}
	case []any:
		for _, sub := range x {
			c.measure(sub, edges)
		}
	}
}

// checkFilters refuses a field whose filter (the where argument) nests edge
// predicates deeper than MaxFilterEdges or holds more than MaxFilterNodes
// values.
func checkFilters(f *ast.Field, vars map[string]any) *gqlerror.Error {
	if f.Arguments.ForName("where") == nil {
		return nil
	}
	var c filterCost
	c.measure(f.ArgumentMap(vars)["where"], 0)
	if c.edges > MaxFilterEdges {
		return pageError(f, "filterEdges", MaxFilterEdges, int64(c.edges), fmt.Sprintf(
			"Bộ lọc của trường %s lồng %d điều kiện liên kết (has…With) vào nhau, tối đa %d.", f.Alias, c.edges, MaxFilterEdges))
	}
	if c.nodes > MaxFilterNodes {
		return pageError(f, "filterNodes", MaxFilterNodes, int64(c.nodes), fmt.Sprintf(
			"Bộ lọc của trường %s có %d điều kiện, tối đa %d.", f.Alias, c.nodes, MaxFilterNodes))
	}
	return nil
}
