package server_test

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/docx"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/officetest"
)

// overviewLabels are the overview's figures as the report's first table
// names them (render's overviewSection), by the GraphQL field.
var overviewLabels = map[string]string{
	"units":                   "Đơn vị thực hiện phong trào trong giai đoạn",
	"currentUnits":            "Đơn vị hiện nay",
	"plansIssued":             "Đơn vị đã ban hành kế hoạch",
	"plansSent":               "Kế hoạch đã gửi Ban Thi đua – Khen thưởng",
	"individuals":             "Cá nhân tham gia",
	"ideas":                   "Ý tưởng, sáng kiến được đề xuất",
	"ideasEffective":          "Ý tưởng được đánh giá hiệu quả",
	"adoptions":               "Lượt nhân rộng",
	"awards":                  "Khen thưởng",
	"ideasAwaitingCity":       "Ý tưởng chờ Thành phố quyết định",
	"ideasHalted":             "Ý tưởng tạm dừng để điều chỉnh",
	"pilotsIneffective":       "Ý tưởng thí điểm không hiệu quả",
	"nominationsInProgress":   "Hồ sơ đề nghị khen thưởng đang xử lý",
	"eligibleNotNominated":    "Lượt đủ tiêu chuẩn khen thưởng nhưng chưa được đề nghị",
	"unitYearsWithoutProblem": "Lượt đơn vị chưa lựa chọn vấn đề thí điểm (cộng các năm)",
	"exemplars":               "Mô hình hay, gương điển hình được ghi nhận",
}

// TestReviewDOCX: a leader downloads the report to sign for the city, a
// dissolved district and a ward that succeeded other units; LibreOffice
// converts each, and the text of each PDF holds the figures interimSummary
// gives for the same scope (Kế hoạch 1821 §IV.1b: "tổng hợp, báo cáo sơ
// kết"), the generated parts and the marked places people write, and no
// personal data beyond names.
func TestReviewDOCX(t *testing.T) {
	e := interimEnv(t)
	leader := e.token(t, "leader", "HCM", access.Leader)
	sys := privacy.DecisionContext(t.Context(), privacy.Allow)
	district, err := e.store.Client.Unit.Query().Where(unit.TypeEQ(domain.UnitTypeDistrict), unit.ValidToNotNil(), unit.HasSuccessors()).First(sys)
	if err != nil {
		t.Fatalf("the seed has no dissolved district: %v", err)
	}
	ward, err := e.store.Client.Unit.Query().Where(unit.TypeEQ(domain.UnitTypeWard), unit.ValidToIsNil(),
		unit.HasPredecessorsWith(unit.ValidToNotNil())).First(sys)
	if err != nil {
		t.Fatalf("the seed has no ward that succeeded other units: %v", err)
	}
	scopes := []struct {
		name string
		unit *ent.Unit
	}{{"city", nil}, {"dissolved district " + district.Code, district}, {"successor ward " + ward.Code, ward}}
	var emails, phones []string
	people, err := e.store.Client.Person.Query().Select(person.FieldEmail, person.FieldPhone).All(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if p.Email != "" {
			emails = append(emails, p.Email)
		}
		if p.Phone != "" {
			phones = append(phones, p.Phone)
		}
	}
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			vars := map[string]any{"phase": "2022-2025"}
			query := ""
			if sc.unit != nil {
				vars["unit"] = fmt.Sprint(sc.unit.ID)
				query = "?unit=" + strconv.Itoa(sc.unit.ID)
			}
			a, r := askInterim(t, e, leader, vars)
			if len(r.Errors) > 0 || a.InterimSummary.State != "OK" {
				t.Fatalf("interimSummary: %v %+v", r.Errors, a.InterimSummary)
			}
			sum := a.InterimSummary.Summary
			res, body := e.get(t, "/reports/interim/2022-2025.docx"+query, leader)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
				!strings.Contains(res.Header.Get("Content-Disposition"), ".docx") || res.Header.Get("Cache-Control") != "private, no-store" {
				t.Fatalf("docx: %d %v %.300s", res.StatusCode, res.Header, body)
			}
			checkNFC(t, body)
			pdf := officetest.Convert(t, body)
			text := strings.Join(strings.Fields(pdf.Text(t)), " ")
			for field, label := range overviewLabels {
				want := label + " " + vn(sum.Overview[field])
				if !strings.Contains(text, want) {
					t.Errorf("the report lacks %q (interimSummary's %s)", want, field)
				}
			}
			for _, want := range []string{
				fmt.Sprintf("Toàn giai đoạn có %s ý tưởng, sáng kiến được đề xuất", vn(sum.Overview["ideas"])),
				fmt.Sprintf("có %s cá nhân tham gia Phong trào thi đua", vn(sum.Overview["individuals"])),
				fmt.Sprintf("có %s lượt nhân rộng", vn(sum.Overview["adoptions"])),
				"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
				"Sơ kết giai đoạn 2022–2025 Phong trào thi đua", "Nơi nhận:", "Phụ lục I",
				"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG", "Phụ lục II", "Phụ lục III",
				"III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG", "V. ĐỀ XUẤT, KIẾN NGHỊ",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			// A late report may be one never sent: the words must not make
			// it a part of those sent (the outside review read 1.202 "sent
			// late" of 992 sent).
			if strings.Contains(text, "gửi trễ hạn") {
				t.Error("the report still says reports were sent late where they may be unsent")
			}
			if sc.unit == ward && !strings.Contains(text, "kế thừa") {
				t.Error("a successor ward's report does not say what it took over")
			}
			if sc.unit == district && !strings.Contains(text, "đã giải thể, sáp nhập từ ngày") {
				t.Error("a dissolved district's report does not say it was dissolved")
			}
			if n := strings.Count(text, "[Phần do đơn vị viết]"); n < 5 {
				t.Errorf("%d marked places for the author, want at least 5", n)
			}
			for _, s := range sum.StandoutPeople {
				if s.Name != "" && !strings.Contains(text, strings.Join(strings.Fields(s.Name), " ")) {
					t.Errorf("standout %q is not named", s.Name)
				}
			}
			for _, pd := range append(emails, phones...) {
				if strings.Contains(text, pd) {
					t.Errorf("the report holds personal data %q", pd)
				}
			}
			if pages := pdf.Pages(t); pages < 5 {
				t.Errorf("%d pages", pages)
			}
			if !strings.Contains(strings.Join(pdf.Fonts(t), " "), "Serif") && !strings.Contains(strings.Join(pdf.Fonts(t), " "), "Times") {
				t.Errorf("fonts %v: not Times New Roman or a metric twin", pdf.Fonts(t))
			}
			code := "HCM"
			if sc.unit != nil {
				code = sc.unit.Code
			}
			pdf.PNG(t, 1, 100, filepath.Join(screenshotDir, "so-ket-2022-2025-"+code+"-page1.png"))
			page1 := strings.Join(strings.Fields(pdf.PageText(t, 1)), " ")
			if strings.Contains(page1, "DỰ THẢO") == false || regexp.MustCompile(`\b1\b`).MatchString(strings.SplitN(page1, "DỰ THẢO", 2)[0]) {
				t.Errorf("page 1's top: %.200s", page1)
			}
		})
	}
}

// TestReviewProposalsWorkbook: the list proposed for awards as the board
// collects it, one line per recipient with the level and a column for the
// author to confirm; its individuals are the eligible ones the warehouse
// counts, and a ward's officer cannot read the city's.
func TestReviewProposalsWorkbook(t *testing.T) {
	e := interimEnv(t)
	leader := e.token(t, "leader", "HCM", access.Leader)
	res, body := e.get(t, "/reports/interim/2022-2025.de-nghi-khen-thuong.xlsx", leader)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "so-ket-2022-2025-HCM.de-nghi-khen-thuong.xlsx") {
		t.Fatalf("list: %d %v", res.StatusCode, res.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Đề nghị khen thưởng")
	if err != nil || len(rows) < 4 {
		t.Fatalf("list: %d rows, %v", len(rows), err)
	}
	if rows[2][0] != "STT" || rows[2][8] != "Đơn vị xác nhận đề nghị (Có/Không)" {
		t.Errorf("header %v", rows[2])
	}
	levels := map[string]bool{}
	for _, l := range domain.AwardLevel("").Values() {
		levels[domain.AwardLevel(l).Label()] = true
	}
	eligible := 0
	for _, r := range rows[3:] {
		if len(r) < 8 {
			t.Fatalf("short line %v", r)
		}
		if r[5] == domain.AwardLevelUnitHeadCertificate.Label() {
			// Kế hoạch 1821 §III.3.3: a unit head's certificate is each
			// unit's to grant, so the city's list leaves it to them.
			t.Errorf("the city's list proposes a unit head's certificate: %v", r)
		}
		if levels[r[5]] {
			eligible++
		} else if r[5] != "[Đơn vị xác định]" {
			t.Errorf("line %v proposes %q", r, r[5])
		}
		if r[2] == "" || r[2] == "—" {
			t.Errorf("line %v has no name", r)
		}
	}
	if eligible == 0 {
		t.Errorf("no eligible line in %d", len(rows)-3)
	}
	sys := privacy.DecisionContext(t.Context(), privacy.Allow)
	city := e.store.Client.Unit.Query().Where(unit.TypeEQ(domain.UnitTypeCity)).OnlyX(sys)
	ward := e.store.Client.Unit.Query().Where(unit.TypeEQ(domain.UnitTypeWard), unit.ValidToIsNil()).FirstX(sys)
	wardOfficer := e.token(t, "officer", ward.Code, access.UnitAdmin)
	for _, file := range []string{"2022-2025.de-nghi-khen-thuong.xlsx", "2022-2025.docx"} {
		if res, _ := e.get(t, fmt.Sprintf("/reports/interim/%s?unit=%d", file, city.ID), wardOfficer); res.StatusCode != http.StatusForbidden {
			t.Errorf("a ward officer reads the city's %s: %d", file, res.StatusCode)
		}
	}
	member := e.token(t, "member", "HCM", access.Member)
	if res, _ := e.get(t, "/reports/interim/2022-2025.docx", member); res.StatusCode != http.StatusForbidden {
		t.Errorf("a member reads the report: %d", res.StatusCode)
	}
	// Two units are refused rather than resolved by their order, and an id
	// outside the officer's subtree is refused whether or not it exists.
	for path, want := range map[string]int{
		fmt.Sprintf("/reports/interim/2022-2025.docx?unit=%d&unit=%d", ward.ID, city.ID): http.StatusBadRequest,
		fmt.Sprintf("/reports/interim/2022-2025.docx?unit=%d&unit=%d", city.ID, ward.ID): http.StatusBadRequest,
		"/reports/interim/2022-2025.docx?unit=999999999":                                 http.StatusForbidden,
	} {
		if res, b := e.get(t, path, wardOfficer); res.StatusCode != want {
			t.Errorf("%s: %d %s, want %d", path, res.StatusCode, b, want)
		}
	}
	if res, b := e.get(t, fmt.Sprintf("/reports/final/2022-2025.docx?unit=%d", city.ID), wardOfficer); res.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "tổng kết") {
		t.Errorf("a final review refused as an interim one: %d %s", res.StatusCode, b)
	}
}

// checkNFC: every part of the document is Unicode NFC, so that a search
// for a name finds it whatever typed it.
func checkNFC(t *testing.T, b []byte) {
	t.Helper()
	parts, err := docx.Parts(b)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range parts {
		if !norm.NFC.IsNormal(body) {
			t.Errorf("%s is not NFC", name)
		}
	}
}

// vn writes a count as the report does: 12.345.
func vn(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}
