package officetest_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/hcmc-thidua/thidua/internal/officetest"
)

const (
	title = "Báo cáo sơ kết giai đoạn 2022–2025"
	place = "Thành phố Hồ Chí Minh, ngày 06 tháng 12 năm 2026"
)

// tinyDOCX is the smallest document Word and LibreOffice both open: two
// paragraphs in Times New Roman on A4, the second after a page break. The
// second is written decomposed (NFD), as some Vietnamese input methods type
// it, so the test also shows that the extracted text comes back in NFC.
func tinyDOCX(t testing.TB) []byte {
	t.Helper()
	run := func(text string) string {
		return `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>` +
			`<w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + run(title) + `</w:p>
<w:p><w:r><w:br w:type="page"/></w:r>` + run(norm.NFD.String(place)) + `</w:p>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>
</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestConvert(t *testing.T) {
	pdf := officetest.Convert(t, tinyDOCX(t))

	text := pdf.Text(t)
	for _, want := range []string{title, place} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q; it is:\n%s", want, text)
		}
	}
	if !norm.NFC.IsNormalString(text) {
		t.Errorf("Text is not in NFC: %q", text)
	}
	if got := pdf.PageText(t, 1); !strings.Contains(got, title) || strings.Contains(got, place) {
		t.Errorf("page 1 should hold the title alone; it is:\n%s", got)
	}
	if got := pdf.PageText(t, 2); !strings.Contains(got, place) || strings.Contains(got, title) {
		t.Errorf("page 2 should hold the place and date alone; it is:\n%s", got)
	}
	if n := pdf.Pages(t); n != 2 {
		t.Errorf("Pages = %d, want 2 (the page break)", n)
	}

	out := filepath.Join(t.TempDir(), "made", "here", "page1.png")
	pdf.PNG(t, 1, 50, out)
	img, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("%s is not a PNG: starts %q", out, img[:min(len(img), 8)])
	}

	fonts := pdf.Fonts(t)
	if len(fonts) == 0 {
		t.Fatal("Fonts lists no font")
	}
	// The document asks for Times New Roman; without a metric-compatible
	// serif LibreOffice falls back to another font and every line moves.
	serif := false
	for _, f := range fonts {
		serif = serif || strings.Contains(f, "LiberationSerif") || strings.Contains(f, "TimesNewRoman")
	}
	if !serif {
		t.Errorf("Fonts = %v: no Times-compatible serif (scripts/ensure-libreoffice.sh installs fonts-liberation2)", fonts)
	}
}

// Two conversions at once must not meet in a shared LibreOffice profile, or
// the second hands its work to the first process and finds no PDF.
func TestConvertInParallel(t *testing.T) {
	docx := tinyDOCX(t)
	pdfs := make([]officetest.PDF, 2)
	// t.Run returns once its parallel subtests have all finished.
	t.Run("group", func(t *testing.T) {
		for i := range pdfs {
			t.Run(string(rune('a'+i)), func(t *testing.T) {
				t.Parallel()
				pdfs[i] = officetest.Convert(t, docx)
				if !strings.Contains(pdfs[i].Text(t), title) {
					t.Errorf("%s lacks the title", pdfs[i].Path)
				}
			})
		}
	})
	if !t.Failed() && pdfs[0].Path != "" && pdfs[0].Path == pdfs[1].Path {
		t.Fatalf("both conversions wrote %s", pdfs[0].Path)
	}
}
