package server

import (
	"mime"
	"net/http"
	"os"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/importer"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// importReport serves an import's marked-up report to the board officer
// who made it, and to no one else: the name carries its owner's hash, and
// another officer's name answers as a missing one.
func importReport(dir string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := access.FromContext(r.Context())
		if !v.Has(access.CityAdmin) {
			writeError(w, http.StatusForbidden, problem.Forbidden, "Chỉ Ban Thi đua - Khen thưởng (CITY_ADMIN) tải được báo cáo kiểm tra tệp nhập.")
			return
		}
		p, err := importer.Reports{Dir: dir}.Open(v.Sub, r.PathValue("file"), clock.Now(r.Context()))
		if err != nil {
			writeError(w, http.StatusNotFound, problem.NotFound, "Không tìm thấy báo cáo kiểm tra này, hoặc báo cáo đã quá 24 giờ; hãy nhập lại tệp (có thể chọn chỉ kiểm tra) để có báo cáo mới.")
			return
		}
		f, err := os.Open(p)
		if err != nil {
			writeError(w, http.StatusNotFound, problem.NotFound, "Không tìm thấy báo cáo kiểm tra này.")
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			fail(w, r, http.StatusServiceUnavailable, problem.Unavailable, "Không đọc được báo cáo, vui lòng thử lại sau.", err)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "ket-qua-kiem-tra-tep-nhap.xlsx"}))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "private, no-store")
		http.ServeContent(w, r, "", info.ModTime(), f)
	}
}
