package importer

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
)

// workbookParts is what a workbook's parts beside its sheets say about
// the cells: the sheets in tab order, the date system, the shared strings
// and the styles that tell a date from a number and name a cell's font.
type workbookParts struct {
	sheets   []sheetPart
	date1904 bool
	strings  []string
	fonts    []string // a shared string's legacy font from its rich text, by index; "" when none
	styles   []cellStyle
}

type sheetPart struct {
	name string
	file *zip.File
}

type cellStyle struct {
	date bool
	pad  int // digits a "000000" format shows a whole number with
	font string
}

// readParts reads workbook.xml and its relationships, sharedStrings.xml
// and styles.xml. The parts have passed checkWorkbook, so each is within
// the caps and no token is longer than maxTokenBytes.
func readParts(zr *zip.Reader) (*workbookParts, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	wp := &workbookParts{}
	book := files["xl/workbook.xml"]
	if book == nil {
		return nil, fileProblem("Tệp không phải bảng tính Excel (.xlsx): thiếu phần xl/workbook.xml.")
	}
	targets := map[string]string{} // relationship id → part
	var sharedPart, stylesPart string
	if rels := files["xl/_rels/workbook.xml.rels"]; rels != nil {
		err := eachElement(rels, func(se xml.StartElement) {
			if se.Name.Local != "Relationship" {
				return
			}
			id, target, typ := attr(se, "Id"), attr(se, "Target"), attr(se, "Type")
			p := partPath(target)
			targets[id] = p
			switch {
			case strings.HasSuffix(typ, "/sharedStrings"):
				sharedPart = p
			case strings.HasSuffix(typ, "/styles"):
				stylesPart = p
			}
		})
		if err != nil {
			return nil, err
		}
	}
	err := eachElement(book, func(se xml.StartElement) {
		switch se.Name.Local {
		case "workbookPr":
			wp.date1904 = xmlTrue(attr(se, "date1904"))
		case "sheet":
			if f := files[targets[relID(se)]]; f != nil {
				wp.sheets = append(wp.sheets, sheetPart{name: attr(se, "name"), file: f})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if sharedPart == "" {
		sharedPart = "xl/sharedStrings.xml"
	}
	if stylesPart == "" {
		stylesPart = "xl/styles.xml"
	}
	if f := files[sharedPart]; f != nil {
		if err := wp.readSharedStrings(f); err != nil {
			return nil, err
		}
	}
	if f := files[stylesPart]; f != nil {
		if err := wp.readStyles(f); err != nil {
			return nil, err
		}
	}
	return wp, nil
}

// partPath resolves a relationship's target against xl/, where
// workbook.xml lives; an absolute target is from the package's root.
func partPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return path.Clean(path.Join("xl", target))
}

// relID is a sheet's r:id, whatever prefix the namespace was given.
func relID(se xml.StartElement) string {
	for _, a := range se.Attr {
		if a.Name.Local == "id" && a.Name.Space != "" {
			return a.Value
		}
	}
	return ""
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// eachToken calls fn for every token of a part, in order: the one walk
// the workbook's parts are read with.
func eachToken(f *zip.File, fn func(tok xml.Token) error) error {
	rc, err := f.Open()
	if err != nil {
		return fileProblem("Không đọc được tệp Excel (.xlsx): phần %q: %v", f.Name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fileProblem("Không đọc được tệp Excel (.xlsx): phần %q: %v", f.Name, err)
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// eachElement calls fn for every start element of a part, in order.
func eachElement(f *zip.File, fn func(se xml.StartElement)) error {
	return eachToken(f, func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok {
			fn(se)
		}
		return nil
	})
}

// readSharedStrings keeps each string's text (its runs joined, phonetic
// guides left out) and the legacy font any run is set in: a workbook typed
// in .VnTime keeps that font on the runs even where the cell's style does
// not name it.
func (wp *workbookParts) readSharedStrings(f *zip.File) error {
	var text strings.Builder
	font := ""
	in, phonetic, inT := false, false, false
	return eachToken(f, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				in, font = true, ""
				text.Reset()
			case "rPh":
				phonetic = true
			case "t":
				inT = in && !phonetic
			case "rFont":
				if v := attr(t, "val"); legacyFont(v) {
					font = v
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				in = false
				wp.strings = append(wp.strings, text.String())
				wp.fonts = append(wp.fonts, font)
			case "rPh":
				phonetic = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				text.Write(t)
			}
		}
		return nil
	})
}

// readStyles reads which cell formats show dates and which fonts they use.
func (wp *workbookParts) readStyles(f *zip.File) error {
	formats := map[int]string{}
	var fonts []string
	inFonts, inXfs := false, false
	type xf struct{ numFmt, font int }
	var xfs []xf
	err := eachToken(f, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				formats[id] = attr(t, "formatCode")
			case "fonts":
				inFonts = true
			case "font":
				if inFonts {
					fonts = append(fonts, "")
				}
			case "name":
				if inFonts && len(fonts) > 0 {
					fonts[len(fonts)-1] = attr(t, "val")
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					n, _ := strconv.Atoi(attr(t, "numFmtId"))
					fo, _ := strconv.Atoi(attr(t, "fontId"))
					xfs = append(xfs, xf{n, fo})
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "fonts":
				inFonts = false
			case "cellXfs":
				inXfs = false
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, x := range xfs {
		s := cellStyle{date: dateFormat(x.numFmt, formats[x.numFmt]), pad: zeroPad(formats[x.numFmt])}
		if x.font >= 0 && x.font < len(fonts) && legacyFont(fonts[x.font]) {
			s.font = fonts[x.font]
		}
		wp.styles = append(wp.styles, s)
	}
	return nil
}

// dateFormat tells a format that shows a date: Excel's built-in date
// formats (14–22, 45–47 and the East Asian 27–36, 50–58), or a custom
// code with a day, month or year outside quotes and brackets ("[h]:mm"
// is a duration, "0.00" a number, "dd/mm/yyyy" a date).
func dateFormat(id int, code string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 45 && id <= 47, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	case code == "":
		return false
	}
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case bracket:
		case c == 'd' || c == 'D' || c == 'y' || c == 'Y':
			return true
		case c == 'm' || c == 'M':
			// m alone is minutes after h; with d or y around it is a month,
			// and those letters are found on their own.
		}
	}
	return false
}

// legacyFont is a font of the pre-Unicode Vietnamese encodings: TCVN3's
// .VnTime family or VNI's VNI-Times family.
func legacyFont(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	return strings.HasPrefix(n, ".vn") || strings.HasPrefix(n, "vni-") || strings.HasPrefix(n, "vni ")
}

// zeroPad is the width of a format of zeros only ("000000"), with which
// Excel shows 123 as 000123: the code a unit sees is the padded one.
func zeroPad(code string) int {
	if code == "" || strings.Trim(code, "0") != "" {
		return 0
	}
	return len(code)
}
