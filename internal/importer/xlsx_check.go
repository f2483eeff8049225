package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
)

// checkWorkbook refuses an XLSX whose parts would inflate past the caps,
// before excelize inflates anything: the sizes come from the zip's
// central directory, and archive/zip stops a part that inflates past its
// declared size, so a part cannot lie its way through. Then it inflates
// each XML part once, into nothing, to find a token too long for the XML
// decoder to allocate, which the sizes alone do not show.
func checkWorkbook(file []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		return fileProblem("Không đọc được tệp Excel (.xlsx): %v", err)
	}
	if len(zr.File) > maxParts {
		return refuse("Tệp Excel có %s phần, quá %s phần của một bảng tính thông thường; tệp không được đọc.",
			viNumber(len(zr.File)), viNumber(maxParts))
	}
	var total uint64
	for _, f := range zr.File {
		// One part over the cap is refused alone, so that adding up the
		// parts' sizes cannot overflow.
		size := f.UncompressedSize64
		if size <= maxInflatedBytes {
			size = total + size
		}
		if size > maxInflatedBytes {
			return refuse("Tệp Excel khi giải nén ra hơn %s MB, quá giới hạn %s MB; hãy chia thành nhiều tệp nhỏ hơn.",
				mb(size), mb(maxInflatedBytes))
		}
		total = size
	}
	for _, f := range zr.File {
		if f.UncompressedSize64 > ratioGrace && f.UncompressedSize64 > maxInflateRatio*f.CompressedSize64 {
			return refuse("Tệp Excel bị nén bất thường: phần %q giải nén ra gấp %s lần kích thước nén (một bảng tính thông thường khoảng 10 lần, tối đa %d lần); tệp không được đọc.",
				f.Name, viNumber(f.UncompressedSize64/max(f.CompressedSize64, 1)), maxInflateRatio)
		}
	}
	for _, f := range zr.File {
		if name := strings.ToLower(f.Name); strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if err := scanPart(f); err != nil {
				return err
			}
		}
	}
	return nil
}

func scanPart(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fileProblem("Không đọc được tệp Excel (.xlsx): phần %q: %v", f.Name, err)
	}
	defer rc.Close()
	_, err = io.Copy(&xmlScan{}, rc)
	if errors.Is(err, errLongToken) {
		return refuse("Tệp Excel có một ô hoặc một thẻ dài hơn %s MB trong phần %q (một ô Excel có tối đa %s ký tự); tệp không được đọc.",
			mb(maxTokenBytes), f.Name, viNumber(maxCellChars))
	}
	if err != nil {
		return fileProblem("Không đọc được tệp Excel (.xlsx): phần %q: %v", f.Name, err)
	}
	return nil
}
