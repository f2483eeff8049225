package server

import (
	"errors"
	"net/http"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/links"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// download authenticates a file download by the bearer header, as every
// other route, or else by a signed link (links.Param): a browser following
// an <a href> sends no header. The link's viewer is rebuilt as a token's
// would be, so the handler's rules and the request log see the same viewer.
func (a *authenticator) download(next http.Handler) http.Handler {
	bearerOnly := a.wrap(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if _, ok := bearer(r); ok || !q.Has(links.Param) {
			bearerOnly.ServeHTTP(w, r)
			return
		}
		// Set before any answer, refusals included: the URL holds a
		// credential, and no shared cache or other site's log may keep it.
		w.Header().Set("Cache-Control", "private, no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if a.links == nil {
			writeLinkError(w, http.StatusForbidden, problem.Forbidden, "invalid",
				"Máy chủ này không nhận liên kết tải về có chữ ký; hãy tải bằng mã xác thực.")
			return
		}
		id, err := a.links.Verify(r.URL.Path, q, clock.Now(r.Context()))
		switch {
		case errors.Is(err, links.ErrExpired):
			writeLinkError(w, http.StatusUnauthorized, problem.Unauthenticated, "expired",
				"Liên kết tải về đã hết hạn; hãy lấy liên kết mới.")
			return
		case err != nil:
			writeLinkError(w, http.StatusForbidden, problem.Forbidden, "invalid",
				"Liên kết tải về không hợp lệ: sai chữ ký, đã bị sửa hoặc dành cho tệp khác.")
			return
		}
		v, ok := a.viewer(w, r, id)
		if !ok {
			return
		}
		ctx := links.WithSigned(access.NewContext(r.Context(), v), id.Expires)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// writeLinkError is writeError with extensions.link, so a frontend tells an
// expired link (fetch a new one) from a sign-in that ended.
func writeLinkError(w http.ResponseWriter, status int, code problem.Code, link, msg string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="thidua"`)
	}
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": string(code), "link": link}}},
	})
}
