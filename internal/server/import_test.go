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

// TestImportReportLink: a file with problems answers every problem with
// its column letter and the cell as typed, and a signed link to the file
// marked up (issue 18 item 5). The link works without a header for the
// officer who imported; the same report's path is not found for another
// board officer and is refused to a unit's officer; a forged name is
// not found.
func TestImportReportLink(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		boardTok := e.token(t, "board", "HCM", access.CityAdmin)
		bad := []byte("Mã đơn vị,Năm,Biên chế\nQ1,2032,mười\nKHONG-CO,2032,5\n")
		r := e.multipart(t, boardTok, map[string]any{
			"query": `mutation($file: Upload!) { importFile(kind: HEADCOUNTS, file: $file, dryRun: true) {
				ok problems { row columnLetter column value message place } notices { message } reportURL } }`,
			"variables": map[string]any{"file": nil},
		}, "variables.file", "loi.csv", bad)
		var a struct {
			ImportFile struct {
				OK       bool
				Problems []struct {
					Row                                         int
					ColumnLetter, Column, Value, Message, Place string
				}
				ReportURL *string
			}
		}
		r.decode(t, &a)
		ps := a.ImportFile.Problems
		if a.ImportFile.OK || len(ps) != 2 || ps[0].Row != 2 || ps[0].ColumnLetter != "C" || ps[0].Value != "mười" ||
			ps[0].Place != "dòng 2, cột C – Biên chế" || ps[1].Row != 3 || ps[1].ColumnLetter != "A" {
			t.Fatalf("problems: %+v", ps)
		}
		if a.ImportFile.ReportURL == nil {
			t.Fatal("no report link")
		}
		link := *a.ImportFile.ReportURL
		res, body := e.get(t, link, "")
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("report by its link: %d %s", res.StatusCode, body)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		comments, _ := f.GetComments("Dữ liệu")
		if sheets := f.GetSheetList(); sheets[0] != "Kết quả kiểm tra" || len(comments) != 2 || comments[0].Cell != "C2" {
			t.Errorf("report: sheets %v, comments %+v", sheets, comments)
		}
		f.Close()
		path, _, _ := strings.Cut(link, "?")
		if res, _ := e.get(t, path, e.token(t, "board-2", "HCM", access.CityAdmin)); res.StatusCode != 404 {
			t.Errorf("another board officer: %d", res.StatusCode)
		}
		if res, _ := e.get(t, path, e.token(t, "admin", "Q1", access.UnitAdmin)); res.StatusCode != 403 {
			t.Errorf("a unit's officer: %d", res.StatusCode)
		}
		if res, _ := e.get(t, path, boardTok); res.StatusCode != 200 {
			t.Errorf("its officer by bearer: %d", res.StatusCode)
		}
		forged := "/import/reports/" + strings.Repeat("0", 32) + "-" + strings.Repeat("0", 16) + "-1.xlsx"
		if res, _ := e.get(t, forged, boardTok); res.StatusCode != 404 {
			t.Errorf("a forged name: %d", res.StatusCode)
		}
		if res, _ := e.get(t, "/import/reports/..%2f..%2fetc%2fpasswd", boardTok); res.StatusCode != 404 {
			t.Errorf("a path outside: %d", res.StatusCode)
		}
	})
}
