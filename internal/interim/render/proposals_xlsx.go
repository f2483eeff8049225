package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/internal/interim"
)

// proposalSheet is the list's sheet in its workbook.
const proposalSheet = "Đề nghị khen thưởng"

// proposalXLSXHead adds to the appendix's columns what the board sorts and
// counts by, and the two the author fills in.
var proposalXLSXHead = []string{"STT", "Đối tượng", "Tên tập thể, họ và tên cá nhân", "Mã đơn vị", "Đơn vị",
	"Hình thức đề nghị", "Căn cứ đề xuất", "Thành tích (ý tưởng, sáng kiến và các mốc đạt được)",
	"Đơn vị xác nhận đề nghị (Có/Không)", "Ghi chú"}

// ProposalsXLSX writes the list proposed for awards as a workbook in the
// form the board collects: one line per collective or individual, the
// same lines as the report's Phụ lục I, and a column for the author to
// confirm each with "Có" or "Không".
func ProposalsXLSX(w io.Writer, r interim.Report) error {
	f, st, p, subtitle, err := newWorkbook(r, "Danh sách đề nghị khen thưởng — ")
	if err != nil {
		return err
	}
	defer f.Close()
	if !p.OK {
		return writeWorkbook(f, w, writeStatus(f, st, p, subtitle))
	}
	if err := f.SetSheetName("Sheet1", proposalSheet); err != nil {
		return err
	}
	t := table{Sheet: proposalSheet, Head: proposalXLSXHead, Keys: 1,
		Empty: "Chưa có tập thể, cá nhân nào đủ tiêu chuẩn hoặc tiêu biểu theo số liệu đã ghi nhận."}
	for i, pr := range r.Summary.Proposals {
		c := proposalCells(i+1, pr)
		t.Rows = append(t.Rows, []cell{num(i + 1), text(label(pr.Kind)), text(c[1]), text(orDash(pr.UnitCode)), text(c[2]),
			flagged(c[5], pr.Level == ""), text(c[4]), text(strings.ReplaceAll(c[3], "\n", " ")), text(""), text("")})
	}
	title := "Danh sách tập thể, cá nhân đề nghị khen thưởng — " + r.Review.Title() + " giai đoạn " + p.Phase
	if err := writeTable(f, st, t, title, subtitle); err != nil {
		return err
	}
	if len(t.Rows) > 0 {
		last, _ := excelize.CoordinatesToCellName(9, firstRow+len(t.Rows)-1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "I" + strconv.Itoa(firstRow) + ":" + last
		if err := dv.SetDropList([]string{"Có", "Không"}); err != nil {
			return err
		}
		if err := f.AddDataValidation(proposalSheet, dv); err != nil {
			return err
		}
	}
	return writeWorkbook(f, w, nil)
}

func writeWorkbook(f *excelize.File, w io.Writer, err error) error {
	if err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
