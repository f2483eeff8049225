package importer

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Kind is what a file holds.
type Kind string

// The kinds of file.
const (
	Units      Kind = "UNITS"
	People     Kind = "PEOPLE"
	Ideas      Kind = "IDEAS"
	Headcounts Kind = "HEADCOUNTS"
	Awards     Kind = "AWARDS"
	Reorgs     Kind = "REORGANIZATIONS"
	Phases     Kind = "PHASES"
	// IntegrityRecords are discipline and integrity records.
	IntegrityRecords Kind = "INTEGRITY_RECORDS"
)

// Kinds lists every kind, in the order a city's data goes in: units before
// the people in them, people before the ideas they proposed and their awards.
var Kinds = []Kind{Phases, Units, People, Ideas, Headcounts, Awards, Reorgs, IntegrityRecords}

// ParseKind accepts a kind's code in any case.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if strings.EqualFold(string(k), s) {
			return k, nil
		}
	}
	return "", fmt.Errorf("loại dữ liệu %q không có; chọn một trong: phases, units, people, ideas, headcounts, awards, reorganizations, integrity_records", s)
}

// Title is the kind in Vietnamese, for templates and reports.
func (k Kind) Title() string {
	return map[Kind]string{
		Units:            "Danh mục đơn vị",
		People:           "Danh sách cán bộ, công chức, viên chức và quá trình công tác",
		Ideas:            "Ý tưởng, sáng kiến đã có",
		Headcounts:       "Biên chế theo năm",
		Awards:           "Khen thưởng đã quyết định",
		Reorgs:           "Sắp xếp, tổ chức lại đơn vị",
		Phases:           "Giai đoạn của phong trào và các mốc thời hạn",
		IntegrityRecords: "Hồ sơ kỷ luật, vi phạm liêm chính",
	}[k]
}

// Column is a column of a kind's template: its key, its Vietnamese
// header, the other headers it is known by, and how to fill it.
type Column struct {
	Key      string
	Header   string
	Aliases  []string
	Required bool
	Help     string // how to fill it, in Vietnamese
	Example  string
}

// Columns are each kind's columns, in the templates' order.
var Columns = map[Kind][]Column{
	Units: {
		{Key: "code", Header: "Mã đơn vị", Aliases: []string{"code"}, Required: true, Help: "Mã duy nhất, chữ in hoa không dấu, số và dấu gạch ngang; không đổi được sau khi tạo.", Example: "PX-MINH-HOA"},
		{Key: "name", Header: "Tên đơn vị", Aliases: []string{"name"}, Required: true, Help: "Tên đầy đủ, tiếng Việt có dấu.", Example: "Phường Minh Hòa"},
		{Key: "type", Header: "Loại đơn vị", Aliases: []string{"type", "loại", "cấp đơn vị"}, Required: true, Help: "Tên loại (ví dụ: Phường) hoặc mã (WARD).", Example: "Phường"},
		{Key: "parent", Header: "Mã đơn vị cấp trên", Aliases: []string{"parent", "parent code", "đơn vị cấp trên", "trực thuộc"}, Help: "Mã của đơn vị cấp trên (có trong hệ thống hoặc ở dòng khác của tệp); để trống chỉ với Thành phố.", Example: "HCM"},
		{Key: "valid_from", Header: "Hiệu lực từ ngày", Aliases: []string{"valid from", "ngày thành lập"}, Help: "Ngày đơn vị bắt đầu hoạt động: dd/mm/yyyy hoặc yyyy-mm-dd; để trống nếu đã có từ trước.", Example: "01/07/2025"},
		{Key: "valid_to", Header: "Hiệu lực đến ngày", Aliases: []string{"valid to", "ngày giải thể"}, Help: "Ngày đơn vị thôi hoạt động (không tính ngày này); để trống nếu còn hoạt động.", Example: ""},
	},
	People: {
		{Key: "code", Header: "Mã cán bộ", Aliases: []string{"code", "person code", "mã số", "mã cb", "mã nhân viên", "mã cán bộ, công chức", "mã công chức"}, Required: true, Help: "Mã duy nhất của người (chữ in hoa không dấu và số); không đổi được sau khi tạo.", Example: "CB9000001"},
		{Key: "full_name", Header: "Họ và tên", Aliases: []string{"full name", "name", "họ tên", "họ, tên", "họ và tên cán bộ", "họ tên cán bộ", "tên cán bộ"}, Required: true, Help: "Tiếng Việt có dấu.", Example: "Trần Thị Mẫu"},
		{Key: "gender", Header: "Giới tính", Aliases: []string{"gender", "giới", "phái"}, Required: true, Help: "Nam, Nữ hoặc Khác (hoặc MALE, FEMALE, OTHER).", Example: "Nữ"},
		{Key: "birth_year", Header: "Năm sinh", Aliases: []string{"birth year"}, Help: "Bốn chữ số, từ 1930 đến 2015.", Example: "1988"},
		{Key: "email", Header: "Thư điện tử", Aliases: []string{"email", "e-mail", "địa chỉ thư điện tử", "địa chỉ email", "thư công vụ", "hộp thư"}, Help: "Địa chỉ thư công vụ.", Example: "mau.tt@example.gov.vn"},
		{Key: "unit", Header: "Mã đơn vị công tác", Aliases: []string{"mã đơn vị", "unit", "unit code", "đơn vị", "đơn vị công tác", "mã đơn vị công tác"}, Required: true, Help: "Mã đơn vị nơi người này công tác trong khoảng thời gian của dòng.", Example: "PX-MINH-HOA"},
		{Key: "category", Header: "Đối tượng", Aliases: []string{"category", "loại cán bộ", "đối tượng cán bộ"}, Required: true, Help: "Cán bộ, Công chức, Viên chức, Chiến sĩ lực lượng vũ trang, Người lao động hoặc Khác (hoặc mã CADRE, CIVIL_SERVANT, PUBLIC_EMPLOYEE, ARMED_FORCES, WORKER, OTHER).", Example: "Công chức"},
		{Key: "role", Header: "Vai trò trong đơn vị", Aliases: []string{"vai trò", "role"}, Help: "Người đứng đầu (Thủ trưởng), Cấp phó, Cán bộ phụ trách thi đua – khen thưởng (Cán bộ thi đua) hoặc Cán bộ, công chức, viên chức (Chuyên viên; mặc định khi để trống).", Example: "Chuyên viên"},
		{Key: "position", Header: "Chức vụ", Aliases: []string{"position", "position title", "chức danh", "chức vụ, chức danh"}, Help: "Chức vụ ghi trong quyết định.", Example: "Chuyên viên"},
		{Key: "from", Header: "Từ ngày", Aliases: []string{"valid from", "from", "ngày bắt đầu", "ngày bắt đầu công tác", "ngày vào", "ngày nhận công tác", "bắt đầu"}, Required: true, Help: "Ngày bắt đầu công tác tại đơn vị.", Example: "01/07/2025"},
		{Key: "to", Header: "Đến ngày", Aliases: []string{"valid to", "to", "ngày kết thúc", "ngày thôi công tác", "ngày nghỉ", "kết thúc"}, Help: "Ngày thôi công tác (không tính ngày này); để trống nếu còn công tác.", Example: ""},
		{Key: "confirm", Header: "Xác nhận người mới", Aliases: []string{"xác nhận", "confirm"}, Help: "Ghi “Có” khi người ở dòng này là người mới dù trùng họ tên và năm sinh hoặc thư điện tử với một người đã có trong hệ thống; để trống trong các trường hợp khác.", Example: ""},
		{Key: "phone", Header: "Số điện thoại", Aliases: []string{"điện thoại", "sđt", "số đt", "điện thoại di động", "di động", "phone"}, Help: "Một số điện thoại công việc, ví dụ 0903 123 456 hoặc (028) 3829 1234; lưu dạng chữ số.", Example: "0903123456"},
	},
	Ideas:            ideaColumns,
	Phases:           phaseColumns,
	IntegrityRecords: integrityColumns,
	Headcounts: {
		{Key: "unit", Header: "Mã đơn vị", Aliases: []string{"unit", "unit code"}, Required: true, Help: "Mã đơn vị.", Example: "PX-MINH-HOA"},
		{Key: "year", Header: "Năm", Aliases: []string{"year"}, Required: true, Help: "Bốn chữ số.", Example: "2025"},
		{Key: "headcount", Header: "Biên chế", Aliases: []string{"số biên chế", "headcount"}, Required: true, Help: "Tổng số cán bộ, công chức, viên chức, người lao động của đơn vị trong năm.", Example: "42"},
	},
	Awards: {
		{Key: "decision", Header: "Số quyết định", Aliases: []string{"decision number", "số, ký hiệu quyết định", "số ký hiệu", "số qđ", "quyết định số", "số quyết định khen thưởng"}, Required: true, Help: "Số, ký hiệu của quyết định khen thưởng.", Example: "1234/QĐ-UBND"},
		{Key: "date", Header: "Ngày quyết định", Aliases: []string{"decision date", "ngày qđ", "ngày ký", "ngày ban hành"}, Required: true, Help: "dd/mm/yyyy hoặc yyyy-mm-dd.", Example: "15/01/2025"},
		{Key: "issuer", Header: "Cơ quan ban hành", Aliases: []string{"issuer", "cơ quan quyết định", "cấp khen"}, Required: true, Help: "Cơ quan, người ký quyết định.", Example: "Ủy ban nhân dân Thành phố Hồ Chí Minh"},
		{Key: "year", Header: "Năm thành tích", Aliases: []string{"năm", "year"}, Required: true, Help: "Năm của thành tích được khen.", Example: "2024"},
		{Key: "level", Header: "Hình thức khen thưởng", Aliases: []string{"level", "hình thức", "hình thức khen"}, Required: true, Help: "Huân chương Lao động hạng Ba, Bằng khen của Thủ tướng Chính phủ, Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố, Giấy khen của Thủ trưởng cơ quan, đơn vị (hoặc mã).", Example: "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố"},
		{Key: "recipient_kind", Header: "Đối tượng được khen", Aliases: []string{"recipient kind", "cá nhân/tập thể", "cá nhân hay tập thể"}, Required: true, Help: "Cá nhân hoặc Tập thể.", Example: "Cá nhân"},
		{Key: "unit", Header: "Mã đơn vị", Aliases: []string{"unit", "unit code"}, Required: true, Help: "Tập thể được khen, hoặc đơn vị của cá nhân được khen.", Example: "PX-MINH-HOA"},
		{Key: "person", Header: "Mã cán bộ được khen", Aliases: []string{"mã cán bộ", "person", "person code", "mã cá nhân"}, Help: "Bắt buộc khi khen cá nhân; để trống khi khen tập thể.", Example: "CB9000001"},
		{Key: "note", Header: "Ghi chú", Aliases: []string{"note", "thành tích", "nội dung"}, Help: "Thành tích, căn cứ.", Example: ""},
	},
}

// header is the column's Vietnamese header, for problems.
func header(k Kind, key string) string {
	for _, c := range Columns[k] {
		if c.Key == key {
			return c.Header
		}
	}
	return key
}

// Problem is one thing wrong in a file, or one notice about how it was
// read: its sheet (when the workbook has several), its row as the file
// numbers it (0 for the file as a whole), its column by letter and by the
// template's header, the cell as typed, and what is wrong, in Vietnamese.
type Problem struct {
	Sheet   string
	Row     int
	Col     int // 1-based; 0 when the problem is not one column's
	Column  string
	Value   string
	Message string
}

// Letter is the column's letters as Excel shows them ("F"); "" for none.
func (p Problem) Letter() string {
	if p.Col <= 0 {
		return ""
	}
	return letter(p.Col)
}

// Where is the problem's place as an officer looks for it: "dòng 14,
// cột F – Mã đơn vị công tác".
func (p Problem) Where() string {
	var parts []string
	if p.Sheet != "" {
		parts = append(parts, "trang “"+p.Sheet+"”")
	}
	if p.Row > 0 {
		parts = append(parts, "dòng "+strconv.Itoa(p.Row))
	}
	switch {
	case p.Col > 0 && p.Column != "":
		parts = append(parts, "cột "+p.Letter()+" – "+p.Column)
	case p.Col > 0:
		parts = append(parts, "cột "+p.Letter())
	case p.Column != "":
		parts = append(parts, "cột "+p.Column)
	}
	if len(parts) == 0 {
		return "cả tệp"
	}
	return strings.Join(parts, ", ")
}

// Result is what an import did, or would do with DryRun.
type Result struct {
	Kind                        Kind
	DryRun                      bool
	Rows                        int
	Created, Updated, Unchanged int
	Problems                    []Problem
	// Notices say how the file was read where it was not as the template
	// has it (a converted font, a header found under a title, a column not
	// read); they do not stop the import.
	Notices []Problem
	// Report is the file with its problem and notice cells highlighted and
	// commented, as XLSX; nil when there is nothing to mark.
	Report []byte `json:"-"`
	// ReportName is where Reports saved Report, for the result's link.
	ReportName string `json:"-"`
}

// OK reports whether the file had no problem (and, unless a dry run, was written).
func (r Result) OK() bool { return len(r.Problems) == 0 }

// MarshalGQL writes the kind's code.
func (k Kind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a kind's code.
func (k *Kind) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	p, err := ParseKind(s)
	*k = p
	return err
}
