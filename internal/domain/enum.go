// Package domain holds the movement's vocabulary (Plan 1821/KH-UBND): the
// enumerations shared by the store, the API and the warehouse, each with its
// Vietnamese label. It depends on nothing but the standard library.
package domain

import (
	"fmt"
	"io"
	"strconv"
)

// enumValue is one value of an enumeration with the label users read.
type enumValue struct {
	Code  string
	Label string
}

// enum is the shared machinery behind every enumeration type below.
type enum []enumValue

func (e enum) codes() []string {
	out := make([]string, len(e))
	for i, v := range e {
		out[i] = v.Code
	}
	return out
}

func (e enum) label(code string) string {
	for _, v := range e {
		if v.Code == code {
			return v.Label
		}
	}
	return code
}

func (e enum) valid(code string) bool {
	for _, v := range e {
		if v.Code == code {
			return true
		}
	}
	return false
}

// parse accepts the code or the Vietnamese label, so imports and the API
// agree on what a value is called.
func (e enum) parse(name, s string) (string, error) {
	for _, v := range e {
		if v.Code == s || v.Label == s {
			return v.Code, nil
		}
	}
	return "", fmt.Errorf("%s: giá trị %q không hợp lệ", name, s)
}

func unmarshalEnum(e enum, name string, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s: cần một chuỗi, nhận %T", name, v)
	}
	return e.parse(name, s)
}

func marshalEnum(w io.Writer, code string) {
	_, _ = io.WriteString(w, strconv.Quote(code))
}
