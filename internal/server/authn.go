package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// authenticator turns a bearer token into the request's viewer. A request
// without a valid token never reaches GraphQL: it gets 401 and a GraphQL
// error with extensions.code UNAUTHENTICATED.
type authenticator struct {
	store    *store.Store
	verifier Verifier
	links    *links.Signer // nil: downloads by bearer header only
}

func (a *authenticator) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		raw, ok := bearer(r)
		if !ok {
			unauthenticated(w, r, "Cần đăng nhập: thiếu mã xác thực (Authorization: Bearer …).", errors.New("no bearer token"))
			return
		}
		id, err := a.verifier.Verify(raw)
		if err != nil {
			// The verifier's reason (expired, unknown key id, wrong
			// audience…) goes to the log line, never the token.
			unauthenticated(w, r, "Mã xác thực không hợp lệ hoặc đã hết hạn.", fmt.Errorf("token refused: %w", err))
			return
		}
		v, ok := a.viewer(w, r, id)
		if !ok {
			return
		}
		next.ServeHTTP(w, r.WithContext(access.NewContext(r.Context(), v)))
	})
}

// viewer is the identity's viewer, with its unit looked up; on failure it
// has answered the request. The lookup is answered from memory while the
// unit tree has not changed (store.UnitScopes says how exactly), so an
// authenticated request no longer pays a statement for it.
func (a *authenticator) viewer(w http.ResponseWriter, r *http.Request, id auth.Identity) (*access.Viewer, bool) {
	v := &access.Viewer{Sub: id.Sub, Roles: id.Roles, UnitCode: id.UnitCode, Expires: id.Expires}
	if id.UnitCode == "" {
		return v, true
	}
	u, err := a.store.Units.Lookup(r.Context(), id.UnitCode)
	switch {
	case errors.Is(err, store.ErrNoUnit):
		unauthenticated(w, r, "Đơn vị trong mã xác thực không tồn tại: "+id.UnitCode+".", fmt.Errorf("token's unit %q not found", clipText(id.UnitCode, 64)))
		return nil, false
	case errors.Is(err, context.DeadlineExceeded):
		fail(w, r, http.StatusServiceUnavailable, problem.Timeout, "Yêu cầu vượt quá thời gian cho phép; hãy thử lại.", fmt.Errorf("looking up the token's unit: %w", err))
		return nil, false
	case err != nil:
		if !errors.Is(err, context.Canceled) {
			fail(w, r, http.StatusServiceUnavailable, problem.Unavailable, "Không kết nối được cơ sở dữ liệu, vui lòng thử lại sau.", fmt.Errorf("looking up the token's unit: %w", err))
		}
		return nil, false
	}
	v.UnitID, v.UnitPath = u.ID, u.Path
	return v, true
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	const prefix = "bearer "
	if len(h) <= len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return "", false
	}
	return strings.TrimSpace(h[len(prefix):]), true
}

func unauthenticated(w http.ResponseWriter, r *http.Request, msg string, cause error) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="thidua"`)
	fail(w, r, http.StatusUnauthorized, problem.Unauthenticated, msg, cause)
}

// writeError answers with a GraphQL-shaped error body, so clients handle
// transport refusals and GraphQL errors the same way.
func writeError(w http.ResponseWriter, status int, code problem.Code, msg string) {
	w.Header().Set(codeHeader, string(code))
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": string(code)}}},
	})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
