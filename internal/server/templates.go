package server

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/importer"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// importTemplate serves /import/templates/{kind}.xlsx or .csv: the file a
// unit fills for importFile.
func importTemplate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		file := r.PathValue("file")
		ext := path.Ext(file)
		kind, err := importer.ParseKind(strings.TrimSuffix(file, ext))
		format := strings.TrimPrefix(ext, ".")
		if err != nil || (format != "xlsx" && format != "csv") {
			writeError(w, http.StatusNotFound, problem.NotFound,
				"Không có mẫu này; các mẫu: units, people, ideas, headcounts, awards, reorganizations, dạng .xlsx hoặc .csv.")
			return
		}
		var body bytes.Buffer
		if err := importer.Template(&body, kind, format); err != nil {
			fail(w, r, http.StatusInternalServerError, problem.Internal, "Không tạo được tệp mẫu.", err)
			return
		}
		ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		if format == "csv" {
			ctype = "text/csv; charset=utf-8"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
			map[string]string{"filename": "mau-" + strings.ToLower(string(kind)) + "." + format}))
		w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
		_, _ = body.WriteTo(w)
	}
}
