package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// readAllocating reads a file as the importer does and says how many
// bytes the reading allocated: a bound on its peak that does not depend
// on when the collector runs.
func readAllocating(t *testing.T, name string, file []byte) (*table, uint64, error) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	tb, _, err := readTable(name, bytes.NewReader(file), Columns[People])
	runtime.ReadMemStats(&after)
	return tb, after.TotalAlloc - before.TotalAlloc, err
}

// refusal is err as the VALIDATION problem a file over a cap is refused
// with, its message in Vietnamese and saying what it must.
func refusal(t *testing.T, err error, says ...string) {
	t.Helper()
	p, ok := problem.As(err)
	if !ok || p.Code != problem.Validation {
		t.Fatalf("want a VALIDATION problem, got %v", err)
	}
	if !utf8.ValidString(p.Message) || !hasDiacritics(p.Message) {
		t.Errorf("message not Vietnamese: %q", p.Message)
	}
	for _, s := range says {
		if !strings.Contains(p.Message, s) {
			t.Errorf("message %q does not say %q", p.Message, s)
		}
	}
}

// TestFarColumnRefused: 4,000 rows each holding one cell at column XFD
// (27 KB) once took 2 GB of heap, read as dense rows; now the first such
// row is refused, having cost one row, and nothing is written.
func TestFarColumnRefused(t *testing.T) {
	file := farColumnWorkbook(t, 4000, "XFD")
	_, alloc, err := readAllocating(t, "tep.xlsx", file)
	refusal(t, err, "Dòng 2", "cột XFD", "64 cột")
	if alloc > 16<<20 {
		t.Errorf("reading %d KB allocated %d MB", len(file)>>10, alloc>>20)
	}
	forEachDialect(t, func(t *testing.T, st *store.Store) {
		before := dump(t, st.DB)
		res, err := Run(board(), st.Client, People, "tep.xlsx", readerOf(file), false)
		refusal(t, err, "cột XFD")
		if res.OK() && res.Rows != 0 || dump(t, st.DB) != before {
			t.Errorf("refused file: %+v, store changed: %v", res, dump(t, st.DB) != before)
		}
	})
}

// TestColumnsBeyondTheHeader: a unit's notes right of the template's
// columns are read past, not kept; the cap counts only cells with a value.
func TestColumnsBeyondTheHeader(t *testing.T) {
	head := "Mã đơn vị,Năm,Biên chế"
	note := head + ",Ghi chú riêng\nQ1,2025,10" + strings.Repeat(",", maxColumns-3) + "ghi chú\n"
	tb, _, err := readTable("b.csv", strings.NewReader(note), Columns[Headcounts])
	if err != nil || len(tb.rows) != 1 || len(tb.rows[0].cells) != 3 {
		t.Fatalf("a note in column %d: %v %+v", maxColumns, err, tb)
	}
	trailing := head + "\nQ1,2025,10" + strings.Repeat(",", 500) + "\n"
	if _, _, err := readTable("b.csv", strings.NewReader(trailing), Columns[Headcounts]); err != nil {
		t.Errorf("empty cells beyond the cap: %v", err)
	}
	beyond := head + "\nQ1,2025,10" + strings.Repeat(",", maxColumns-2) + "x\n"
	_, _, err = readTable("b.csv", strings.NewReader(beyond), Columns[Headcounts])
	refusal(t, err, "Dòng 2", "cột BM")
}

// TestZipBombRefused: a 1 MB workbook whose sheet inflates to 1,000 MiB
// once went to temporary files whole and then into the XML decoder (1.8
// GB of heap); now its central directory refuses it before anything is
// inflated.
func TestZipBombRefused(t *testing.T) {
	file := zipBomb(t, 1000)
	inflatesAsDeclared(t, file, 8<<20)
	_, alloc, err := readAllocating(t, "tep.xlsx", file)
	refusal(t, err, "giải nén ra hơn 1.000 MB", "256 MB")
	if alloc > 16<<20 {
		t.Errorf("reading a %d KB bomb allocated %d MB", len(file)>>10, alloc>>20)
	}
}

// TestInflateRatioRefused: a bomb under the size cap is refused for its
// ratio, which no spreadsheet reaches.
func TestInflateRatioRefused(t *testing.T) {
	file := zipBomb(t, 200)
	_, alloc, err := readAllocating(t, "tep.xlsx", file)
	refusal(t, err, "nén bất thường", sheetPartName, "tối đa 100 lần")
	if alloc > 16<<20 {
		t.Errorf("reading a %d KB bomb allocated %d MB", len(file)>>10, alloc>>20)
	}
}

// inflatesAsDeclared reads the first n bytes of the bomb's sheet: a real
// deflate stream, so that a refusal is for its size, not for garbage.
func inflatesAsDeclared(t *testing.T, file []byte, n int64) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != sheetPartName {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if got, err := io.CopyN(io.Discard, rc, n); err != nil || got != n {
			t.Fatalf("the bomb inflates %d bytes: %v", got, err)
		}
		return
	}
	t.Fatal("no sheet in the bomb")
}

// TestLongTokenRefused: text the XML decoder would allocate as one token
// longer than 1 MB is refused before excelize decodes it, wherever it
// hides: a cell, an attribute value (which may hold '>'), a comment
// (which may hold '<' and '>'); as is a cell over Excel's 32,767
// characters. Random letters, so that the ratio does not give them away.
func TestLongTokenRefused(t *testing.T) {
	long := func(every string) string {
		var b strings.Builder
		for i := range maxTokenBytes + 1000 {
			if every != "" && i%100 == 99 {
				b.WriteString(every)
				continue
			}
			b.WriteByte(byte('a' + rand.IntN(26)))
		}
		return b.String()
	}
	cell := func(text string) string {
		return `<row r="1"><c r="A1" t="inlineStr"><is><t>Mã cán bộ</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>` + text + `</t></is></c></row>`
	}
	for name, rows := range map[string]string{
		"cell":      cell(long("")),
		"attribute": `<row r="1" x="` + long(">") + `"></row>`,
		"comment":   `<!--` + long("<a>") + `-->` + cell("x"),
		"cdata":     cell(`<![CDATA[` + long("<a>") + `]]>`),
	} {
		_, _, err := readAllocating(t, "tep.xlsx", sheetWorkbook(t, rows))
		t.Run(name, func(t *testing.T) { refusal(t, err, "dài hơn 1 MB", sheetPartName) })
	}
	longest := strings.Repeat("ệ", maxCellChars)
	tb, _, err := readAllocating(t, "tep.xlsx", sheetWorkbook(t, cell(longest)))
	if err != nil || tb.rows[0].cells[0] != longest {
		t.Fatalf("a cell of %d characters: %v", maxCellChars, err)
	}
	_, _, err = readAllocating(t, "tep.xlsx", sheetWorkbook(t, cell(longest+"e")))
	refusal(t, err, "Ô A2", "32.767 ký tự")
}

// TestRowsCap: a staff list of the cap's rows reads; one row more is
// refused.
func TestRowsCap(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Mã đơn vị,Năm,Biên chế\n")
	for i := range maxRows {
		fmt.Fprintf(&b, "U%d,2025,1\n", i)
	}
	tb, _, err := readTable("b.csv", bytes.NewReader(b.Bytes()), Columns[Headcounts])
	if err != nil || len(tb.rows) != maxRows {
		t.Fatalf("%d rows: %v", maxRows, err)
	}
	b.WriteString("\n\nU,2025,1\n") // blank rows do not count
	_, _, err = readTable("b.csv", bytes.NewReader(b.Bytes()), Columns[Headcounts])
	refusal(t, err, "hơn 500.000 dòng")
}

// TestCSVSizeCap: a CSV is refused at the cap, never read short: a
// truncated file would import what it had.
func TestCSVSizeCap(t *testing.T) {
	for size, want := range map[int]error{10: nil, 11: errCSVTooLarge} {
		c := &capped{r: strings.NewReader(strings.Repeat("x", size)), left: 10}
		if _, err := io.ReadAll(c); err != want {
			t.Errorf("%d bytes under a cap of 10: %v, want %v", size, err, want)
		}
	}
}
