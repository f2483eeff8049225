package server

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// refuseHiddenText refuses, before any resolver runs, a string argument
// holding a character no Vietnamese text needs and that does harm: NUL
// (PostgreSQL cannot store it, so the write or the filter failed as an
// INTERNAL error, one an attacker could raise at will), the other C0
// controls but tab and line breaks (they forge lines in exports and logs),
// DEL, and the bidirectional embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), which make a title read otherwise than
// it is stored. It looks at every field's coerced arguments, so variables,
// inline literals and multipart operations are all seen.
func refuseHiddenText(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc != nil && len(fc.Args) > 0 {
		// Every field with arguments passes here, on every page: the
		// names are sorted (for one answer to a request with several
		// bad arguments) only when there are several.
		var names []string
		if len(fc.Args) == 1 {
			for k := range fc.Args {
				names = []string{k}
			}
		} else {
			names = slices.Sorted(maps.Keys(fc.Args))
		}
		for _, k := range names {
			if path, r, ok := hiddenIn(fc.Args[k], k); ok {
				e := problem.New(problem.Validation, "Văn bản ở %s chứa ký tự điều khiển không được phép (U+%04X); hãy xoá ký tự đó rồi gửi lại.", path, r)
				e.Field = path
				return nil, e
			}
		}
	}
	return next(ctx)
}

// hiddenIn finds a forbidden character in v, a coerced argument: a
// string, a list, a map (an input object) or a struct-typed input, which
// gqlgen hands over as the Go value; it reports the argument path.
func hiddenIn(v any, path string) (string, rune, bool) {
	switch x := v.(type) {
	case string:
		if r, ok := hiddenRune(x); ok {
			return path, r, true
		}
	case *string:
		if x != nil {
			return hiddenIn(*x, path)
		}
	case []string:
		for i, s := range x {
			if p, r, ok := hiddenIn(s, fmt.Sprintf("%s[%d]", path, i)); ok {
				return p, r, true
			}
		}
	case []any:
		for i, e := range x {
			if p, r, ok := hiddenIn(e, fmt.Sprintf("%s[%d]", path, i)); ok {
				return p, r, true
			}
		}
	case map[string]any:
		for k, e := range x {
			if p, r, ok := hiddenIn(e, path+"."+k); ok {
				return p, r, true
			}
		}
	default:
		return hiddenInStruct(v, path)
	}
	return "", 0, false
}

func hiddenRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7f:
			return r, true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}

// hiddenInStruct walks a generated input type by reflection: its
// exported fields, through pointers, slices and maps, named as the
// request named them (the json tag).
func hiddenInStruct(v any, path string) (string, rune, bool) {
	return hiddenInValue(reflect.ValueOf(v), path, 0)
}

// maxInputDepth bounds the walk; the API's own depth limit is lower.
const maxInputDepth = 32

func hiddenInValue(v reflect.Value, path string, depth int) (string, rune, bool) {
	if depth > maxInputDepth || !v.IsValid() {
		return "", 0, false
	}
	switch v.Kind() {
	case reflect.String:
		if r, ok := hiddenRune(v.String()); ok {
			return path, r, true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return hiddenInValue(v.Elem(), path, depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p, r, ok := hiddenInValue(v.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1); ok {
				return p, r, true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if p, r, ok := hiddenInValue(iter.Value(), fmt.Sprintf("%s.%v", path, iter.Key()), depth+1); ok {
				return p, r, true
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := strings.ToLower(f.Name[:1]) + f.Name[1:]
			if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" && tag != "-" {
				name = tag
			}
			if p, r, ok := hiddenInValue(v.Field(i), path+"."+name, depth+1); ok {
				return p, r, true
			}
		}
	}
	return "", 0, false
}
