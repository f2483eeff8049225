package seed

// Vocabulary for the deterministic demo-data generator.
//
// Everything here is invented or generic: person names are assembled at
// random from the pools below and never copied from a real person. All
// Vietnamese text is precomposed (NFC) and uses the en dash "–" where a
// dash joins two words ("kinh tế – xã hội"). Where the plan (Kế hoạch số
// 1821/KH-UBND ngày 05/5/2023) fixes a wording, the wording follows the plan.

// weighted is a value drawn with probability proportional to Weight.
type weighted struct {
	Value  string
	Weight int
}

// ideaVocab is the wording pool for one idea field (lĩnh vực, §II.1.1 of the plan).
//
// A title is Opener + " " + Subject, optionally followed by " nhằm " + Outcome.
// Every Subject is a verb phrase starting with a lower-case verb ("rút ngắn
// ...", "số hóa ..."); every Opener is a capitalised phrase that takes a verb
// phrase as its complement ("Giải pháp", "Cách làm đột phá để"); every Outcome
// is a lower-case verb phrase that reads after "nhằm". No part contains "nhằm"
// itself, so any combination is grammatical.
type ideaVocab struct {
	Openers  []string
	Subjects []string
	Outcomes []string
}

// familyNames are common Vietnamese family names; weights are rough per-mille
// shares for Southern Viet Nam (Huỳnh and Võ are more frequent there than in the North).
var familyNames = []weighted{
	{"Nguyễn", 380},
	{"Trần", 110},
	{"Lê", 95},
	{"Phạm", 70},
	{"Phan", 45},
	{"Huỳnh", 40},
	{"Võ", 40},
	{"Hoàng", 25},
	{"Đặng", 21},
	{"Vũ", 20},
	{"Bùi", 20},
	{"Đỗ", 14},
	{"Hồ", 13},
	{"Ngô", 13},
	{"Trương", 12},
	{"Dương", 10},
	{"Đinh", 8},
	{"Lý", 6},
	{"Lâm", 6},
	{"Mai", 5},
	{"Đoàn", 5},
	{"Cao", 4},
	{"Lưu", 4},
	{"Trịnh", 4},
	{"Hà", 4},
	{"Châu", 3},
	{"Thái", 3},
	{"Tô", 2},
}

// middleNamesMale are middle names (tên đệm) used for men; disjoint from
// givenNamesMale and familyNames so that no name repeats a syllable.
var middleNamesMale = []string{
	"Văn", "Hữu", "Đức", "Quốc", "Thanh", "Công", "Đình", "Xuân", "Trọng",
	"Quang", "Tấn", "Gia", "Ngọc", "Duy", "Nhật", "Bá", "Thế", "Chí",
}

// middleNamesFemale are middle names (tên đệm) used for women; disjoint from
// givenNamesFemale and familyNames.
var middleNamesFemale = []string{
	"Thị", "Ngọc", "Thu", "Kim", "Bích", "Thanh", "Hồng", "Thùy", "Phương",
	"Mỹ", "Như", "Hoài", "Diệu", "Khánh", "Bảo", "Cẩm", "Tuyết",
}

// givenNamesMale are given names (tên) used for men.
var givenNamesMale = []string{
	"An", "Anh", "Bảo", "Bình", "Cường", "Danh", "Dũng", "Đạt", "Định", "Đông",
	"Giang", "Hải", "Hào", "Hậu", "Hiếu", "Hiển", "Hòa", "Hoàng", "Huy", "Hùng",
	"Hưng", "Khải", "Khang", "Khánh", "Khoa", "Khôi", "Kiên", "Lâm", "Lộc", "Long",
	"Luân", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Nguyên", "Nhân", "Phát", "Phong",
	"Phúc", "Phước", "Quân", "Quý", "Sơn", "Tài", "Tâm", "Tân", "Thái", "Thắng",
	"Thành", "Thiện", "Thịnh", "Thông", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Tùng",
	"Vinh", "Việt", "Vũ",
}

// givenNamesFemale are given names (tên) used for women.
var givenNamesFemale = []string{
	"An", "Anh", "Ánh", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Đào", "Giang",
	"Hà", "Hạnh", "Hằng", "Hân", "Hảo", "Hiền", "Hoa", "Huệ", "Hương", "Huyền",
	"Lan", "Lệ", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngà",
	"Ngân", "Nguyệt", "Nhàn", "Nhã", "Nhi", "Nhung", "Oanh", "Phượng", "Quyên", "Quỳnh",
	"Tâm", "Thảo", "Thắm", "Thoa", "Thơ", "Thư", "Thủy", "Tiên", "Trang", "Trâm",
	"Trinh", "Tú", "Tuyền", "Uyên", "Vân", "Vi", "Vy", "Xuân", "Yến",
}

// ideaFields maps each idea field code to its label and title wording.
// The eleven codes are the fields listed in §II.1.1 of the plan.
var ideaFields = map[string]ideaVocab{
	"ADMINISTRATIVE_REFORM": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Mô hình", "Cách làm đột phá để",
			"Ứng dụng công nghệ thông tin để", "Quy trình mới để",
		},
		Subjects: []string{
			"rút ngắn thời gian giải quyết hồ sơ đăng ký hộ kinh doanh",
			"số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
			"tiếp nhận và trả kết quả hồ sơ hộ tịch qua dịch vụ bưu chính công ích",
			"cung cấp dịch vụ công trực tuyến toàn trình cho thủ tục cấp giấy phép xây dựng",
			"tái sử dụng dữ liệu dân cư khi giải quyết thủ tục hành chính",
			"thông báo tiến độ xử lý hồ sơ cho người dân bằng tin nhắn",
			"chuẩn hóa các bước xử lý nội bộ khi giải quyết thủ tục hành chính",
			"thu phí, lệ phí không dùng tiền mặt tại bộ phận một cửa",
			"hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại bộ phận một cửa",
			"cắt giảm thành phần hồ sơ trong thủ tục chứng thực",
			"liên thông thủ tục đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
			"đánh giá mức độ hài lòng của người dân bằng mã QR tại quầy tiếp nhận",
		},
		Outcomes: []string{
			"giảm 30% thời gian chờ của người dân",
			"nâng cao mức độ hài lòng của người dân",
			"giảm chi phí đi lại cho người dân và doanh nghiệp",
			"giảm hồ sơ giấy phải lưu trữ",
			"bảo đảm giải quyết hồ sơ đúng hạn",
			"tăng tỷ lệ hồ sơ nộp trực tuyến lên trên 80%",
		},
	},
	"INVESTMENT_ENVIRONMENT": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Cơ chế phối hợp để", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Đề xuất cơ chế để",
		},
		Subjects: []string{
			"rút ngắn thời gian thẩm định chủ trương đầu tư dự án ngoài ngân sách",
			"hỗ trợ nhà đầu tư qua một đầu mối duy nhất trong suốt vòng đời dự án",
			"công khai quỹ đất kêu gọi đầu tư trên bản đồ số",
			"rà soát, bãi bỏ các điều kiện kinh doanh không còn phù hợp",
			"xây dựng danh mục dự án kêu gọi đầu tư theo phương thức đối tác công tư",
			"tổ chức đối thoại định kỳ giữa lãnh đạo Thành phố và nhà đầu tư nước ngoài",
			"giải quyết song song thủ tục đầu tư, đất đai và xây dựng",
			"theo dõi tiến độ dự án đầu tư trên nền tảng số dùng chung",
			"công khai quy trình, thời hạn giải quyết thủ tục đầu tư",
			"tiếp nhận và xử lý kiến nghị của nhà đầu tư qua cổng thông tin trực tuyến",
			"giới thiệu địa điểm đầu tư phù hợp cho nhà đầu tư chiến lược",
			"đơn giản hóa thủ tục điều chỉnh giấy chứng nhận đăng ký đầu tư",
		},
		Outcomes: []string{
			"rút ngắn thời gian chuẩn bị đầu tư",
			"tăng sức hấp dẫn của môi trường đầu tư Thành phố",
			"thu hút thêm nguồn vốn ngoài ngân sách",
			"nâng cao chỉ số năng lực cạnh tranh cấp tỉnh",
			"giảm chi phí tuân thủ cho nhà đầu tư",
			"củng cố niềm tin của nhà đầu tư",
		},
	},
	"BUSINESS_SUPPORT": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Mô hình", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Chương trình",
		},
		Subjects: []string{
			"đồng hành cùng doanh nghiệp nhỏ và vừa tháo gỡ khó khăn trong sản xuất, kinh doanh",
			"hỗ trợ hộ kinh doanh chuyển đổi lên doanh nghiệp",
			"kết nối doanh nghiệp với các tổ chức tín dụng để tiếp cận vốn ưu đãi",
			"giải đáp vướng mắc về thuế cho doanh nghiệp qua tổng đài trực tuyến",
			"kết nối doanh nghiệp sản xuất hàng Việt với hệ thống phân phối",
			"hỗ trợ doanh nghiệp khởi nghiệp đổi mới sáng tạo tiếp cận không gian làm việc chung",
			"rút ngắn thời gian hoàn thuế giá trị gia tăng cho doanh nghiệp xuất khẩu",
			"tư vấn pháp lý miễn phí cho doanh nghiệp nhỏ và vừa",
			"kết nối cung cầu lao động giữa doanh nghiệp và các cơ sở giáo dục nghề nghiệp",
			"hỗ trợ doanh nghiệp xây dựng thương hiệu và tham gia sàn thương mại điện tử",
			"giải quyết nhanh kiến nghị của doanh nghiệp về thủ tục phòng cháy, chữa cháy",
			"hỗ trợ doanh nghiệp đáp ứng tiêu chuẩn của thị trường xuất khẩu",
		},
		Outcomes: []string{
			"giảm chi phí cho doanh nghiệp",
			"giúp doanh nghiệp phục hồi sản xuất, kinh doanh",
			"tăng số doanh nghiệp thành lập mới",
			"rút ngắn thời gian xử lý kiến nghị của doanh nghiệp",
			"nâng cao năng lực cạnh tranh của doanh nghiệp",
			"tạo thêm việc làm cho người lao động",
		},
	},
	"PARTY_BUILDING": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Mô hình", "Cách làm mới để",
			"Ứng dụng công nghệ thông tin để", "Cách làm đột phá để",
		},
		Subjects: []string{
			"nâng cao chất lượng sinh hoạt chi bộ định kỳ",
			"số hóa hồ sơ đảng viên tại các chi bộ cơ sở",
			"phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước",
			"đổi mới việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
			"tổ chức sinh hoạt chuyên đề gắn với nhiệm vụ chính trị của cơ quan",
			"nắm bắt tư tưởng cán bộ, đảng viên qua các kênh tương tác trực tuyến",
			"kiểm tra, giám sát việc thực hiện nghị quyết của chi bộ",
			"thu, nộp đảng phí không dùng tiền mặt",
			"bồi dưỡng lý luận chính trị trực tuyến cho đảng viên trẻ",
			"đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng",
			"nâng cao vai trò nêu gương của cán bộ, đảng viên trong thực thi công vụ",
			"phát huy vai trò của đảng viên đang công tác tại nơi cư trú",
		},
		Outcomes: []string{
			"nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng",
			"củng cố niềm tin của cán bộ, đảng viên",
			"tăng cường mối quan hệ gắn bó giữa đảng viên và nhân dân",
			"nâng cao chất lượng đội ngũ đảng viên",
			"phát huy tinh thần dám nghĩ, dám làm của đảng viên trẻ",
			"giảm thời gian, chi phí tổ chức hội họp",
		},
	},
	"GOVERNMENT_BUILDING": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Mô hình", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Quy trình mới để",
		},
		Subjects: []string{
			"đánh giá, xếp loại công chức theo kết quả thực hiện nhiệm vụ hằng tháng",
			"quản lý văn bản và điều hành công việc không dùng giấy tờ",
			"tiếp nhận, xử lý phản ánh, kiến nghị của người dân qua điện thoại di động",
			"tổ chức họp trực tuyến giữa Ủy ban nhân dân Thành phố với các phường, xã",
			"sắp xếp, tinh gọn tổ chức bộ máy các phòng chuyên môn",
			"xây dựng khung năng lực vị trí việc làm cho công chức cấp xã",
			"tăng cường kỷ luật, kỷ cương hành chính tại bộ phận một cửa",
			"bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức",
			"thực hiện chế độ báo cáo định kỳ trên hệ thống thông tin báo cáo điện tử",
			"công khai ngân sách phường, xã trên cổng thông tin điện tử",
			"tổ chức đối thoại định kỳ giữa người đứng đầu chính quyền với người dân",
			"thu hút, trọng dụng nhân tài vào làm việc trong khu vực công",
		},
		Outcomes: []string{
			"xây dựng nền hành chính phục vụ",
			"nâng cao hiệu lực, hiệu quả quản lý nhà nước",
			"giảm 50% văn bản giấy",
			"tăng tính minh bạch trong hoạt động công vụ",
			"nâng cao năng lực thực thi công vụ",
			"rút ngắn thời gian xử lý phản ánh của người dân",
		},
	},
	"SOCIO_ECONOMIC_DEVELOPMENT": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Mô hình", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Mô hình phối hợp để",
		},
		Subjects: []string{
			"phát triển kinh tế ban đêm tại các khu vực trung tâm",
			"chỉnh trang đô thị dọc kênh rạch gắn với phát triển du lịch đường thủy",
			"nâng cao chất lượng khám, chữa bệnh tại trạm y tế phường, xã",
			"đổi mới công tác quản lý trường học",
			"hỗ trợ người lao động mất việc làm tìm kiếm việc làm mới",
			"phân loại chất thải rắn sinh hoạt tại nguồn",
			"giảm ùn tắc giao thông tại các nút giao trọng điểm",
			"phát triển nông nghiệp đô thị hiệu quả cao ở các xã ngoại thành",
			"phát triển nhà ở xã hội cho công nhân khu công nghiệp",
			"giảm nghèo bền vững gắn với nâng cao thu nhập cho hộ cận nghèo",
			"xây dựng chợ truyền thống theo hướng văn minh, hiện đại",
			"xử lý điểm ngập cục bộ do mưa lớn và triều cường",
		},
		Outcomes: []string{
			"nâng cao chất lượng sống của người dân",
			"tạo thêm việc làm và thu nhập cho người dân",
			"góp phần tăng trưởng kinh tế bền vững",
			"cải thiện cảnh quan, môi trường đô thị",
			"giảm chi phí xã hội",
			"bảo đảm an sinh xã hội",
		},
	},
	"DEFENSE_SECURITY": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Mô hình", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Mô hình phối hợp để",
		},
		Subjects: []string{
			"xã hội hóa việc lắp đặt camera an ninh tại các khu dân cư",
			"phòng ngừa, đấu tranh với tội phạm lừa đảo trên không gian mạng",
			"nâng cao chất lượng hoạt động của lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
			"tuyên truyền pháp luật về an toàn giao thông cho học sinh",
			"khai thác dữ liệu định danh điện tử trong quản lý cư trú",
			"tuyển chọn, gọi công dân nhập ngũ công khai, minh bạch",
			"bồi dưỡng kiến thức quốc phòng và an ninh cho cán bộ cơ sở",
			"nâng cao năng lực phòng cháy, chữa cháy tại nhà trọ, chung cư mini",
			"huấn luyện lực lượng dân quân tự vệ sát với tình hình thực tế",
			"tổ chức tuần tra ban đêm có sự tham gia của dân quân",
			"giải quyết các vụ việc về an ninh, trật tự ngay từ cơ sở",
			"tiếp nhận tin báo tội phạm trực tuyến",
		},
		Outcomes: []string{
			"giữ vững an ninh chính trị, trật tự, an toàn xã hội",
			"giảm số vụ phạm pháp hình sự trên địa bàn",
			"tăng cường thế trận quốc phòng toàn dân",
			"nâng cao ý thức chấp hành pháp luật của người dân",
			"phát huy sức mạnh toàn dân bảo vệ an ninh Tổ quốc",
			"bảo đảm an toàn tính mạng, tài sản của người dân",
		},
	},
	"DECENTRALIZATION": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Đề xuất", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Mô hình",
		},
		Subjects: []string{
			"phân cấp cho phường, xã cấp giấy phép xây dựng nhà ở riêng lẻ",
			"ủy quyền cho thủ trưởng đơn vị sự nghiệp công lập tự chủ quyết định về nhân sự",
			"phân cấp thẩm quyền quyết định mua sắm tài sản công cho đơn vị sử dụng",
			"giao quyền tự chủ tài chính cho các bệnh viện công lập",
			"giao quyền tuyển dụng giáo viên cho các trường công lập",
			"rà soát thẩm quyền giải quyết thủ tục hành chính có thể phân cấp cho cấp cơ sở",
			"phân cấp quản lý lòng đường, hè phố cho chính quyền cơ sở",
			"xác định rõ trách nhiệm giải trình khi thực hiện nhiệm vụ được phân cấp",
			"phân cấp thẩm định dự án đầu tư công nhóm C",
			"phân cấp quản lý trật tự xây dựng cho phường, xã",
			"trao quyền chủ động bố trí công chức cho chính quyền cơ sở",
			"kiểm tra, giám sát việc thực hiện các nhiệm vụ được phân cấp, ủy quyền",
		},
		Outcomes: []string{
			"tăng tính tự chủ, tự chịu trách nhiệm của cơ sở",
			"giảm tầng nấc trung gian trong xử lý công việc",
			"rút ngắn thời gian ra quyết định",
			"nâng cao trách nhiệm giải trình của người đứng đầu",
			"giải quyết công việc sát với thực tiễn hơn",
			"giảm tải cho các cơ quan cấp Thành phố",
		},
	},
	"THU_DUC_INSTITUTIONS": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Đề xuất", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Ý tưởng",
		},
		Subjects: []string{
			"hoàn thiện tổ chức bộ máy của thành phố Thủ Đức theo mô hình thành phố trong Thành phố",
			"phân cấp cho thành phố Thủ Đức quyết định đầu tư các dự án trên địa bàn",
			"xây dựng cơ chế tài chính, ngân sách đặc thù cho thành phố Thủ Đức",
			"phát triển Khu đô thị sáng tạo tương tác cao phía Đông",
			"gắn kết doanh nghiệp với các trường đại học trên địa bàn thành phố Thủ Đức",
			"giải quyết thủ tục đất đai cho người dân thành phố Thủ Đức tại một đầu mối",
			"xây dựng trung tâm dữ liệu đô thị thông minh của thành phố Thủ Đức",
			"hoàn thiện cơ chế thẩm định, phê duyệt quy hoạch phân khu tại thành phố Thủ Đức",
			"tổ chức chính quyền đô thị tại các phường thuộc thành phố Thủ Đức",
			"phát triển đô thị theo định hướng giao thông công cộng dọc tuyến metro số 1",
			"thu hút chuyên gia, nhà khoa học đến làm việc tại thành phố Thủ Đức",
			"huy động nguồn lực xã hội đầu tư hạ tầng thành phố Thủ Đức",
		},
		Outcomes: []string{
			"bảo đảm phù hợp với quy mô và vai trò của thành phố Thủ Đức",
			"xây dựng thành phố Thủ Đức thành đô thị sáng tạo, tương tác cao",
			"tạo động lực tăng trưởng mới cho Thành phố",
			"thu hút nguồn lực đầu tư chất lượng cao",
			"phát huy mô hình thành phố trong Thành phố",
			"nâng cao năng lực tự chủ của chính quyền thành phố Thủ Đức",
		},
	},
	"LAND_AND_BACKLOGGED_PROJECTS": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Cơ chế phối hợp để", "Cách làm đột phá để",
			"Ứng dụng công nghệ số để", "Quy trình mới để",
		},
		Subjects: []string{
			"tháo gỡ vướng mắc trong bồi thường, hỗ trợ, tái định cư của các dự án chậm triển khai",
			"cấp giấy chứng nhận quyền sử dụng đất cho nhà ở mua bán bằng giấy tay",
			"rà soát, phân loại các dự án tồn đọng kéo dài",
			"rút ngắn thời gian xác định giá đất cụ thể để tính tiền bồi thường",
			"xử lý dứt điểm các dự án sử dụng đất chậm triển khai",
			"cập nhật cơ sở dữ liệu đất đai dùng chung giữa các cơ quan",
			"giải quyết khiếu nại liên quan đến bồi thường, giải phóng mặt bằng",
			"cấp giấy chứng nhận cho người mua nhà tại các dự án nhà ở thương mại",
			"khai thác hiệu quả quỹ nhà, đất công",
			"bố trí tái định cư cho hộ dân di dời nhà trên và ven kênh rạch",
			"tháo gỡ vướng mắc pháp lý cho các dự án nhà ở thương mại",
			"chỉnh lý biến động bản đồ địa chính kịp thời",
		},
		Outcomes: []string{
			"đưa các dự án tồn đọng vào khai thác, sử dụng",
			"bảo đảm quyền lợi hợp pháp của người dân",
			"tránh thất thoát, lãng phí tài nguyên đất đai",
			"giảm khiếu nại kéo dài",
			"rút ngắn thời gian bàn giao mặt bằng",
			"tăng thu ngân sách từ đất đai",
		},
	},
	"OTHER": {
		Openers: []string{
			"Giải pháp", "Sáng kiến", "Mô hình", "Cách làm mới để",
			"Ứng dụng công nghệ số để", "Ý tưởng",
		},
		Subjects: []string{
			"tiết kiệm điện, nước trong cơ quan hành chính",
			"xây dựng văn hóa công sở thân thiện, chuyên nghiệp",
			"phát triển văn hóa đọc trong cơ quan, đơn vị",
			"quản lý tài liệu lưu trữ điện tử",
			"giảm sử dụng sản phẩm nhựa dùng một lần tại công sở",
			"chăm lo đời sống tinh thần cho người lao động",
			"tổ chức phong trào thể dục, thể thao trong cơ quan",
			"hỗ trợ soạn thảo văn bản hành chính bằng trí tuệ nhân tạo",
			"tuyên truyền, phổ biến pháp luật qua mạng xã hội",
			"quản lý hồ sơ cán bộ trên phần mềm dùng chung",
			"bảo đảm an toàn thông tin cho hệ thống máy tính của cơ quan",
			"vận động cán bộ tham gia hoạt động thiện nguyện vì người yếu thế",
		},
		Outcomes: []string{
			"tiết kiệm chi phí hoạt động của cơ quan",
			"tạo môi trường làm việc cởi mở, gắn bó",
			"nâng cao đời sống tinh thần của cán bộ, công chức, viên chức",
			"góp phần bảo vệ môi trường",
			"nâng cao hiệu quả công việc",
			"lan tỏa tinh thần đổi mới sáng tạo trong cơ quan",
		},
	},
}

// positionTitles are generic job titles (chức vụ, chức danh) for demo people.
var positionTitles = []string{
	"Cán sự",
	"Chuyên viên",
	"Chuyên viên chính",
	"Chuyên viên cao cấp",
	"Kế toán viên",
	"Thanh tra viên",
	"Phó Trưởng phòng",
	"Trưởng phòng",
	"Chánh Văn phòng",
	"Phó Giám đốc",
	"Giám đốc",
	"Phó Chủ tịch UBND",
	"Chủ tịch UBND",
	"Giáo viên",
	"Bác sĩ",
	"Điều dưỡng",
	"Kỹ sư",
	"Nghiên cứu viên",
	"Phó Đội trưởng",
	"Đội trưởng",
}

// pilotScopes describe the scope of a pilot (thực hiện thí điểm) approved for an idea.
var pilotScopes = []string{
	"Thí điểm tại bộ phận một cửa",
	"Thí điểm tại 3 phường",
	"Thí điểm tại 2 xã ngoại thành",
	"Thí điểm tại một phòng chuyên môn trong 6 tháng",
	"Thí điểm trong toàn cơ quan trong 12 tháng",
	"Thí điểm trên địa bàn thành phố Thủ Đức",
	"Thí điểm tại 5 trường trung học cơ sở",
	"Thí điểm tại 2 bệnh viện công lập",
	"Thí điểm tại Trung tâm Phục vụ hành chính công",
	"Thí điểm tại một khu công nghiệp",
	"Thí điểm đối với thủ tục đăng ký hộ kinh doanh",
	"Thí điểm tại 10 chợ truyền thống",
}

// evaluationAuthorities are competent authorities (cấp có thẩm quyền) that
// approve pilots and assess an idea's effectiveness.
var evaluationAuthorities = []string{
	"Ủy ban nhân dân Thành phố",
	"Chủ tịch Ủy ban nhân dân Thành phố",
	"Hội đồng Thi đua – Khen thưởng Thành phố",
	"Ban Thi đua – Khen thưởng Thành phố",
	"Sở Nội vụ",
	"Sở Khoa học và Công nghệ",
	"Sở Tư pháp",
	"Ủy ban nhân dân thành phố Thủ Đức",
	"Bộ Nội vụ",
	"Văn phòng Chính phủ",
}

// decisionIssuers maps award level codes to the authority that signs the
// award decision (§III.2).
var decisionIssuers = map[string]string{
	"LABOR_ORDER_THIRD_CLASS":    "Chủ tịch nước",
	"PRIME_MINISTER_CERTIFICATE": "Thủ tướng Chính phủ",
	"CITY_CHAIRMAN_CERTIFICATE":  "Chủ tịch Ủy ban nhân dân Thành phố",
	"UNIT_HEAD_CERTIFICATE":      "Thủ trưởng cơ quan, đơn vị",
}

// integrityNotes are neutral, generic notes attached to a disciplinary or
// integrity flag, which disqualifies the person from awards (§III.3).
var integrityNotes = []string{
	"Bị xử lý kỷ luật khiển trách trong năm",
	"Bị xử lý kỷ luật cảnh cáo trong năm",
	"Đang trong thời gian xem xét xử lý kỷ luật",
	"Xếp loại không hoàn thành nhiệm vụ trong năm",
	"Có đơn phản ánh đang được cơ quan có thẩm quyền xác minh",
}

// disciplineForms are the forms of discipline a decision names (Luật Cán bộ,
// công chức; Luật Viên chức).
var disciplineForms = []string{"Khiển trách", "Cảnh cáo", "Hạ bậc lương", "Giáng chức"}
