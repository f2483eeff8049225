package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellKind is what a cell held in the workbook, which its text alone does
// not say: 123 typed as a number lost the zeros of "000123", and a date
// cell is a serial whose meaning depends on the workbook's date system.
type cellKind uint8

const (
	cellText cellKind = iota
	cellNumber
	cellDate
	cellOther   // a boolean or an error value
	cellFormula // a formula saved without its value, which only Excel can compute
)

// cellInfo is a cell's kind and, when it is set in one, its legacy
// Vietnamese font.
type cellInfo struct {
	kind cellKind
	font string
}

// mergeRange is a merged area, by 0-based column index and 1-based row.
type mergeRange struct{ col1, row1, col2, row2 int }

// sheetSink takes a workbook's sheets one after another, each a row at a
// time, then its merged areas (which the sheet's XML lists after its rows).
type sheetSink interface {
	startSheet(name string, date1904 bool)
	add(n int, rec []string, info []cellInfo) error
	endSheet(layout sheetLayout) error
}

// sheetLayout is what a sheet's XML says beside its cells: merged areas,
// and rows and columns hidden in Excel, which are read but which the
// officer does not see.
type sheetLayout struct {
	merges     []mergeRange
	hiddenRows map[int]bool
	hiddenCols [][2]int // 0-based first and last column
}

// readXLSX streams every sheet of a workbook to the sink. The file is read
// whole, as a zip must be, but no more than the cap; its parts are checked
// (checkWorkbook) before any is inflated for reading. Sheets are read with
// the XML decoder a row at a time: only the shared strings and the styles
// are held whole, as in Excel itself.
func readXLSX(file []byte, sink sheetSink) error {
	if err := checkWorkbook(file); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		return fileProblem("Không đọc được tệp Excel (.xlsx): %v", err)
	}
	wp, err := readParts(zr)
	if err != nil {
		return err
	}
	if len(wp.sheets) == 0 {
		return fileProblem("Tệp Excel không có trang tính nào.")
	}
	for _, s := range wp.sheets {
		sink.startSheet(s.name, wp.date1904)
		layout, err := wp.readSheet(s, sink)
		if err != nil {
			return err
		}
		if err := sink.endSheet(layout); err != nil {
			return err
		}
	}
	return nil
}

// readSheet streams one sheet's rows. A row's cells come as a slice up to
// its last value: a value at column XFD makes one slice of 16,384 cells,
// which the sink refuses before the next row is read.
func (wp *workbookParts) readSheet(s sheetPart, sink sheetSink) (sheetLayout, error) {
	rc, err := s.file.Open()
	if err != nil {
		return sheetLayout{}, fileProblem("Không đọc được trang tính %q: %v", s.name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		layout             = sheetLayout{hiddenRows: map[int]bool{}}
		rowN, lastRow      int
		rec                []string
		info               []cellInfo
		col                int
		typ, style         string
		value, inline      strings.Builder
		inV, inIs, inT, ph bool
		formula            bool
	)
	bad := func(err error) error {
		return fileProblem("Không đọc được trang tính %q: %v", s.name, err)
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return layout, nil
		}
		if err != nil {
			return sheetLayout{}, bad(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rowN = lastRow + 1
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r > lastRow {
					rowN = r
				}
				rec, info, col = rec[:0], info[:0], 0
				if xmlTrue(attr(t, "hidden")) {
					layout.hiddenRows[rowN] = true
				}
			case "c":
				typ, style = attr(t, "t"), attr(t, "s")
				if ref := attr(t, "r"); ref != "" {
					if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
						col = c - 1
					}
				}
				value.Reset()
				inline.Reset()
				formula = false
			case "v":
				inV = true
			case "f":
				formula = true
			case "is":
				inIs = true
			case "t":
				inT = inIs
			case "rPh":
				ph = true
			case "mergeCell":
				if m, ok := parseMerge(attr(t, "ref")); ok {
					layout.merges = append(layout.merges, m)
				}
			case "col":
				if xmlTrue(attr(t, "hidden")) {
					lo, _ := strconv.Atoi(attr(t, "min"))
					hi, _ := strconv.Atoi(attr(t, "max"))
					if lo >= 1 && hi >= lo {
						layout.hiddenCols = append(layout.hiddenCols, [2]int{lo - 1, hi - 1})
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "is":
				inIs = false
			case "t":
				inT = false
			case "rPh":
				ph = false
			case "c":
				if col >= maxColumns {
					// Past what any file may use: refused here, before the
					// slice grows to XFD.
					if strings.TrimSpace(value.String()+inline.String()) != "" || typ == "s" {
						if text, _ := wp.cell(typ, style, value.String(), inline.String()); strings.TrimSpace(text) != "" {
							return sheetLayout{}, refuse("Dòng %d có dữ liệu ở cột %s, ngoài %d cột đầu tiên mà tệp nhập được dùng; hãy xóa nội dung các cột thừa rồi nhập lại.", rowN, letter(col+1), maxColumns)
						}
					}
					col++
					break
				}
				for len(rec) <= col {
					rec, info = append(rec, ""), append(info, cellInfo{})
				}
				rec[col], info[col] = wp.cell(typ, style, value.String(), inline.String())
				if formula && rec[col] == "" {
					info[col].kind = cellFormula
				}
				col++
			case "row":
				for len(rec) > 0 && rec[len(rec)-1] == "" {
					rec, info = rec[:len(rec)-1], info[:len(info)-1]
				}
				if err := sink.add(rowN, rec, info); err != nil {
					return sheetLayout{}, err
				}
				lastRow = rowN
			}
		case xml.CharData:
			switch {
			case inV:
				value.Write(t)
			case inT && !ph:
				inline.Write(t)
			}
		}
	}
}

// cell turns a cell's XML into its text and kind. Numbers keep the text
// Excel stored (RawCellValue): the checks read dates from the serial.
func (wp *workbookParts) cell(typ, style, v, inline string) (string, cellInfo) {
	var st cellStyle
	if i, err := strconv.Atoi(style); err == nil && i >= 0 && i < len(wp.styles) {
		st = wp.styles[i]
	}
	info := cellInfo{font: st.font}
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(wp.strings) {
			return "", info
		}
		if wp.fonts[i] != "" {
			info.font = wp.fonts[i]
		}
		return wp.strings[i], info
	case "inlineStr":
		return inline, info
	case "str":
		return v, info
	case "b", "e":
		info.kind = cellOther
		return v, info
	case "d":
		info.kind = cellDate
		return v, info
	}
	if v == "" {
		return "", info
	}
	info.kind = cellNumber
	if st.date {
		info.kind = cellDate
	}
	if st.pad > 0 {
		if n, err := strconv.ParseUint(v, 10, 64); err == nil {
			// Read as Excel shows it; the number's kind no longer matters.
			info.kind = cellText
			return fmt.Sprintf("%0*d", st.pad, n), info
		}
	}
	return v, info
}

func parseMerge(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 {
		return mergeRange{}, false
	}
	return mergeRange{c1 - 1, r1, c2 - 1, r2}, true
}

// xmlTrue reads an OOXML boolean attribute.
func xmlTrue(v string) bool { return v == "1" || strings.EqualFold(v, "true") }
