package server_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// importUpload sends importFile as a GraphQL multipart request.
func (e *env) importUpload(t *testing.T, tok, kind, name string, file []byte, dry bool) response {
	t.Helper()
	return e.multipart(t, tok, map[string]any{
		"query": `mutation($kind: ImportKind!, $file: Upload!, $dry: Boolean) { importFile(kind: $kind, file: $file, dryRun: $dry) {
			kind dryRun rows created updated unchanged ok problems { row column message } } }`,
		"variables": map[string]any{"kind": kind, "file": nil, "dry": dry},
	}, "variables.file", name, file)
}

type importAnswer struct {
	ImportFile struct {
		Rows, Created, Updated, Unchanged int
		OK                                bool
		Problems                          []struct {
			Row             int
			Column, Message string
		}
	}
}

// TestImportFileUpload: the board downloads a template, fills it and
// uploads it; a second upload changes nothing; a file with an error is
// reported row by row and writes nothing; others may not import.
func TestImportFileUpload(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		boardTok := e.token(t, "board", "HCM", access.CityAdmin)
		res, tmpl := e.get(t, "/import/templates/headcounts.xlsx", boardTok)
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "mau-headcounts.xlsx") {
			t.Fatalf("template: %d %v", res.StatusCode, res.Header)
		}
		f, err := excelize.OpenReader(bytes.NewReader(tmpl))
		if err != nil {
			t.Fatal(err)
		}
		// A headcount of 2031 for two existing units: new records.
		for i, r := range [][]any{{"Q1", "2031", "321"}, {"TD", "2031", "654"}} {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := f.SetSheetRow("Dữ liệu", cell, &r); err != nil {
				t.Fatal(err)
			}
		}
		var filled bytes.Buffer
		if err := f.Write(&filled); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var a importAnswer
		e.importUpload(t, boardTok, "HEADCOUNTS", "bien-che.xlsx", filled.Bytes(), false).decode(t, &a)
		if !a.ImportFile.OK || a.ImportFile.Created != 2 {
			t.Fatalf("first upload: %+v", a.ImportFile)
		}
		e.importUpload(t, boardTok, "HEADCOUNTS", "bien-che.xlsx", filled.Bytes(), false).decode(t, &a)
		if !a.ImportFile.OK || a.ImportFile.Unchanged != 2 || a.ImportFile.Created+a.ImportFile.Updated != 0 {
			t.Errorf("second upload: %+v", a.ImportFile)
		}
		bad := []byte("Mã đơn vị,Năm,Biên chế\nQ1,2032,10\nKHONG-CO,2032,5\n")
		e.importUpload(t, boardTok, "HEADCOUNTS", "loi.csv", bad, false).decode(t, &a)
		if a.ImportFile.OK || len(a.ImportFile.Problems) != 1 || a.ImportFile.Problems[0].Row != 3 || !hasVietnamese(a.ImportFile.Problems[0].Message) {
			t.Errorf("bad file: %+v", a.ImportFile)
		}
		var n int
		if err := e.store.DB.QueryRow(`SELECT count(*) FROM headcounts WHERE year = 2032`).Scan(&n); err != nil || n != 0 {
			t.Errorf("a file with an error wrote %d headcounts (%v)", n, err)
		}
		admin := e.token(t, "admin", "Q1", access.UnitAdmin)
		if r := e.importUpload(t, admin, "HEADCOUNTS", "bien-che.xlsx", filled.Bytes(), true); r.code() != "FORBIDDEN" {
			t.Errorf("a unit admin imported: %+v", r.Errors)
		}
	})
}
