// Package problem is thidua's one error type: a machine-readable code that
// the GraphQL layer puts in extensions.code, and a Vietnamese message for
// the person who caused it. Internal causes stay wrapped, never shown.
package problem

import (
	"errors"
	"fmt"
)

// Code classifies an error for clients.
type Code string

// The codes clients can rely on.
const (
	Unauthenticated   Code = "UNAUTHENTICATED"
	Forbidden         Code = "FORBIDDEN"
	Validation        Code = "VALIDATION"
	NotFound          Code = "NOT_FOUND"
	Conflict          Code = "CONFLICT"
	InvalidTransition Code = "INVALID_TRANSITION"
	Unavailable       Code = "STORE_UNAVAILABLE"
	Timeout           Code = "TIMEOUT"
	Internal          Code = "INTERNAL"
)

// Codes lists every code above, for whoever must know them all in advance:
// /metrics shows a series per code from the start, so that rate() and
// alerts work before the first error of a kind.
var Codes = []Code{Unauthenticated, Forbidden, Validation, NotFound, Conflict, InvalidTransition, Unavailable, Timeout, Internal}

// Error is an error with a code and a message users may read.
type Error struct {
	Code    Code
	Message string // Vietnamese, shown to users
	Err     error  // the cause, for logs only
	// Field is the path of the input the problem is about, as the request
	// named it ("input.title"), for a UI to place the message; "" for none.
	Field string
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with a code and a message that keeps its cause.
func Wrap(err error, code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// At names the input the problem is about (see Field).
func (e *Error) At(path string) *Error {
	e.Field = path
	return e
}

// As finds the problem in err's chain.
func As(err error) (*Error, bool) {
	var p *Error
	ok := errors.As(err, &p)
	return p, ok
}

// CodeOf is err's code, or Internal for an error that is not a problem.
func CodeOf(err error) Code {
	if p, ok := As(err); ok {
		return p.Code
	}
	return Internal
}
