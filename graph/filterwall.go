package graph

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/policy"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// A has…With filter compiles to an EXISTS over the edge's target table, and
// ent's privacy policies narrow only the rows a query returns, not the rows
// such a subquery looks at: unwalled, `units(where: {hasIdeasWith: {status:
// DRAFT, titleHasPrefix: "Ứ"}})` answers questions about ideas the viewer may
// not read. wallWhere puts the target's read rule (policy.Readable) inside
// every traversal, so a filter answers from readable rows only.

// edgeFilter is one edge's pair of filters on a where input: Has<E> (an
// optional *bool) and Has<E>With (a []*<T>WhereInput).
type edgeFilter struct {
	has  []int  // index of Has<E>, nil when the input has none
	with []int  // index of Has<E>With
	name string // "hasIdeasWith", for messages
	kind string // the target's kind: "Idea"
}

// wherePlan is what the walker needs of one where input type.
type wherePlan struct {
	edges        []edgeFilter
	not, and, or []int
}

var plans sync.Map // reflect.Type (the struct) → *wherePlan or error

// planOf reads a where input type's edge filters from its Go fields: the
// target's kind is the element type of Has<E>With. A type that does not look
// like entgql's where inputs is an error, so the walker refuses instead of
// letting an edge through unwalled.
func planOf(t reflect.Type) (*wherePlan, error) {
	if p, ok := plans.Load(t); ok {
		if err, bad := p.(error); bad {
			return nil, err
		}
		return p.(*wherePlan), nil
	}
	p, err := readPlan(t)
	if err != nil {
		plans.Store(t, err)
		return nil, err
	}
	plans.Store(t, p)
	return p, nil
}

func readPlan(t reflect.Type) (*wherePlan, error) {
	if t.Kind() != reflect.Struct || !strings.HasSuffix(t.Name(), "WhereInput") {
		return nil, fmt.Errorf("graph: %v is not a where input", t)
	}
	add, ok := reflect.PointerTo(t).MethodByName("AddPredicates")
	if !ok || add.Type.NumIn() != 2 || !add.Type.IsVariadic() ||
		!reflect.TypeFor[func(*sql.Selector)]().ConvertibleTo(add.Type.In(1).Elem()) {
		return nil, fmt.Errorf("graph: %v has no AddPredicates", t)
	}
	p := &wherePlan{}
	for _, name := range []string{"Not", "And", "Or"} {
		f, ok := t.FieldByName(name)
		if !ok {
			return nil, fmt.Errorf("graph: %v has no %s", t, name)
		}
		switch name {
		case "Not":
			p.not = f.Index
		case "And":
			p.and = f.Index
		default:
			p.or = f.Index
		}
	}
	for i := range t.NumField() {
		f := t.Field(i)
		edge, ok := strings.CutSuffix(f.Name, "With")
		if !ok || !strings.HasPrefix(edge, "Has") {
			continue
		}
		if f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Pointer {
			return nil, fmt.Errorf("graph: %v.%s is not a list of where inputs", t, f.Name)
		}
		target := f.Type.Elem().Elem()
		e := edgeFilter{
			with: f.Index,
			name: strings.Split(f.Tag.Get("json"), ",")[0],
			kind: strings.TrimSuffix(target.Name(), "WhereInput"),
		}
		if has, ok := t.FieldByName(edge); ok && has.Type == reflect.TypeFor[*bool]() {
			e.has = has.Index
		}
		p.edges = append(p.edges, e)
	}
	return p, nil
}

// wallWhere narrows every edge filter of where (a pointer to an ent where
// input), at any depth of it, to the target rows the viewer reads:
// has<E>With's elements each get the target's rule; has<E>: true becomes
// has<E>With: [{rule}], and has<E>: false, not(has<E>With: [{rule}]). A
// target kind without a rule refuses the filter.
func wallWhere(v *access.Viewer, where any) error {
	w := reflect.ValueOf(where)
	if w.Kind() != reflect.Pointer || w.IsNil() {
		return nil
	}
	p, err := planOf(w.Type().Elem())
	if err != nil {
		return problem.Wrap(err, problem.Forbidden, "Không dùng được bộ lọc này.")
	}
	return p.wall(v, w)
}

func (p *wherePlan) wall(v *access.Viewer, w reflect.Value) error {
	s := w.Elem()
	var absent []reflect.Value // has<E>With: [{rule}] inputs whose absence was asked for
	for _, e := range p.edges {
		rule, err := policy.Readable(v, e.kind)
		if err != nil {
			return problem.Wrap(err, problem.Forbidden, "Không lọc được theo %s: loại dữ liệu này chưa có quy tắc xem.", e.name)
		}
		with := s.FieldByIndex(e.with)
		if rule != nil && e.has != nil {
			if has := s.FieldByIndex(e.has); !has.IsNil() {
				exists := has.Elem().Bool()
				has.SetZero()
				if exists && with.Len() == 0 {
					with.Set(reflect.Append(with, reflect.New(with.Type().Elem().Elem())))
				}
				if !exists {
					none := reflect.New(s.Type())
					one := none.Elem().FieldByIndex(e.with)
					one.Set(reflect.Append(one, withRule(reflect.New(with.Type().Elem().Elem()), rule)))
					absent = append(absent, none)
				}
			}
		}
		for i := range with.Len() {
			el := with.Index(i)
			if el.IsNil() {
				continue
			}
			if rule != nil {
				withRule(el, rule)
			}
			tp, err := planOf(el.Type().Elem())
			if err != nil {
				return problem.Wrap(err, problem.Forbidden, "Không lọc được theo %s.", e.name)
			}
			if err := tp.wall(v, el); err != nil {
				return err
			}
		}
	}
	if not := s.FieldByIndex(p.not); !not.IsNil() {
		if err := p.wall(v, not); err != nil {
			return err
		}
	}
	for _, idx := range [][]int{p.and, p.or} {
		list := s.FieldByIndex(idx)
		for i := range list.Len() {
			if el := list.Index(i); !el.IsNil() {
				if err := p.wall(v, el); err != nil {
					return err
				}
			}
		}
	}
	// Appended after the walk above, which would otherwise add each rule twice.
	and := s.FieldByIndex(p.and)
	for _, none := range absent {
		not := reflect.New(s.Type())
		not.Elem().FieldByIndex(p.not).Set(none)
		and.Set(reflect.Append(and, not))
	}
	return nil
}

// withRule adds rule to a where input (a pointer) through its AddPredicates.
func withRule(w reflect.Value, rule func(*sql.Selector)) reflect.Value {
	add := w.MethodByName("AddPredicates")
	add.Call([]reflect.Value{reflect.ValueOf(rule).Convert(add.Type().In(0).Elem())})
	return w
}
