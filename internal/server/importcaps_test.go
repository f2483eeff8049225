package server_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// TestImportCapsAnswerValidation: a workbook the importer refuses for its
// shape (here more parts than any workbook has; the XFD file and the zip
// bomb are built in internal/importer's tests) reaches the board over HTTP
// as a typed VALIDATION with a Vietnamese message, and writes nothing.
func TestImportCapsAnswerValidation(t *testing.T) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := range 1500 {
		f, err := w.Create(fmt.Sprintf("xl/media/image%d.png", i))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.Write([]byte("x"))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		before := sqlCount(t, e, "SELECT COUNT(*) FROM audit_events")
		res := e.importUpload(t, board, "PEOPLE", "nhan-su.xlsx", buf.Bytes(), false)
		if res.code() != "VALIDATION" || !hasVietnamese(res.Errors[0].Message) || !utf8.ValidString(res.Errors[0].Message) {
			t.Fatalf("a workbook of 1,500 parts: %+v, want VALIDATION in Vietnamese", res.Errors)
		}
		t.Log(res.Errors[0].Message)
		if n := sqlCount(t, e, "SELECT COUNT(*) FROM audit_events") - before; n != 0 {
			t.Errorf("a refused import wrote %d audit rows", n)
		}
	})
}
