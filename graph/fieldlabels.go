package graph

import (
	"strings"
	"unicode"
)

// fieldLabels are the store's input fields as users know them, for
// messages that say which field is wrong ("Trường Tiêu đề …"), keyed by
// ent's column name.
var fieldLabels = map[string]string{
	"adopted_on":               "Ngày áp dụng",
	"authority":                "Cấp có thẩm quyền",
	"authority_level":          "Cấp phê duyệt",
	"birth_year":               "Năm sinh",
	"by_collective":            "Do tập thể đề xuất",
	"category":                 "Loại",
	"chosen_on":                "Ngày chọn",
	"code":                     "Mã",
	"council_date":             "Ngày họp hội đồng",
	"decision_date":            "Ngày quyết định",
	"decision_number":          "Số quyết định",
	"description":              "Mô tả",
	"document_number":          "Số văn bản",
	"due_on":                   "Hạn",
	"effectiveness":            "Mức độ hiệu quả",
	"email":                    "Thư điện tử",
	"end_year":                 "Năm kết thúc",
	"field":                    "Lĩnh vực",
	"file_name":                "Tên tệp",
	"final_review_due_on":      "Hạn tổng kết",
	"form":                     "Hình thức",
	"full_name":                "Họ và tên",
	"gender":                   "Giới tính",
	"headcount":                "Số người",
	"idea_id":                  "Ý tưởng",
	"interim_review_due_on":    "Hạn sơ kết",
	"issued_on":                "Ngày ban hành",
	"issuer":                   "Cơ quan ban hành",
	"kind":                     "Loại",
	"launched_on":              "Ngày phát động",
	"level":                    "Mức khen thưởng",
	"lift_decision_number":     "Số quyết định xoá kỷ luật",
	"lifted_on":                "Ngày xoá kỷ luật",
	"name":                     "Tên",
	"nomination_id":            "Hồ sơ đề nghị",
	"note":                     "Ghi chú",
	"override_justification":   "Lý do ngoại lệ",
	"parent_id":                "Đơn vị cấp trên",
	"person_id":                "Cá nhân",
	"phase_id":                 "Giai đoạn",
	"pilot_scope":              "Phạm vi thí điểm",
	"plans_due_on":             "Hạn nộp kế hoạch",
	"position_title":           "Chức vụ",
	"proposed_on":              "Ngày đề xuất",
	"real_name":                "Tên thật",
	"recipient_kind":           "Đối tượng khen thưởng",
	"recipient_person_id":      "Cá nhân được khen",
	"recipient_unit_id":        "Tập thể được khen",
	"recognized_on":            "Ngày ghi nhận",
	"registered_on":            "Ngày đăng ký",
	"role":                     "Vai trò",
	"scope":                    "Phạm vi",
	"start_year":               "Năm bắt đầu",
	"status":                   "Trạng thái",
	"summary":                  "Tóm tắt",
	"title":                    "Tiêu đề",
	"type":                     "Loại đơn vị",
	"unit_id":                  "Đơn vị",
	"valid_from":               "Hiệu lực từ",
	"valid_to":                 "Hiệu lực đến",
	"votes_abstain":            "Số phiếu không biểu quyết",
	"votes_against":            "Số phiếu không tán thành",
	"votes_for":                "Số phiếu tán thành",
	"year":                     "Năm",
	"yearly_report_due":        "Hạn báo cáo năm",
	"unit":                     "Đơn vị",
	"phase":                    "Giai đoạn",
	"idea":                     "Ý tưởng",
	"person":                   "Cá nhân",
	"nomination":               "Hồ sơ đề nghị",
	"award":                    "Khen thưởng",
	"path":                     "Đường dẫn trong cây đơn vị (/HCM/Q1/…), để lọc theo cây",
	"sha256":                   "Mã băm SHA-256 của tệp",
	"size_bytes":               "Kích thước tệp (byte)",
	"content_type":             "Kiểu nội dung (MIME) của tệp",
	"sent_on":                  "Ngày gửi",
	"occurred_at":              "Thời điểm ghi nhận bước",
	"from_status":              "Trạng thái trước bước",
	"to_status":                "Trạng thái sau bước",
	"action":                   "Thao tác",
	"pilot_started_on":         "Ngày bắt đầu thí điểm",
	"pilot_planned_end":        "Ngày dự kiến kết thúc thí điểm",
	"pilot_start_on":           "Ngày bắt đầu thí điểm",
	"forwarded_to":             "Nơi trình",
	"council_members":          "Số thành viên hội đồng",
	"submitted_at":             "Thời điểm trình",
	"entity_type":              "Loại bản ghi",
	"entity_id":                "ID của bản ghi",
	"operation":                "Thao tác",
	"request_id":               "Mã yêu cầu (X-Request-Id)",
	"actor_unit":               "Đơn vị của người thực hiện",
	"actor_roles":              "Vai trò của người thực hiện",
	"actor_sub":                "Người thực hiện (chủ thể của mã xác thực)",
	"changes":                  "Các thay đổi (giá trị cũ và mới)",
	"reach_unit_type":          "Loại đơn vị được yêu cầu",
	"reach_subtree_id":         "Cây đơn vị được yêu cầu",
	"revokes_id":               "Quyết định bị thay thế",
	"unit_name":                "Tên đơn vị",
	"unit_code":                "Mã đơn vị",
	"unit_type":                "Loại đơn vị",
	"implements_conclusion_14": "Thực hiện Kết luận 14-KL/TW",
	"implements_plan_124":      "Thực hiện Kế hoạch 124-KH/TU",
	"implements_plan_3815":     "Thực hiện Kế hoạch 3815/KH-UBND",
	"linked_to_directive_05":   "Gắn với Chỉ thị 05-CT/TW",
}

// fieldLabel is a column's name for users, or its GraphQL name when it
// has none.
func fieldLabel(column string) string {
	if l, ok := fieldLabels[column]; ok {
		return l
	}
	return gqlName(column)
}

// gqlName is entgql's name for a column: lower camel case, "_id" as "ID".
func gqlName(column string) string {
	parts := strings.Split(column, "_")
	var b strings.Builder
	for i, p := range parts {
		switch {
		case i == 0:
			b.WriteString(p)
		case p == "id":
			b.WriteString("ID")
		case p != "":
			r := []rune(p)
			r[0] = unicode.ToUpper(r[0])
			b.WriteString(string(r))
		}
	}
	return b.String()
}
