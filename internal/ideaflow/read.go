package ideaflow

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// facts is what an action needs to know of its idea and its actor beyond
// the idea's row. Each used to be a statement of its own, and with the
// store on another host each statement is a round trip while the
// transaction holds its connection; read as columns of the idea's SELECT
// they cost none.
type facts struct {
	unitPath     string
	proposer     bool // the actor is one of the idea's proposers
	actorPerson  int  // the actor's person, 0 when the subject names none
	haltRecorded bool // the idea has a HALT event; haltedFrom is its last one's
	haltedFrom   domain.IdeaStatus
	decidedAfter bool // an earlier step's decision is dated after the one given
}

// The extra columns' names: prefixed so as never to meet a column of ideas.
const (
	colUnitPath     = "flow_unit_path"
	colProposer     = "flow_proposer"
	colActorPerson  = "flow_actor_person"
	colHaltedFrom   = "flow_halted_from"
	colDecidedAfter = "flow_decided_after"
)

// noHalt stands for "no HALT event" in the halted-from column, which is
// otherwise a status or "" (a halt whose from_status is null).
const noHalt = "-"

// readForAction reads the idea (without the privacy filter: Act answers an
// idea the viewer may not see itself) with the facts the rules and the
// event need, in one statement. sub is the actor's token subject ("" for
// none); decided, when set, is the action's decision day.
func readForAction(sys context.Context, client *ent.Client, id int, sub string, decided *time.Time) (*ent.Idea, facts, error) {
	i, err := client.Idea.Query().Where(idea.ID(id)).Modify(func(s *sql.Selector) {
		selectUnitPath(s)
		b := sql.Dialect(s.Dialect())
		ev := b.Table(ideaevent.Table)
		scalar(s, b.Select("COALESCE("+ev.C(ideaevent.FieldFromStatus)+", '')").From(ev).
			Where(sql.And(sql.ColumnsEQ(ev.C(ideaevent.FieldIdeaID), s.C(idea.FieldID)),
				sql.EQ(ev.C(ideaevent.FieldAction), string(domain.IdeaActionHalt)))).
			OrderBy(sql.Desc(ev.C(ideaevent.FieldSeq))).Limit(1), "'"+noHalt+"'", colHaltedFrom)
		if sub != "" {
			pr, p := b.Table(idea.ProposersTable), b.Table(person.Table)
			s.AppendSelectExprAs(sql.Exists(b.Select(pr.C(idea.ProposersPrimaryKey[0])).From(pr).
				Join(p).On(p.C(person.FieldID), pr.C(idea.ProposersPrimaryKey[1])).
				Where(sql.And(sql.ColumnsEQ(pr.C(idea.ProposersPrimaryKey[0]), s.C(idea.FieldID)),
					sql.EQ(p.C(person.FieldCode), sub)))), colProposer)
			selectActorPerson(s, sub)
		}
		if decided != nil {
			d := b.Table(ideaevent.Table)
			s.AppendSelectExprAs(sql.Exists(b.Select(d.C(ideaevent.FieldID)).From(d).
				Where(sql.And(sql.ColumnsEQ(d.C(ideaevent.FieldIdeaID), s.C(idea.FieldID)),
					sql.GT(d.C(ideaevent.FieldDecisionDate), *decided)))), colDecidedAfter)
		}
	}).Only(sys)
	if err != nil {
		return nil, facts{}, err
	}
	var f facts
	var halted string
	if err := column(i, colUnitPath, &f.unitPath); err != nil {
		return nil, facts{}, err
	}
	if err := column(i, colHaltedFrom, &halted); err != nil {
		return nil, facts{}, err
	}
	f.haltRecorded = halted != noHalt
	if f.haltRecorded {
		f.haltedFrom = domain.IdeaStatus(halted)
	}
	if sub != "" {
		if err := column(i, colProposer, &f.proposer); err != nil {
			return nil, facts{}, err
		}
		if err := column(i, colActorPerson, &f.actorPerson); err != nil {
			return nil, facts{}, err
		}
	}
	if decided != nil {
		if err := column(i, colDecidedAfter, &f.decidedAfter); err != nil {
			return nil, facts{}, err
		}
	}
	return i, f, nil
}

// scalar adds a one-value subquery to the selection, or the literal or
// when it finds no row: database/sql cannot scan a NULL into the untyped
// value ent keeps extra columns in.
func scalar(s *sql.Selector, q sql.Querier, or, as string) {
	s.AppendSelectExprAs(sql.ExprFunc(func(w *sql.Builder) {
		w.WriteString("COALESCE(").Wrap(func(w *sql.Builder) { w.Join(q) }).WriteString(", " + or + ")")
	}), as)
}

// selectUnitPath adds the idea's unit's path (colUnitPath).
func selectUnitPath(s *sql.Selector) {
	b := sql.Dialect(s.Dialect())
	u := b.Table(unit.Table)
	scalar(s, b.Select(u.C(unit.FieldPath)).From(u).Where(sql.ColumnsEQ(u.C(unit.FieldID), s.C(idea.FieldUnitID))), "''", colUnitPath)
}

// selectActorPerson adds the id of the person whose code is the token's
// subject, 0 for none (colActorPerson): the event records who acted.
func selectActorPerson(s *sql.Selector, sub string) {
	b := sql.Dialect(s.Dialect())
	a := b.Table(person.Table)
	scalar(s, b.Select(a.C(person.FieldID)).From(a).Where(sql.EQ(a.C(person.FieldCode), sub)), "0", colActorPerson)
}

// column reads an extra column as the drivers give it: PostgreSQL's
// booleans are bool and SQLite's integers; texts may come as bytes.
func column[T string | bool | int](i *ent.Idea, name string, out *T) error {
	v, err := i.Value(name)
	if err != nil {
		return err
	}
	switch o := any(out).(type) {
	case *string:
		switch x := v.(type) {
		case string:
			*o = x
			return nil
		case []byte:
			*o = string(x)
			return nil
		}
	case *bool:
		switch x := v.(type) {
		case bool:
			*o = x
			return nil
		case int64:
			*o = x != 0
			return nil
		}
	case *int:
		if x, ok := v.(int64); ok {
			*o = int(x)
			return nil
		}
	}
	return fmt.Errorf("ideaflow: column %s: unexpected %T", name, v)
}
