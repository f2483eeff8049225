package main

import (
	"bytes"
	"encoding/csv"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/hcmc-thidua/thidua/internal/importer"
)

const data = "Dữ liệu" // the template's data sheet

// person is a row of the People template: Mã cán bộ, Họ và tên, Giới
// tính, Năm sinh, Thư điện tử, Mã đơn vị công tác, Đối tượng, Vai trò
// trong đơn vị, Chức vụ, Từ ngày, Đến ngày, Xác nhận người mới.
func person(code, name any, gender string, birth any, email, unit, category, role, position string, from, to any, confirm string) []any {
	return []any{code, name, gender, birth, email, unit, category, role, position, from, to, confirm}
}

// staff is a plain row: a civil servant at PX-AN-LAC from a day.
func staff(code, name any, gender, birth string, from any) []any {
	return person(code, name, gender, birth, "", "PX-AN-LAC", "Công chức", "", "Chuyên viên", from, "", "")
}

// peopleBook is the People template holding rows, on its data sheet only.
func peopleBook(rows ...[]any) []byte {
	b := newBook(data)
	b.templateSheet(data, importer.People, rows)
	return b.bytes()
}

// people1904 is peopleBook in the 1904 date system.
func people1904(rows ...[]any) []byte {
	b := newBook(data)
	b.use1904()
	b.templateSheet(data, importer.People, rows)
	return b.bytes()
}

// csvText is rows as CSV, with Excel's CRLF.
func csvText(comma rune, rows ...[]string) string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = comma, true
	must(w.WriteAll(rows))
	return buf.String()
}

var peopleHeader = []string{"Mã cán bộ", "Họ và tên", "Giới tính", "Năm sinh", "Thư điện tử", "Mã đơn vị công tác", "Đối tượng",
	"Vai trò trong đơn vị", "Chức vụ", "Từ ngày", "Đến ngày", "Xác nhận người mới"}

// cp1258 is text in Windows-1258 bytes as Excel writes them: vowels with
// their circumflex, breve or horn precomposed, tones as combining marks.
func cp1258(s string) []byte {
	var b []rune
	base := -1 // the last letter: NFD puts a dot below before the breve of ặ
	for _, r := range norm.NFD.String(s) {
		switch r {
		case '\u0302', '\u0306', '\u031b':
			b[base] = []rune(norm.NFC.String(string(b[base]) + string(r)))[0]
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			b = append(b, r)
		default:
			base = len(b)
			b = append(b, r)
		}
	}
	out, err := charmap.Windows1258.NewEncoder().Bytes([]byte(string(b)))
	must(err)
	return out
}

func utf16LE(s string, bom bool) []byte {
	policy := unicode.IgnoreBOM
	if bom {
		policy = unicode.UseBOM
	}
	out, err := unicode.UTF16(unicode.LittleEndian, policy).NewEncoder().Bytes([]byte(s))
	must(err)
	return out
}

// Base people, imported before every case by 01-can-bo.xlsx.
var basePeople = [][]any{
	person("000123", "Phạm Minh Đức", "Nam", "1984", "duc.pm@anlac.example.gov.vn", "PX-AN-LAC", "Công chức", "Chuyên viên", "Chuyên viên", "01/03/2018", "", ""),
	person("CB0000002", "Nguyễn Thị Thủy", "Nữ", "1990", "thuy.nt@anlac.example.gov.vn", "PX-AN-LAC", "Công chức", "Cán bộ thi đua", "Chuyên viên", "01/01/2019", "", ""),
	person("CB0000003", "Trần Quốc Bảo", "Nam", "1978", "", "PX-AN-LAC", "Cán bộ", "Thủ trưởng", "Chủ tịch Ủy ban nhân dân phường", "01/07/2020", "", ""),
	person("CB0000004", "Lê Thị Mai", "Nữ", "1986", "", "PX-AN-LAC", "Viên chức", "", "Viên chức", "01/02/2021", "", ""),
	person("CB0000005", "Võ Văn Tâm", "Nam", "1992", "", "Q-BINH-AN", "Công chức", "", "Chuyên viên", "15/08/2022", "", ""),
}

// The TCVN3, VNI and code-page cases' people.
var (
	tcvn3Names = []string{"Nguyễn Văn An", "Trần Thị Bình", "Đỗ Thị Thúy"}
	vniNames   = []string{"Lê Thị Hồng", "Phạm Văn Được", "Võ Thị Thu Hằng"}
	cpNames    = []string{"Hoàng Minh Tuấn", "Đặng Thị Mỹ Duyên", "Ngô Đức Thắng"}
	utf16Names = []string{"Bùi Xuân Trường", "Huỳnh Ngọc Quyền"}
	genders    = []string{"Nam", "Nữ", "Nữ"}
	births     = []string{"1979", "1982", "1990"}
)

func legacyBook(names []string, encode func(string) string, font string) []byte {
	var rows [][]any
	for i, n := range names {
		rows = append(rows, staff("CB10000"+string(rune('1'+i)), fontCell{encode(n), font}, genders[i], births[i], "01/03/2024"))
	}
	return peopleBook(rows...)
}

func corpus() []corpusFile {
	return []corpusFile{
		{"00-don-vi.xlsx", "UNITS",
			"Danh mục đơn vị theo mẫu (có trang “Hướng dẫn”): Quận Bình An với Phường An Lạc và Phường Tân Hòa (hoạt động từ 01/07/2025), và Quận Cũ (thôi hoạt động từ 01/07/2025). — The units template (with its guide sheet): a district with two wards, one set up on 01/07/2025, and a district dissolved on 01/07/2025.",
			"Nhập trước mọi trường hợp; tạo 4 đơn vị. — Imported before every case; creates 4 units.",
			func() []byte {
				b := newBook(data)
				b.templateSheet(data, importer.Units, [][]any{
					{"Q-BINH-AN", "Quận Bình An", "Quận, huyện", "HCM", "", ""},
					{"PX-AN-LAC", "Phường An Lạc", "Phường", "Q-BINH-AN", "", ""},
					{"PX-TAN-HOA", "Phường Tân Hòa", "Phường", "Q-BINH-AN", "01/07/2025", ""},
					{"Q-CU", "Quận Cũ", "Quận, huyện", "HCM", "", "01/07/2025"},
				})
				b.guide(importer.Units)
				return b.bytes()
			}},
		{"01-can-bo.xlsx", "PEOPLE",
			"Danh sách cán bộ theo mẫu (có trang “Hướng dẫn”), mã 000123 ở ô văn bản. — The people template (with its guide sheet); code 000123 in a text cell.",
			"Nhập sau tệp đơn vị trước mọi trường hợp; tạo 5 người. — Imported after the units before every case; creates 5 people.",
			func() []byte {
				b := newBook(data)
				b.templateSheet(data, importer.People, basePeople)
				b.guide(importer.People)
				return b.bytes()
			}},

		// Legacy fonts and code pages.
		{"10-tcvn3-phong-vntime.xlsx", "PEOPLE",
			"Họ tên gõ bằng TCVN3 (ABC) trong ô phông .VnTime. — Names typed in TCVN3 in cells set in .VnTime.",
			"Nhập được; mỗi ô họ tên được chuyển sang Unicode, có lưu ý “phông TCVN3”. — Imports; each name cell converted to Unicode with a notice.",
			func() []byte { return legacyBook(tcvn3Names, toTCVN3, ".VnTime") }},
		{"11-tcvn3-windows-1252.csv", "PEOPLE",
			"Tệp CSV gõ toàn bộ bằng TCVN3, lưu theo byte Windows-1252, tiêu đề không dấu, không có phông. — A CSV typed wholly in TCVN3, saved as Windows-1252 bytes, unaccented headers, no fonts.",
			"Nhập được; bảng mã được nhận ra theo từng cột và chuyển sang Unicode, có lưu ý. — Imports; the encoding is detected column by column and converted, with notices.",
			func() []byte {
				rows := [][]string{{"Ma can bo", "Ho va ten", "Gioi tinh", "Nam sinh", "Thu dien tu", "Ma don vi", "Doi tuong", "Vai tro", "Chuc vu", "Tu ngay", "Den ngay"}}
				for i, n := range tcvn3Names {
					rows = append(rows, []string{"CB10000" + string(rune('1'+i)), toTCVN3(n), toTCVN3(genders[i]), births[i], "", "PX-AN-LAC",
						toTCVN3("Công chức"), "", toTCVN3("Chuyên viên"), "01/03/2024", ""})
				}
				out, err := charmap.Windows1252.NewEncoder().Bytes([]byte(csvText(',', rows...)))
				must(err)
				return out
			}},
		{"12-vni-phong-vni-times.xlsx", "PEOPLE",
			"Họ tên gõ bằng VNI trong ô phông VNI-Times, có “Lê Thị Hồng” mà dạng VNI “Leâ Thò Hoàng” trông như chữ Unicode “Hoàng”. — VNI names in VNI-Times cells, among them Lê Thị Hồng, whose VNI form looks like the Unicode “Hoàng”.",
			"Nhập được; lưu “Lê Thị Hồng”, không phải “Hoàng”. — Imports; stored as “Lê Thị Hồng”.",
			func() []byte { return legacyBook(vniNames, toVNI, "VNI-Times") }},
		{"13-vni-phong-times-new-roman.xlsx", "PEOPLE",
			"Cùng tệp VNI nhưng phông đã đổi thành Times New Roman. — The same VNI workbook with its fonts changed to Times New Roman.",
			"Nhập được; bảng mã VNI được nhận ra theo cột. — Imports; VNI detected by column.",
			func() []byte { return legacyBook(vniNames, toVNI, "Times New Roman") }},
		{"14-windows-1258.csv", "PEOPLE",
			"Tệp CSV lưu theo bảng mã Windows-1258 (dấu thanh là dấu kết hợp). — A CSV in Windows-1258 (tones as combining marks).",
			"Nhập được, đúng chữ; lưu ý nêu “Windows-1258”. — Imports right; a notice names Windows-1258.",
			func() []byte {
				rows := [][]string{peopleHeader}
				for i, n := range cpNames {
					rows = append(rows, []string{"CB20000" + string(rune('1'+i)), n, genders[i], births[i], "", "PX-AN-LAC", "Công chức", "", "Chuyên viên", "01/03/2024", "", ""})
				}
				return cp1258(csvText(',', rows...))
			}},
		{"15-utf16-co-bom.csv", "PEOPLE",
			"Tệp “Unicode text” của Excel: UTF-16 LE có BOM, cách nhau bằng dấu tab. — Excel's “Unicode text”: UTF-16 LE with a BOM, tab separated.",
			"Nhập được, đúng chữ. — Imports right.",
			func() []byte { return utf16LE(utf16CSV(), true) }},
		{"16-utf16-khong-bom.csv", "PEOPLE",
			"Tệp UTF-16 LE không có BOM, cách nhau bằng dấu tab. — UTF-16 LE without a BOM, tab separated.",
			"Nhập được; lưu ý nêu “UTF-16”. — Imports; a notice names UTF-16.",
			func() []byte { return utf16LE(utf16CSV(), false) }},

		// Codes that lost their zeros.
		{"20-ma-mat-so-0.xlsx", "PEOPLE",
			"Mã 000123 bị Excel đổi thành số 123, cùng họ tên và năm sinh với người đã có. — Code 000123 turned into the number 123, with the same name and birth year as a recorded person.",
			"Bị từ chối: có thể trùng người mã 000123; lưu ý mã lấy từ ô kiểu số. Nhập được với tùy chọn xác nhận người mới. — Refused as a likely duplicate of 000123, with a notice that the code came from a number cell; imports with the ConfirmNew option.",
			func() []byte {
				return peopleBook(staff(123, "Phạm Minh Đức", "Nam", "1984", "01/01/2025"))
			}},
		{"21-ma-mat-so-0-xac-nhan.xlsx", "PEOPLE",
			"Cùng tệp, ghi “Có” ở cột “Xác nhận người mới”. — The same file with “Có” in the confirmation column.",
			"Nhập được: tạo người thứ hai mã 123. — Imports: a second person, code 123, is created.",
			func() []byte {
				r := staff(123, "Phạm Minh Đức", "Nam", "1984", "01/01/2025")
				r[11] = "Có"
				return peopleBook(r)
			}},

		// Dates.
		{"30-ngay-kieu-my.xlsx", "PEOPLE",
			"Cột Từ ngày ghi theo kiểu Mỹ: “7/13/2025” và “7/1/2025”. — US-order dates in one column.",
			"Bị từ chối ở cả hai dòng. — Both rows refused.",
			func() []byte {
				return peopleBook(staff("CB3000001", "Trương Quốc Khánh", "Nam", "1985", "7/13/2025"),
					staff("CB3000002", "Phan Thị Kiều Oanh", "Nữ", "1991", "7/1/2025"))
			}},
		{"31-ngay-la-nam.xlsx", "PEOPLE",
			"Ô Từ ngày là số 2025. — The number 2025 in the start date.",
			"Bị từ chối: “là một năm”. — Refused: a year, not a date.",
			func() []byte { return peopleBook(staff("CB3100001", "Dương Văn Nghiêm", "Nam", "1980", 2025)) }},
		{"32-he-ngay-1904.xlsx", "PEOPLE",
			"Sổ tính dùng hệ ngày 1904, ô ngày thật. — A workbook in the 1904 date system with real date cells.",
			"Nhập được, đúng ngày (01/07/2025 và 15/03/2024). — Imports with the right days.",
			func() []byte {
				return people1904(staff("CB3200001", "Mai Văn Lực", "Nam", "1983", day(2025, 7, 1)),
					staff("CB3200002", "Vũ Thị Ngọc Diệp", "Nữ", "1994", day(2024, 3, 15)))
			}},
		{"33-ngay-lan-o-ngay-va-chu.xlsx", "PEOPLE",
			"Cột ngày có cả ô kiểu ngày (05/03/2024) lẫn ngày gõ thành chữ. — A column mixing a date cell with text dates.",
			"Nhập được; lưu ý ngày và tháng có thể bị đảo ở ô kiểu ngày. — Imports; a notice that day and month may be swapped on the date cell.",
			func() []byte {
				return peopleBook(staff("CB3300001", "Lương Khắc Hiếu", "Nam", "1981", day(2024, 3, 5)),
					staff("CB3300002", "Hồ Thị Lan", "Nữ", "1993", "15/08/2024"))
			}},
		{"34-ngay-co-gio.xlsx", "PEOPLE",
			"Ngày gõ kèm giờ: “01/07/2025 08:30”. — A text date with a time.",
			"Nhập được; lưu ngày 01/07/2025. — Imports; 01/07/2025 stored.",
			func() []byte {
				return peopleBook(staff("CB3400001", "Tạ Văn Sơn", "Nam", "1988", "01/07/2025 08:30"))
			}},
		{"35-ngay-truoc-1930.xlsx", "PEOPLE",
			"Từ ngày 15/03/1925. — A start date before 1930.",
			"Bị từ chối. — Refused.",
			func() []byte { return peopleBook(staff("CB3500001", "Lý Văn Phúc", "Nam", "1986", "15/03/1925")) }},
		{"36-ngay-nam-2030.xlsx", "PEOPLE",
			"Từ ngày 01/01/2030. — A start date in 2030.",
			"Bị từ chối: ngày chưa đến. — Refused: a date after this year.",
			func() []byte {
				return peopleBook(staff("CB3600001", "Đinh Thị Hạnh", "Nữ", "1995", "01/01/2030"))
			}},
		{"37-ngay-truoc-don-vi.xlsx", "PEOPLE",
			"Công tác tại Phường Tân Hòa từ 01/03/2025, trước ngày phường hoạt động (01/07/2025). — A start before the unit's valid_from.",
			"Bị từ chối. — Refused.",
			func() []byte {
				return peopleBook(person("CB3700001", "Châu Văn Lộc", "Nam", "1987", "", "PX-TAN-HOA", "Công chức", "", "Chuyên viên", "01/03/2025", "", ""))
			}},
		{"38-ngay-sau-giai-the.xlsx", "PEOPLE",
			"Công tác tại Quận Cũ từ 01/07/2025, ngày quận thôi hoạt động. — A start on the day a dissolved unit ended.",
			"Bị từ chối. — Refused.",
			func() []byte {
				return peopleBook(person("CB3800001", "Kiều Thị Nga", "Nữ", "1989", "", "Q-CU", "Công chức", "", "Chuyên viên", "01/07/2025", "", ""))
			}},

		// Layouts.
		{"40-danh-sach-cua-van-phong.xlsx", "PEOPLE",
			"Danh sách thật của một văn phòng: quốc hiệu, tiêu ngữ, tên danh sách, tiêu đề hai dòng (“Quá trình công tác” gộp trên “Ngay bat dau”/“Ngay ket thuc”), cột STT, tiêu đề không dấu, dòng số thứ tự cột, ô đơn vị gộp dọc, dòng “Tổng cộng” và phần ký tên. — A real office list: letterhead, title, two-row header, STT, unaccented synonyms, a column-number row, the unit merged down, a total row and signatures.",
			"Nhập được cả 6 dòng cán bộ, đơn vị gộp được điền xuống; lưu ý về dòng tiêu đề và các cột không đọc. — Imports all 6 staff rows with the merged unit filled down; notices for the header row and unread columns.",
			officeList},
		{"41-hai-trang-du-lieu.xlsx", "PEOPLE",
			"Cán bộ ở hai trang tính, mỗi phường một trang. — Staff on two sheets.",
			"Bị từ chối, nêu tên cả hai trang. — Refused naming both sheets.",
			func() []byte {
				b := newBook("Phường An Lạc")
				b.templateSheet("Phường An Lạc", importer.People, [][]any{staff("CB4100001", "Cao Văn Minh", "Nam", "1984", "01/02/2024")})
				_, err := b.f.NewSheet("Phường Tân Hòa")
				must(err)
				b.templateSheet("Phường Tân Hòa", importer.People, [][]any{
					person("CB4100002", "Quách Thị Yến", "Nữ", "1990", "", "PX-TAN-HOA", "Công chức", "", "Chuyên viên", "01/08/2025", "", "")})
				return b.bytes()
			}},
		{"42-co-trang-huong-dan.xlsx", "PEOPLE",
			"Dữ liệu ở một trang, kèm trang “Hướng dẫn” của mẫu. — Data on one sheet plus the template's guide sheet.",
			"Nhập được. — Imports.",
			func() []byte {
				b := newBook(data)
				b.templateSheet(data, importer.People, [][]any{staff("CB4200001", "Lâm Thị Tuyết", "Nữ", "1987", "01/04/2024")})
				b.guide(importer.People)
				return b.bytes()
			}},

		// Files that are not workbooks.
		{"50-excel-97-2003.xls", "PEOPLE",
			"Tệp .xls (Excel 97–2003): chữ ký OLE2. — An .xls file (the OLE2 signature).",
			"Bị từ chối, kèm cách lưu lại thành .xlsx. — Refused with the steps to save as .xlsx.",
			func() []byte {
				return append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...)
			}},
		{"51-trang-web.xls", "PEOPLE",
			"Bảng HTML được phần mềm khác xuất ra với đuôi .xls. — An HTML table saved as .xls.",
			"Bị từ chối, nêu là trang web (HTML). — Refused naming HTML.",
			func() []byte {
				return []byte("<html><head><meta charset=\"utf-8\"></head><body><table>\r\n" +
					"<tr><td>Mã cán bộ</td><td>Họ và tên</td><td>Giới tính</td></tr>\r\n" +
					"<tr><td>CB5100001</td><td>Ông Văn Thành</td><td>Nam</td></tr>\r\n</table></body></html>\r\n")
			}},

		// Awards.
		{"60-khen-thuong-so-qd-giong-nhau.xlsx", "AWARDS",
			"Một quyết định khen ba người, số ghi ba cách: “152/QĐ-UBND”, “152/QÐ-UBND” (Ð là U+00D0) và “152/QD-UBND”. — One decision for three people, its number typed three ways.",
			"Nhập được thành một quyết định: mọi số quyết định lưu là “152/QĐ-UBND”; lưu ý ở dòng 3 và 4. — Imports as one decision numbered 152/QĐ-UBND, with notices on rows 3 and 4.",
			func() []byte {
				return awardsBook(award("152/QĐ-UBND", "CB0000002"), award("152/Q\u00d0-UBND", "CB0000003"), award("152/QD-UBND", "CB0000004"))
			}},
		{"61-khen-thuong-trung.xlsx", "AWARDS",
			"Cùng một người được khen hai lần theo hai số quyết định trông giống nhau. — The same recipient twice under look-alike numbers.",
			"Bị từ chối: cùng một khen thưởng hai lần. — Refused as the same award twice.",
			func() []byte {
				return awardsBook(award("152/QĐ-UBND", "CB0000002"), award("152/QD-UBND", "CB0000002"))
			}},

		// Names, e-mails, lists.
		{"70-dau-thanh-cach-bo-dau.xlsx", "PEOPLE",
			"Người đã có “Nguyễn Thị Thủy” ghi lại là “Nguyễn Thị Thuỷ” (bỏ dấu kiểu cũ), cùng mã. — A recorded person written with the old tone placement.",
			"Nhập được, không thay đổi gì. — Imports; unchanged.",
			func() []byte {
				return peopleBook(person("CB0000002", "Nguyễn Thị Thuỷ", "Nữ", "1990", "thuy.nt@anlac.example.gov.vn", "PX-AN-LAC", "Công chức", "Cán bộ thi đua", "Chuyên viên", "01/01/2019", "", ""))
			}},
		{"71-thu-dien-tu-sai.xlsx", "PEOPLE",
			"Ô thư điện tử ghi “không có” và “a@x.gov.vn; b@x.gov.vn”. — E-mail cells “không có” and two addresses in one cell.",
			"Bị từ chối ở cột E của hai dòng. — Refused in column E of both rows.",
			func() []byte {
				return peopleBook(person("CB7100001", "Phùng Văn Hải", "Nam", "1982", "không có", "PX-AN-LAC", "Công chức", "", "Chuyên viên", "01/02/2024", "", ""),
					person("CB7100002", "Doãn Thị Hoa", "Nữ", "1991", "a@x.gov.vn; b@x.gov.vn", "PX-AN-LAC", "Công chức", "", "Chuyên viên", "01/02/2024", "", ""))
			}},
		{"72-thu-dien-tu-chu-hoa-va-khoang-trang.xlsx", "PEOPLE",
			"Thư điện tử “An.NV@Example.Gov.VN”; họ tên có hai dấu cách và một dấu xuống dòng trong ô. — An upper-case e-mail; a name with a double space and a line break.",
			"Nhập được: thư điện tử lưu chữ thường, họ tên lưu một dấu cách. — Imports: e-mail stored lower case, the name with single spaces.",
			func() []byte {
				return peopleBook(person("CB7200001", "Nghiêm Văn An", "Nam", "1983", "An.NV@Example.Gov.VN", "PX-AN-LAC", "Công chức", "", "Chuyên viên", "01/02/2024", "", ""),
					person("CB7200002", "Tôn Nữ  Minh\nThư", "Nữ", "1994", "", "PX-AN-LAC", "Viên chức", "", "Viên chức", "01/02/2024", "", ""))
			}},
		{"73-gioi-tinh-sai.xlsx", "PEOPLE",
			"Giới tính ghi “Nũ”. — Gender typed “Nũ”.",
			"Bị từ chối, thông báo liệt kê Nam, Nữ, Khác. — Refused; the message lists the allowed values.",
			func() []byte { return peopleBook(staff("CB7300001", "Mạc Thị Xuân", "Nũ", "1985", "01/02/2024")) }},
		{"80-nhieu-loi.xlsx", "PEOPLE",
			"Nhiều lỗi ở nhiều dòng và cột: giới tính, năm sinh, ngày, thư điện tử, mã đơn vị không có. — Several problems on different rows and columns.",
			"Bị từ chối; lỗi xếp theo dòng rồi cột, có chữ cái cột và giá trị như đã gõ; báo cáo XLSX có trang “Kết quả kiểm tra” và chú thích ở từng ô lỗi. — Refused; problems sorted by row then column with letters and values; the XLSX report lists them and comments each cell.",
			func() []byte {
				return peopleBook(staff("CB8000001", "Hà Văn Tiến", "Nũ", "1890", "32/13/2025"),
					person("CB8000002", "Lạc Thị Vân", "Nữ", "1990", "không có", "PX-AN-LAC", "Công chức", "", "Chuyên viên", "01/02/2024", "", ""),
					person("CB8000003", "Âu Văn Quang", "Nam", "1979", "", "PX-KHONG-CO", "Công chức", "", "Chuyên viên", "01/02/2024", "", ""))
			}},
	}
}

func utf16CSV() string {
	rows := [][]string{peopleHeader}
	for i, n := range utf16Names {
		rows = append(rows, []string{"CB25000" + string(rune('1'+i)), n, genders[i], births[i], "", "PX-AN-LAC", "Công chức", "", "Chuyên viên", "01/03/2024", "", ""})
	}
	return csvText('\t', rows...)
}

// award is a row of the Awards template: one person's Bằng khen under a
// decision of 15/01/2025 for 2024.
func award(number, code string) []any {
	return []any{number, "15/01/2025", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "2024", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố",
		"Cá nhân", "PX-AN-LAC", code, "Hoàn thành xuất sắc nhiệm vụ năm 2024"}
}

func awardsBook(rows ...[]any) []byte {
	b := newBook(data)
	b.templateSheet(data, importer.Awards, rows)
	return b.bytes()
}

// officeList is a ward's own staff list as offices keep it.
func officeList() []byte {
	const s = "DS can bo"
	b := newBook(s)
	f := b.f
	put := func(cell string, v any) { b.cell(s, cell, v) }
	put("A1", "ỦY BAN NHÂN DÂN")
	put("A2", "PHƯỜNG AN LẠC")
	put("F1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	put("F2", "Độc lập - Tự do - Hạnh phúc")
	b.merge(s, "A1", "D1")
	b.merge(s, "A2", "D2")
	b.merge(s, "F1", "K1")
	b.merge(s, "F2", "K2")
	put("A4", "DANH SÁCH CÁN BỘ, CÔNG CHỨC PHƯỜNG AN LẠC NĂM 2025")
	b.merge(s, "A4", "K4")
	put("A5", "(Kèm theo Công văn số 45/UBND-VP ngày 10/01/2025)")
	b.merge(s, "A5", "K5")
	// The two-row header: each column merged over both rows but the
	// service dates, under "Quá trình công tác".
	upper := []string{"STT", "Mã CB", "Ho ten", "Gioi tinh", "Nam sinh", "Don vi", "Doi tuong", "Chuc vu", "Quá trình công tác", "", "Ghi chú"}
	for i, h := range upper {
		col := string(rune('A' + i))
		if h != "" {
			put(col+"7", h)
		}
		if col != "I" && col != "J" {
			b.merge(s, col+"7", col+"8")
		}
	}
	b.merge(s, "I7", "J7")
	put("I8", "Ngay bat dau")
	put("J8", "Ngay ket thuc")
	for i := range upper {
		put(string(rune('A'+i))+"9", "("+string(rune('1'+i%9))+")")
	}
	put("J9", "(10)")
	put("K9", "(11)")
	rows := [][]any{
		{1, "AL0000101", "Trịnh Văn Khoa", "Nam", "1976", "PX-AN-LAC", "Cán bộ", "Bí thư Đảng ủy", "01/01/2021", "", ""},
		{2, "AL0000102", "Lưu Thị Ngân", "Nữ", "1985", "", "Công chức", "Văn phòng - Thống kê", "15/06/2019", "", ""},
		{3, "AL0000103", "Giang Văn Hòa", "Nam", "1990", "", "Công chức", "Tư pháp - Hộ tịch", "01/09/2020", "", "Chuyển đến"},
		{4, "AL0000104", "Triệu Thị Thảo", "Nữ", "1996", "", "Người lao động", "Nhân viên", "01/03/2023", "", ""},
		{5, "BA0000201", "Ninh Văn Đạt", "Nam", "1981", "Q-BINH-AN", "Công chức", "Chuyên viên", "01/02/2018", "", ""},
		{6, "BA0000202", "Khúc Thị Liên", "Nữ", "1988", "", "Viên chức", "Kế toán", "10/10/2022", "", ""},
	}
	for i, r := range rows {
		b.row(s, 10+i, r)
	}
	b.merge(s, "F10", "F13")
	b.merge(s, "F14", "F15")
	put("A16", "Tổng cộng")
	b.merge(s, "A16", "B16")
	put("C16", "06 người")
	put("H18", "An Lạc, ngày 15 tháng 01 năm 2025")
	put("B19", "Người lập biểu")
	put("H19", "THỦ TRƯỞNG ĐƠN VỊ")
	put("B20", "(Ký, ghi rõ họ tên)")
	put("H20", "(Ký tên, đóng dấu)")
	put("B24", "Đoàn Thị Lập")
	put("H24", "Trịnh Văn Khoa")
	must(f.SetColWidth(s, "C", "C", 24))
	return b.bytes()
}
