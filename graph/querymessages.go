package graph

import (
	"regexp"
	"strings"
)

// queryMessages say gqlparser's parse and validation errors in Vietnamese;
// the English original goes to extensions.detail, for developers. An
// error none of them matches keeps the original after a Vietnamese lead.
var queryMessages = []struct {
	re  *regexp.Regexp
	say string
}{
	{regexp.MustCompile(`^Cannot query field "([^"]+)" on type "([^"]+)"\.`), `Kiểu "$2" không có trường "$1".`},
	{regexp.MustCompile(`^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\.`), `Trường "$1" thiếu tham số bắt buộc "$2" (kiểu $3).`},
	{regexp.MustCompile(`^Field "([^".]+)\.([^"]+)" of required type "([^"]+)" was not provided\.`), `Thiếu trường bắt buộc "$2" (kiểu $3) trong "$1".`},
	{regexp.MustCompile(`^Field "([^"]+)" is not defined by type "([^"]+)"\.`), `Kiểu "$2" không có trường "$1".`},
	{regexp.MustCompile(`^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\.`), `Trường "$1" (kiểu $2) cần chọn các trường con, ví dụ $1 { id }.`},
	{regexp.MustCompile(`^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\.`), `Trường "$1" (kiểu $2) không có trường con để chọn.`},
	{regexp.MustCompile(`^Unknown argument "([^"]+)" on field "([^"]+)"\.`), `Trường "$2" không có tham số "$1".`},
	{regexp.MustCompile(`^Unknown type "([^"]+)"\.`), `Không có kiểu "$1".`},
	{regexp.MustCompile(`^Unknown fragment "([^"]+)"\.`), `Không có fragment "$1".`},
	{regexp.MustCompile(`^Unknown directive "([^"]+)"\.`), `Không có chỉ thị (directive) "$1".`},
	{regexp.MustCompile(`^Fragment "([^"]+)" is never used\.`), `Fragment "$1" được khai báo nhưng không dùng.`},
	{regexp.MustCompile(`^Variable "([^"]+)" is never used`), `Biến "$1" được khai báo nhưng không dùng.`},
	{regexp.MustCompile(`^Variable "([^"]+)" is not defined`), `Biến "$1" chưa được khai báo.`},
	{regexp.MustCompile(`^There can be only one (argument|fragment|input field|operation|variable) named "([^"]+)"\.`), `"$2" bị khai báo nhiều lần.`},
	{regexp.MustCompile(`^This anonymous operation must be the only defined operation\.`), `Thao tác không tên phải là thao tác duy nhất trong tài liệu.`},
	{regexp.MustCompile(`^Value "([^"]+)" does not exist in "([^"]+)" enum\.`), `Giá trị "$1" không thuộc danh mục $2.`},
	{regexp.MustCompile(`^Enum "([^"]+)" cannot represent non-enum value: (.*)`), `Danh mục $1 không nhận giá trị $2.`},
	{regexp.MustCompile(`^Int cannot represent non 32-bit signed integer value: (.*)`), `Số nguyên $1 vượt giới hạn 32 bit (tối đa 2147483647).`},
	{regexp.MustCompile(`^Int cannot represent non-integer value: (.*)`), `Cần một số nguyên, nhận $1.`},
	{regexp.MustCompile(`^String cannot represent a non string value: (.*)`), `Cần một chuỗi, nhận $1.`},
	{regexp.MustCompile(`^Boolean cannot represent a non boolean value: (.*)`), `Cần true hoặc false, nhận $1.`},
	{regexp.MustCompile(`^Float cannot represent non numeric value: (.*)`), `Cần một số, nhận $1.`},
	{regexp.MustCompile(`^ID cannot represent a non-string and non-integer value: (.*)`), `Mã định danh (ID) phải là chuỗi, nhận $1.`},
	{regexp.MustCompile(`^Variable "([^"]+)" of required type "([^"]+)" was not provided\.`), `Thiếu biến bắt buộc "$1" (kiểu $2).`},
	{regexp.MustCompile(`^Variable "([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"\.`), `Biến "$1" kiểu $2 được dùng ở chỗ cần kiểu $3.`},
	{regexp.MustCompile(`^Variable "([^"]+)" cannot be non-input type "([^"]+)"\.`), `Biến "$1" không thể có kiểu $2 (không phải kiểu đầu vào).`},
	{regexp.MustCompile(`^([^ ]+) cannot be null`), `$1 không được để null.`},
	{regexp.MustCompile(`^must be defined$`), `biến bắt buộc chưa có giá trị.`},
	{regexp.MustCompile(`^(.+) must be defined`), `$1 phải có giá trị.`},
	{regexp.MustCompile(`^Expected (.+), found (.+)`), `cần $1, gặp $2.`},
	{regexp.MustCompile(`^Unexpected (.+)`), `không mong đợi $1.`},
	{regexp.MustCompile(`^exceeded token limit of (\d+)`), `Truy vấn quá dài: vượt $1 token.`},
	{regexp.MustCompile(`^(.+) must select only one top level field\.`), `$1 chỉ được chọn một trường gốc.`},
	{regexp.MustCompile(`^(.+) must not select an introspection top level field\.`), `$1 không được chọn trường giới thiệu lược đồ (__typename, __schema, __type) ở gốc.`},
	{regexp.MustCompile(`^no operation provided`), `Yêu cầu không có truy vấn: gửi "query", hoặc "documentId"/"extensions.persistedQuery" khi máy chủ chạy ở chế độ truy vấn đăng ký trước.`},
	{regexp.MustCompile(`^operation  not found`), `Tài liệu có nhiều thao tác: hãy cho biết operationName.`},
	{regexp.MustCompile(`^operation (.+) not found`), `Tài liệu không có thao tác tên "$1".`},
}

// sayQueryProblem is the Vietnamese of a parse or validation message, and
// whether one of queryMessages knew it. The path prefix gqlgen puts on a
// variable's errors ("input: variable.x ") is kept as it is.
func sayQueryProblem(msg string) (string, bool) {
	prefix, rest := "", msg
	if i := strings.Index(msg, ": "); i > 0 && strings.HasPrefix(msg, "input:") {
		prefix, rest = msg[:i+2], msg[i+2:]
		prefix = strings.Replace(prefix, "input: ", "", 1)
	}
	for _, m := range queryMessages {
		if loc := m.re.FindStringSubmatchIndex(rest); loc != nil {
			out := m.re.ExpandString(nil, m.say, rest, loc)
			return prefix + string(out), true
		}
	}
	return msg, false
}
