package access

import "context"

type statusChangeKey struct{}

// AllowStatusChange marks a context in which an idea's or a nomination's
// status may be written: only the workflow code that also records the
// matching event sets it, so status changes only through events.
func AllowStatusChange(ctx context.Context) context.Context {
	return context.WithValue(ctx, statusChangeKey{}, true)
}

// StatusChangeAllowed reports whether the context was marked by AllowStatusChange.
func StatusChangeAllowed(ctx context.Context) bool {
	ok, _ := ctx.Value(statusChangeKey{}).(bool)
	return ok
}
