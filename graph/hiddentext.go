package graph

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// hiddenTextIn refuses, before any resolver runs, a string argument
// holding a character no Vietnamese text needs and that does harm: NUL
// (PostgreSQL cannot store it, so the write or the filter failed as an
// INTERNAL error, one an attacker could raise at will), the other C0
// controls but tab and line breaks (they forge lines in exports and logs),
// DEL, and the bidirectional embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), which make a title read otherwise than
// it is stored. It looks at every field's coerced arguments, so variables,
// inline literals and multipart operations are all seen.
func hiddenTextIn(fc *graphql.FieldContext) error {
	// Every field with arguments passes here, on every page: the names
	// are sorted, for one answer to a request with several bad arguments,
	// only once one is found bad.
	for _, arg := range fc.Args {
		if _, _, ok := hiddenIn(arg); ok {
			return firstHiddenText(fc.Args)
		}
	}
	return nil
}

// firstHiddenText is the error for the first bad argument by name.
func firstHiddenText(args map[string]any) error {
	for _, k := range slices.Sorted(maps.Keys(args)) {
		if rest, r, ok := hiddenIn(args[k]); ok {
			path := k + rest
			e := problem.New(problem.Validation, "Văn bản ở %s chứa ký tự điều khiển không được phép (U+%04X); hãy xoá ký tự đó rồi gửi lại.", path, r)
			e.Field = path
			return e
		}
	}
	return nil
}

// hiddenIn finds a forbidden character in v, a coerced argument: a
// string, a list, a map (an input object) or a struct-typed input, which
// gqlgen hands over as the Go value. It reports the path below the
// argument ("[2].fullName"), built on the way back from a hit: a clean
// argument, the usual one, costs no allocation.
func hiddenIn(v any) (string, rune, bool) {
	switch x := v.(type) {
	case string:
		if r, ok := hiddenRune(x); ok {
			return "", r, true
		}
	case *string:
		if x != nil {
			return hiddenIn(*x)
		}
	case []string:
		for i, s := range x {
			if p, r, ok := hiddenIn(s); ok {
				return fmt.Sprintf("[%d]", i) + p, r, true
			}
		}
	case []any:
		for i, e := range x {
			if p, r, ok := hiddenIn(e); ok {
				return fmt.Sprintf("[%d]", i) + p, r, true
			}
		}
	case map[string]any:
		for k, e := range x {
			if p, r, ok := hiddenIn(e); ok {
				return "." + k + p, r, true
			}
		}
	default:
		return hiddenInValue(reflect.ValueOf(v), 0)
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

// maxInputDepth bounds the walk; the API's own depth limit is lower.
const maxInputDepth = 32

// hiddenInValue walks a generated input type by reflection: its exported
// fields, through pointers, slices and maps, named as the request named
// them (the json tag).
func hiddenInValue(v reflect.Value, depth int) (string, rune, bool) {
	if depth > maxInputDepth || !v.IsValid() {
		return "", 0, false
	}
	switch v.Kind() {
	case reflect.String:
		if r, ok := hiddenRune(v.String()); ok {
			return "", r, true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return hiddenInValue(v.Elem(), depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p, r, ok := hiddenInValue(v.Index(i), depth+1); ok {
				return fmt.Sprintf("[%d]", i) + p, r, true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if p, r, ok := hiddenInValue(iter.Value(), depth+1); ok {
				return fmt.Sprintf(".%v", iter.Key()) + p, r, true
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if p, r, ok := hiddenInValue(v.Field(i), depth+1); ok {
				name := strings.ToLower(f.Name[:1]) + f.Name[1:]
				if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" && tag != "-" {
					name = tag
				}
				return "." + name + p, r, true
			}
		}
	}
	return "", 0, false
}
