package importer

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Template writes a kind's template: in XLSX, a first sheet with the
// headers (required ones marked "*") ready to fill, and a sheet "Hướng
// dẫn" saying how to fill each column with an example; in CSV (UTF-8 with
// a byte-order mark, so that Excel reads the diacritics), the header row.
func Template(w io.Writer, k Kind, format string) error {
	cols, ok := Columns[k]
	if !ok {
		return fmt.Errorf("no template for %q", k)
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
		if c.Required {
			headers[i] += " *"
		}
	}
	switch format {
	case "csv":
		if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(headers); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	case "xlsx":
	default:
		return fmt.Errorf("template format %q: want xlsx or csv", format)
	}
	f := excelize.NewFile()
	defer f.Close()
	data := "Dữ liệu"
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": codes such as 0123 stay text
	if err != nil {
		return err
	}
	for i, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(data, cell, h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(data, col, col, float64(max(14, min(48, len([]rune(h))+6)))); err != nil {
			return err
		}
		if err := f.SetColStyle(data, col, text); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(headers), 1)
	if err := f.SetCellStyle(data, "A1", last, bold); err != nil {
		return err
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	help := "Hướng dẫn"
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	rows := [][]any{{k.Title()}, {"Điền dữ liệu vào trang \"" + data + "\" từ dòng 2; giữ nguyên dòng tiêu đề. Cột có dấu * là bắt buộc. Nhập lại cùng một tệp không thay đổi gì; tệp có lỗi ở bất kỳ dòng nào sẽ không được ghi."},
		{}, {"Cột", "Bắt buộc", "Cách ghi", "Ví dụ"}}
	for _, c := range cols {
		req := ""
		if c.Required {
			req = "Có"
		}
		rows = append(rows, []any{c.Header, req, c.Help, c.Example})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(help, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(help, "A4", "D4", bold); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 28, "B": 10, "C": 90, "D": 40} {
		if err := f.SetColWidth(help, col, col, width); err != nil {
			return err
		}
	}
	return f.Write(w)
}
