package importer

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readCase is a file the reading benchmarks read, and the file its
// baseline reads instead (nil: the baseline is excelize's own iterator
// over the same file, the way the importer read before it was bounded).
type readCase struct {
	name     string
	rows     int
	file     []byte
	baseline []byte
}

func readCases(b *testing.B) []readCase {
	n := benchPeople()
	bomb := zipBomb(b, 1000)
	// An honest staff list of about the bomb's compressed size: about 55
	// bytes a row once compressed.
	honest := peopleWorkbook(b, len(bomb)/55)
	return []readCase{
		{name: fmt.Sprintf("people-%d", n), rows: n, file: peopleWorkbook(b, n)},
		{name: "xfd-4000", rows: 4000, file: farColumnWorkbook(b, 4000, "XFD"), baseline: farColumnWorkbook(b, 4000, "K")},
		{name: "zipbomb-1000MiB", rows: 1, file: bomb, baseline: honest},
	}
}

// BenchmarkImportRead: the importer's first step, reading a file into the
// rows its checks run on, and the only step a hostile file reaches: the
// peak Go heap and seconds on a city's staff list, on 4,000 rows each
// holding one cell at column XFD (refused), and on a 1 MB zip bomb that
// inflates to 1,000 MiB (refused). Its baseline reads the staff list with
// excelize's own row iterator, the XFD rows' twin with the cell in
// column K (the template's last), and an honest workbook as large as the
// bomb: a hostile file should cost no more than an honest one.
func BenchmarkImportRead(b *testing.B) {
	for _, c := range readCases(b) {
		b.Run(c.name, func(b *testing.B) {
			measure(b, c.rows, func(b *testing.B) func() {
				return func() { _, _, _ = readTable("tep.xlsx", bytes.NewReader(c.file), Columns[People]) }
			})
		})
	}
}

func BenchmarkImportReadBaseline(b *testing.B) {
	for _, c := range readCases(b) {
		b.Run(c.name, func(b *testing.B) {
			measure(b, c.rows, func(b *testing.B) func() {
				if c.baseline != nil {
					return func() { _, _, _ = readTable("tep.xlsx", bytes.NewReader(c.baseline), Columns[People]) }
				}
				return func() { excelizeRows(b, c.file) }
			})
		})
	}
}

// excelizeRows reads a workbook's first sheet whole with excelize's
// streaming iterator and its default limits.
func excelizeRows(b *testing.B, file []byte) [][]string {
	f, err := excelize.OpenReader(bytes.NewReader(file), excelize.Options{RawCellValue: true})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		b.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, cells)
	}
	return out
}

// BenchmarkImportReport: the marked-up report of a staff list at the size
// the report still copies (maxAnnotatedRows) with a problem on every tenth
// row (maxMarkedCells of them). Its baseline reads the same file
// (BenchmarkImportRead's step): what a file with problems costs over one
// without.
func BenchmarkImportReport(b *testing.B) {
	file := peopleWorkbook(b, maxAnnotatedRows)
	b.Run(fmt.Sprintf("people-%d", maxAnnotatedRows), func(b *testing.B) {
		measure(b, maxAnnotatedRows, func(b *testing.B) func() {
			t := readPeople(b, file)
			res := Result{Kind: People}
			for i := 0; i < len(t.rows); i += 10 {
				res.Problems = append(res.Problems, Problem{Row: t.rows[i].n, Col: 2, Column: "Họ và tên", Message: "Lỗi thử."})
			}
			return func() {
				if _, err := annotated(t, People, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

func BenchmarkImportReportBaseline(b *testing.B) {
	file := peopleWorkbook(b, maxAnnotatedRows)
	b.Run(fmt.Sprintf("people-%d", maxAnnotatedRows), func(b *testing.B) {
		measure(b, maxAnnotatedRows, func(b *testing.B) func() { return func() { readPeople(b, file) } })
	})
}

func readPeople(b *testing.B, file []byte) *table {
	t, _, err := readTable("tep.xlsx", bytes.NewReader(file), Columns[People])
	if err != nil || t == nil {
		b.Fatal(err)
	}
	return t
}
