package policy

import (
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent/unit"
)

// InSubtree is the predicate "the unit in column (a foreign key to units)
// lies in the subtree whose path starts with pathPrefix", for any table.
//
// It names the subtree's units in a subquery over units rather than
// joining them (ent's HasUnitWith is an EXISTS). PostgreSQL estimated the
// EXISTS from the average unit's rows and, on a large store, scanned the
// whole table: a district's page of ideas took 50 ms at the stress scale.
// Given the ids as an array (= ANY(ARRAY(…))) it plans an index scan on
// the column, 2 ms. SQLite plans IN (subquery) the same way by itself.
func InSubtree(column, pathPrefix string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		t := sql.Table(unit.Table)
		units := sql.Dialect(s.Dialect()).Select(t.C(unit.FieldID)).From(t).
			Where(sql.HasPrefix(t.C(unit.FieldPath), pathPrefix))
		col := s.C(column)
		s.Where(sql.P(func(b *sql.Builder) {
			b.Ident(col)
			if b.Dialect() == dialect.Postgres {
				b.WriteString(" = ANY(ARRAY")
				b.Wrap(func(b *sql.Builder) { b.Join(units) })
				b.WriteString(")")
				return
			}
			b.WriteString(" IN ")
			b.Wrap(func(b *sql.Builder) { b.Join(units) })
		}))
	}
}

// subtree is a scoped viewer's unit path.
type subtree string

// has keeps the rows whose unit, in column, lies in the subtree.
func (t subtree) has(column string) func(*sql.Selector) { return InSubtree(column, string(t)) }
