package domain

// EnumLabels are the Vietnamese labels of every enumeration, by its
// GraphQL (and Go) type name: what the schema's descriptions, the reports
// and the imports call each value.
var EnumLabels = map[string]func(code string) string{
	"UnitType":         unitTypeValues.label,
	"PersonCategory":   personCategoryValues.label,
	"Gender":           genderValues.label,
	"MemberRole":       memberRoleValues.label,
	"RecipientKind":    recipientKindValues.label,
	"IdeaField":        ideaFieldValues.label,
	"IdeaKind":         ideaKindValues.label,
	"IdeaStatus":       ideaStatusValues.label,
	"IdeaAction":       ideaActionValues.label,
	"AwardLevel":       awardLevelValues.label,
	"NominationStatus": nominationStatusValues.label,
	"DocumentKind":     documentKindValues.label,
	"ReportKind":       reportKindValues.label,
	"FlagKind":         flagKindValues.label,
	"AuthorityLevel":   authorityLevelValues.label,
	"Effectiveness":    effectivenessValues.label,
	"ExemplarKind":     exemplarKindValues.label,
	"AuditOperation":   auditOperationValues.label,
}

// EnumTitles say what each enumeration classifies.
var EnumTitles = map[string]string{
	"UnitType":         "Loại đơn vị (cơ quan, đơn vị, địa phương).",
	"PersonCategory":   "Đối tượng: cán bộ, công chức, viên chức, người lao động…",
	"Gender":           "Giới tính.",
	"MemberRole":       "Vai trò của một người trong đơn vị (người đứng đầu, cấp phó, cán bộ thi đua…).",
	"RecipientKind":    "Đối tượng khen thưởng: tập thể hay cá nhân.",
	"IdeaField":        "Lĩnh vực của ý tưởng, sáng kiến (Kế hoạch 1821, mục II).",
	"IdeaKind":         "Loại: ý tưởng, sáng kiến, giải pháp sáng tạo…",
	"IdeaStatus":       "Bước của ý tưởng trong quy trình, từ bản nháp đến áp dụng toàn Thành phố.",
	"IdeaAction":       "Thao tác trên ý tưởng, mỗi thao tác là một bước trong lịch sử của ý tưởng.",
	"AwardLevel":       "Hình thức khen thưởng, từ cao xuống thấp (Kế hoạch 1821, mục III).",
	"NominationStatus": "Bước của hồ sơ đề nghị khen thưởng.",
	"DocumentKind":     "Loại tài liệu trong hồ sơ đề nghị khen thưởng.",
	"ReportKind":       "Loại báo cáo: năm, sơ kết, tổng kết.",
	"FlagKind":         "Loại hồ sơ: kỷ luật hay vi phạm liêm chính.",
	"AuthorityLevel":   "Cấp chấp thuận: đơn vị, cấp trên, Thành phố.",
	"Effectiveness":    "Mức độ hiệu quả của một ý tưởng được đánh giá hiệu quả.",
	"ExemplarKind":     "Loại điển hình: mô hình, tập thể, cá nhân.",
	"AuditOperation":   "Thao tác được ghi nhật ký: tạo, sửa, xoá.",
}
