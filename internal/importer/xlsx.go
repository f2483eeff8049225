package importer

import (
	"bytes"
	"io"

	"github.com/xuri/excelize/v2"
)

// readXLSX streams the first sheet of a workbook to add, a row at a time.
// The file is read whole, as a zip must be, but no more than the cap; its
// parts are checked (checkWorkbook) before excelize inflates them, and
// excelize is given the same caps as its own second line.
func readXLSX(r io.Reader, add func(n int, rec []string) error) error {
	file, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return err
	}
	if len(file) > maxFileBytes {
		return refuse("Tệp lớn hơn %s MB; hãy chia thành nhiều tệp nhỏ hơn.", mb(maxFileBytes))
	}
	if err := checkWorkbook(file); err != nil {
		return err
	}
	opts := excelize.Options{RawCellValue: true, UnzipSizeLimit: maxInflatedBytes, UnzipXMLSizeLimit: excelize.StreamChunkSize}
	f, err := excelize.OpenReader(bytes.NewReader(file), opts)
	if err != nil {
		return fileProblem("Không đọc được tệp Excel (.xlsx): %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return fileProblem("Tệp Excel không có trang tính nào.")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return fileProblem("Không đọc được trang tính %q: %v", sheets[0], err)
	}
	defer rows.Close()
	// The iterator is excelize's streaming one (GetRows would hold the
	// sheet whole). A row's cells come as a slice up to its last value:
	// a value at column XFD makes one slice of 16,384 cells, which add
	// refuses before the next row is read.
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(opts)
		if err != nil {
			return fileProblem("Không đọc được trang tính %q: %v", sheets[0], err)
		}
		if err := add(n, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fileProblem("Không đọc được trang tính %q: %v", sheets[0], err)
	}
	return nil
}
