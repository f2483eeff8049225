package graph

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/graph/generated"
)

// The page, rows and ids limits must read the numbers the resolvers will
// use, and the variables gqlgen has validated are not those: gqlparser
// accepts "100000" for an Int variable and leaves it a string, which only
// the generated argument unmarshalers turn into 100000. The executable
// schema's Complexity runs exactly those unmarshalers and then calls the
// field's complexity function with the coerced arguments, so a probe set as
// the complexity function of every field with a first, last or ids
// argument sees what the resolver, and entgql's eager loads, will see.

// coercedArgs is what a probe read of one field's arguments.
type coercedArgs struct {
	first, last *int64
	ids         int // how many ids (nodes), -1 when the field has none
	// cursorFault says why an after/before cursor cannot be one of this
	// connection's in its ordering, "" when it can.
	cursorFault string
}

// argProbe reads coerced arguments through the executable schema. The
// complexity function's one int parameter, childComplexity, carries a slot
// number: the walk and the probe meet in slots, since the generated
// functions take no context.
type argProbe struct {
	es    graphql.ExecutableSchema
	next  atomic.Int64
	slots sync.Map // int → *coercedArgs
}

// read returns the field's arguments as the resolver would receive them;
// false when they do not coerce (the resolver would fail on them too) or
// when the field has no probe.
func (p *argProbe) read(ctx context.Context, typeName, field string, raw map[string]any) (coercedArgs, bool) {
	slot := int(p.next.Add(1))
	out := &coercedArgs{ids: -1}
	p.slots.Store(slot, out)
	defer p.slots.Delete(slot)
	_, ok := p.es.Complexity(ctx, typeName, field, slot, raw)
	return *out, ok
}

// probedArgs are the arguments the limits read.
var probedArgs = []string{"first", "last", "ids", "after", "before"}

// installProbes sets the complexity function of every field with a probed
// argument; a generated signature that does not match the schema panics at
// start, not at the first request.
func installProbes(root *generated.ComplexityRoot, schema *ast.Schema) *argProbe {
	p := &argProbe{}
	types := map[string]*ast.Definition{}
	for name, def := range schema.Types {
		types[goName(name)] = def
	}
	rv := reflect.ValueOf(root).Elem()
	for i := 0; i < rv.NumField(); i++ {
		def := types[goName(rv.Type().Field(i).Name)]
		if def == nil {
			continue
		}
		fields := map[string]*ast.FieldDefinition{}
		for _, f := range def.Fields {
			fields[goName(f.Name)] = f
		}
		obj := rv.Field(i)
		for j := 0; j < obj.NumField(); j++ {
			fd := fields[goName(obj.Type().Field(j).Name)]
			if fd == nil || !hasProbedArg(fd) {
				continue
			}
			obj.Field(j).Set(p.probe(def.Name, fd, obj.Field(j).Type()))
		}
	}
	return p
}

func hasProbedArg(fd *ast.FieldDefinition) bool {
	for _, name := range probedArgs {
		if fd.Arguments.ForName(name) != nil {
			return true
		}
	}
	return false
}

// probe makes the complexity function of one field: the generated function
// takes childComplexity and then the arguments in the schema's order.
func (p *argProbe) probe(typeName string, fd *ast.FieldDefinition, fn reflect.Type) reflect.Value {
	if fn.NumIn() != len(fd.Arguments)+1 {
		panic(fmt.Sprintf("graph: complexity of %s.%s takes %d arguments, the schema has %d", typeName, fd.Name, fn.NumIn()-1, len(fd.Arguments)))
	}
	pos := map[string]int{}
	for i, a := range fd.Arguments {
		pos[a.Name] = i + 1
	}
	for _, name := range []string{"first", "last"} {
		if i, ok := pos[name]; ok && fn.In(i).Kind() != reflect.Pointer {
			panic(fmt.Sprintf("graph: %s.%s(%s:) is %s, not a pointer to an integer", typeName, fd.Name, name, fn.In(i)))
		}
	}
	if i, ok := pos["ids"]; ok && fn.In(i).Kind() != reflect.Slice {
		panic(fmt.Sprintf("graph: %s.%s(ids:) is %s, not a list", typeName, fd.Name, fn.In(i)))
	}
	return reflect.MakeFunc(fn, func(in []reflect.Value) []reflect.Value {
		if v, ok := p.slots.Load(int(in[0].Int())); ok {
			out := v.(*coercedArgs)
			if i, ok := pos["first"]; ok {
				out.first = intOf(in[i])
			}
			if i, ok := pos["last"]; ok {
				out.last = intOf(in[i])
			}
			if i, ok := pos["ids"]; ok {
				out.ids = in[i].Len()
			}
			var order reflect.Value
			if i, ok := pos["orderBy"]; ok {
				order = in[i]
			}
			for _, name := range []string{"after", "before"} {
				if i, ok := pos[name]; ok && out.cursorFault == "" {
					out.cursorFault = cursorFault(in[i], order)
				}
			}
		}
		return []reflect.Value{reflect.ValueOf(1)}
	})
}

func intOf(v reflect.Value) *int64 {
	if v.IsNil() {
		return nil
	}
	n := v.Elem().Int()
	return &n
}

// goName matches gqlgen's Go names to the schema's: ideaEvents and
// IdeaEvents, downloadUrl and DownloadURL.
func goName(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// cursorFault checks a cursor against the ordering it is used with: its
// value must be of the order field's type, or absent when the connection
// is ordered by id alone. A cursor from another ordering would otherwise
// compare a title with a date and answer an unrelated page, or fail in
// the store.
func cursorFault(cursor, order reflect.Value) string {
	if cursor.Kind() != reflect.Pointer || cursor.IsNil() {
		return ""
	}
	c, ok := cursor.Interface().(*ent.Cursor)
	if !ok {
		return ""
	}
	want, ordered := orderValueType(order)
	switch {
	case !ordered && c.Value != nil:
		return "con trỏ (cursor) thuộc một cách sắp xếp khác"
	case !ordered:
		return ""
	case c.Value == nil:
		if want.Kind() == reflect.Pointer {
			return "" // a nillable field: the row's value was null
		}
		return "con trỏ (cursor) không thuộc cách sắp xếp này"
	}
	if !sameKind(reflect.TypeOf(c.Value), want) {
		return "con trỏ (cursor) thuộc một cách sắp xếp khác"
	}
	return ""
}

// orderValueType is the Go type of the order field's value: the generated
// XOrderField's exported Value, called on an empty record.
func orderValueType(order reflect.Value) (reflect.Type, bool) {
	for order.Kind() == reflect.Pointer || order.Kind() == reflect.Interface {
		if order.IsNil() {
			return nil, false
		}
		order = order.Elem()
	}
	if order.Kind() != reflect.Struct {
		return nil, false
	}
	field := order.FieldByName("Field")
	for field.Kind() == reflect.Pointer {
		if field.IsNil() {
			return nil, false
		}
		field = field.Elem()
	}
	fn := field.FieldByName("Value")
	if !fn.IsValid() || fn.Kind() != reflect.Func || fn.IsNil() || fn.Type().NumIn() != 1 {
		return nil, false
	}
	out := fn.Call([]reflect.Value{reflect.New(fn.Type().In(0).Elem())})
	v := out[0]
	if v.IsNil() {
		return nil, false
	}
	return v.Elem().Type(), true
}

// sameKind: a cursor's value, as msgpack gives it back, against the field's type.
func sameKind(got, want reflect.Type) bool {
	for want.Kind() == reflect.Pointer {
		want = want.Elem()
	}
	timeType := reflect.TypeOf(time.Time{})
	switch {
	case want == timeType || got == timeType:
		return got == want
	case isInt(want.Kind()):
		return isInt(got.Kind())
	case want.Kind() == reflect.Float32 || want.Kind() == reflect.Float64:
		return isInt(got.Kind()) || got.Kind() == reflect.Float32 || got.Kind() == reflect.Float64
	}
	return got.Kind() == want.Kind()
}

func isInt(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Uint64
}
