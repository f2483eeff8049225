package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/hcmc-thidua/thidua/internal/vntext"
)

// csvSniff is how much of a CSV file is looked at to tell its encoding.
const csvSniff = 1 << 20

// readCSV streams a CSV file to the sink, a record at a time: UTF-8 with
// or without a byte-order mark, or UTF-16 with one (what Excel's "Unicode
// text" writes) or without, decoded; separated by commas, semicolons
// (Excel's CSV where the decimal mark is a comma) or tabs, whichever the
// header row has most of. A file that is not UTF-8 in its first megabyte
// is read whole and decoded as Windows-1258 or, for TCVN3 and VNI text
// (which the columns' check then converts), Windows-1252, with a notice
// naming the encoding; one that turns out not to be UTF-8 further on is
// refused by checkRecord, never passed on.
func readCSV(r io.Reader, sink sheetSink) error {
	in := bufio.NewReaderSize(&capped{r: r, left: maxInflatedBytes}, 64<<10)
	var text io.Reader = in
	sink.startSheet("", false)
	note := func(msg string) {
		if b, ok := sink.(*tableBuilder); ok {
			b.fileNotices = append(b.fileNotices, Problem{Message: msg})
		}
	}
	switch bom, _ := in.Peek(3); {
	case bytes.HasPrefix(bom, []byte("\xef\xbb\xbf")):
		_, _ = in.Discard(3)
	case bytes.HasPrefix(bom, []byte("\xff\xfe")) || bytes.HasPrefix(bom, []byte("\xfe\xff")):
		// The decoder reads the mark for the byte order and drops it.
		text = transform.NewReader(in, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	default:
		head, _ := in.Peek(min(in.Size(), 4096))
		if le, ok := vntext.LooksUTF16(head); ok {
			order, name := unicode.BigEndian, "UTF-16 BE"
			if le {
				order, name = unicode.LittleEndian, "UTF-16 LE"
			}
			text = transform.NewReader(in, unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder())
			note("Tệp CSV được lưu theo bảng mã " + name + " (không có dấu BOM); đã đọc theo bảng mã đó.")
			break
		}
		big := bufio.NewReaderSize(in, csvSniff)
		peek, _ := big.Peek(csvSniff)
		text = big
		if !utf8.Valid(trimPartialRune(peek)) {
			all, err := io.ReadAll(big)
			if errors.Is(err, errCSVTooLarge) {
				return refuse("Tệp CSV lớn hơn %s MB; hãy chia thành nhiều tệp nhỏ hơn.", mb(maxInflatedBytes))
			}
			if err != nil {
				return err
			}
			decoded, name := vntext.DecodeBytes(all)
			text = strings.NewReader(decoded)
			note("Tệp CSV không được lưu theo bảng mã UTF-8 mà theo bảng mã " + name + "; đã đọc theo bảng mã đó. Hãy kiểm tra các chữ có dấu, và lần sau lưu tệp dạng “CSV UTF-8”.")
		}
	}
	lines := bufio.NewReaderSize(text, 64<<10)
	cr := csv.NewReader(lines)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.Comma = separator(lines)
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return sink.endSheet(sheetLayout{})
		}
		if errors.Is(err, errCSVTooLarge) {
			return refuse("Tệp CSV lớn hơn %s MB; hãy chia thành nhiều tệp nhỏ hơn.", mb(maxInflatedBytes))
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fileProblem("Tệp CSV sai định dạng ở dòng %d, cột %d: %s.", pe.Line, pe.Column, csvReason(pe.Err))
		}
		if err != nil {
			return fileProblem("Không đọc được tệp CSV (bảng mã hoặc định dạng không đúng): %v", err)
		}
		if err := sink.add(n, rec, nil); err != nil {
			return err
		}
	}
}

// trimPartialRune drops a rune the peek cut in half at its end.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote), errors.Is(err, csv.ErrBareQuote):
		return "dấu ngoặc kép (\") không khớp"
	case errors.Is(err, csv.ErrFieldCount):
		return "số cột không đúng"
	}
	return err.Error()
}

// separator is the one of ',', ';' and '\t' that the first line holds
// most of; ',' when none.
func separator(r *bufio.Reader) rune {
	head, _ := r.Peek(r.Size())
	first, _, _ := bytes.Cut(head, []byte("\n"))
	best, most := ',', bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > most {
			best, most = c, n
		}
	}
	return best
}

var errCSVTooLarge = errors.New("csv: larger than maxInflatedBytes")

// capped reads at most left bytes and then fails, where io.LimitReader
// would end the file early and a truncated file would import.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a file of exactly the cap from a larger one.
		var one [1]byte
		if n, _ := io.ReadFull(c.r, one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, errCSVTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
