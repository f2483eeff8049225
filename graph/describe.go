package graph

import (
	"strings"
	"unicode"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Describe fills, in the served schema, the descriptions that follow from
// a rule rather than from a person: the Vietnamese label of each value of
// the movement's enumerations (domain.EnumLabels, the same the reports
// print), the predicates of every where input, the Relay connection
// types, ordering and paging arguments. What someone wrote in the schema
// is never replaced. Run on the executable schema before serving and
// before `thidua schema` prints it, so introspection and the printed SDL
// say the same.
func Describe(s *ast.Schema) {
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		switch def.Kind {
		case ast.Enum:
			describeEnum(def)
		case ast.InputObject:
			describeInput(def)
		case ast.Object, ast.Interface:
			describeObject(def)
		}
		if def.Description == "" || strings.Contains(def.Description, " is enum for the field ") {
			def.Description = typeDescription(def)
		}
	}
}

func describeEnum(def *ast.Definition) {
	label := domain.EnumLabels[def.Name]
	if l, ok := graphEnumLabels[def.Name]; ok {
		label = func(c string) string { return l[c] }
	}
	for _, v := range def.EnumValues {
		if v.Description != "" {
			continue
		}
		switch {
		case label != nil:
			v.Description = label(v.Name)
		case strings.HasSuffix(def.Name, "OrderField"):
			v.Description = "Sắp xếp theo " + lowerFirst(fieldLabel(strings.ToLower(v.Name))) + "."
		case def.Name == "OrderDirection" && v.Name == "ASC":
			v.Description = "Tăng dần."
		case def.Name == "OrderDirection" && v.Name == "DESC":
			v.Description = "Giảm dần."
		}
	}
}

// graphEnumLabels label the API's own enumerations, those not in domain.
var graphEnumLabels = map[string]map[string]string{
	"ImportKind": {"UNITS": "Đơn vị", "PEOPLE": "Cán bộ, công chức, viên chức và quá trình công tác", "IDEAS": "Ý tưởng, sáng kiến",
		"HEADCOUNTS": "Số cán bộ, công chức, viên chức của đơn vị theo năm", "AWARDS": "Khen thưởng",
		"REORGANIZATIONS": "Sắp xếp, tổ chức lại đơn vị", "INTEGRITY_RECORDS": "Hồ sơ kỷ luật, vi phạm liêm chính",
		"PHASES": "Giai đoạn và các mốc"},
}

// predicateSuffixes say what each entgql where predicate tests.
var predicateSuffixes = []struct{ suffix, says string }{
	{"NEQ", "khác giá trị này"},
	{"NotIn", "không thuộc danh sách này"},
	{"In", "thuộc danh sách này"},
	{"GTE", "lớn hơn hoặc bằng"},
	{"GT", "lớn hơn"},
	{"LTE", "nhỏ hơn hoặc bằng"},
	{"LT", "nhỏ hơn"},
	{"ContainsFold", "chứa chuỗi này, không phân biệt hoa thường"},
	{"Contains", "chứa chuỗi này"},
	{"HasPrefix", "bắt đầu bằng chuỗi này"},
	{"HasSuffix", "kết thúc bằng chuỗi này"},
	{"EqualFold", "bằng chuỗi này, không phân biệt hoa thường"},
	{"IsNil", "chưa có giá trị (true) hoặc đã có (false)"},
	{"NotNil", "đã có giá trị (true) hoặc chưa có (false)"},
}

func describeInput(def *ast.Definition) {
	where := strings.HasSuffix(def.Name, "WhereInput")
	for _, f := range def.Fields {
		if f.Description != "" && !strings.HasSuffix(f.Description, " field predicates") && !strings.HasSuffix(f.Description, " edge predicates") {
			continue
		}
		if where {
			f.Description = wherePredicate(f.Name)
			continue
		}
		f.Description = inputField(f.Name)
	}
}

func wherePredicate(name string) string {
	switch name {
	case "not":
		return "Phủ định của điều kiện này."
	case "and":
		return "Mọi điều kiện trong danh sách đều đúng."
	case "or":
		return "Ít nhất một điều kiện trong danh sách đúng."
	}
	if strings.HasPrefix(name, "has") {
		edge := strings.TrimPrefix(name, "has")
		if strings.HasSuffix(edge, "With") {
			return "Có " + lowerFirst(edgeLabel(strings.TrimSuffix(edge, "With"))) + " thoả mọi điều kiện trong danh sách."
		}
		return "Có (true) hoặc không có (false) " + lowerFirst(edgeLabel(edge)) + "."
	}
	for _, p := range predicateSuffixes {
		if base, ok := strings.CutSuffix(name, p.suffix); ok && base != "" {
			return capitalize(fieldLabelOf(base)) + " " + p.says + "."
		}
	}
	return capitalize(fieldLabelOf(name)) + " bằng giá trị này."
}

func inputField(name string) string {
	if d, ok := commonArgs[name]; ok {
		return d
	}
	switch {
	case strings.HasPrefix(name, "clear"):
		return "Xoá giá trị của " + lowerFirst(fieldLabelOf(lowerFirst(strings.TrimPrefix(name, "clear")))) + " (đặt về null)."
	case strings.HasSuffix(name, "IDs") && !strings.HasPrefix(name, "add") && !strings.HasPrefix(name, "remove"):
		return "Các " + lowerFirst(edgeLabel(strings.TrimSuffix(name, "IDs"))) + " (theo ID)."
	case strings.HasPrefix(name, "add") && strings.HasSuffix(name, "IDs"):
		return "Thêm các bản ghi này vào " + lowerFirst(edgeLabel(strings.TrimSuffix(strings.TrimPrefix(name, "add"), "IDs"))) + "."
	case strings.HasPrefix(name, "remove") && strings.HasSuffix(name, "IDs"):
		return "Bỏ các bản ghi này khỏi " + lowerFirst(edgeLabel(strings.TrimSuffix(strings.TrimPrefix(name, "remove"), "IDs"))) + "."
	}
	return capitalize(fieldLabelOf(name)) + "."
}

// connectionFields are Relay's, the same on every connection and edge.
var connectionFields = map[string]string{
	"edges":           "Các cạnh của trang: mỗi cạnh một bản ghi và con trỏ của nó.",
	"pageInfo":        "Thông tin phân trang: có trang sau/trước không, con trỏ đầu/cuối.",
	"totalCount":      "Tổng số bản ghi khớp điều kiện, không tính phân trang.",
	"node":            "Bản ghi.",
	"cursor":          "Con trỏ của bản ghi, dùng cho after/before.",
	"id":              "Mã định danh toàn cục (ID) của bản ghi, dùng với node/nodes.",
	"createdAt":       "Thời điểm tạo bản ghi.",
	"updatedAt":       "Thời điểm bản ghi được sửa lần cuối.",
	"version":         "Phiên bản của bản ghi: 0 khi tạo, thêm 1 mỗi lần sửa; gửi kèm khi sửa.",
	"hasNextPage":     "Còn trang sau.",
	"hasPreviousPage": "Còn trang trước.",
	"startCursor":     "Con trỏ của bản ghi đầu trang.",
	"endCursor":       "Con trỏ của bản ghi cuối trang.",
}

// arguments common to many fields.
var commonArgs = map[string]string{
	"first":      "Lấy n bản ghi đầu tiên (sau con trỏ after nếu có).",
	"last":       "Lấy n bản ghi cuối cùng (trước con trỏ before nếu có).",
	"after":      "Lấy các bản ghi sau con trỏ này (pageInfo.endCursor của trang trước).",
	"before":     "Lấy các bản ghi trước con trỏ này (pageInfo.startCursor của trang sau).",
	"orderBy":    "Thứ tự sắp xếp; mặc định theo ID.",
	"where":      "Điều kiện lọc.",
	"id":         "Mã định danh toàn cục (ID) của bản ghi.",
	"ids":        "Các mã định danh toàn cục (ID).",
	"input":      "Dữ liệu nhập.",
	"withinDays": "Số ngày tới: báo cáo có hạn trong khoảng này được tính là sắp đến hạn (0–366).",
	"recipient":  "Tập thể (đơn vị) hoặc cá nhân được xét, theo ID.",
	"review":     "Sơ kết (INTERIM) hay tổng kết (FINAL).",
	"date":       "Ngày (YYYY-MM-DD) cần xem.",
	"file":       "Tệp nhập (XLSX hoặc CSV theo mẫu đã công bố).",
	"dryRun":     "Chỉ kiểm tra tệp, không ghi gì.",
	"query":      "Chuỗi tìm kiếm, tiếng Việt có dấu hay không dấu, không phân biệt hoa thường; mọi từ đều phải có.",
	"version":    "Phiên bản của bản ghi mà máy khách đã đọc; nếu bản ghi đã được sửa sau đó thì bị từ chối (CONFLICT).",
}

func describeObject(def *ast.Definition) {
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		if f.Description == "" {
			f.Description = outputField(f.Name)
		}
		for _, a := range f.Arguments {
			if a.Description == "" {
				if d, ok := commonArgs[a.Name]; ok {
					a.Description = d
				} else {
					a.Description = capitalize(fieldLabelOf(a.Name)) + "."
				}
			}
		}
	}
}

// outputField labels a field of a record: its column's label, or for an
// edge the label of the record it leads to.
func outputField(name string) string {
	if d, ok := connectionFields[name]; ok {
		return d
	}
	if l, ok := fieldLabels[snake(name)]; ok {
		return capitalize(l) + "."
	}
	if l, ok := fieldLabels[snake(name)+"_id"]; ok {
		return capitalize(l) + "."
	}
	if one, ok := strings.CutSuffix(name, "s"); ok {
		if l, ok := fieldLabels[snake(one)+"_id"]; ok {
			return "Các " + lowerFirst(l) + "."
		}
		if l, ok := entityTitles[strings.ToUpper(one[:1])+one[1:]]; ok {
			return "Các bản ghi: " + lowerFirst(l)
		}
	}
	if l, ok := entityTitles[strings.ToUpper(name[:1])+name[1:]]; ok {
		return l
	}
	if name == "people" {
		return "Các bản ghi: " + lowerFirst(entityTitles["Person"])
	}
	return capitalize(fieldLabelOf(name)) + "."
}

// entityTitles say what each record of the store is.
var entityTitles = map[string]string{
	"Adoption":        "Việc một đơn vị áp dụng, nhân rộng một ý tưởng (Kế hoạch 1821, mục II.2).",
	"AuditEvent":      "Một dòng nhật ký: ai đã tạo, sửa hay xoá bản ghi nào, khi nào, thay đổi gì.",
	"Award":           "Một hình thức khen thưởng đã quyết định cho tập thể hoặc cá nhân.",
	"ChosenProblem":   "Vấn đề đơn vị chọn để làm thí điểm trong năm (mục II.1.1).",
	"DossierDocument": "Một tài liệu trong hồ sơ đề nghị khen thưởng.",
	"Exemplar":        "Một mô hình, tập thể hoặc cá nhân điển hình được ghi nhận (mục II.2.2, II.2.5).",
	"Headcount":       "Số cán bộ, công chức, viên chức của đơn vị trong một năm.",
	"Idea":            "Một ý tưởng, sáng kiến, giải pháp sáng tạo và bước hiện tại của nó.",
	"IdeaEvent":       "Một bước trong lịch sử của ý tưởng: thao tác, người thực hiện, quyết định.",
	"IntegrityFlag":   "Hồ sơ kỷ luật hoặc vi phạm liêm chính của một người (chỉ người đứng đầu cấp trên đọc được).",
	"Membership":      "Thời gian một người công tác tại một đơn vị.",
	"Nomination":      "Hồ sơ đề nghị khen thưởng và bước hiện tại của nó.",
	"Participation":   "Việc một người đăng ký tham gia phong trào trong một năm.",
	"Person":          "Một cán bộ, công chức, viên chức, người lao động.",
	"Phase":           "Một giai đoạn của phong trào (2022-2025, 2026-2030) và các mốc của nó.",
	"ReportCall":      "Yêu cầu báo cáo của Ban Thi đua – Khen thưởng gửi các đơn vị.",
	"Unit":            "Một cơ quan, đơn vị, địa phương trong cây đơn vị của Thành phố.",
	"UnitPlan":        "Kế hoạch thực hiện phong trào của một đơn vị trong một giai đoạn.",
	"UnitReport":      "Báo cáo của một đơn vị (năm, sơ kết, tổng kết).",
}

func typeDescription(def *ast.Definition) string {
	if def.Name == "Query" {
		return "Mọi truy vấn đọc; mỗi danh sách chỉ gồm những bản ghi người xem được đọc."
	}
	if t, ok := domain.EnumTitles[def.Name]; ok {
		return t
	}
	if t, ok := entityTitles[def.Name]; ok {
		return t
	}
	n := def.Name
	switch {
	case strings.HasSuffix(n, "Connection"):
		return "Một trang " + strings.TrimSuffix(n, "Connection") + " theo chuẩn Relay."
	case strings.HasSuffix(n, "Edge"):
		return "Một cạnh của trang " + strings.TrimSuffix(n, "Edge") + ": bản ghi và con trỏ."
	case strings.HasSuffix(n, "OrderField"):
		return "Trường để sắp xếp " + strings.TrimSuffix(n, "OrderField") + "."
	case strings.HasSuffix(n, "Order"):
		return "Cách sắp xếp " + strings.TrimSuffix(n, "Order") + ": trường và chiều."
	case strings.HasSuffix(n, "WhereInput"):
		return "Điều kiện lọc " + strings.TrimSuffix(n, "WhereInput") + "; các điều kiện cùng cấp đều phải đúng."
	case strings.HasPrefix(n, "Interim") && strings.HasSuffix(n, "Row"):
		return "Một dòng số liệu của báo cáo sơ kết, tổng kết, đọc từ kho dữ liệu."
	case strings.HasPrefix(n, "Interim"):
		return "Một phần của báo cáo sơ kết, tổng kết (" + strings.TrimPrefix(n, "Interim") + "), đọc từ kho dữ liệu."
	case strings.HasPrefix(n, "Create") && strings.HasSuffix(n, "Input"):
		return "Dữ liệu để tạo " + strings.TrimSuffix(strings.TrimPrefix(n, "Create"), "Input") + "."
	case strings.HasPrefix(n, "Update") && strings.HasSuffix(n, "Input"):
		return "Dữ liệu để sửa " + strings.TrimSuffix(strings.TrimPrefix(n, "Update"), "Input") + ": chỉ các trường gửi lên được đổi."
	case strings.HasSuffix(n, "Input"):
		return "Dữ liệu của thao tác " + lowerFirst(strings.TrimSuffix(n, "Input")) + "."
	case n == "AttentionKind":
		return "Loại việc cần người xem chú ý, theo dõi, đôn đốc (Kế hoạch 1821, mục V.4)."
	case n == "ReorganizationKind":
		return "Cách sắp xếp, tổ chức lại đơn vị: hợp nhất, chia tách, đổi tên, giải thể, chuyển cấp trên."
	case n == "Attention":
		return "Những việc đang chờ người xem (theo vai trò và đơn vị của họ), để theo dõi, đôn đốc."
	case n == "AttentionItem":
		return "Một việc cần chú ý: loại, đơn vị hoặc ý tưởng liên quan, hạn."
	case n == "AttentionCount":
		return "Số việc cần chú ý của một loại."
	case n == "AwardEligibility":
		return "Kết quả xét một tập thể hoặc cá nhân theo tiêu chuẩn của một hình thức khen thưởng trong một năm (Kế hoạch 1821, mục III.3)."
	case strings.HasSuffix(n, "Payload"), strings.HasSuffix(n, "Result"):
		return "Kết quả của thao tác " + lowerFirst(strings.TrimSuffix(strings.TrimSuffix(n, "Payload"), "Result")) + "."
	}
	return def.Name + "."
}

// fieldLabelOf is a GraphQL field's label: ent's column of the same name.
func fieldLabelOf(gql string) string { return fieldLabel(snake(gql)) }

// edgeLabel names an edge (Unit, Proposers) by the record it leads to.
func edgeLabel(edge string) string {
	if l, ok := fieldLabels[snake(lowerFirst(edge))+"_id"]; ok {
		return l
	}
	return lowerFirst(edge)
}

// snake is the column of a GraphQL field name: unitID → unit_id.
func snake(s string) string {
	s = strings.ReplaceAll(s, "ID", "Id")
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[1]) {
		return s // an acronym: ID, CITY
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}
