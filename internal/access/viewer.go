package access

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Viewer is who makes a request: the token's subject and roles, and the
// unit the roles apply to, resolved against the store.
type Viewer struct {
	Sub      string
	Roles    []Role
	UnitCode string
	UnitID   int
	UnitPath string // "/HCM/Q1/": the subtree the scoped roles reach
	// Expires is when the token stops being valid (zero: not known): a
	// live stream ends there, since its token is checked once.
	Expires time.Time
}

// Has reports whether the viewer holds the role.
func (v *Viewer) Has(r Role) bool { return v != nil && slices.Contains(v.Roles, r) }

// HasAny reports whether the viewer holds one of the roles.
func (v *Viewer) HasAny(rs ...Role) bool {
	for _, r := range rs {
		if v.Has(r) {
			return true
		}
	}
	return false
}

// ReadsCityWide reports whether the viewer reads every unit's data.
func (v *Viewer) ReadsCityWide() bool { return v.HasAny(CityAdmin, Leader, Analyst) }

// Scoped reports whether the viewer holds a role that works inside a subtree.
func (v *Viewer) Scoped() bool {
	if v == nil || v.UnitPath == "" {
		return false
	}
	return slices.ContainsFunc(v.Roles, Role.scoped)
}

// Covers reports whether a unit path lies in the viewer's subtree.
func (v *Viewer) Covers(unitPath string) bool {
	return v.Scoped() && strings.HasPrefix(unitPath, v.UnitPath)
}

type viewerKey struct{}

// NewContext returns a context that carries the viewer.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the request's viewer, or nil.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

type requestIDKey struct{}

// WithRequestID returns a context that carries the request id for the audit log.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// ReadsIntegrityFlagsOf reports whether the viewer reads the discipline and
// integrity records of a unit: the board, and the heads of units whose
// subtree holds it. Nobody else — not a unit's officer, a leader or an
// analyst — learns even that one exists (issue 15).
func (v *Viewer) ReadsIntegrityFlagsOf(unitPath string) bool {
	return v.Has(CityAdmin) || (v.Scoped() && v.Has(UnitHead) && v.Covers(unitPath))
}

type clientAddrKey struct{}

// WithClientAddr returns a context that carries the client's address (as
// the server's trusted proxies report it) for the logs and the audit log.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey{}, addr)
}

// ClientAddr returns the client's address, or "".
func ClientAddr(ctx context.Context) string {
	a, _ := ctx.Value(clientAddrKey{}).(string)
	return a
}
