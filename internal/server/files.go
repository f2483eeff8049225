package server

import (
	"mime"
	"net/http"
	"os"
	"strconv"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// dossierFile serves a dossier document to those who may read its
// nomination: the privacy rules decide, as for the API.
func dossierFile(st *store.Store, files nominationflow.Files) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		if err != nil || id <= 0 {
			writeError(w, http.StatusBadRequest, problem.Validation, "Mã tài liệu không hợp lệ.")
			return
		}
		doc, err := st.Client.DossierDocument.Get(r.Context(), id)
		if ent.IsNotFound(err) {
			writeError(w, http.StatusNotFound, problem.NotFound, "Không tìm thấy tài liệu.")
			return
		}
		if err != nil {
			fail(w, r, http.StatusServiceUnavailable, problem.Unavailable, "Không đọc được tài liệu, vui lòng thử lại sau.", err)
			return
		}
		if len(doc.Sha256) != 64 {
			writeError(w, http.StatusNotFound, problem.NotFound, "Tài liệu chưa có tệp đính kèm.")
			return
		}
		f, err := os.Open(files.Path(doc.Sha256))
		if err != nil {
			writeError(w, http.StatusNotFound, problem.NotFound, "Tệp của tài liệu không còn trong kho lưu trữ.")
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", doc.ContentType)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": doc.FileName}))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("ETag", `"`+doc.Sha256+`"`)
		http.ServeContent(w, r, "", doc.UpdatedAt, f)
	}
}
