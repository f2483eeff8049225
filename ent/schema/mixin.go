package schema

import (
	"regexp"

	"entgo.io/ent/schema"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// storedNow is the wall clock at the precision both stores keep
// (PostgreSQL's microseconds), so an instant reads back as it was written
// on either, and a client polling with a returned time misses nothing.
func storedNow() time.Time { return time.Now().Truncate(time.Microsecond) }

// TimeMixin stamps when a row was created and last changed.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Immutable().Default(storedNow).
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("updated_at").Default(storedNow).UpdateDefault(storedNow).
			Annotations(entgql.OrderField("UPDATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// dateSchema and dateGQL make a time field a civil date (no time of day):
// a date column on PostgreSQL and the GraphQL scalar Date ("2025-07-01").
var (
	dateSchema = map[string]string{dialect.Postgres: "date"}
	dateGQL    = entgql.Type("Date")
)

// codePattern is the shape of every business code (units, people, ideas):
// upper-case ASCII so codes survive spreadsheets and URLs unchanged.
var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]*$`)

// noInputs keeps an edge out of the generated create/update inputs: it is
// written from the other side.
var noInputs = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)

// connection exposes an edge as a Relay connection that is written from the
// other side.
func connection() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), noInputs}
}

// entity annotates a type that is readable as a root connection.
func entity(mutations ...entgql.MutationOption) []schema.Annotation {
	a := []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
	if len(mutations) > 0 {
		a = append(a, entgql.Mutations(mutations...))
	}
	return a
}

// phasePattern names a phase by its years.
var phasePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{4}$`)

// monthDayPattern is a day of every year, MM-DD ("12-15").
var monthDayPattern = regexp.MustCompile(`^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)
