package render

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

// reasonLabels say why a review names an idea.
var reasonLabels = map[interim.FollowUpReason]string{
	interim.AwaitingCity:     "Chờ Thành phố quyết định",
	interim.Halted:           "Tạm dừng để điều chỉnh",
	interim.PilotIneffective: "Thí điểm không hiệu quả",
}

// followSection is what the review must follow up: the facts that should
// inform its limits and directions (Kế hoạch 1821 §I.1.3, §II.1.1, §II.2.2,
// §III.3).
func followSection(s *interim.Summary) section {
	ideas := table{ID: "bang-y-tuong-can-theo-doi", Sheet: "Ý tưởng cần theo dõi",
		Caption: "Ý tưởng chờ Thành phố quyết định, tạm dừng để điều chỉnh, thí điểm không hiệu quả",
		Head:    []string{"Mã ý tưởng", "Tên ý tưởng", "Đơn vị đề xuất", "Năm đề xuất", "Tình trạng", "Cần theo dõi"}, Keys: 1,
		Empty: "Không có ý tưởng nào chờ Thành phố quyết định, tạm dừng hay thí điểm không hiệu quả."}
	for _, f := range s.FollowUpIdeas {
		ideas.Rows = append(ideas.Rows, []cell{text(f.Code), text(orDash(f.Title)), text(orDash(f.UnitName)), year(f.Year),
			text(label(f.Status)), flagged(reasonLabels[f.Reason], true)})
	}
	if n := s.Overview.IdeasAwaitingCity + s.Overview.IdeasHalted + s.Overview.PilotsIneffective; n > len(s.FollowUpIdeas) {
		ideas.Caption += fmt.Sprintf(" (%s trên tổng số %s ý tưởng)", count(len(s.FollowUpIdeas)), count(n))
	}

	noms := slices.Clone(s.Nominations)
	slices.SortStableFunc(noms, func(a, b interim.NominationRow) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), levelRank(a.Level)-levelRank(b.Level), stageRank(a.Status)-stageRank(b.Status))
	})
	nominations := table{ID: "bang-ho-so-khen-thuong", Sheet: "Hồ sơ đề nghị khen thưởng",
		Caption: "Hồ sơ đề nghị khen thưởng theo năm, hình thức và giai đoạn xử lý",
		Head:    []string{"Năm", "Hình thức khen thưởng", "Giai đoạn", "Số hồ sơ", "Đang xử lý"}, Keys: 3,
		Empty: "Chưa có hồ sơ đề nghị khen thưởng."}
	for _, n := range noms {
		pending := 0
		if n.InProgress() {
			pending = n.Nominations
		}
		nominations.Rows = append(nominations.Rows, []cell{year(n.Year), text(label(n.Level)), text(label(n.Status)),
			num(n.Nominations), num(pending)})
	}

	elig := slices.Clone(s.Eligible)
	slices.SortStableFunc(elig, func(a, b interim.EligibleRow) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), levelRank(a.Level)-levelRank(b.Level), cmp.Compare(a.Kind, b.Kind))
	})
	eligible := table{ID: "bang-du-tieu-chuan", Sheet: "Đủ tiêu chuẩn khen thưởng",
		Caption: "Tập thể, cá nhân đủ tiêu chuẩn khen thưởng (hình thức cao nhất) và chưa được đề nghị",
		Head:    []string{"Năm", "Hình thức cao nhất đủ tiêu chuẩn", "Đối tượng", "Đủ tiêu chuẩn", "Đã có hồ sơ đề nghị", "Đã được khen thưởng", "Chưa được đề nghị"}, Keys: 3,
		Empty: "Chưa có tập thể, cá nhân nào đủ tiêu chuẩn khen thưởng theo số liệu đã ghi nhận."}
	for _, e := range elig {
		gap := num(e.NotNominated)
		gap.flag = e.NotNominated > 0
		eligible.Rows = append(eligible.Rows, []cell{year(e.Year), text(label(e.Level)), text(label(e.Kind)),
			num(e.Eligible), num(e.Nominated), num(e.Awarded), gap})
	}

	problems := table{ID: "bang-van-de-thi-diem", Sheet: "Vấn đề chọn thí điểm",
		Caption: "Đơn vị lựa chọn một vấn đề cụ thể để làm thí điểm, theo năm",
		Head:    []string{"Năm", "Số đơn vị", "Đã lựa chọn", "Chưa lựa chọn"}, Keys: 1,
		Empty: "Chưa có số liệu về vấn đề các đơn vị lựa chọn làm thí điểm."}
	for _, p := range s.Problems {
		without := num(p.Without())
		without.flag = p.Without() > 0
		problems.Rows = append(problems.Rows, []cell{year(p.Year), num(p.Units), num(p.Chosen), without})
	}

	exemplars := table{ID: "bang-guong-dien-hinh", Sheet: "Gương điển hình",
		Caption: "Mô hình hay, tập thể và cá nhân điển hình được Ban Thi đua – Khen thưởng ghi nhận",
		Head:    []string{"Loại", "Tên", "Đơn vị", "Năm", "Ngày ghi nhận", "Ý tưởng hiệu quả", "Khen thưởng"}, Keys: 2,
		Empty: "Chưa có mô hình, gương điển hình nào được ghi nhận trong giai đoạn."}
	for _, x := range s.Exemplars {
		exemplars.Rows = append(exemplars.Rows, []cell{text(label(x.Kind)), text(orDash(x.Title)), text(orDash(x.UnitName)),
			year(x.Year), text(x.RecognizedOn.Format("02/01/2006")), num(x.Ideas), num(x.Awards)})
	}
	return section{ID: "theo-doi", Title: "8. Những việc cần theo dõi, đôn đốc",
		Empty: "Chưa có số liệu cần theo dõi trong giai đoạn.",
		Blocks: []block{
			{Title: "Ý tưởng cần theo dõi", Table: ideas},
			{Title: "Hồ sơ đề nghị khen thưởng", Table: nominations},
			{Title: "Đủ tiêu chuẩn nhưng chưa được đề nghị", Table: eligible},
			{Title: "Vấn đề lựa chọn làm thí điểm", Table: problems},
			{Title: "Mô hình hay, gương điển hình", Table: exemplars},
		}}
}

// stageRank orders a nomination's stages as it moves.
func stageRank(s domain.NominationStatus) int {
	stages := s.Values()
	if i := slices.Index(stages, string(s)); i >= 0 {
		return i
	}
	return len(stages)
}
