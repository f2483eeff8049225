// The enumerations of the movement, each with the Vietnamese label users read.

package domain

import "io"

// UnitType is the kind of a unit (cơ quan, đơn vị, địa phương).
type UnitType string

// UnitType values.
const (
	UnitTypeCity              UnitType = "CITY"                // Thành phố
	UnitTypeDepartment        UnitType = "DEPARTMENT"          // Sở, ban, ngành
	UnitTypeMassOrganization  UnitType = "MASS_ORGANIZATION"   // Đoàn thể
	UnitTypeMunicipalCity     UnitType = "MUNICIPAL_CITY"      // Thành phố thuộc Thành phố
	UnitTypeDistrict          UnitType = "DISTRICT"            // Quận, huyện
	UnitTypeWard              UnitType = "WARD"                // Phường
	UnitTypeCommune           UnitType = "COMMUNE"             // Xã, thị trấn
	UnitTypeSpecialZone       UnitType = "SPECIAL_ZONE"        // Đặc khu
	UnitTypeStateEnterprise   UnitType = "STATE_ENTERPRISE"    // Doanh nghiệp nhà nước
	UnitTypePublicServiceUnit UnitType = "PUBLIC_SERVICE_UNIT" // Đơn vị sự nghiệp công lập
	UnitTypeArmedForcesUnit   UnitType = "ARMED_FORCES_UNIT"   // Lực lượng vũ trang
	UnitTypeOther             UnitType = "OTHER"               // Khác
)

var unitTypeValues = enum{
	{"CITY", "Thành phố"},
	{"DEPARTMENT", "Sở, ban, ngành"},
	{"MASS_ORGANIZATION", "Đoàn thể"},
	{"MUNICIPAL_CITY", "Thành phố thuộc Thành phố"},
	{"DISTRICT", "Quận, huyện"},
	{"WARD", "Phường"},
	{"COMMUNE", "Xã, thị trấn"},
	{"SPECIAL_ZONE", "Đặc khu"},
	{"STATE_ENTERPRISE", "Doanh nghiệp nhà nước"},
	{"PUBLIC_SERVICE_UNIT", "Đơn vị sự nghiệp công lập"},
	{"ARMED_FORCES_UNIT", "Lực lượng vũ trang"},
	{"OTHER", "Khác"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (UnitType) Values() []string { return unitTypeValues.codes() }

// Label is the Vietnamese name of the value.
func (v UnitType) Label() string { return unitTypeValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v UnitType) Valid() bool { return unitTypeValues.valid(string(v)) }

// String returns the code.
func (v UnitType) String() string { return string(v) }

// ParseUnitType accepts a code or its Vietnamese label.
func ParseUnitType(s string) (UnitType, error) {
	c, err := unitTypeValues.parse("UnitType", s)
	return UnitType(c), err
}

// MarshalGQL writes the code.
func (v UnitType) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *UnitType) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(unitTypeValues, "UnitType", x)
	*v = UnitType(c)
	return err
}

// PersonCategory is a person's category in a membership (cán bộ, công chức, viên chức, …).
type PersonCategory string

// PersonCategory values.
const (
	PersonCategoryCadre          PersonCategory = "CADRE"           // Cán bộ
	PersonCategoryCivilServant   PersonCategory = "CIVIL_SERVANT"   // Công chức
	PersonCategoryPublicEmployee PersonCategory = "PUBLIC_EMPLOYEE" // Viên chức
	PersonCategoryArmedForces    PersonCategory = "ARMED_FORCES"    // Chiến sĩ lực lượng vũ trang
	PersonCategoryWorker         PersonCategory = "WORKER"          // Người lao động
	PersonCategoryOther          PersonCategory = "OTHER"           // Khác
)

var personCategoryValues = enum{
	{"CADRE", "Cán bộ"},
	{"CIVIL_SERVANT", "Công chức"},
	{"PUBLIC_EMPLOYEE", "Viên chức"},
	{"ARMED_FORCES", "Chiến sĩ lực lượng vũ trang"},
	{"WORKER", "Người lao động"},
	{"OTHER", "Khác"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (PersonCategory) Values() []string { return personCategoryValues.codes() }

// Label is the Vietnamese name of the value.
func (v PersonCategory) Label() string { return personCategoryValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v PersonCategory) Valid() bool { return personCategoryValues.valid(string(v)) }

// String returns the code.
func (v PersonCategory) String() string { return string(v) }

// ParsePersonCategory accepts a code or its Vietnamese label.
func ParsePersonCategory(s string) (PersonCategory, error) {
	c, err := personCategoryValues.parse("PersonCategory", s)
	return PersonCategory(c), err
}

// MarshalGQL writes the code.
func (v PersonCategory) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *PersonCategory) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(personCategoryValues, "PersonCategory", x)
	*v = PersonCategory(c)
	return err
}

// Gender is a person's gender as recorded by their unit.
type Gender string

// Gender values.
const (
	GenderMale   Gender = "MALE"   // Nam
	GenderFemale Gender = "FEMALE" // Nữ
	GenderOther  Gender = "OTHER"  // Khác
)

var genderValues = enum{
	{"MALE", "Nam"},
	{"FEMALE", "Nữ"},
	{"OTHER", "Khác"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (Gender) Values() []string { return genderValues.codes() }

// Label is the Vietnamese name of the value.
func (v Gender) Label() string { return genderValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v Gender) Valid() bool { return genderValues.valid(string(v)) }

// String returns the code.
func (v Gender) String() string { return string(v) }

// ParseGender accepts a code or its Vietnamese label.
func ParseGender(s string) (Gender, error) {
	c, err := genderValues.parse("Gender", s)
	return Gender(c), err
}

// MarshalGQL writes the code.
func (v Gender) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *Gender) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(genderValues, "Gender", x)
	*v = Gender(c)
	return err
}

// MemberRole is a person's role in a unit; heads have extra duties (§II.1.2) and criteria (§III.3.1.b).
type MemberRole string

// MemberRole values.
const (
	MemberRoleHead             MemberRole = "HEAD"              // Người đứng đầu
	MemberRoleDeputyHead       MemberRole = "DEPUTY_HEAD"       // Cấp phó
	MemberRoleEmulationOfficer MemberRole = "EMULATION_OFFICER" // Cán bộ phụ trách thi đua – khen thưởng
	MemberRoleStaff            MemberRole = "STAFF"             // Cán bộ, công chức, viên chức
)

var memberRoleValues = enum{
	{"HEAD", "Người đứng đầu"},
	{"DEPUTY_HEAD", "Cấp phó"},
	{"EMULATION_OFFICER", "Cán bộ phụ trách thi đua – khen thưởng"},
	{"STAFF", "Cán bộ, công chức, viên chức"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (MemberRole) Values() []string { return memberRoleValues.codes() }

// Label is the Vietnamese name of the value.
func (v MemberRole) Label() string { return memberRoleValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v MemberRole) Valid() bool { return memberRoleValues.valid(string(v)) }

// String returns the code.
func (v MemberRole) String() string { return string(v) }

// ParseMemberRole accepts a code or its Vietnamese label.
func ParseMemberRole(s string) (MemberRole, error) {
	c, err := memberRoleValues.parse("MemberRole", s)
	return MemberRole(c), err
}

// MarshalGQL writes the code.
func (v MemberRole) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *MemberRole) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(memberRoleValues, "MemberRole", x)
	*v = MemberRole(c)
	return err
}

// RecipientKind says whether an award, nomination or participation is a collective's or an individual's.
type RecipientKind string

// RecipientKind values.
const (
	RecipientKindCollective RecipientKind = "COLLECTIVE" // Tập thể
	RecipientKindIndividual RecipientKind = "INDIVIDUAL" // Cá nhân
)

var recipientKindValues = enum{
	{"COLLECTIVE", "Tập thể"},
	{"INDIVIDUAL", "Cá nhân"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (RecipientKind) Values() []string { return recipientKindValues.codes() }

// Label is the Vietnamese name of the value.
func (v RecipientKind) Label() string { return recipientKindValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v RecipientKind) Valid() bool { return recipientKindValues.valid(string(v)) }

// String returns the code.
func (v RecipientKind) String() string { return string(v) }

// ParseRecipientKind accepts a code or its Vietnamese label.
func ParseRecipientKind(s string) (RecipientKind, error) {
	c, err := recipientKindValues.parse("RecipientKind", s)
	return RecipientKind(c), err
}

// MarshalGQL writes the code.
func (v RecipientKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *RecipientKind) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(recipientKindValues, "RecipientKind", x)
	*v = RecipientKind(c)
	return err
}

// IdeaField is the field (lĩnh vực) of an idea, §II.1.1 of the plan.
type IdeaField string

// IdeaField values.
const (
	IdeaFieldAdministrativeReform      IdeaField = "ADMINISTRATIVE_REFORM"        // Cải cách hành chính
	IdeaFieldInvestmentEnvironment     IdeaField = "INVESTMENT_ENVIRONMENT"       // Cải thiện môi trường đầu tư
	IdeaFieldBusinessSupport           IdeaField = "BUSINESS_SUPPORT"             // Hỗ trợ doanh nghiệp
	IdeaFieldPartyBuilding             IdeaField = "PARTY_BUILDING"               // Xây dựng Đảng
	IdeaFieldGovernmentBuilding        IdeaField = "GOVERNMENT_BUILDING"          // Xây dựng chính quyền
	IdeaFieldSocioEconomicDevelopment  IdeaField = "SOCIO_ECONOMIC_DEVELOPMENT"   // Phát triển kinh tế – xã hội
	IdeaFieldDefenseSecurity           IdeaField = "DEFENSE_SECURITY"             // Quốc phòng – an ninh
	IdeaFieldDecentralization          IdeaField = "DECENTRALIZATION"             // Phân cấp, phân quyền
	IdeaFieldThuDucInstitutions        IdeaField = "THU_DUC_INSTITUTIONS"         // Thể chế cho thành phố Thủ Đức
	IdeaFieldLandAndBackloggedProjects IdeaField = "LAND_AND_BACKLOGGED_PROJECTS" // Đất đai và dự án tồn đọng
	IdeaFieldOther                     IdeaField = "OTHER"                        // Lĩnh vực khác
)

var ideaFieldValues = enum{
	{"ADMINISTRATIVE_REFORM", "Cải cách hành chính"},
	{"INVESTMENT_ENVIRONMENT", "Cải thiện môi trường đầu tư"},
	{"BUSINESS_SUPPORT", "Hỗ trợ doanh nghiệp"},
	{"PARTY_BUILDING", "Xây dựng Đảng"},
	{"GOVERNMENT_BUILDING", "Xây dựng chính quyền"},
	{"SOCIO_ECONOMIC_DEVELOPMENT", "Phát triển kinh tế – xã hội"},
	{"DEFENSE_SECURITY", "Quốc phòng – an ninh"},
	{"DECENTRALIZATION", "Phân cấp, phân quyền"},
	{"THU_DUC_INSTITUTIONS", "Thể chế cho thành phố Thủ Đức"},
	{"LAND_AND_BACKLOGGED_PROJECTS", "Đất đai và dự án tồn đọng"},
	{"OTHER", "Lĩnh vực khác"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (IdeaField) Values() []string { return ideaFieldValues.codes() }

// Label is the Vietnamese name of the value.
func (v IdeaField) Label() string { return ideaFieldValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v IdeaField) Valid() bool { return ideaFieldValues.valid(string(v)) }

// String returns the code.
func (v IdeaField) String() string { return string(v) }

// ParseIdeaField accepts a code or its Vietnamese label.
func ParseIdeaField(s string) (IdeaField, error) {
	c, err := ideaFieldValues.parse("IdeaField", s)
	return IdeaField(c), err
}

// MarshalGQL writes the code.
func (v IdeaField) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *IdeaField) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(ideaFieldValues, "IdeaField", x)
	*v = IdeaField(c)
	return err
}

// IdeaKind is what kind of contribution an idea is.
type IdeaKind string

// IdeaKind values.
const (
	IdeaKindIdea                 IdeaKind = "IDEA"                  // Ý tưởng
	IdeaKindInitiative           IdeaKind = "INITIATIVE"            // Sáng kiến
	IdeaKindCreativeSolution     IdeaKind = "CREATIVE_SOLUTION"     // Giải pháp sáng tạo
	IdeaKindBreakthroughApproach IdeaKind = "BREAKTHROUGH_APPROACH" // Cách làm đột phá
)

var ideaKindValues = enum{
	{"IDEA", "Ý tưởng"},
	{"INITIATIVE", "Sáng kiến"},
	{"CREATIVE_SOLUTION", "Giải pháp sáng tạo"},
	{"BREAKTHROUGH_APPROACH", "Cách làm đột phá"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (IdeaKind) Values() []string { return ideaKindValues.codes() }

// Label is the Vietnamese name of the value.
func (v IdeaKind) Label() string { return ideaKindValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v IdeaKind) Valid() bool { return ideaKindValues.valid(string(v)) }

// String returns the code.
func (v IdeaKind) String() string { return string(v) }

// ParseIdeaKind accepts a code or its Vietnamese label.
func ParseIdeaKind(s string) (IdeaKind, error) {
	c, err := ideaKindValues.parse("IdeaKind", s)
	return IdeaKind(c), err
}

// MarshalGQL writes the code.
func (v IdeaKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *IdeaKind) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(ideaKindValues, "IdeaKind", x)
	*v = IdeaKind(c)
	return err
}

// IdeaStatus is where an idea stands in its lifecycle; it changes only through idea events.
type IdeaStatus string

// IdeaStatus values.
const (
	IdeaStatusDraft                     IdeaStatus = "DRAFT"                       // Bản nháp
	IdeaStatusSubmitted                 IdeaStatus = "SUBMITTED"                   // Đã báo cáo người đứng đầu
	IdeaStatusUnderReview               IdeaStatus = "UNDER_REVIEW"                // Đang xem xét
	IdeaStatusApprovedForImplementation IdeaStatus = "APPROVED_FOR_IMPLEMENTATION" // Được chấp thuận triển khai
	IdeaStatusApprovedForPilot          IdeaStatus = "APPROVED_FOR_PILOT"          // Được chấp thuận thí điểm
	IdeaStatusImplementing              IdeaStatus = "IMPLEMENTING"                // Đang triển khai
	IdeaStatusPiloting                  IdeaStatus = "PILOTING"                    // Đang thí điểm
	IdeaStatusEvaluatedEffective        IdeaStatus = "EVALUATED_EFFECTIVE"         // Được đánh giá hiệu quả
	IdeaStatusEvaluatedIneffective      IdeaStatus = "EVALUATED_INEFFECTIVE"       // Được đánh giá không hiệu quả
	IdeaStatusAppliedInUnit             IdeaStatus = "APPLIED_IN_UNIT"             // Được áp dụng tại đơn vị
	IdeaStatusProposedToCity            IdeaStatus = "PROPOSED_TO_CITY"            // Được đề xuất lên Thành phố
	IdeaStatusAppliedCityWide           IdeaStatus = "APPLIED_CITY_WIDE"           // Được áp dụng toàn Thành phố
	IdeaStatusRatedByMinistries         IdeaStatus = "RATED_BY_MINISTRIES"         // Được bộ, ngành Trung ương đánh giá cao
	IdeaStatusRejected                  IdeaStatus = "REJECTED"                    // Không được chấp thuận
	IdeaStatusWithdrawn                 IdeaStatus = "WITHDRAWN"                   // Đã rút
	IdeaStatusHaltedForCorrection       IdeaStatus = "HALTED_FOR_CORRECTION"       // Tạm dừng để điều chỉnh
	IdeaStatusReferredToCity            IdeaStatus = "REFERRED_TO_CITY"            // Trình Thành phố quyết định
	IdeaStatusDeclinedByCity            IdeaStatus = "DECLINED_BY_CITY"            // Thành phố không chấp thuận
)

var ideaStatusValues = enum{
	{"DRAFT", "Bản nháp"},
	{"SUBMITTED", "Đã báo cáo người đứng đầu"},
	{"UNDER_REVIEW", "Đang xem xét"},
	{"APPROVED_FOR_IMPLEMENTATION", "Được chấp thuận triển khai"},
	{"APPROVED_FOR_PILOT", "Được chấp thuận thí điểm"},
	{"IMPLEMENTING", "Đang triển khai"},
	{"PILOTING", "Đang thí điểm"},
	{"EVALUATED_EFFECTIVE", "Được đánh giá hiệu quả"},
	{"EVALUATED_INEFFECTIVE", "Được đánh giá không hiệu quả"},
	{"APPLIED_IN_UNIT", "Được áp dụng tại đơn vị"},
	{"PROPOSED_TO_CITY", "Được đề xuất lên Thành phố"},
	{"APPLIED_CITY_WIDE", "Được áp dụng toàn Thành phố"},
	{"RATED_BY_MINISTRIES", "Được bộ, ngành Trung ương đánh giá cao"},
	{"REJECTED", "Không được chấp thuận"},
	{"WITHDRAWN", "Đã rút"},
	{"HALTED_FOR_CORRECTION", "Tạm dừng để điều chỉnh"},
	{"REFERRED_TO_CITY", "Trình Thành phố quyết định"},
	{"DECLINED_BY_CITY", "Thành phố không chấp thuận"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (IdeaStatus) Values() []string { return ideaStatusValues.codes() }

// Label is the Vietnamese name of the value.
func (v IdeaStatus) Label() string { return ideaStatusValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v IdeaStatus) Valid() bool { return ideaStatusValues.valid(string(v)) }

// String returns the code.
func (v IdeaStatus) String() string { return string(v) }

// ParseIdeaStatus accepts a code or its Vietnamese label.
func ParseIdeaStatus(s string) (IdeaStatus, error) {
	c, err := ideaStatusValues.parse("IdeaStatus", s)
	return IdeaStatus(c), err
}

// MarshalGQL writes the code.
func (v IdeaStatus) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *IdeaStatus) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(ideaStatusValues, "IdeaStatus", x)
	*v = IdeaStatus(c)
	return err
}

// IdeaAction is the action an idea event records.
type IdeaAction string

// IdeaAction values.
const (
	IdeaActionCreate                IdeaAction = "CREATE"                 // Tạo
	IdeaActionEdit                  IdeaAction = "EDIT"                   // Sửa nội dung
	IdeaActionSubmit                IdeaAction = "SUBMIT"                 // Báo cáo người đứng đầu
	IdeaActionStartReview           IdeaAction = "START_REVIEW"           // Bắt đầu xem xét
	IdeaActionApproveImplementation IdeaAction = "APPROVE_IMPLEMENTATION" // Chấp thuận triển khai
	IdeaActionApprovePilot          IdeaAction = "APPROVE_PILOT"          // Chấp thuận thí điểm
	IdeaActionStartImplementation   IdeaAction = "START_IMPLEMENTATION"   // Bắt đầu triển khai
	IdeaActionStartPilot            IdeaAction = "START_PILOT"            // Bắt đầu thí điểm
	IdeaActionEvaluateEffective     IdeaAction = "EVALUATE_EFFECTIVE"     // Đánh giá hiệu quả
	IdeaActionEvaluateIneffective   IdeaAction = "EVALUATE_INEFFECTIVE"   // Đánh giá không hiệu quả
	IdeaActionApplyInUnit           IdeaAction = "APPLY_IN_UNIT"          // Áp dụng tại đơn vị
	IdeaActionProposeToCity         IdeaAction = "PROPOSE_TO_CITY"        // Đề xuất lên Thành phố
	IdeaActionApplyCityWide         IdeaAction = "APPLY_CITY_WIDE"        // Áp dụng toàn Thành phố
	IdeaActionRateByMinistries      IdeaAction = "RATE_BY_MINISTRIES"     // Ghi nhận bộ, ngành Trung ương đánh giá cao
	IdeaActionReject                IdeaAction = "REJECT"                 // Không chấp thuận
	IdeaActionWithdraw              IdeaAction = "WITHDRAW"               // Rút ý tưởng
	IdeaActionHalt                  IdeaAction = "HALT"                   // Tạm dừng để điều chỉnh
	IdeaActionResume                IdeaAction = "RESUME"                 // Tiếp tục
	IdeaActionReferToCity           IdeaAction = "REFER_TO_CITY"          // Trình Thành phố quyết định
	IdeaActionDeclineByCity         IdeaAction = "DECLINE_BY_CITY"        // Thành phố không chấp thuận
)

var ideaActionValues = enum{
	{"CREATE", "Tạo"},
	{"EDIT", "Sửa nội dung"},
	{"SUBMIT", "Báo cáo người đứng đầu"},
	{"START_REVIEW", "Bắt đầu xem xét"},
	{"APPROVE_IMPLEMENTATION", "Chấp thuận triển khai"},
	{"APPROVE_PILOT", "Chấp thuận thí điểm"},
	{"START_IMPLEMENTATION", "Bắt đầu triển khai"},
	{"START_PILOT", "Bắt đầu thí điểm"},
	{"EVALUATE_EFFECTIVE", "Đánh giá hiệu quả"},
	{"EVALUATE_INEFFECTIVE", "Đánh giá không hiệu quả"},
	{"APPLY_IN_UNIT", "Áp dụng tại đơn vị"},
	{"PROPOSE_TO_CITY", "Đề xuất lên Thành phố"},
	{"APPLY_CITY_WIDE", "Áp dụng toàn Thành phố"},
	{"RATE_BY_MINISTRIES", "Ghi nhận bộ, ngành Trung ương đánh giá cao"},
	{"REJECT", "Không chấp thuận"},
	{"WITHDRAW", "Rút ý tưởng"},
	{"HALT", "Tạm dừng để điều chỉnh"},
	{"RESUME", "Tiếp tục"},
	{"REFER_TO_CITY", "Trình Thành phố quyết định"},
	{"DECLINE_BY_CITY", "Thành phố không chấp thuận"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (IdeaAction) Values() []string { return ideaActionValues.codes() }

// Label is the Vietnamese name of the value.
func (v IdeaAction) Label() string { return ideaActionValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v IdeaAction) Valid() bool { return ideaActionValues.valid(string(v)) }

// String returns the code.
func (v IdeaAction) String() string { return string(v) }

// ParseIdeaAction accepts a code or its Vietnamese label.
func ParseIdeaAction(s string) (IdeaAction, error) {
	c, err := ideaActionValues.parse("IdeaAction", s)
	return IdeaAction(c), err
}

// MarshalGQL writes the code.
func (v IdeaAction) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *IdeaAction) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(ideaActionValues, "IdeaAction", x)
	*v = IdeaAction(c)
	return err
}

// AwardLevel is an award level (§III.2), highest first.
type AwardLevel string

// AwardLevel values.
const (
	AwardLevelLaborOrderThirdClass     AwardLevel = "LABOR_ORDER_THIRD_CLASS"    // Huân chương Lao động hạng Ba
	AwardLevelPrimeMinisterCertificate AwardLevel = "PRIME_MINISTER_CERTIFICATE" // Bằng khen của Thủ tướng Chính phủ
	AwardLevelCityChairmanCertificate  AwardLevel = "CITY_CHAIRMAN_CERTIFICATE"  // Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố
	AwardLevelUnitHeadCertificate      AwardLevel = "UNIT_HEAD_CERTIFICATE"      // Giấy khen của Thủ trưởng cơ quan, đơn vị
)

var awardLevelValues = enum{
	{"LABOR_ORDER_THIRD_CLASS", "Huân chương Lao động hạng Ba"},
	{"PRIME_MINISTER_CERTIFICATE", "Bằng khen của Thủ tướng Chính phủ"},
	{"CITY_CHAIRMAN_CERTIFICATE", "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố"},
	{"UNIT_HEAD_CERTIFICATE", "Giấy khen của Thủ trưởng cơ quan, đơn vị"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (AwardLevel) Values() []string { return awardLevelValues.codes() }

// Label is the Vietnamese name of the value.
func (v AwardLevel) Label() string { return awardLevelValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v AwardLevel) Valid() bool { return awardLevelValues.valid(string(v)) }

// String returns the code.
func (v AwardLevel) String() string { return string(v) }

// ParseAwardLevel accepts a code or its Vietnamese label.
func ParseAwardLevel(s string) (AwardLevel, error) {
	c, err := awardLevelValues.parse("AwardLevel", s)
	return AwardLevel(c), err
}

// MarshalGQL writes the code.
func (v AwardLevel) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *AwardLevel) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(awardLevelValues, "AwardLevel", x)
	*v = AwardLevel(c)
	return err
}

// NominationStatus is where a nomination stands.
type NominationStatus string

// NominationStatus values.
const (
	NominationStatusDraft           NominationStatus = "DRAFT"            // Bản nháp
	NominationStatusSubmitted       NominationStatus = "SUBMITTED"        // Đã trình
	NominationStatusCouncilApproved NominationStatus = "COUNCIL_APPROVED" // Hội đồng Thi đua – Khen thưởng đã thông qua
	NominationStatusForwarded       NominationStatus = "FORWARDED"        // Đã trình cấp Trung ương
	NominationStatusRejected        NominationStatus = "REJECTED"         // Không được chấp thuận
	NominationStatusAwarded         NominationStatus = "AWARDED"          // Đã khen thưởng
	NominationStatusWithdrawn       NominationStatus = "WITHDRAWN"        // Đã rút
)

var nominationStatusValues = enum{
	{"DRAFT", "Bản nháp"},
	{"SUBMITTED", "Đã trình"},
	{"COUNCIL_APPROVED", "Hội đồng Thi đua – Khen thưởng đã thông qua"},
	{"FORWARDED", "Đã trình Thủ tướng Chính phủ, Chủ tịch nước"},
	{"REJECTED", "Không được chấp thuận"},
	{"AWARDED", "Đã khen thưởng"},
	{"WITHDRAWN", "Đã rút"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (NominationStatus) Values() []string { return nominationStatusValues.codes() }

// Label is the Vietnamese name of the value.
func (v NominationStatus) Label() string { return nominationStatusValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v NominationStatus) Valid() bool { return nominationStatusValues.valid(string(v)) }

// String returns the code.
func (v NominationStatus) String() string { return string(v) }

// ParseNominationStatus accepts a code or its Vietnamese label.
func ParseNominationStatus(s string) (NominationStatus, error) {
	c, err := nominationStatusValues.parse("NominationStatus", s)
	return NominationStatus(c), err
}

// MarshalGQL writes the code.
func (v NominationStatus) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *NominationStatus) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(nominationStatusValues, "NominationStatus", x)
	*v = NominationStatus(c)
	return err
}

// DocumentKind is the kind of a nomination dossier document (§III.5.2).
type DocumentKind string

// DocumentKind values.
const (
	DocumentKindSubmissionLetter   DocumentKind = "SUBMISSION_LETTER"   // Tờ trình
	DocumentKindCouncilMinutes     DocumentKind = "COUNCIL_MINUTES"     // Biên bản họp Hội đồng Thi đua – Khen thưởng
	DocumentKindAchievementSummary DocumentKind = "ACHIEVEMENT_SUMMARY" // Báo cáo tóm tắt thành tích
	DocumentKindTaxConfirmation    DocumentKind = "TAX_CONFIRMATION"    // Xác nhận của cơ quan thuế
	DocumentKindOther              DocumentKind = "OTHER"               // Tài liệu khác
)

var documentKindValues = enum{
	{"SUBMISSION_LETTER", "Tờ trình"},
	{"COUNCIL_MINUTES", "Biên bản họp Hội đồng Thi đua – Khen thưởng"},
	{"ACHIEVEMENT_SUMMARY", "Báo cáo tóm tắt thành tích"},
	{"TAX_CONFIRMATION", "Xác nhận của cơ quan thuế"},
	{"OTHER", "Tài liệu khác"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (DocumentKind) Values() []string { return documentKindValues.codes() }

// Label is the Vietnamese name of the value.
func (v DocumentKind) Label() string { return documentKindValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v DocumentKind) Valid() bool { return documentKindValues.valid(string(v)) }

// String returns the code.
func (v DocumentKind) String() string { return string(v) }

// ParseDocumentKind accepts a code or its Vietnamese label.
func ParseDocumentKind(s string) (DocumentKind, error) {
	c, err := documentKindValues.parse("DocumentKind", s)
	return DocumentKind(c), err
}

// MarshalGQL writes the code.
func (v DocumentKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *DocumentKind) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(documentKindValues, "DocumentKind", x)
	*v = DocumentKind(c)
	return err
}

// ReportKind is the kind of a unit report.
type ReportKind string

// ReportKind values.
const (
	ReportKindYearly  ReportKind = "YEARLY"  // Báo cáo năm
	ReportKindInterim ReportKind = "INTERIM" // Báo cáo sơ kết
	ReportKindFinal   ReportKind = "FINAL"   // Báo cáo tổng kết
)

var reportKindValues = enum{
	{"YEARLY", "Báo cáo năm"},
	{"INTERIM", "Báo cáo sơ kết"},
	{"FINAL", "Báo cáo tổng kết"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (ReportKind) Values() []string { return reportKindValues.codes() }

// Label is the Vietnamese name of the value.
func (v ReportKind) Label() string { return reportKindValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v ReportKind) Valid() bool { return reportKindValues.valid(string(v)) }

// String returns the code.
func (v ReportKind) String() string { return string(v) }

// ParseReportKind accepts a code or its Vietnamese label.
func ParseReportKind(s string) (ReportKind, error) {
	c, err := reportKindValues.parse("ReportKind", s)
	return ReportKind(c), err
}

// MarshalGQL writes the code.
func (v ReportKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *ReportKind) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(reportKindValues, "ReportKind", x)
	*v = ReportKind(c)
	return err
}

// FlagKind is the kind of a disciplinary or integrity flag; a flag disqualifies from awards that year.
type FlagKind string

// FlagKind values.
const (
	FlagKindDiscipline FlagKind = "DISCIPLINE" // Kỷ luật
	FlagKindIntegrity  FlagKind = "INTEGRITY"  // Vi phạm liêm chính
)

var flagKindValues = enum{
	{"DISCIPLINE", "Kỷ luật"},
	{"INTEGRITY", "Vi phạm liêm chính"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (FlagKind) Values() []string { return flagKindValues.codes() }

// Label is the Vietnamese name of the value.
func (v FlagKind) Label() string { return flagKindValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v FlagKind) Valid() bool { return flagKindValues.valid(string(v)) }

// String returns the code.
func (v FlagKind) String() string { return string(v) }

// ParseFlagKind accepts a code or its Vietnamese label.
func ParseFlagKind(s string) (FlagKind, error) {
	c, err := flagKindValues.parse("FlagKind", s)
	return FlagKind(c), err
}

// MarshalGQL writes the code.
func (v FlagKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *FlagKind) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(flagKindValues, "FlagKind", x)
	*v = FlagKind(c)
	return err
}

// AuthorityLevel is who gave an approval (§I.1.3 “cấp có thẩm quyền”;
// §II.1.1 “chủ động đề xuất Thành phố”): the unit itself, a unit above it,
// or the city.
type AuthorityLevel string

// AuthorityLevel values.
const (
	AuthorityLevelUnit     AuthorityLevel = "UNIT"     // Đơn vị
	AuthorityLevelSuperior AuthorityLevel = "SUPERIOR" // Cấp trên của đơn vị
	AuthorityLevelCity     AuthorityLevel = "CITY"     // Thành phố
)

var authorityLevelValues = enum{
	{"UNIT", "Đơn vị"},
	{"SUPERIOR", "Cấp trên của đơn vị"},
	{"CITY", "Thành phố"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (AuthorityLevel) Values() []string { return authorityLevelValues.codes() }

// Label is the Vietnamese name of the value.
func (v AuthorityLevel) Label() string { return authorityLevelValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v AuthorityLevel) Valid() bool { return authorityLevelValues.valid(string(v)) }

// String returns the code.
func (v AuthorityLevel) String() string { return string(v) }

// ParseAuthorityLevel accepts a code or its Vietnamese label.
func ParseAuthorityLevel(s string) (AuthorityLevel, error) {
	c, err := authorityLevelValues.parse("AuthorityLevel", s)
	return AuthorityLevel(c), err
}

// MarshalGQL writes the code.
func (v AuthorityLevel) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *AuthorityLevel) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(authorityLevelValues, "AuthorityLevel", x)
	*v = AuthorityLevel(c)
	return err
}

// Effectiveness is the degree of effectiveness the competent authority
// found when it evaluated an idea effective (§III.3.1.a “đánh giá mức độ
// hiệu quả của ý tưởng, giải pháp sáng tạo”).
type Effectiveness string

// Effectiveness values.
const (
	EffectivenessVeryHigh  Effectiveness = "VERY_HIGH" // Rất hiệu quả
	EffectivenessHigh      Effectiveness = "HIGH"      // Hiệu quả cao
	EffectivenessEffective Effectiveness = "EFFECTIVE" // Hiệu quả
)

var effectivenessValues = enum{
	{"VERY_HIGH", "Rất hiệu quả"},
	{"HIGH", "Hiệu quả cao"},
	{"EFFECTIVE", "Hiệu quả"},
}

// Values lists the codes, highest first (ent uses it for the column).
func (Effectiveness) Values() []string { return effectivenessValues.codes() }

// Label is the Vietnamese name of the value.
func (v Effectiveness) Label() string { return effectivenessValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v Effectiveness) Valid() bool { return effectivenessValues.valid(string(v)) }

// String returns the code.
func (v Effectiveness) String() string { return string(v) }

// ParseEffectiveness accepts a code or its Vietnamese label.
func ParseEffectiveness(s string) (Effectiveness, error) {
	c, err := effectivenessValues.parse("Effectiveness", s)
	return Effectiveness(c), err
}

// MarshalGQL writes the code.
func (v Effectiveness) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *Effectiveness) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(effectivenessValues, "Effectiveness", x)
	*v = Effectiveness(c)
	return err
}

// ExemplarKind is what the board's register of exemplary models and people
// holds (§II.2.2, §II.2.5: "mô hình hay, cách làm mới của tập thể, cá nhân
// tiêu biểu").
type ExemplarKind string

// ExemplarKind values.
const (
	ExemplarKindModel      ExemplarKind = "MODEL"      // Mô hình, cách làm hay
	ExemplarKindCollective ExemplarKind = "COLLECTIVE" // Tập thể tiêu biểu
	ExemplarKindIndividual ExemplarKind = "INDIVIDUAL" // Cá nhân tiêu biểu
)

var exemplarKindValues = enum{
	{"MODEL", "Mô hình, cách làm hay"},
	{"COLLECTIVE", "Tập thể tiêu biểu"},
	{"INDIVIDUAL", "Cá nhân tiêu biểu"},
}

// Values lists the codes (ent uses it for the column).
func (ExemplarKind) Values() []string { return exemplarKindValues.codes() }

// Label is the Vietnamese name of the value.
func (v ExemplarKind) Label() string { return exemplarKindValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v ExemplarKind) Valid() bool { return exemplarKindValues.valid(string(v)) }

// String returns the code.
func (v ExemplarKind) String() string { return string(v) }

// ParseExemplarKind accepts a code or its Vietnamese label.
func ParseExemplarKind(s string) (ExemplarKind, error) {
	c, err := exemplarKindValues.parse("ExemplarKind", s)
	return ExemplarKind(c), err
}

// MarshalGQL writes the code.
func (v ExemplarKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *ExemplarKind) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(exemplarKindValues, "ExemplarKind", x)
	*v = ExemplarKind(c)
	return err
}

// AuditOperation is what a state change did.
type AuditOperation string

// AuditOperation values.
const (
	AuditOperationCreate AuditOperation = "CREATE" // Tạo
	AuditOperationUpdate AuditOperation = "UPDATE" // Cập nhật
	AuditOperationDelete AuditOperation = "DELETE" // Xóa
)

var auditOperationValues = enum{
	{"CREATE", "Tạo"},
	{"UPDATE", "Cập nhật"},
	{"DELETE", "Xóa"},
}

// Values lists the codes, in the plan's order (ent uses it for the column).
func (AuditOperation) Values() []string { return auditOperationValues.codes() }

// Label is the Vietnamese name of the value.
func (v AuditOperation) Label() string { return auditOperationValues.label(string(v)) }

// Valid reports whether v is one of the codes.
func (v AuditOperation) Valid() bool { return auditOperationValues.valid(string(v)) }

// String returns the code.
func (v AuditOperation) String() string { return string(v) }

// ParseAuditOperation accepts a code or its Vietnamese label.
func ParseAuditOperation(s string) (AuditOperation, error) {
	c, err := auditOperationValues.parse("AuditOperation", s)
	return AuditOperation(c), err
}

// MarshalGQL writes the code.
func (v AuditOperation) MarshalGQL(w io.Writer) { marshalEnum(w, string(v)) }

// UnmarshalGQL reads a code.
func (v *AuditOperation) UnmarshalGQL(x any) error {
	c, err := unmarshalEnum(auditOperationValues, "AuditOperation", x)
	*v = AuditOperation(c)
	return err
}
