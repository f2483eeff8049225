package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/docx"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

var cityIssuer = interim.Issuer{Body: []string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"}, Short: "Ủy ban nhân dân Thành phố",
	Symbol: "BC-UBND", Place: "Thành phố Hồ Chí Minh", Authority: "TM. ỦY BAN NHÂN DÂN", Position: "CHỦ TỊCH",
	Recipients: []string{"Thường trực Thành ủy", "Lưu: VT"}}

var today = time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)

// withProposals adds a list proposed for awards; the second idea's title
// is what someone might paste: markup and a control character.
func withProposals(s interim.Summary) interim.Summary {
	day := func(y, m, d int) *time.Time { t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); return &t }
	s.Proposals = []interim.Proposal{
		{Kind: "COLLECTIVE", UnitCode: "Q1", UnitName: "Quận 1", Name: "Quận 1", Level: "CITY_CHAIRMAN_CERTIFICATE", Years: []int{2023, 2024}, Standout: true,
			Ideas: []interim.ProposalIdea{{Code: "YT-2023-0001", Title: "Một cửa liên thông đất đai", Approved: day(2023, 3, 2), Effective: day(2023, 9, 1), CityWide: day(2024, 1, 15)}}},
		{Kind: "INDIVIDUAL", Key: "abcdef0123456789", Name: "Nguyễn Thị Mẫu", UnitName: "Phường Bến Nghé", Level: "CITY_CHAIRMAN_CERTIFICATE", Years: []int{2024}, Nominated: true,
			Ideas: []interim.ProposalIdea{{Code: "YT-2024-0007", Title: "Số hóa <b>hồ sơ</b> & \x01hộ \u202etịch", Approved: day(2024, 2, 1)}}, MoreIdeas: 2},
		{Kind: "INDIVIDUAL", Key: "ffff0000ffff0000", Standout: true},
	}
	s.ProposalCounts = []interim.ProposalCount{{Level: "CITY_CHAIRMAN_CERTIFICATE", Kind: "COLLECTIVE", Recipients: 1},
		{Level: "CITY_CHAIRMAN_CERTIFICATE", Kind: "INDIVIDUAL", Recipients: 1}}
	return s
}

func renderDOCX(t *testing.T, r interim.Report) map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := DOCX(&b, r, DocOptions{Issuer: cityIssuer, Today: today}); err != nil {
		t.Fatal(err)
	}
	raw, err := docx.Parts(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for name, body := range raw {
		parts[name] = string(body)
	}
	return parts
}

// TestDOCXParts: every part is well-formed XML that the package declares,
// pasted markup is text and a control character XML cannot hold is gone.
func TestDOCXParts(t *testing.T) {
	parts := renderDOCX(t, report(withProposals(withAwards(sample()))))
	for _, want := range []string{"[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/header1.xml", "word/header2.xml", "docProps/core.xml"} {
		if _, ok := parts[want]; !ok {
			t.Errorf("no part %s", want)
		}
	}
	for name, body := range parts {
		d := xml.NewDecoder(strings.NewReader(body))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{"Số hóa &lt;b&gt;hồ sơ&lt;/b&gt; &amp; hộ tịch", `<w:tblHeader/>`, `w:orient="landscape"`,
		`<w:pgNumType w:start="1"/>`, `<w:titlePg/>`, "Nguyễn Thị Mẫu", "Mã ẩn danh ffff0000ff", "[Đơn vị xác định]",
		"Đủ tiêu chuẩn năm 2023, 2024; tiêu biểu trong giai đoạn."} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q", want)
		}
	}
	if strings.ContainsRune(doc, '\x01') || strings.ContainsRune(doc, '\u202e') {
		t.Error("a control character reached the document")
	}
	// A4 portrait with the decree's margins: 20 mm top and bottom, 30 left, 15 right.
	if !strings.Contains(doc, `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`) {
		t.Error("the first section is not A4 with the decree's margins")
	}
	if !strings.Contains(parts["word/styles.xml"], `w:ascii="Times New Roman"`) || !strings.Contains(parts["word/styles.xml"], `<w:sz w:val="28"/>`) {
		t.Error("the body is not Times New Roman 14 pt")
	}
}

// TestDOCXSameBytes: the same report at the same refresh is the same file.
func TestDOCXSameBytes(t *testing.T) {
	r := report(withProposals(withAwards(sample())))
	var a, b bytes.Buffer
	if err := DOCX(&a, r, DocOptions{Issuer: cityIssuer, Today: today}); err != nil {
		t.Fatal(err)
	}
	if err := DOCX(&b, r, DocOptions{Issuer: cityIssuer, Today: today}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two builds differ")
	}
}

// TestDOCXWithoutFigures: a report with no figures says why under the
// same heading, and carries no table of zeros.
func TestDOCXWithoutFigures(t *testing.T) {
	r := report(sample())
	r.State, r.Message, r.Summary = interim.StateNotConfigured, interim.Messages[interim.StateNotConfigured], nil
	doc := renderDOCX(t, r)["word/document.xml"]
	if !strings.Contains(doc, "chưa có số liệu sơ kết") || !strings.Contains(doc, "BÁO CÁO") || strings.Contains(doc, "Bảng 1") {
		t.Errorf("document: %.500s", doc)
	}
}
